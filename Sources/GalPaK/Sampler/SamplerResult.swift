/// What a Metropolis run produced.
public struct SamplerResult: Equatable, Sendable {
    /// Why the sampler stopped.
    public enum StopReason: Equatable, Sendable {
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
