import Testing
@testable import GalPaK

/// Sampler checks on ``ToyPosterior``: independent Gaussians in x, y and flux, all other
/// parameters fixed.
@Suite struct MetropolisSamplerTests {
    @Test func weightedChainRecoversTheGaussians() throws {
        let s = try ToyPosterior.sampler(settings: SamplerSettings(iterations: 20000))
        var rng = SeededGenerator(seed: 1)
        let result = try s.run(from: ToyPosterior.start, using: &rng, objective: ToyPosterior.chi2)
        #expect(result.stopReason == .completed)
        #expect(result.chain.count == 20000)
        let rate = result.progress.acceptanceRate
        #expect(rate > 0.1 && rate < 0.9)
        let chain = result.chain
        let w = chain.weights.map(Double.init)
        let total = w.reduce(0, +)
        for (name, sd) in ToyPosterior.sigma {
            let column = chain.column(name)
            let mean = zip(column, w).reduce(0) { $0 + $1.0 * $1.1 } / total
            let variance = zip(column, w).reduce(0) { $0 + ($1.0 - mean) * ($1.0 - mean) * $1.1 } / total
            #expect(abs(mean - ToyPosterior.mu[name]) < 0.05 * sd, "\(name) mean \(mean)")
            #expect(abs(variance.squareRoot() / sd - 1) < 0.05, "\(name) std \(variance.squareRoot())")
        }
        // Fixed parameters never move.
        for row in 0..<chain.count {
            for name in ParameterName.reference where ToyPosterior.sigma[name] == nil {
                #expect(chain.value(name, at: row) == ToyPosterior.mu[name])
            }
        }
        // Every proposal after the first acceptance is one unit of weight.
        #expect(chain.totalWeight == result.progress.proposals - result.unstoredProposals)
        #expect(abs(result.bestChi2 - chain.reducedChi2s.min()! * 100) < 1e-9)
        #expect(chain.reducedChi2(at: 0) == ToyPosterior.chi2(chain.parameters(at: 0)) / 100)
    }

