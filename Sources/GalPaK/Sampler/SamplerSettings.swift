/// When the Metropolis sampler stops, and how often it reports.
public struct SamplerSettings: Equatable, Sendable {
    /// Number of **accepted** steps to collect (the reference's `max_iterations`).
    public var iterations: Int
    /// Stop early when accepted / proposals falls below this fraction (default
    /// ``SamplerDefaults/minAcceptancePercent`` / 100). 0 disables the check.
    public var minAcceptance: Double
    /// The acceptance check only starts after this many proposals, so an unlucky start
    /// (a few rejections in a row) does not end the run at once.
    public var gracePeriod: Int
    /// Hard cap: the sampler never makes more than `iterations × proposalCapFactor`
    /// proposals, so it ends even if nothing is ever accepted and `minAcceptance` is 0.
    public var proposalCapFactor: Int
    /// The progress callback is called every this many proposals.
    public var progressInterval: Int

    public init(iterations: Int = SamplerDefaults.iterations, minAcceptance: Double = SamplerDefaults.minAcceptancePercent / 100, gracePeriod: Int = 200,
                proposalCapFactor: Int = 1000, progressInterval: Int = 500) {
        precondition(iterations >= 1, "iterations must be at least 1")
        precondition(minAcceptance >= 0 && minAcceptance <= 1, "minAcceptance is a fraction in [0, 1]")
        precondition(gracePeriod >= 0 && proposalCapFactor >= 1 && progressInterval >= 1)
        self.iterations = iterations
        self.minAcceptance = minAcceptance
        self.gracePeriod = gracePeriod
        self.proposalCapFactor = proposalCapFactor
        self.progressInterval = progressInterval
    }

    /// The most proposals a run may make.
    public var maxProposals: Int {
        let (product, overflow) = iterations.multipliedReportingOverflow(by: proposalCapFactor)
        return overflow ? Int.max : product
    }

    /// The most iterations (proposals, rejected ones included: the total weight) a chain run
    /// with these settings can hold, known before it runs: at most ``maxProposals``; and with
    /// a ``minAcceptance`` m > 0, since the run stops once accepted / proposals < m after the
    /// ``gracePeriod`` and never accepts more than ``iterations``, at most
    /// max(gracePeriod, ⌊iterations / m⌋ + 2) (one more for rounding). A burn-in this long
    /// or longer leaves nothing to estimate from.
    public var maxChainIterations: Int {
        guard minAcceptance > 0 else { return maxProposals }
        let byAcceptance = Swift.max(Double(Swift.max(gracePeriod, 1)), (Double(iterations) / minAcceptance).rounded(.down) + 2)
        return byAcceptance >= Double(maxProposals) ? maxProposals : Int(byAcceptance)
    }
}
