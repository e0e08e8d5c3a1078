import Foundation

/// A Metropolis chain in progress, advanced in segments (``MetropolisSampler`` describes the
/// algorithm; ``MetropolisSampler/run(from:using:objective:logPrior:progress:isCancelled:)`` is
/// one segment from start to end).
///
/// Advancing to `n₁` accepted steps and then to `n₂` makes exactly the chain that one advance
/// to `n₂` makes with the same generator: the state, the proposal's memory, the counts and the
/// chain carry over, and a rejection right after a segment boundary adds to the weight of the
/// row before it. This lets ``ChainRunner`` pause all chains at the same accepted count, check
/// their convergence, and go on or stop, reproducibly whatever the thread scheduling.
public struct MetropolisRun<P: Proposal>: Sendable {
    /// Bounds, degrees of freedom and stop conditions.
    public let sampler: MetropolisSampler<P>
    /// The accepted states so far, with weights.
    public private(set) var chain: Chain
    /// Counts and χ² so far.
    public private(set) var counts: SamplerProgress
    /// The proposal, with whatever it has learnt.
    public private(set) var proposal: P
    private var current: GalaxyParameters
    private var proposed: GalaxyParameters
    private var best: GalaxyParameters
    private var chi2Current: Double
    private var logPriorCurrent: Double
    private var bestChi2: Double
    private let initialChi2: Double
    private var unstored = 0
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant
    /// Seconds the chain ran before it was resumed from a ``Snapshot``.
    private var elapsedBefore = 0.0

    /// Starts a chain at `initial` (sanitised and evaluated once; not stored in the chain).
    /// - Throws: ``GalpakError`` `.badInput` if `initial` is outside the bounds, `.fitFailed`
    ///   if χ² there is not finite; anything `objective` throws.
    public init(_ sampler: MetropolisSampler<P>, from initial: GalaxyParameters,
                objective: (GalaxyParameters) throws -> Double,
                logPrior: (GalaxyParameters) -> Double = { _ in 0 }) throws {
        try sampler.checkInside(initial)
        started = clock.now
        self.sampler = sampler
        var start = initial
        start.sanitize()
        let chi2 = try objective(start)
        guard chi2.isFinite else {
            throw GalpakError(.fitFailed, "the model's χ² at the initial parameters is \(chi2); check the initial parameters and the variance")
        }
        let nd = Double(sampler.degreesOfFreedom)
        current = start
        // `proposed` and `best` get their own value buffers now, so the loop never copies one.
        proposed = GalaxyParameters(start.values.map { $0 }, names: start.names)
        best = GalaxyParameters(start.values.map { $0 }, names: start.names)
        chi2Current = chi2
        logPriorCurrent = logPrior(start)
        bestChi2 = chi2
        initialChi2 = chi2
        proposal = sampler.proposal
        chain = Chain(reservingCapacity: Swift.min(sampler.settings.iterations, Self.reservedRows),
                      names: start.names)
        counts = SamplerProgress(proposals: 0, evaluations: 1, accepted: 0, currentReducedChi2: chi2 / nd,
                                 bestReducedChi2: chi2 / nd, elapsedSeconds: 0)
    }

    /// Rows reserved up front; a longer chain grows its storage geometrically (a handful of
    /// reallocations, never one per iteration).
    static var reservedRows: Int { 100_000 }

