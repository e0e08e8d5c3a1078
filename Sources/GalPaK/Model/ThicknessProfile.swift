import Foundation

/// The vertical profile of the disk, a factor T(Z) on the emissivity at height Z above the
/// mid-plane, with scale height `hz = q · Re` (q = aspect ratio, 0.15 by default):
///
/// - `gaussian`:    h = hz/1.17, T = exp(−Z²/2h²) / (√(2π)·h)
/// - `exponential`: h = hz/0.69, T = exp(−|Z|/h) / 2h
/// - `sech2`:       h = hz/0.88, T = sech²(Z/h) / 2h
/// - `none`:        T = 1 (a cylinder through the whole line-of-sight grid)
public enum ThicknessProfile: String, Sendable, CaseIterable {
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

    /// `ln` of the normalisation: −ln(√(2π)·h), −ln(2h), −ln(2h), 0.
    public func logNormalization(h: Double) -> Double {
        switch self {
        case .gaussian: -Foundation.log((2 * Double.pi).squareRoot() * h)
        case .exponential, .sech2: -Foundation.log(2 * h)
        case .none: 0
        }
    }
}
