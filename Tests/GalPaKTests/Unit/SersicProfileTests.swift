import Foundation
import Testing
@testable import GalPaK

/// `--flux-profile sersic`: ln I = −b_n((R/Re)^(1/n) − 1), b_n = 1.9992 n − 0.3271, n the
/// parameter `sersic_index`.
@Suite struct SersicProfileTests {
    /// A parameter set with index `n` (the other values do not enter the law).
    static func parameters(index n: Double) -> GalaxyParameters {
        var p = TestSupport.truth
        p[.sersicIndex] = n
        return p
    }

    @Test func theLogIntensityMatchesHandComputedValues() {
        // By hand: n = 1.5, b = 1.9992·1.5 − 0.3271 = 2.6717; at R = 2 Re,
        // 2^(1/1.5) = 1.587401052, ln I = −2.6717 · 0.587401052 = −1.5693594.
        let cases: [(n: Double, s: Double, expected: Double)] = [
            (1.5, 0.5, 0.9886344654979337), (1.5, 1, 0), (1.5, 2, -1.5693593905434382),
            (0.7, 0.5, 0.6739672209967212), (0.7, 2, -1.8141852251347617),
            (3, 0.5, 1.1698211674071621), (3, 2, -1.4738823134288785),
        ]
        for c in cases {
            let law = SurfaceBrightness(.sersic, Self.parameters(index: c.n))
            let re = 3.2
            #expect(abs(law.logIntensity(c.s * re, re: re) - c.expected) < 1e-12, "n \(c.n), R/Re \(c.s)")
            let four = law.logIntensities(SIMD4(repeating: c.s * re), inverseRe: 1 / re)
            #expect(abs(four[2] - c.expected) < 1e-12, "n \(c.n), R/Re \(c.s), four at once")
        }
    }

    @Test func fixedIndicesRenderAsTheFixedProfiles() {
        let nx = 16, ny = 14, nz = 20
        for (profile, n) in [(FluxProfile.exponential, 1.0), (.deVaucouleurs, 4), (.gaussian, 0.5), (.sersic2, 2)] {
            let fixed = DiskModel(nx: nx, ny: ny, nz: nz, velocityStep: 50, configuration: ModelConfiguration(fluxProfile: profile))
            let free = DiskModel(nx: nx, ny: ny, nz: nz, velocityStep: 50, configuration: ModelConfiguration(fluxProfile: .sersic))
            var p = TestSupport.truth
            (p[.x], p[.y], p[.z]) = (7.5, 6.8, 9.6)
            let a = fixed.render(p)
            p[.sersicIndex] = n
            let b = free.render(p)
            let peak = a.max()!
            let worst = zip(a, b).map { abs($0 - $1) }.max()!
            #expect(peak > 0 && worst < 1e-9 * peak, "\(profile.name): largest difference \(worst) of peak \(peak)")
        }
    }

    @Test func theModelAddsTheIndexAfterTheTen() {
        #expect(ModelConfiguration(fluxProfile: .sersic).parameters == ParameterName.reference + [.sersicIndex])
        #expect(ModelConfiguration(fluxProfile: .sersic2).parameters == ParameterName.reference)
        #expect(FluxProfile(name: "sersic") == .sersic && FluxProfile(name: "sersic2") == .sersic2)
        #expect(ModelConfiguration(fluxProfile: .sersic, rotationCurve: .mass).problem != nil)
    }
}
