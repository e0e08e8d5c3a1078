import Foundation

/// The surface-brightness law of one render: a fixed ``FluxProfile`` (its own fast arithmetic),
/// or `sersic` with the index n of the rendered parameters,
///
///     ln I(R) = −b_n · ((R / Re)^(1/n) − 1),   b_n = 1.9992·n − 0.3271,
///
/// the fixed profiles' law and b_n approximation (so n = 1 renders as `exponential` and n = 4
/// as `de_vaucouleurs`, to rounding), with `(R/Re)^(1/n)` from `pow`. The approximation keeps
/// Re the half-light radius to about 1 % for 0.5 ≤ n ≤ 8 (b_n > 0 needs n > 0.164).
struct SurfaceBrightness {
    let profile: FluxProfile
    /// 1/n and b_n of `sersic` (unused for a fixed profile).
    let inverseIndex: Double, bn: Double

    /// The law of `profile` for the parameters `p` (`sersic` reads n = `p[.sersicIndex]`).
    init(_ profile: FluxProfile, _ p: GalaxyParameters) {
        self.profile = profile
        let n = p[.sersicIndex]
        inverseIndex = 1 / n
        bn = FluxProfile.bn(index: n)
    }

    /// `ln I(r)` (see the type's documentation).
    @inline(__always)
    func logIntensity(_ r: Double, re: Double) -> Double {
        guard profile == .sersic else { return profile.logIntensity(r, re: re) }
        return -bn * (Foundation.pow(r / re, inverseIndex) - 1)
    }

    /// `ln I(r)` of four radii at once, with `1/re` instead of a division per point.
    @inline(__always)
    func logIntensities(_ r: SIMD4<Double>, inverseRe: Double) -> SIMD4<Double> {
        guard profile == .sersic else { return profile.logIntensities(r, inverseRe: inverseRe) }
        let s = r * inverseRe
        let p = SIMD4(Foundation.pow(s[0], inverseIndex), Foundation.pow(s[1], inverseIndex),
                      Foundation.pow(s[2], inverseIndex), Foundation.pow(s[3], inverseIndex))
        return -bn * (p - 1)
    }
}
