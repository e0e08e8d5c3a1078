import Foundation

/// The circular speed v(R) of the disk at in-plane radius R (pixels), with x = R / rt
/// (rt = `turnover_radius`) and V = `maximum_velocity` (km/s):
///
/// - `tanh` (default): V·tanh(x)
/// - `arctan`:         V·(2/π)·atan(x)
/// - `exponential`:    V·(1 − e^(−x))
/// - `isothermal`:     V·√(1 − atan(x)/x)
/// - `nfw`:            V·√(g(x)/g(2.16)),  g(x) = [ln(1+x) − x/(1+x)] / x
/// - `burkert`:        V·√(h(x)/h(3.24)),  h(x) = [ln(1+x) + ½ln(1+x²) − atan(x)] / x
/// - `spano`:          V·√(asinh(x)/x − 1/(1+x²))
///
/// v(0) = 0 for every curve. These are the reference's formulas, term for term.
public enum RotationCurve: String, Sendable, CaseIterable {
    case tanh, arctan, exponential, isothermal
    case nfw = "NFW"
    case burkert = "Burkert"
    case spano = "Spano"

    /// g(2.16) of the NFW normalisation.
    @usableFromInline static let nfwNorm = nfwShape(2.16)
    /// h(3.24) of the Burkert normalisation.
    @usableFromInline static let burkertNorm = burkertShape(3.24)

    @usableFromInline static func nfwShape(_ x: Double) -> Double {
        (Foundation.log(1 + x) - x / (1 + x)) / x
    }

    @usableFromInline static func burkertShape(_ x: Double) -> Double {
        (Foundation.log(1 + x) + 0.5 * Foundation.log(1 + x * x) - Foundation.atan(x)) / x
    }

    /// v(R) in km/s for radius `r`, turnover radius `rt` (pixels) and amplitude `vmax` (km/s).
    @inlinable
    public func speed(_ r: Double, rt: Double, vmax: Double) -> Double {
        guard r > 0 else { return 0 }
        let x = r / rt
        switch self {
        case .tanh: return vmax * Foundation.tanh(x)
        case .arctan: return vmax * (2 / Double.pi) * Foundation.atan(x)
        case .exponential: return vmax * (1 - Foundation.exp(-x))
        case .isothermal: return vmax * (1 - Foundation.atan(x) / x).squareRoot()
        case .nfw: return vmax * (Self.nfwShape(x) / Self.nfwNorm).squareRoot()
        case .burkert: return vmax * (Self.burkertShape(x) / Self.burkertNorm).squareRoot()
        case .spano: return vmax * (Foundation.asinh(x) / x - 1 / (1 + x * x)).squareRoot()
        }
    }

    /// Parses the command-line spelling, case-insensitively (`tanh`, `nfw`, `Burkert`, ...).
    public init?(name: String) {
        guard let c = Self.allCases.first(where: { $0.rawValue.lowercased() == name.lowercased() }) else {
            return nil
        }
        self = c
    }
}
