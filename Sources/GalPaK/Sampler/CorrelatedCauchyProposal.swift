import Foundation

/// Multivariate Cauchy jumps along the posterior's correlations: `new = current + L · z / |w|`
/// with z ten independent standard normal deviates and w one more, i.e. a Student t step with
/// one degree of freedom (the multivariate Cauchy distribution) of scale matrix `L Lᵀ`, where L
/// (n × n for n parameters, row-major, lower-triangular) is the scaled Cholesky factor of the
/// parameters' covariance found by ``ScaleTuner``.
///
/// Disk parameters are strongly correlated (flux with radius, maximum velocity with inclination
/// and turnover radius), so independent jumps must be small in every direction to be accepted;
/// jumps shaped by the covariance can be as long as the posterior allows along each direction.
/// The heavy tail is in the jump's length only (one `1/|w|` for all parameters), not in each
/// parameter separately as with ten independent Cauchy steps, where almost every proposal has
/// one component far out in its tail (P(|c| > 3) = 0.2 per component) and is rejected — which
/// is what forces ``CauchyProposal``'s half-widths to stay tiny in ten dimensions.
/// The step distribution is symmetric, with density `f(d) ∝ (1 + |L⁻¹ d|²)^(−(k+1)/2)` over
/// the k parameters with a diagonal entry; the Hastings term left is that of the stored states'
/// images (``StateImages``). A parameter whose row of L is zero (a fixed parameter) is copied unchanged.
public struct CorrelatedCauchyProposal: Proposal, Equatable {
    /// L, row-major: `step[j] = Σ_i matrix[j·n + i] · z_i / |w|`.
    public var matrix: [Double]
    private var steps: [Double]
    private var images: StateImages

    /// The density, and so the Hastings term, is exact for a lower-triangular L with a zero row
    /// and column wherever its diagonal is 0 (a Cholesky factor of a covariance with fixed
    /// parameters, as every L here is); it reads the diagonal and below only.
    /// - Precondition: n² finite values, n ≥ 1.
    public init(matrix: [Double]) {
        let n = Int(Double(matrix.count).squareRoot().rounded())
        precondition(n >= 1 && n * n == matrix.count && matrix.allSatisfy(\.isFinite),
                     "CorrelatedCauchyProposal needs a finite n × n matrix")
        self.matrix = matrix
        steps = [Double](repeating: 0, count: n)
        images = StateImages(count: n)
    }

    public mutating func propose<G: RandomNumberGenerator>(
        from current: [Double], into proposed: inout [Double], within bounds: ParameterBounds, using generator: inout G
    ) -> Double {
        let n = steps.count
        let length = 1 / abs(generator.nextGaussian())
        for i in 0..<n { steps[i] = generator.nextGaussian() * length }
        for j in 0..<n {
            var step = 0.0
            for i in 0..<n { step += matrix[j * n + i] * steps[i] }
            proposed[j] = step == 0 ? current[j] : current[j] + step
        }
        let matrix = matrix
        return images.randomWalkLogRatio(from: current, to: proposed, within: bounds,
                                         moves: { matrix[$0 * n + $0] != 0 }) { from, to, solved in
            Self.logStepDensity(matrix, from: from, to: to, solved: &solved)
        }
    }

    /// `ln f(to − from)` up to a constant: `−(k+1)/2 · ln(1 + |L⁻¹ d|²)` over the k moved
    /// parameters, by forward substitution into `solved`.
    private static func logStepDensity(_ l: [Double], from: [Double], to: [Double], solved: inout [Double]) -> Double {
        let n = from.count
        var q = 0.0, k = 0
        for j in 0..<n where l[j * n + j] != 0 {
            var r = to[j] - from[j]
            for i in 0..<j where l[i * n + i] != 0 { r -= l[j * n + i] * solved[i] }
            solved[j] = r / l[j * n + j]
            q += solved[j] * solved[j]
            k += 1
        }
        return -0.5 * Double(k + 1) * Foundation.log1p(q)
    }

    /// Each parameter's marginal step scale (the half-width of its Cauchy marginal), `√(Σ_i L[j][i]²)`.
    public var scales: [Double] {
        let n = steps.count
        return (0..<n).map { j in (0..<n).reduce(0) { $0 + matrix[j * n + $1] * matrix[j * n + $1] }.squareRoot() }
    }
}
