import Foundation

/// How the posterior is sampled (`--sampling`): how the Metropolis chains propose their jumps
/// (reference `mcmc_sampling`, doc §6.2), an ensemble of walkers, or nested sampling instead of
/// chains. Each method's sampler is ``sampler`` (one type per method, chosen in one place).
public enum SamplingMethod: String, NamedChoice {
    /// Correlated Cauchy jumps shaped by the posterior's curvature (``ScaleTuner``,
    /// ``CorrelatedCauchyProposal``), half of them in log coordinates for the positive
    /// scale-like parameters (``SpaceMixtureProposal``); when the fit measured the curvature at
    /// the mode, scaled by it and mixed with independence draws from a Student t around the
    /// mode (``TunedProposal``, weight ``SamplerDefaults/independentWeight``), else scaled to
    /// ~40 % acceptance before the main run; retuned when a chain's acceptance drifts out of
    /// its band (``ChainRunner/acceptanceBand(independentWeight:)``). The default.
    case tuned
    /// The reference's fixed Cauchy half-widths (``CauchyProposal``), untuned: a true Metropolis
    /// chain that mixes slowly.
    case cauchy
    /// Half-widths following the spread of recent states (``AdaptiveCauchyProposal``), the
    /// reference's `AdaptiveCauchy`.
    case adaptive
    /// An ensemble of walkers moved by the affine-invariant stretch move (Goodman & Weare 2010,
    /// as emcee: ``EnsembleSampler``, run for a fit by ``EnsembleFit``), each walker a chain.
    case ensemble
    /// No chains: nested sampling of the posterior and its evidence (``NestedSampler``, run for
    /// a fit by ``NestedFit``): weighted draws instead of a chain, and ln Z.
    case nested

    /// The percentage of each chain the parameters come from when `--fraction` is not given.
    /// Tuned chains record their draws only once tuned, from a state the tuning's independence
    /// draws around the mode left in the posterior's bulk, so all of it (100): dropping 40 %
    /// would cost 1/0.6 = 1.7× the steps for the same ESS. The others start where the first
    /// guess (or the walkers' spread) puts them and need a burn-in: the reference's 60
    /// (``SamplerDefaults/fraction``). Nested sampling has no chain (its weights are all used).
    public var defaultFraction: Double { self == .tuned ? 100 : SamplerDefaults.fraction }

    /// Advice on a finished run's acceptance `rate` (0–1) for the reference's untuned proposals
    /// (`cauchy`, `adaptive`), whose step size `--random-scale` sets: below 10 % the chain moves
    /// slowly, above 60 % its steps are small. Nil otherwise, and for the methods that size
    /// their own steps: tuned chains (retuned when one leaves its band, which reaches 92 % with
    /// independence draws: a good t's draws are nearly all accepted), the ensemble and nested
    /// sampling.
    public func acceptanceAdvice(_ rate: Double) -> String? {
        guard self == .cauchy || self == .adaptive else { return nil }
        if rate < 0.10 {
            return String(format: "acceptance %.1f%% is low: the chain moves slowly, consider a smaller --random-scale", 100 * rate)
        }
        if rate > 0.60 {
            return String(format: "acceptance %.1f%% is high: the steps are small, consider a larger --random-scale", 100 * rate)
        }
        return nil
    }

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
