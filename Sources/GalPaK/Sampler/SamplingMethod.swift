/// How the sampler proposes its jumps (reference `mcmc_sampling`, doc §6.2).
public enum SamplingMethod: String, NamedChoice {
    /// Fixed Cauchy half-widths (``CauchyProposal``): a true Metropolis chain. The default.
    case cauchy
    /// Half-widths following the spread of recent states (``AdaptiveCauchyProposal``), the
    /// reference's `AdaptiveCauchy`.
    case adaptive

    /// Parses a command-line spelling, case-insensitively; the reference's `adaptivecauchy`
    /// (or `adaptive_cauchy`) is accepted for `adaptive`.
    public init?(name: String) {
        switch name.lowercased() {
        case "adaptivecauchy", "adaptive_cauchy": self = .adaptive
        default:
            guard let method = Self.named(name) else { return nil }
            self = method
        }
    }
}
