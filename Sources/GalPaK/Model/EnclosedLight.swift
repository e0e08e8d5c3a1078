import Foundation

/// The cumulative light ("mass") profiles m(<R) behind the `mass` rotation curve, as the
/// reference writes them (`_fv_newton`), in x = R / Re:
///
/// - `exponential`:    `1 − (1 + ρ)·e^(−ρ)`, ρ = 1.68·x
/// - `gaussian`:       `1 − exp(−x² / (2·(2/2.35)²))`
/// - `de_vaucouleurs`: `F(x) − F(0)`, `F(x) = −4·(5040 + 5040 s + 2520 s² + 840 s³ + 210 s⁴
///   + 42 s⁵ + 7 s⁶ + s⁷)·e^(−s)`, s = x^(1/4) (the reference's closed form, which has no b₄)
///
/// The normalisations differ between profiles; they cancel in the curve, which is rescaled.
/// `sersicN2` has no such profile in the reference (it refuses the combination), nor here, nor
/// has `sersic` (free n).
extension FluxProfile {
    /// Whether the `mass` rotation curve is defined with this flux profile.
    public var hasEnclosedLight: Bool { self != .sersic2 && self != .sersic }

    /// m(<x·Re); 0 for `sersicN2` and `sersic` (see ``hasEnclosedLight``).
    @inlinable
    public func enclosedLight(_ x: Double) -> Double {
        switch self {
        case .exponential:
            let rho = 1.68 * x
            return 1 - rho * Foundation.exp(-rho) - Foundation.exp(-rho)
        case .gaussian:
            let s = 2 / 2.35
            return 1 - Foundation.exp(-x * x / (2 * s * s))
        case .deVaucouleurs:
            return Self.deVaucouleursIntegral(x) - Self.deVaucouleursIntegral(0)
        case .sersic2, .sersic:
            return 0
        }
    }

    @usableFromInline static func deVaucouleursIntegral(_ x: Double) -> Double {
        let s = x.squareRoot().squareRoot()
        let poly = 5040 + s * (5040 + s * (2520 + s * (840 + s * (210 + s * (42 + s * (7 + s))))))
        return -4 * poly * Foundation.exp(-s)
    }

    /// The x = R/Re where `m(<x)/x` (hence the `mass` curve's speed) peaks: 1.0674 for
    /// exponential, 1.3492 for gaussian, 568.4 for de Vaucouleurs; found once by a golden-section
    /// search in ln x over [1e-3, 1e6] (each curve rises then falls once), to 1e-12 relative.
    public var enclosedLightPeak: Double {
        switch self {
        case .exponential: Self.exponentialPeak
        case .gaussian: Self.gaussianPeak
        case .deVaucouleurs: Self.deVaucouleursPeak
        case .sersic2, .sersic: .nan
        }
    }

    private static let exponentialPeak = FluxProfile.exponential.searchEnclosedLightPeak()
    private static let gaussianPeak = FluxProfile.gaussian.searchEnclosedLightPeak()
    private static let deVaucouleursPeak = FluxProfile.deVaucouleurs.searchEnclosedLightPeak()

    private func searchEnclosedLightPeak() -> Double {
        let g = { (t: Double) -> Double in let x = Foundation.exp(t); return enclosedLight(x) / x }
        let ratio = (5.0.squareRoot() - 1) / 2
        var (a, b) = (Foundation.log(1e-3), Foundation.log(1e6))
        var c = b - ratio * (b - a), d = a + ratio * (b - a)
        var gc = g(c), gd = g(d)
        while b - a > 1e-12 {
            if gc > gd {
                b = d; d = c; gd = gc
                c = b - ratio * (b - a); gc = g(c)
            } else {
                a = c; c = d; gc = gd
                d = a + ratio * (b - a); gd = g(d)
            }
        }
        return Foundation.exp((a + b) / 2)
    }
}
