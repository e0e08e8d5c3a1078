import Foundation

/// The local velocity dispersion a disk of finite thickness adds to the constant sigma0,
/// from the rotation speed v at in-plane radius R and the scale height hz = q·Re (pixels):
///
/// - `thick` (default): σ = hz · v / R
/// - `thin`:            σ = √(hz · v² / R)
///
/// Undefined at R = 0, where the renderer leaves the point out (the reference's NaN-sums).
public enum DispersionProfile: String, Sendable, CaseIterable {
    case thick, thin

    /// σ² for rotation speed `v` at a radius whose inverse is `inverseR` (R > 0), scale height `hz`.
    @inlinable
    public func sigmaSquared(v: Double, inverseR: Double, hz: Double) -> Double {
        switch self {
        case .thick:
            let s = hz * v * inverseR
            return s * s
        case .thin:
            return hz * v * v * inverseR
        }
    }

}
