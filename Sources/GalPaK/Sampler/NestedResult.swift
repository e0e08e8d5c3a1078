/// What ``NestedSampler`` finds: the evidence, its error and the information, and the
/// posterior as weighted draws.
public struct NestedResult: Sendable {
    /// Why sampling stopped.
    public enum StopReason: String, Sendable {
        /// The remaining evidence fell below the tolerance.
        case converged
        /// ``NestedSettings/maxLikelihoodCalls`` was reached first.
        case callLimit
    }

    /// ln Z, the log evidence with respect to the prior (``BoxPrior``).
    public let logEvidence: Double
    /// `√(H / N)`, the standard error of ln Z (Skilling 2006), N the live points.
    public let logEvidenceError: Double
    /// H, the information (Kullback–Leibler divergence of posterior from prior), in nats.
    public let information: Double
    /// The dead points and, at the end, the live points, with weights `L_k ΔX_k / Z`.
    public let draws: WeightedDraws
    /// Likelihood evaluations, all of them.
    public let likelihoodCalls: Int
    /// Dead points before the final live points were added.
    public let iterations: Int
    /// The iteration at which rejection sampling gave way to random walks (nil: never).
    public let walkingSince: Int?
    public let stopReason: StopReason
}
