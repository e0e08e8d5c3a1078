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

    /// `ln T(Z)` for the profile scale `h` returned by ``scale(hz:)``.
    @inlinable
    public func logFactor(_ z: Double, h: Double) -> Double {
        switch self {
        case .gaussian:
            return -0.5 * (z * z) / (h * h) - Foundation.log((2 * Double.pi).squareRoot() * h)
        case .exponential:
            return -Swift.abs(z) / h - Foundation.log(2 * h)
        case .sech2:
            return -2 * Foundation.log(Foundation.cosh(z / h)) - Foundation.log(2 * h)
        case .none:
            return 0
        }
    }

    /// T(Z) for the profile scale `h` returned by ``scale(hz:)``.
    @inlinable
    public func factor(_ z: Double, h: Double) -> Double {
        switch self {
        case .gaussian:
            return Foundation.exp(-0.5 * (z * z) / (h * h)) / ((2 * Double.pi).squareRoot() * h)
        case .exponential:
            return Foundation.exp(-Swift.abs(z) / h) / (2 * h)
        case .sech2:
            let c = Foundation.cosh(z / h)
            return 1 / (c * c) / (2 * h)
        case .none:
            return 1
        }
    }
}
