/// What a sampler yields (``PosteriorSampler``): its draws as chains, each row a state and
/// its weight (the iterations a Metropolis chain held it, or an importance weight scaled to an
/// integer), whether they converged, and the evidence when the sampler measures it.
public struct SampledPosterior: Sendable {
    /// Every chain's run, in chain order.
    public var runs: [ChainRunner.Run]
    /// Whether the draws met the convergence target (nil without one).
    public var converged: Bool?
    /// ln Z and what it cost (nested sampling only).
    public var evidence: NestedFit.Evidence?

    public init(runs: [ChainRunner.Run], converged: Bool?, evidence: NestedFit.Evidence? = nil) {
        self.runs = runs
        self.converged = converged
        self.evidence = evidence
    }
}
