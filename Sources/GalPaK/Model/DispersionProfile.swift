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

    /// σ² for rotation speeds `v` at radii whose inverses are `inverseR` (R > 0), scale height
    /// `hz`, four points at a time (σ² depends on v², so the sign of v does not matter).
    @inline(__always)
    func sigmaSquared(v: SIMD4<Double>, inverseR: SIMD4<Double>, hz: Double) -> SIMD4<Double> {
        switch self {
        case .thick:
            let s = hz * v * inverseR
            return s * s
        case .thin:
            return hz * v * v * inverseR
        }
    }
}
