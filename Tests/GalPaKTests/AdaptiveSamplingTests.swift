import Foundation
import Testing
@testable import GalPaK

/// The adaptive Cauchy proposal, the acceptance-rate tuner and Gaussian priors, on the toy
/// posterior of ``MetropolisSamplerTests`` (independent Gaussians in x, y and flux).
@Suite struct AdaptiveSamplingTests {
    private var baseScales: [Double] {
        var s = [Double](repeating: 0, count: 10)
        s[ParameterName.x.rawValue] = 0.5
        s[ParameterName.y.rawValue] = 0.3
        s[ParameterName.flux.rawValue] = 10
        return s
    }

    @Test func adaptiveScalesFollowTheReferenceStages() {
        var proposal = AdaptiveCauchyProposal(baseScales: baseScales)
        var rng = SeededGenerator(seed: 3)
        // 50 states: still the base scales.
        var state = MetropolisSamplerTests.mu.values
        for _ in 0..<50 {
            state[ParameterName.x.rawValue] = 15 + 2 * rng.nextGaussian()
            state[ParameterName.pa.rawValue] = wrapDegrees(5 * rng.nextGaussian())
            proposal.accepted(state)
        }
        #expect(proposal.scales == baseScales)
        // The 51st: 0.5 · std(last 50) / 10 for the free parameters, 0 for the fixed ones.
        state[ParameterName.x.rawValue] = 15 + 2 * rng.nextGaussian()
        proposal.accepted(state)
        #expect(proposal.acceptedCount == 51)
        #expect(proposal.scales[ParameterName.x.rawValue] > 0.5 * 1.5 / 10)
        #expect(proposal.scales[ParameterName.x.rawValue] < 0.5 * 2.5 / 10)
        #expect(proposal.scales[ParameterName.pa.rawValue] == 0, "a fixed parameter started moving")
        // y never changed in the window: its spread is 0, so it keeps its base scale.
        #expect(proposal.scales[ParameterName.y.rawValue] == 0.3)
        // After 2500 states the window is 1500 states and the gain 1.
        for _ in 0..<2500 {
            state[ParameterName.x.rawValue] = 15 + 2 * rng.nextGaussian()
            proposal.accepted(state)
        }
        #expect(abs(proposal.scales[ParameterName.x.rawValue] / (2.0 / 10) - 1) < 0.1)
    }

    @Test func adaptiveSpreadOfPAIgnoresTheWrapAt360() {
        var scales = [Double](repeating: 0, count: 10)
        scales[ParameterName.pa.rawValue] = 1
        var proposal = AdaptiveCauchyProposal(baseScales: scales)
        var rng = SeededGenerator(seed: 4)
        var state = MetropolisSamplerTests.mu.values
        for _ in 0..<600 {
            state[ParameterName.pa.rawValue] = wrapDegrees(3 * rng.nextGaussian())  // around 0/360
            proposal.accepted(state)
        }
        // 0.8 · std(last 250) / 10 with std ≈ 3°, not ≈ 180°.
        #expect(abs(proposal.scales[ParameterName.pa.rawValue] - 0.8 * 3 / 10) < 0.05)
    }

    @Test func adaptiveSamplerRecoversTheGaussians() throws {
        let bounds = try MetropolisSamplerTests.sampler(settings: SamplerSettings()).bounds
        let sampler = MetropolisSampler(bounds: bounds, proposal: AdaptiveCauchyProposal(baseScales: baseScales),
                                        degreesOfFreedom: 100, settings: SamplerSettings(iterations: 12000))
        var rng = SeededGenerator(seed: 5)
        let result = try sampler.run(from: MetropolisSamplerTests.start, using: &rng, objective: MetropolisSamplerTests.chi2)
        let summary = try ChainSummary(chain: result.chain, fraction: 50)
        for (name, sd) in MetropolisSamplerTests.sigma {
            #expect(abs(summary.estimate.value[name] - MetropolisSamplerTests.mu[name]) < 0.15 * sd)
            #expect(abs(summary.estimate.stdev[name] / sd - 1) < 0.2, "\(name.key) std \(summary.estimate.stdev[name])")
        }
    }

    /// Starting from scales 50 times too large (acceptance ≈ 1 %), the tuner finds a
    /// multiplier whose main run accepts 30–50 % of its proposals.
    @Test(arguments: [50.0, 0.01])
    func autoScaleReachesTheTargetAcceptance(mistuning: Double) throws {
        let bounds = try MetropolisSamplerTests.sampler(settings: SamplerSettings()).bounds
        let scales = baseScales.map { $0 * mistuning }
        var rng = SeededGenerator(seed: 6)
        let outcome = try ScaleTuner().tune(
            bounds: bounds, degreesOfFreedom: 100, proposal: { f in CauchyProposal(scales: scales.map { $0 * f }) },
            from: MetropolisSamplerTests.start, using: &rng, objective: MetropolisSamplerTests.chi2)
        #expect(outcome.converged, "no convergence in \(outcome.rounds) rounds")
        #expect(abs(outcome.acceptance - 0.4) <= 0.05)
        let main = MetropolisSampler(bounds: bounds, proposal: CauchyProposal(scales: scales.map { $0 * outcome.factor }),
                                     degreesOfFreedom: 100, settings: SamplerSettings(iterations: 4000))
        let result = try main.run(from: outcome.finalParameters, using: &rng, objective: MetropolisSamplerTests.chi2)
        let rate = result.progress.acceptanceRate
        #expect(rate >= 0.30 && rate <= 0.50, "main-run acceptance \(rate) with factor \(outcome.factor)")
    }

    @Test func gaussianPriorWrapsPAAndSumsSquares() {
        var priors = GaussianPriors()
        #expect(priors.isEmpty)
        priors.set(.pa, mean: 350, sigma: 10)
        priors.set(.inclination, mean: 60, sigma: 5)
        var p = MetropolisSamplerTests.mu
        p[.pa] = 5
        p[.inclination] = 50
        // PA: (5 − 350) wraps to 15 → z 1.5; inclination z −2: −½(2.25 + 4).
        #expect(abs(priors.logDensity(p) - -3.125) < 1e-12)
    }

    @Test func boundsTreatPACircularly() throws {
        let b = try ParameterBounds.defaults(nx: 30, ny: 30, nz: 36, fluxEstimate: 100)
            .merging(min: { var p = GalaxyParameters.missing; p[.pa] = -30; return p }(),
                     max: { var p = GalaxyParameters.missing; p[.pa] = 30; return p }())
        #expect(b.contains(350, for: .pa) && b.contains(10, for: .pa))
        #expect(!b.contains(200, for: .pa) && !b.contains(.nan, for: .pa))
        #expect(!b.contains(-30.5, for: .inclination) && b.contains(-5, for: .inclination))
        // A PA fixed below 0 stays reachable once stored wrapped to [0, 360).
        var known = GalaxyParameters.missing
        known[.pa] = -20
        #expect(b.fixing(known).contains(340, for: .pa))
    }
}
