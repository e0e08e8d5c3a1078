import Foundation
import Testing
@testable import GalPaK

/// The run-until-converged machinery: segmented Metropolis runs, the R̂/ESS target, and
/// ChainRunner's checkpoints and retunes, on toy posteriors (no disk model).
/// Independent Gaussians in x, y and flux (σ 0.5, 0.3, 10); everything else fixed.
private typealias toy = ToyPosterior

@Suite struct ConvergenceStoppingTests {
    static func constraints() throws -> ParameterConstraints {
        let bounds = try ParameterBounds(
            min: GalaxyParameters([0, 0, 0, 0, 0.8, -5, -40, 0.01, 10, 0]),
            max: GalaxyParameters([30, 30, 30, 1000, 12, 90.5, 400, 6, 350, 180])
        ).fixing(toy.known)
        return ParameterConstraints(bounds: bounds, fixed: toy.known)
    }

    static func setup(iterations: Int, convergence: ConvergenceTarget?,
                      chi2: @escaping @Sendable (GalaxyParameters) -> Double = { toy.chi2($0) },
                      start: GalaxyParameters = toy.start) throws -> ChainRunner.Setup {
        var scales = [Double](repeating: 0, count: 10)
        for (name, s) in toy.sigma { scales[name.knownIndex!] = s }
        return ChainRunner.Setup(
            objective: { chi2 }, constraints: try constraints(), scales: ProposalScales(scales),
            randomScale: .missing, degreesOfFreedom: 100,
            settings: SamplerSettings(iterations: iterations, minAcceptance: 0), convergence: convergence,
            seed: 7, chainCount: 2, start: start)
    }

    /// Runs `setup`'s chains with the moves of `sampling` (one of the Metropolis methods).
    static func run(_ setup: ChainRunner.Setup, _ sampling: SamplingMethod,
                    events: (FitEvent) -> Void = { _ in }) throws -> SampledPosterior {
        let moves = try #require(sampling.sampler as? any MetropolisChains, "\(sampling) runs no Metropolis chains")
        return try ChainRunner.run(setup, moves: moves, events: events)
    }

    /// The toy's mode and exact covariance, as the fit measures them before tuned chains.
    static var curvature: ModeCurvature {
        var covariance = [Double](repeating: 0, count: 100)
        for (name, s) in toy.sigma { covariance[name.knownIndex! * 11] = s * s }
        return ModeCurvature(mode: toy.mu, covariance: covariance)
    }

    @Test func segmentsMakeTheSameChainAsOneRun() throws {
        let sampler = try toy.sampler(settings: SamplerSettings(iterations: 3000))
        var one = SeededGenerator(seed: 3)
        let whole = try sampler.run(from: toy.start, using: &one, objective: toy.chi2)
        var two = SeededGenerator(seed: 3)
        var run = try MetropolisRun(sampler, from: toy.start, objective: toy.chi2)
        for target in [1, 700, 701, 2000, 3000] {
            #expect(run.advance(toAccepted: target, using: &two, objective: toy.chi2) == .completed)
            #expect(run.counts.accepted == target)
        }
        let pieced = run.result(stopReason: .completed)
        #expect(pieced.chain == whole.chain)
        #expect(pieced.progress.proposals == whole.progress.proposals)
        #expect(pieced.unstoredProposals == whole.unstoredProposals)
        #expect(pieced.finalParameters == whole.finalParameters)
    }

    @Test func targetNeedsBothRHatAndESS() {
        let target = ConvergenceTarget.standard
        #expect(target.maxRHat == 1.01 && target.minESS == 400)
        #expect(target.passes(rHat: 1.005, ess: 401))
        #expect(!target.passes(rHat: 1.011, ess: 5000))
        #expect(!target.passes(rHat: 1.0, ess: 399))
        #expect(!target.passes(rHat: .nan, ess: .nan))
    }

