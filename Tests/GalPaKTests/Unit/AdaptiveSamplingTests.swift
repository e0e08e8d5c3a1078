import Foundation
import Testing
@testable import GalPaK

/// The adaptive Cauchy proposal, the acceptance-rate tuner and Gaussian priors, on the toy
/// posterior ``ToyPosterior`` (independent Gaussians in x, y and flux).
@Suite struct AdaptiveSamplingTests {
    private var baseScales: [Double] {
        var s = [Double](repeating: 0, count: 10)
        s[ParameterName.x.knownIndex!] = 0.5
        s[ParameterName.y.knownIndex!] = 0.3
        s[ParameterName.flux.knownIndex!] = 10
        return s
    }

    @Test func adaptiveScalesFollowTheReferenceStages() {
        var proposal = AdaptiveCauchyProposal(baseScales: baseScales, names: ParameterName.reference)
        var rng = SeededGenerator(seed: 3)
        // 50 states: still the base scales.
        var state = ToyPosterior.mu.values
        for _ in 0..<50 {
            state[ParameterName.x.knownIndex!] = 15 + 2 * rng.nextGaussian()
            state[ParameterName.pa.knownIndex!] = wrapDegrees(5 * rng.nextGaussian())
            proposal.accepted(state)
        }
        #expect(proposal.scales == baseScales)
        // The 51st: 0.5 · std(last 50) / 10 for the free parameters, 0 for the fixed ones.
        state[ParameterName.x.knownIndex!] = 15 + 2 * rng.nextGaussian()
        proposal.accepted(state)
        #expect(proposal.acceptedCount == 51)
        #expect(proposal.scales[ParameterName.x.knownIndex!] > 0.5 * 1.5 / 10)
        #expect(proposal.scales[ParameterName.x.knownIndex!] < 0.5 * 2.5 / 10)
        #expect(proposal.scales[ParameterName.pa.knownIndex!] == 0, "a fixed parameter started moving")
        // y never changed in the window: its spread is 0, so it keeps its base scale.
        #expect(proposal.scales[ParameterName.y.knownIndex!] == 0.3)
        // After 2500 states the window is 1500 states and the gain 1.
        for _ in 0..<2500 {
            state[ParameterName.x.knownIndex!] = 15 + 2 * rng.nextGaussian()
            proposal.accepted(state)
        }
        #expect(abs(proposal.scales[ParameterName.x.knownIndex!] / (2.0 / 10) - 1) < 0.1)
    }

    @Test func adaptiveSpreadOfPAIgnoresTheWrapAt360() {
        var scales = [Double](repeating: 0, count: 10)
        scales[ParameterName.pa.knownIndex!] = 1
        var proposal = AdaptiveCauchyProposal(baseScales: scales, names: ParameterName.reference)
        var rng = SeededGenerator(seed: 4)
        var state = ToyPosterior.mu.values
        for _ in 0..<600 {
            state[ParameterName.pa.knownIndex!] = wrapDegrees(3 * rng.nextGaussian())  // around 0/360
            proposal.accepted(state)
        }
        // 0.8 · std(last 250) / 10 with std ≈ 3°, not ≈ 180°.
        #expect(abs(proposal.scales[ParameterName.pa.knownIndex!] - 0.8 * 3 / 10) < 0.05)
    }

    @Test func adaptiveSamplerRecoversTheGaussians() throws {
        let bounds = try ToyPosterior.sampler(settings: SamplerSettings()).bounds
        let sampler = MetropolisSampler(bounds: bounds, proposal: AdaptiveCauchyProposal(baseScales: baseScales, names: ParameterName.reference),
                                        degreesOfFreedom: 100, settings: SamplerSettings(iterations: 12000))
        var rng = SeededGenerator(seed: 5)
        let result = try sampler.run(from: ToyPosterior.start, using: &rng, objective: ToyPosterior.chi2)
        let summary = try ChainSummary(chain: result.chain, fraction: 50)
        for (name, sd) in ToyPosterior.sigma {
            #expect(abs(summary.estimate.value[name] - ToyPosterior.mu[name]) < 0.25 * sd)
            #expect(abs(summary.estimate.stdev[name] / sd - 1) < 0.2, "\(name.key) std \(summary.estimate.stdev[name])")
        }
    }

