import Foundation

/// The affine-invariant stretch move (Goodman & Weare 2010, eq. 7; emcee's `StretchMove`):
/// for walker X_k, a partner X_j from the complementary half chosen uniformly, and
///
///     Y = X_j + z (X_k − X_j),   z ~ g(z) ∝ 1/√z on [1/a, a],
///
/// drawn as `z = ((a − 1) U + 1)² / a`. Y is accepted with probability
/// `min(1, z^{n−1} p(Y)/p(X_k))` (n the dimension), so the log ratio is `(n − 1) ln z`.
public struct StretchMove: EnsembleMove {
    /// Goodman & Weare's and emcee's a.
    public static let defaultScale = 2.0
    /// The stretch scale a > 1.
    public let a: Double

    /// - Precondition: `a > 1`.
    public init(a: Double = defaultScale) {
        precondition(a > 1, "the stretch scale a must exceed 1")
        self.a = a
    }

    public func propose<G: RandomNumberGenerator>(walker: Int, complement: Range<Int>, positions: [Double],
                                                  dimension d: Int, into proposal: inout [Double],
                                                  using generator: inout G) -> Double {
        let partner = complement.lowerBound + Int(generator.next() % UInt64(complement.count))
        let root = (a - 1) * generator.nextOpenUnitInterval() + 1
        let z = root * root / a
        for i in 0..<d {
            let anchor = positions[partner * d + i]
            proposal[i] = anchor + z * (positions[walker * d + i] - anchor)
        }
        return Double(d - 1) * Foundation.log(z)
    }
}