    /// The acceptance band of a mixture with independence draws, and the noise allowed a
    /// short segment.
    @Test func theAcceptanceBandAllowsForIndependenceDrawsAndNoise() {
        #expect(ChainRunner.acceptanceBand(independentWeight: 0) == 0.15...0.60)
        #expect(abs(ChainRunner.acceptanceBand(independentWeight: 0.8).upperBound - 0.92) < 1e-12)
        // 62 % over 160 proposals is within 2σ (±7.7 %) of 60 %; 63 % over 2000 (±2.2 %) is not.
        #expect(!ChainRunner.leavesAcceptanceBand(0.62, proposals: 160, independentWeight: 0))
        #expect(ChainRunner.leavesAcceptanceBand(0.63, proposals: 2000, independentWeight: 0))
        // A good t's draws: 85 % is expected of four fifths independence draws, not of a random walk.
        #expect(!ChainRunner.leavesAcceptanceBand(0.85, proposals: 2000, independentWeight: 0.8))
        #expect(ChainRunner.leavesAcceptanceBand(0.85, proposals: 2000, independentWeight: 0))
        // A stuck chain is one whatever its moves.
        #expect(ChainRunner.leavesAcceptanceBand(0.06, proposals: 500, independentWeight: 0.8))
        #expect(!ChainRunner.leavesAcceptanceBand(0.5, proposals: 0, independentWeight: 0))
        // What each proposal says of itself.
        let walk = SpaceMixtureProposal(matrix: ScaleTuner.diagonal([Double](repeating: 0.1, count: 10)), space: .linear,
                                        anchor: toy.mu)
        let t = IndependentTProposal(centre: toy.mu.values, factor: ScaleTuner.diagonal([Double](repeating: 0.1, count: 10)),
                                     degreesOfFreedom: 5, space: .linear)
        #expect(walk.independentWeight == 0 && t.independentWeight == 1)
        #expect(TunedProposal(randomWalk: walk, independent: t).independentWeight == SamplerDefaults.independentWeight)
        #expect(TunedProposal(randomWalk: walk).independentWeight == 0)
    }

    @Test func checkpointsGrowByATenth() {
        #expect(ChainRunner.nextCheckpoint(after: 0, cap: 50_000) == ChainRunner.firstCheckpoint)
        #expect(ChainRunner.nextCheckpoint(after: 300, cap: 50_000) == 300 + ChainRunner.minCheckpointInterval)
        #expect(ChainRunner.nextCheckpoint(after: 5000, cap: 50_000) == 5500)
        #expect(ChainRunner.nextCheckpoint(after: 20_000, cap: 50_000) == 22_000)
        #expect(ChainRunner.nextCheckpoint(after: 49_000, cap: 50_000) == 50_000)
        #expect(ChainRunner.nextCheckpoint(after: 0, cap: 300) == 300)
    }

    @Test(arguments: [SamplingMethod.tuned, .cauchy])
    func stopsOnceConverged(sampling: SamplingMethod) throws {
        let cap = 200_000
        let outcome = try Self.run(Self.setup(iterations: cap, convergence: .standard), sampling)
        #expect(outcome.converged == true)
        let chains = outcome.runs.map(\.result.chain)
        let lengths = outcome.runs.map(\.result.progress.accepted)
        #expect(lengths.allSatisfy { $0 < cap / 4 }, "\(lengths)")
        #expect(Set(lengths).count == 1, "chains stop at the same checkpoint: \(lengths)")
        let report = ConvergenceReport(chains: chains, fraction: 60, burn: 0, centre: .uniform(30, ParameterName.reference))
        let free: [ParameterName] = [.x, .y, .flux]
        #expect(ConvergenceTarget.standard.isMet(by: report, free: free))
        // One checkpoint earlier, the target was not met yet (the run did not overshoot).
        let before = lengths[0] - Swift.max(ChainRunner.minCheckpointInterval, lengths[0] / 11)
        if before >= ChainRunner.firstCheckpoint {
            let truncated = try outcome.runs.map { run in try Self.prefix(run.result.chain, accepted: before) }
            let earlier = ConvergenceReport(chains: truncated, fraction: 60, burn: 0, centre: .uniform(30, ParameterName.reference))
            #expect(!ConvergenceTarget.standard.isMet(by: earlier, free: free))
        }
    }

