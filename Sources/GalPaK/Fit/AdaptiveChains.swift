/// `--sampling adaptive`: Metropolis chains of the reference's `AdaptiveCauchy` jumps
/// (``AdaptiveCauchyProposal``): the base half-widths for the first 50 accepted steps, then
/// the spread of the recent ones, times the random scale. They start at the first guess.
struct AdaptiveChains: MetropolisChains {
    var name: String { "AdaptiveCauchy" }
    var start: SamplerStart { .firstGuess }

    func untuned(_ setup: ChainRunner.Setup) -> AdaptiveCauchyProposal {
        let factors = setup.constraints.bounds.names.map { setup.randomScale[$0].isNaN ? 1 : setup.randomScale[$0] }
        return AdaptiveCauchyProposal(baseScales: setup.scales.values, names: setup.constraints.bounds.names, factors: factors)
    }

    func tuning(_ setup: ChainRunner.Setup, curvature: ModeCurvature?) -> ChainTuning<AdaptiveCauchyProposal>? { nil }
}
