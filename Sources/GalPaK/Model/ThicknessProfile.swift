import Foundation

/// The vertical profile of the disk, a factor T(Z) on the emissivity at height Z above the
/// mid-plane, with scale height `hz = q · Re` (q = aspect ratio, ``ModelDefaults/aspect`` by default):
///
/// - `gaussian`:    h = hz/1.17, T = exp(−Z²/2h²) / (√(2π)·h)
/// - `exponential`: h = hz/0.69, T = exp(−|Z|/h) / 2h
/// - `sech2`:       h = hz/0.88, T = sech²(Z/h) / 2h
/// - `none`:        T = 1 (a cylinder through the whole line-of-sight grid)
public enum ThicknessProfile: String, NamedChoice {
    case gaussian, exponential, sech2, none

    /// The profile's own scale length for a disk scale height `hz`.
    @inlinable
    public func scale(hz: Double) -> Double {
        switch self {
        case .gaussian: hz / 1.17
        case .exponential: hz / 0.69
        case .sech2: hz / 0.88
        case .none: hz
        }
    }

    /// `ln T(Z) = logShape(Z/h) + logNormalization(h)`, split so that a renderer computes the
    /// normalisation once per model rather than once per point.
    @inlinable
    public func logShape(_ t: Double) -> Double {
        switch self {
        case .gaussian: -0.5 * t * t
        case .exponential: -Swift.abs(t)
        case .sech2: -2 * Foundation.log(Foundation.cosh(t))
        case .none: 0
        }
    }

    /// `logShape(t)` of four scaled heights at once, the same arithmetic per lane.
    @inline(__always)
    func logShapes(_ t: SIMD4<Double>) -> SIMD4<Double> {
        switch self {
        case .gaussian: return -0.5 * t * t
        case .exponential: return t.replacing(with: -t, where: t .> 0)
        case .sech2: return SIMD4(logShape(t[0]), logShape(t[1]), logShape(t[2]), logShape(t[3]))
        case .none: return SIMD4()
        }
    }

    /// The largest |t| at which `logShape(t) ≥ minimum` (a non-positive log ratio), or +∞ for
    /// `none`: a renderer skips the heights beyond, where the disk is negligible. Rounded up
    /// by a relative 1e-9 so that no height at the limit is lost to rounding.
    public func largestScaledHeight(aboveLogShape minimum: Double) -> Double {
        let m = Swift.min(minimum, 0)
        let t: Double
        switch self {
        case .gaussian: t = (-2 * m).squareRoot()
        case .exponential: t = -m
        // sech²(t) ≥ e^m  ⇔  cosh t ≤ e^(−m/2);  acosh(y) = ln(y + √(y² − 1)) ≤ ln(2y).
        case .sech2: t = Foundation.log(2) - m / 2
        case .none: return .infinity
        }
        return t * (1 + 1e-9) + 1e-9
    }

    /// `ln` of the normalisation: −ln(√(2π)·h), −ln(2h), −ln(2h), 0.
    public func logNormalization(h: Double) -> Double {
        switch self {
        case .gaussian: -Foundation.log((2 * Double.pi).squareRoot() * h)
        case .exponential, .sech2: -Foundation.log(2 * h)
        case .none: 0
        }
    }
}