    /// Given the mode's curvature, every tuned chain takes its shape from it (no burn-in rounds
    /// of its own), and the independence draws make the chains converge sooner.
    @Test func theModeCurvatureShortensTuningAndSampling() throws {
        var setup = try Self.setup(iterations: 200_000, convergence: .standard)
        let alone = try Self.run(setup, .tuned)
        setup.curvature = Self.curvature
        let shared = try Self.run(setup, .tuned)
        #expect(alone.converged == true && shared.converged == true)
        #expect(shared.runs.allSatisfy { $0.tuning?.shapeSource == .modeCurvature })
        #expect(alone.runs.allSatisfy { $0.tuning?.shapeSource != .modeCurvature })
        func total(_ outcome: SampledPosterior, _ count: (ChainRunner.Run) -> Int) -> Int {
            outcome.runs.reduce(0) { $0 + count($1) }
        }
        let tuning = (alone: total(alone) { $0.tuning!.evaluations }, shared: total(shared) { $0.tuning!.evaluations })
        #expect(2 * tuning.shared < tuning.alone, "tuning evaluations: \(tuning)")
        let sampling = (alone: total(alone) { $0.result.progress.evaluations },
                        shared: total(shared) { $0.result.progress.evaluations })
        #expect(sampling.shared < sampling.alone, "sampling evaluations: \(sampling)")
    }

    @Test func unreachableTargetRunsToTheCapUnconverged() throws {
        let outcome = try Self.run(
            Self.setup(iterations: 2500, convergence: ConvergenceTarget(maxRHat: 1.01, minESS: 1e9)), .tuned)
        #expect(outcome.converged == false)
        #expect(outcome.runs.allSatisfy { $0.result.progress.accepted == 2500 })
    }

    @Test func fixedLengthWithoutTarget() throws {
        let outcome = try Self.run(Self.setup(iterations: 1234, convergence: nil), .cauchy)
        #expect(outcome.converged == nil)
        #expect(outcome.runs.allSatisfy { $0.result.progress.accepted == 1234 && $0.result.stopReason == .completed })
    }

    /// A posterior that narrows 100-fold in x after 8000 evaluations: a stand-in for a chain
    /// whose tuning ended far from the mode (the CO cube's chain 1 fell to 6 % that way). The
    /// jumps tuned on the wide posterior are far too long for the narrow one; the chain must be
    /// retuned back into 15–60 % and then sample the narrow posterior.
    @Test func driftingAcceptanceIsRetuned() throws {
        var narrowing = try Self.setup(iterations: 8000, convergence: nil)
        narrowing.objective = Self.xWidth(0.005, after: 8000)
        var warnings: [String] = []
        let outcome = try Self.run(narrowing, .tuned, events: { if case .warning(let w) = $0 { warnings.append(w) } })
        #expect(outcome.runs.allSatisfy { $0.retunes > 0 }, "no retune: \(warnings)")
        #expect(warnings.contains { $0.contains("outside 15-60%; retuned") }, "\(warnings)")
        for run in outcome.runs {
            let rate = run.result.progress.acceptanceRate
            #expect(ChainRunner.acceptanceBand.contains(rate), "chain \(run.index): \(rate)")
            #expect(run.result.progress.accepted == 8000)
            let x = run.result.chain.column(.x).suffix(2000)
            let spread = (x.map { ($0 - toy.mu[.x]) * ($0 - toy.mu[.x]) }.reduce(0, +) / Double(x.count)).squareRoot()
            #expect(spread > 0.003 && spread < 0.008, "chain \(run.index): x spread \(spread)")
        }
    }

    /// A posterior that widens in x after the tuning (σx 0.5 → 15) leaves the tuned jumps 30×
    /// too narrow there while y and flux keep the acceptance near its target: the chains are
    /// retuned from their draws for their narrow jumps, and then explore the wide x.
    @Test func narrowJumpsAreRetuned() throws {
        var widening = try Self.setup(iterations: 12_000, convergence: nil)
        widening.objective = Self.xWidth(15, after: 6000)
        var bounds = widening.constraints.bounds.min
        bounds[.x] = -200
        var upper = widening.constraints.bounds.max
        upper[.x] = 200
        widening.constraints.bounds = try ParameterBounds(min: bounds, max: upper)
        var warnings: [String] = []
        let outcome = try Self.run(widening, .tuned, events: { if case .warning(let w) = $0 { warnings.append(w) } })
        #expect(warnings.contains { $0.contains("jumps in x only") && $0.contains("retuned from the draws") }, "\(warnings)")
        for run in outcome.runs {
            #expect(run.retunes > 0)
            let widths = run.scales
            #expect(widths[ParameterName.x.knownIndex!] > 1, "chain \(run.index): x half-width \(widths[ParameterName.x.knownIndex!])")
        }
    }

