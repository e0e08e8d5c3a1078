import Foundation

/// The local velocity dispersion a disk of finite thickness adds to the constant sigma0,
/// from the rotation speed v at in-plane radius R and the scale height hz = q·Re (pixels):
///
/// - `thick` (default): σ = hz · v / R
/// - `thin`:            σ = √(hz · v² / R)
///
/// Undefined at R = 0, where the renderer leaves the point out (the reference's NaN-sums).
public enum DispersionProfile: String, NamedChoice {
    case thick, thin

    /// σ² at four points at once from the angular speed ω = v/R (km/s per pixel), the radius R
    /// and the scale height `hz`: (hz·ω)² or hz·ω²·R; 0 where ω = 0.
    @inline(__always)
    func sigmaSquared(angularSpeed omega: SIMD4<Double>, radius r: SIMD4<Double>, hz: Double) -> SIMD4<Double> {
        switch self {
        case .thick:
            let s = hz * omega
            return s * s
        case .thin:
            return hz * omega * omega * r
        }
    }
}
