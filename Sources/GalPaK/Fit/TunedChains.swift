/// `--sampling tuned` (the default): Metropolis chains started at the posterior's mode whose
/// jumps are shaped and scaled by its curvature (``ScaleTuner``; tuned to ~40 % acceptance
/// when no curvature at the mode is known): correlated Cauchy jumps, half of them in log
/// coordinates for the positive scale-like parameters (``SpaceMixtureProposal``,
/// ``SamplingSpace``), mixed with independence draws from a Student t around the mode
/// (``TunedProposal``, ``ChainTuning``), and retuned when a chain's acceptance drifts out of
/// ``ChainRunner/acceptanceBand(independentWeight:)`` (``ChainRunner``).
struct TunedChains: MetropolisChains {
    var name: String { "Cauchy (multivariate, shaped by the posterior's covariance)" }
    var start: SamplerStart { .modeAndCurvature }

    /// The base half-widths as a diagonal shape in p: what a chain holds before its tuning.
    func untuned(_ setup: ChainRunner.Setup) -> TunedProposal {
        TunedProposal(randomWalk: SpaceMixtureProposal(matrix: ScaleTuner.diagonal(setup.scales.values), space: .linear,
                                                       anchor: setup.start))
    }

    /// Jumps in the fit's ``SamplingSpace`` (log for the positive scale-like free parameters).
    func tuning(_ setup: ChainRunner.Setup, curvature: ModeCurvature?) -> ChainTuning<TunedProposal>? {
        let free = setup.scales.values.map { $0 > 0 }
        return ChainTuning(space: SamplingSpace(bounds: setup.constraints.bounds, free: free), free: free,
                           curvature: curvature)
    }
}
