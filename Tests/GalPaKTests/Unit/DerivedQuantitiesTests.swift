import Foundation
import Testing
@testable import GalPaK

@Suite struct DerivedQuantitiesTests {
    /// astropy `FlatLambdaCDM(H0=67.74, Om0=0.3089)`: comoving distance (Mpc) and proper kpc/arcsec.
    @Test(arguments: [(0.01, 44.15360492340008, 0.2119432845264329), (0.5, 1945.6515917117242, 6.28852340222926),
                      (1.0, 3396.210970840688, 8.232647712989325), (4.0, 7341.245122727283, 7.118272143753683)])
    func cosmologyMatchesAstropy(z: Double, comoving: Double, kpcPerArcsec: Double) {
        let c = FlatLambdaCDM.planck15
        #expect(abs(c.comovingDistance(redshift: z) / comoving - 1) < 1e-9)
        #expect(abs(c.kiloparsecsPerArcsecond(redshift: z) / kpcPerArcsec - 1) < 1e-9)
    }

    @Test func derivedValuesFromAChain() throws {
        var chain = Chain()
        for (vmax, sigma) in [(200.0, 40.0), (210.0, 42.0), (190.0, 38.0)] {
            chain.append(GalaxyParameters(x: 10, y: 10, z: 10, flux: 1, radius: 4, inclination: 60, pa: 30,
                                          turnoverRadius: 1, maximumVelocity: vmax, velocityDispersion: sigma),
                         reducedChi2: 1)
        }
        let summary = try ChainSummary(chain: chain, fraction: 100)
        let d = DerivedQuantities(chains: [chain], summary: summary, rotationCurve: .tanh, pixscale: 0.2, redshift: 0.5)
        // v(2.2 · 4 / 1.68) for tanh with rt = 1: 200 · tanh(5.238…) (median row).
        #expect(abs(d.v22.value - 200 * tanh(2.2 * 4 / 1.68)) < 1e-9)
        #expect(abs(d.vmaxOverSigma0.value - 5) < 1e-12 && d.vmaxOverSigma0.stdev < 1e-12)
        let scale = FlatLambdaCDM.planck15.kiloparsecsPerArcsecond(redshift: 0.5)
        #expect(abs(d.radiusKpc!.value - 4 * 0.2 * scale) < 1e-12)
        #expect(abs(d.turnoverRadiusKpc!.value - 0.2 * scale) < 1e-12)
        // Mdyn = v² R / G with v = v(Re) in km/s and R in kpc: 200 km/s at 1 kpc ≈ 9.30e9 Msun.
        #expect(abs(DerivedQuantities.dynamicalMass(speed: 200, radiusKpc: 1) / 9.2995e9 - 1) < 1e-3)
        // With pressure support (Burkert et al. 2010): v_c(Re)² = v(Re)² + 2σ0²·Re/Rd, Re/Rd = 1.678:
        // v(Re) = 200 tanh 4 = 199.8659 km/s, v_c = √(199.8659² + 2·40²·1.678) = 212.8755 km/s.
        #expect(abs(PressureSupport.circularSpeed(rotation: 200 * tanh(4.0), dispersion: 40, radius: 4, halfLightRadius: 4)
                    - 212.87546118) < 1e-6)
        #expect(abs(d.dynamicalMass!.value / DerivedQuantities.dynamicalMass(speed: 212.87546118, radiusKpc: 0.8 * scale) - 1) < 1e-8)
        // The reference's, from v(Re) itself.
        #expect(abs(d.rotationDynamicalMass!.value / DerivedQuantities.dynamicalMass(speed: 200 * tanh(4.0), radiusKpc: 0.8 * scale) - 1) < 1e-12)
        #expect(d.text.contains("Mdyn(<Re) (from Vc(Re), with pressure support)") && d.text.contains("Vc(2.2 Rd)"))
        // Vc(2.2 Rd) at R = 2.2·4/1.68 = 5.2381 px: √(199.9887² + 2·40²·5.2381·1.678/4) = 216.8573 km/s.
        #expect(abs(d.vc22.value - 216.85734323) < 1e-6, "\(d.vc22.value)")
        let noRedshift = DerivedQuantities(chains: [chain], summary: summary, rotationCurve: .tanh, pixscale: 0.2, redshift: nil)
        #expect(noRedshift.radiusKpc == nil && noRedshift.dynamicalMass == nil)
    }

    /// σ0 at its minimum 0 (a cold disk: CO on NGC 4047 with --optimize) makes Vmax/σ0 infinite;
    /// the text says so instead of printing `inf ± -nan`.
    @Test func infiniteRatioIsStatedNotPrinted() throws {
        var chain = Chain()
        for vmax in [200.0, 210.0, 190.0] {
            chain.append(GalaxyParameters(x: 10, y: 10, z: 10, flux: 1, radius: 4, inclination: 60, pa: 30,
                                          turnoverRadius: 1, maximumVelocity: vmax, velocityDispersion: 0),
                         reducedChi2: 1)
        }
        let d = DerivedQuantities(chains: [chain], summary: try ChainSummary(chain: chain, fraction: 100),
                                  rotationCurve: .tanh, pixscale: 0.2, redshift: nil)
        #expect(!d.vmaxOverSigma0.value.isFinite)
        #expect(d.text.contains("Vmax/sigma0: not finite (a parameter it divides by is 0)"), "\(d.text)")
        #expect(!d.text.contains("nan") && !d.text.contains("inf"), "\(d.text)")
    }
}
