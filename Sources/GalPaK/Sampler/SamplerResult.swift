/// What a Metropolis run produced.
public struct SamplerResult: Equatable, Sendable {
    /// Why the sampler stopped.
    public enum StopReason: Equatable, Sendable, Codable {
        /// The requested number of accepted steps was reached.
        case completed
        /// The acceptance rate fell below ``SamplerSettings/minAcceptance`` after the grace period.
        case lowAcceptance
        /// The hard proposal cap (``SamplerSettings/maxProposals``) was reached.
        case proposalCap
        /// The cancellation hook returned true.
        case cancelled
    }

    /// The accepted states, with weights.
    public var chain: Chain
    /// Final counts and χ².
    public var progress: SamplerProgress
    /// Proposals made before the first acceptance. The initial state is not stored in the
    /// chain (as in the reference), so these iterations are not in any row's weight:
    /// `chain.totalWeight == progress.proposals − unstoredProposals`.
    public var unstoredProposals: Int
    /// The state with the smallest χ² visited (initial state included).
    public var bestParameters: GalaxyParameters
    /// Its χ² (not reduced).
    public var bestChi2: Double
    /// χ² at the initial parameters (after sanitising them).
    public var initialChi2: Double
    /// The state the chain ended in (the initial state if nothing was accepted), from which a
    /// later run can continue.
    public var finalParameters: GalaxyParameters
    /// Why the run ended.
    public var stopReason: StopReason
}

extension SamplerResult {
    /// Several runs seen as one, for totals: counts summed, the chains' rows one after
    /// another (chain 0 first — not a chain to take statistics from, use the runs' own chains),
    /// the best state of all, the initial and final state of the first run, and the first
    /// stop reason other than ``StopReason/completed`` if any.
    /// - Precondition: `runs` is not empty.
    public static func pooled(_ runs: [SamplerResult]) -> SamplerResult {
        precondition(!runs.isEmpty, "nothing to pool")
        let chain = Chain.pooled(runs.map(\.chain))
        let best = runs.min { $0.bestChi2 < $1.bestChi2 }!
        let progress = SamplerProgress(
            proposals: runs.reduce(0) { $0 + $1.progress.proposals },
            evaluations: runs.reduce(0) { $0 + $1.progress.evaluations },
            accepted: runs.reduce(0) { $0 + $1.progress.accepted },
            currentReducedChi2: runs[0].progress.currentReducedChi2,
            bestReducedChi2: best.progress.bestReducedChi2,
            elapsedSeconds: runs.map(\.progress.elapsedSeconds).max()!)
        return SamplerResult(
            chain: chain, progress: progress, unstoredProposals: runs.reduce(0) { $0 + $1.unstoredProposals },
            bestParameters: best.bestParameters, bestChi2: best.bestChi2, initialChi2: runs[0].initialChi2,
            finalParameters: runs[0].finalParameters,
            stopReason: runs.first { $0.stopReason != .completed }?.stopReason ?? .completed)
    }
}
