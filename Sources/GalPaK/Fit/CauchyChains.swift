/// `--sampling cauchy`: Metropolis chains of the reference's fixed, independent Cauchy jumps
/// (``CauchyProposal``, the base half-widths of ``ProposalScales``), untuned; a true Metropolis
/// chain that mixes slowly. They start at the first guess.
struct CauchyChains: MetropolisChains {
    var name: String { "Cauchy" }
    var start: SamplerStart { .firstGuess }

    func untuned(_ setup: ChainRunner.Setup) -> CauchyProposal {
        CauchyProposal(scales: setup.scales.values)
    }

    func tuning(_ setup: ChainRunner.Setup, curvature: ModeCurvature?) -> ChainTuning<CauchyProposal>? { nil }
}