    /// The bound a `--burn` is checked against before sampling: no run, whatever its
    /// acceptance, holds more iterations than ``SamplerSettings/maxChainIterations``, so a
    /// burn-in that long leaves nothing.
    @Test(arguments: [(40, 0.3), (40, 0.05), (500, 0.5), (30, 0.0)])
    func noChainHoldsMoreIterationsThanTheSettingsAllow(iterations: Int, minAcceptance: Double) throws {
        for sharpness in [1.0, 1e3, 1e6] {
            let settings = SamplerSettings(iterations: iterations, minAcceptance: minAcceptance, gracePeriod: 20,
                                           proposalCapFactor: 50)
            let s = try ToyPosterior.sampler(settings: settings)
            var rng = SeededGenerator(seed: 3)
            let result = try s.run(from: ToyPosterior.start, using: &rng) { ToyPosterior.chi2($0) * sharpness }
            #expect(result.progress.proposals <= settings.maxChainIterations,
                    "\(result.progress.proposals) proposals (\(result.stopReason)), bound \(settings.maxChainIterations)")
            #expect(result.chain.totalWeight <= settings.maxChainIterations)
            if !result.chain.isEmpty {
                #expect(throws: GalpakError.self) { try ChainSummary(chain: result.chain, burn: settings.maxChainIterations) }
            }
        }
        let settings = SamplerSettings(iterations: iterations, minAcceptance: minAcceptance, gracePeriod: 20, proposalCapFactor: 50)
        #expect(settings.maxChainIterations <= settings.maxProposals)
        #expect(minAcceptance > 0 || settings.maxChainIterations == settings.maxProposals)
    }

    /// max(grace period, ⌊iterations / min acceptance⌋ + 2), at most the proposal cap.
    @Test func theMostIterationsAChainCanHold() {
        #expect(SamplerSettings(iterations: 20, minAcceptance: 0.05).maxChainIterations == 402)
        #expect(SamplerSettings(iterations: 1, minAcceptance: 0.5).maxChainIterations == 200)
        #expect(SamplerSettings(iterations: 20, minAcceptance: 0).maxChainIterations == 20_000)
        #expect(SamplerSettings(iterations: 20, minAcceptance: 0.001).maxChainIterations == 20_000)
        #expect(SamplerSettings(iterations: 100_000_000, minAcceptance: 0.05).maxChainIterations == 2_000_000_002)
    }

    /// Counts the proposals that land outside the bounds, through a shared box.
    final class Tally: @unchecked Sendable {
        var outside = 0
    }

    struct CountingProposal: Proposal {
        var inner: CauchyProposal
        let bounds: ParameterBounds
        let tally: Tally
        mutating func propose<G: RandomNumberGenerator>(
            from current: [Double], into proposed: inout [Double], within bounds: ParameterBounds, using generator: inout G
        ) -> Double {
            let ratio = inner.propose(from: current, into: &proposed, within: bounds, using: &generator)
            if !bounds.contains(values: proposed) { tally.outside += 1 }
            return ratio
        }
    }

    /// `Codable` as every proposal is; this test double is never kept, so its tally is not either.
    struct NotKept: Error {}

    @Test func outOfBoundsProposalsAreNotEvaluated() throws {
        var lo = GalaxyParameters.missing, hi = GalaxyParameters.missing
        lo[.x] = 14.8; hi[.x] = 15.2  // narrow: most x jumps leave the box
        let base = try ToyPosterior.sampler(settings: SamplerSettings(iterations: 300))
        let narrow = try base.bounds.merging(min: lo, max: hi)
        let tally = Tally()
        let sampler = MetropolisSampler(
            bounds: narrow,
            proposal: CountingProposal(inner: base.proposal, bounds: narrow, tally: tally),
            degreesOfFreedom: 100, settings: base.settings)
        var calls = 0
        var sawOutside = false
        var rng = SeededGenerator(seed: 3)
        var start = ToyPosterior.start
        start[.x] = 15
        let result = try sampler.run(from: start, using: &rng) { p in
            calls += 1
            if !narrow.contains(p) { sawOutside = true }
            return ToyPosterior.chi2(p)
        }
        #expect(!sawOutside)
        #expect(tally.outside > 0)
        #expect(calls == result.progress.evaluations)
        #expect(calls == 1 + result.progress.proposals - tally.outside)
    }

    @Test func sameSeedSameChainOtherSeedOtherChain() throws {
        let s = try ToyPosterior.sampler(settings: SamplerSettings(iterations: 200))
        var a = SeededGenerator(seed: 9), b = SeededGenerator(seed: 9), c = SeededGenerator(seed: 10)
        let ra = try s.run(from: ToyPosterior.start, using: &a, objective: ToyPosterior.chi2)
        let rb = try s.run(from: ToyPosterior.start, using: &b, objective: ToyPosterior.chi2)
        let rc = try s.run(from: ToyPosterior.start, using: &c, objective: ToyPosterior.chi2)
        #expect(ra.chain == rb.chain)
        #expect(ra.chain != rc.chain)
    }

    @Test func stopsOnLowAcceptanceAfterTheGracePeriod() throws {
        let s = try ToyPosterior.sampler(settings: SamplerSettings(iterations: 100, gracePeriod: 200))
        var rng = SeededGenerator(seed: 2)
        var first = true
        // Only the initial state is good: nothing is ever accepted.
        let result = try s.run(from: ToyPosterior.start, using: &rng) { _ in
            defer { first = false }
            return first ? 0 : 1e9
        }
        #expect(result.stopReason == .lowAcceptance)
        #expect(result.progress.proposals == 200)
        #expect(result.chain.isEmpty && result.unstoredProposals == 200)
    }

    @Test func proposalCapEndsARunThatNeverAccepts() throws {
        let s = try ToyPosterior.sampler(settings: SamplerSettings(iterations: 3, minAcceptance: 0, proposalCapFactor: 10))
        var rng = SeededGenerator(seed: 2)
        var first = true
        let result = try s.run(from: ToyPosterior.start, using: &rng) { _ in
            defer { first = false }
            return first ? 0 : 1e9
        }
        #expect(result.stopReason == .proposalCap)
        #expect(result.progress.proposals == 30)
    }

    @Test func progressCancellationAndPrior() throws {
        let s = try ToyPosterior.sampler(settings: SamplerSettings(iterations: 1000, progressInterval: 10))
        var rng = SeededGenerator(seed: 4)
        var reports: [SamplerProgress] = []
        var polls = 0
        let result = try s.run(from: ToyPosterior.start, using: &rng, objective: ToyPosterior.chi2,
                               logPrior: { $0[.x] > 15 ? -.infinity : 0 },
                               progress: { reports.append($0) },
                               isCancelled: { polls += 1; return polls > 95 })
        #expect(result.stopReason == .cancelled)
        #expect(result.progress.proposals == 95)
        #expect(reports.map(\.proposals) == Array(stride(from: 10, through: 90, by: 10)))
        #expect(result.chain.column(.x).allSatisfy { $0 <= 15 })
    }

    @Test func initialStateOutsideTheBoundsIsBadInput() throws {
        let s = try ToyPosterior.sampler(settings: SamplerSettings(iterations: 10))
        var rng = SeededGenerator(seed: 1)
        var start = ToyPosterior.start
        start[.x] = 31
        #expect {
            try s.run(from: start, using: &rng, objective: ToyPosterior.chi2)
        } throws: { ($0 as? GalpakError)?.kind == .badInput }
    }
}

extension MetropolisSamplerTests.CountingProposal {
    init(from decoder: Decoder) throws { throw MetropolisSamplerTests.NotKept() }
    func encode(to encoder: Encoder) throws { throw MetropolisSamplerTests.NotKept() }
}