    /// A chain's χ²: the toy posterior, whose σ of x changes from 0.5 to `sx` after `evaluations`
    /// evaluations by that chain (each chain counts its own).
    static func xWidth(_ sx: Double, after evaluations: Int) -> @Sendable () -> (GalaxyParameters) -> Double {
        final class Counter: @unchecked Sendable { var n = 0 }
        return {
            let count = Counter()
            return { p in
                count.n += 1
                let width = count.n > evaluations ? sx : 0.5
                let e = (p[.x] - toy.mu[.x]) / width, d = (p[.x] - toy.mu[.x]) / 0.5
                return toy.chi2(p) - d * d + e * e
            }
        }
    }

    /// The first `accepted` rows of `chain`.
    static func prefix(_ chain: Chain, accepted: Int) throws -> Chain {
        var out = Chain()
        for row in 0..<Swift.min(accepted, chain.count) {
            out.append(chain.parameters(at: row), reducedChi2: chain.reducedChi2(at: row), weight: chain.weight(at: row))
        }
        return out
    }
}

/// Posteriors against a bound are found; posteriors merely near one are not.
@Suite struct BoundProximityTests {
    /// `n` evenly spread quantiles of a normal(mean, sd) cut to [lo, hi], with its 95 % interval.
    static func draws(mean: Double, sd: Double, lo: Double, hi: Double, n: Int = 2000)
        -> (values: [Double], lower: Double, upper: Double) {
        // Inverse normal CDF by bisection on erf: enough for a test.
        func quantile(_ p: Double) -> Double {
            var a = -10.0, b = 10.0
            for _ in 0..<80 {
                let m = (a + b) / 2
                if 0.5 * (1 + erf(m / 2.squareRoot())) < p { a = m } else { b = m }
            }
            return mean + sd * (a + b) / 2
        }
        let values = (0..<n).map { quantile((Double($0) + 0.5) / Double(n)) }.filter { $0 >= lo && $0 <= hi }
        let sorted = values.sorted()
        return (values, sorted[Int(0.025 * Double(sorted.count))], sorted[Int(0.975 * Double(sorted.count)) - 1])
    }

    @Test(arguments: [
        // mean, sd, min, max, expected
        (0.09, 0.08, 0.0, 180.0, BoundProximity.Side.min),   // σ0 of the CO cube
        (5.43, 0.3, 0.01, 5.44, .max),                        // SAMI turnover radius
        (80.0, 5.0, 0.0, 180.0, nil),                         // well inside
        (12.0, 4.0, 0.0, 180.0, nil),                         // near, 3σ clear of the edge
        (88.0, 3.0, -5.0, 90.5, .max),                        // an edge-on disk
    ] as [(Double, Double, Double, Double, BoundProximity.Side?)])
    func flagsPilesOnly(_ c: (Double, Double, Double, Double, BoundProximity.Side?)) {
        let d = Self.draws(mean: c.0, sd: c.1, lo: c.2, hi: c.3)
        let side = BoundProximity.side(values: d.values, counts: Array(repeating: 1, count: d.values.count),
                                       lower: d.lower, upper: d.upper, min: c.2, max: c.3)
        #expect(side == c.4, "\(c): interval \(d.lower)…\(d.upper)")
    }

    @Test func pileWithoutTheIntervalReachingTheEdgeIsFlagged() {
        // 6 % of the draws in the outer 1 % at the top, the rest well inside.
        let values = Array(repeating: 50.0, count: 94) + Array(repeating: 179.5, count: 6)
        #expect(BoundProximity.side(values: values, counts: Array(repeating: 1, count: 100),
                                    lower: 50, upper: 60, min: 0, max: 180) == .max)
        let fewer = Array(repeating: 50.0, count: 96) + Array(repeating: 179.5, count: 4)
        #expect(BoundProximity.side(values: fewer, counts: Array(repeating: 1, count: 100),
                                    lower: 50, upper: 60, min: 0, max: 180) == nil)
    }
}