    /// From half-widths far too large, far too small, or badly shaped, the tuner finds ones
    /// whose main run accepts 30–50 % of its proposals, shaped like the posterior.
    @Test(arguments: [[50.0, 50, 50], [0.01, 0.01, 0.01], [0.002, 10, 1]])
    func autoScaleReachesTheTargetAcceptance(mistuning: [Double]) throws {
        let bounds = try ToyPosterior.sampler(settings: SamplerSettings()).bounds
        var scales = baseScales
        for (i, name) in [ParameterName.x, .y, .flux].enumerated() { scales[name.knownIndex!] *= mistuning[i] }
        var rng = SeededGenerator(seed: 6)
        let outcome = try ScaleTuner().tune(
            bounds: bounds, degreesOfFreedom: 100, scales: scales, proposal: { m, _ in CorrelatedCauchyProposal(matrix: m) },
            from: ToyPosterior.start, using: &rng, objective: ToyPosterior.chi2)
        #expect(outcome.converged, "no convergence in \(outcome.rounds) rounds")
        #expect(outcome.shapeSource == .curvature)
        #expect(abs(outcome.acceptance - 0.4) <= 0.05)
        // The shape follows the posterior's standard deviations (0.5, 0.3, 10).
        let x = outcome.scales[ParameterName.x.knownIndex!], flux = outcome.scales[ParameterName.flux.knownIndex!]
        #expect(abs((x / flux) / 0.05 - 1) < 0.01, "x/flux half-widths \(x / flux)")
        #expect(outcome.scales[ParameterName.pa.knownIndex!] == 0, "a fixed parameter was given a scale")
        let main = MetropolisSampler(bounds: bounds, proposal: CorrelatedCauchyProposal(matrix: outcome.matrix),
                                     degreesOfFreedom: 100, settings: SamplerSettings(iterations: 4000))
        let result = try main.run(from: outcome.finalParameters, using: &rng, objective: ToyPosterior.chi2)
        let rate = result.progress.acceptanceRate
        #expect(rate >= 0.30 && rate <= 0.50, "main-run acceptance \(rate)")
    }

    @Test func gaussianPriorWrapsPAAndSumsSquares() {
        var priors = GaussianPriors()
        #expect(priors.isEmpty)
        priors.set(.pa, mean: 350, sigma: 10)
        priors.set(.inclination, mean: 60, sigma: 5)
        var p = ToyPosterior.mu
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

    /// On a quadratic −2 log posterior the Laplace covariance is exact: 2 H⁻¹ = Σ.
    @Test func curvatureGivesTheCovarianceOfAGaussian() throws {
        // χ² = dᵀ Σ⁻¹ d for x, flux (correlated, ρ = 0.6) and y.
        let (sx, sf, sy, rho) = (0.5, 10.0, 0.3, 0.6)
        let chi2 = { (p: GalaxyParameters) -> Double in
            let dx = (p.x - 15) / sx, df = (p.flux - 100) / sf, dy = (p.y - 14) / sy
            return (dx * dx - 2 * rho * dx * df + df * df) / (1 - rho * rho) + dy * dy
        }
        var free = [Bool](repeating: false, count: 10)
        for name in [ParameterName.x, .y, .flux] { free[name.knownIndex!] = true }
        let steps = (0..<10).map { free[$0] ? 0.3 : 0 }
        let covariance = try #require(try Curvature.covariance(at: ToyPosterior.mu, steps: steps, free: free, f: chi2))
        let (x, f, y) = (ParameterName.x.knownIndex!, ParameterName.flux.knownIndex!, ParameterName.y.knownIndex!)
        #expect(abs(covariance[x * 10 + x] - sx * sx) < 1e-6)
        #expect(abs(covariance[f * 10 + f] - sf * sf) < 1e-4)
        #expect(abs(covariance[x * 10 + f] - rho * sx * sf) < 1e-6)
        #expect(abs(covariance[y * 10 + y] - sy * sy) < 1e-6 && abs(covariance[x * 10 + y]) < 1e-9)
        #expect(covariance[ParameterName.pa.knownIndex! * 11] == 0)
        // Not at a minimum (negative curvature): no covariance.
        #expect(try Curvature.covariance(at: ToyPosterior.mu, steps: steps, free: free, f: { -chi2($0) }) == nil)
    }
}

@Suite struct CorrelatedCauchyProposalTests {
    @Test func stepsAreCauchyAlongTheMatrixAndZeroRowsNeverMove() {
        var matrix = [Double](repeating: 0, count: 100)
        matrix[ParameterName.x.knownIndex! * 11] = 0.5
        matrix[ParameterName.flux.knownIndex! * 10 + ParameterName.x.knownIndex!] = 20  // flux moves with x
        var proposal = CorrelatedCauchyProposal(matrix: matrix)
        #expect(proposal.scales[ParameterName.x.knownIndex!] == 0.5 && proposal.scales[ParameterName.flux.knownIndex!] == 20)
        var rng = SeededGenerator(seed: 8)
        let current = ToyPosterior.mu.values
        var proposed = current
        var steps: [Double] = []
        for _ in 0..<20000 {
            _ = proposal.propose(from: current, into: &proposed, within: IndependentTProposalTests.wide, using: &rng)
            let dx = proposed[ParameterName.x.knownIndex!] - current[ParameterName.x.knownIndex!]
            steps.append(abs(dx))
            #expect(abs((proposed[ParameterName.flux.knownIndex!] - current[ParameterName.flux.knownIndex!]) - 40 * dx) < 1e-9)
            #expect(proposed[ParameterName.pa.knownIndex!] == current[ParameterName.pa.knownIndex!])
        }
        // The median |step| of a Cauchy of half-width 0.5 is 0.5.
        steps.sort()
        #expect(abs(steps[steps.count / 2] / 0.5 - 1) < 0.05, "median step \(steps[steps.count / 2])")
    }
}