    /// Runs until `accepted` accepted steps in all (capped at the settings' iterations), or an
    /// earlier stop. Allocates nothing per iteration beyond what the closures do.
    /// - Returns: why this segment ended (``SamplerResult/StopReason/completed`` when the
    ///   count was reached).
    public mutating func advance<G: RandomNumberGenerator>(
        toAccepted accepted: Int, using generator: inout G,
        objective: (GalaxyParameters) throws -> Double,
        logPrior: (GalaxyParameters) -> Double = { _ in 0 },
        progress: (SamplerProgress) -> Void = { _ in },
        isCancelled: () -> Bool = { false }
    ) rethrows -> SamplerResult.StopReason {
        let settings = sampler.settings
        let target = Swift.min(accepted, settings.iterations)
        let maxProposals = settings.maxProposals
        let nd = Double(sampler.degreesOfFreedom)
        let bounds = sampler.bounds
        let reason: SamplerResult.StopReason
        while true {
            if counts.accepted >= target { reason = .completed; break }
            if counts.proposals >= maxProposals { reason = .proposalCap; break }
            if counts.proposals >= Swift.max(settings.gracePeriod, 1),
               counts.acceptanceRate < settings.minAcceptance { reason = .lowAcceptance; break }
            if isCancelled() { reason = .cancelled; break }

            counts.proposals += 1
            let logProposalRatio = proposal.propose(from: current.values, into: &proposed.values, within: bounds, using: &generator)

            var accept = false
            var chi2New = Double.nan
            var logPriorNew = -Double.infinity
            if bounds.contains(values: proposed.values) {
                proposed.sanitize()
                logPriorNew = logPrior(proposed)
                if logPriorNew > -Double.infinity {
                    chi2New = try objective(proposed)
                    counts.evaluations += 1
                    let logRatio = (logPriorNew - chi2New / 2) - (logPriorCurrent - chi2Current / 2) + logProposalRatio
                    accept = Double.random(in: 0..<1, using: &generator) < exp(logRatio)
                }
            }

            if accept {
                swap(&current, &proposed)
                chi2Current = chi2New
                logPriorCurrent = logPriorNew
                counts.accepted += 1
                counts.currentReducedChi2 = chi2New / nd
                chain.append(values: current.values, reducedChi2: chi2New / nd)
                proposal.accepted(current.values)
                if chi2New < bestChi2 {
                    bestChi2 = chi2New
                    for i in current.values.indices { best.values[i] = current.values[i] }
                    counts.bestReducedChi2 = chi2New / nd
                }
            } else if chain.isEmpty {
                unstored += 1
            } else {
                chain.addWeightToLast()
            }

            if counts.proposals % settings.progressInterval == 0 {
                counts.elapsedSeconds = elapsed
                progress(counts)
            }
        }
        counts.elapsedSeconds = elapsed
        return reason
    }

    /// Wall-clock seconds the chain has run (before a resume included).
    private var elapsed: Double { elapsedBefore + started.duration(to: clock.now).inSeconds }

    /// Everything a run is besides its sampler and its chain: the state, the proposal with
    /// what it has learnt, the counts and the best state. A run rebuilt from a snapshot and its
    /// chain (``init(_:resuming:chain:)``) continues exactly as the original would have, given
    /// the same generator state (only ``SamplerProgress/elapsedSeconds`` depends on the clock).
    public struct Snapshot: Codable, Sendable {
        public var counts: SamplerProgress
        public var proposal: P
        public var current: GalaxyParameters
        public var best: GalaxyParameters
        public var chi2Current: Double
        public var logPriorCurrent: Double
        public var bestChi2: Double
        public var initialChi2: Double
        public var unstored: Int
    }

    /// This run's snapshot (its chain is ``chain``).
    public var snapshot: Snapshot {
        var counts = counts
        counts.elapsedSeconds = elapsed
        return Snapshot(counts: counts, proposal: proposal, current: current, best: best, chi2Current: chi2Current,
                        logPriorCurrent: logPriorCurrent, bestChi2: bestChi2, initialChi2: initialChi2,
                        unstored: unstored)
    }

    /// The run `snapshot` was taken of, with the rows `chain` it had stored then.
    public init(_ sampler: MetropolisSampler<P>, resuming snapshot: Snapshot, chain: Chain) {
        started = clock.now
        elapsedBefore = snapshot.counts.elapsedSeconds
        self.sampler = sampler
        self.chain = chain
        counts = snapshot.counts
        proposal = snapshot.proposal
        current = snapshot.current
        proposed = GalaxyParameters(snapshot.current.values.map { $0 }, names: snapshot.current.names)
        best = snapshot.best
        chi2Current = snapshot.chi2Current
        logPriorCurrent = snapshot.logPriorCurrent
        bestChi2 = snapshot.bestChi2
        initialChi2 = snapshot.initialChi2
        unstored = snapshot.unstored
    }

    /// The chain so far, as a finished run that stopped for `reason`.
    public func result(stopReason reason: SamplerResult.StopReason) -> SamplerResult {
        SamplerResult(chain: chain, progress: counts, unstoredProposals: unstored,
                      bestParameters: best, bestChi2: bestChi2, initialChi2: initialChi2,
                      finalParameters: current, stopReason: reason)
    }

    /// Where the chain is now.
    public var currentParameters: GalaxyParameters { current }
}
