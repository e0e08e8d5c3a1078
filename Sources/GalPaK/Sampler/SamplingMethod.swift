/// How the sampler proposes its jumps (reference `mcmc_sampling`, doc §6.2).
public enum SamplingMethod: String, CaseIterable, Sendable {
    /// Fixed Cauchy half-widths (``CauchyProposal``): a true Metropolis chain. The default.
    case cauchy
    /// Half-widths following the spread of recent states (``AdaptiveCauchyProposal``), the
    /// reference's `AdaptiveCauchy`.
    case adaptive

    /// Parses a command-line spelling, case-insensitively (`adaptivecauchy` is accepted).
    public init?(name: String) {
        switch name.lowercased() {
        case "cauchy": self = .cauchy
        case "adaptive", "adaptivecauchy", "adaptive_cauchy": self = .adaptive
        default: return nil
        }
    }
}
