/// How a fit estimates the parameters and their errors (the JSON's `estimator`).
public enum Estimator: String, Sendable {
    /// A posterior sample: Metropolis chains run until converged; medians, standard deviations
    /// and credible intervals of the draws (the default).
    case mcmc
    /// A point estimate (`--optimize`): the posterior's mode, with errors from the curvature
    /// there (the Laplace approximation, ``PosteriorMode``); intervals are value ± z·stdev.
    /// Not a posterior: no chain, no convergence diagnostics.
    case laplace
    /// A posterior sample with the evidence (`--sampling nested`): nested sampling's weighted
    /// draws (one "chain" whose weights are importance weights, ``NestedFit``); the same
    /// medians, standard deviations and intervals of the draws; no R-hat, no Geweke score.
    case nested

    /// The sentence that labels every file and the printed table of a fit without a posterior
    /// sample (nil for ``mcmc``).
    public var label: String? {
        hasChains ? nil : "Laplace fit (--optimize): the posterior mode, errors from the curvature there; NOT a posterior sample"
    }

    /// What the estimator is, in a few words (the FITS products' `ESTIMATR` card's comment).
    public var cardComment: String {
        switch self {
        case .mcmc: "posterior sample (MCMC)"
        case .laplace: "mode + Laplace approx."
        case .nested: "posterior sample (nested sampling)"
        }
    }

    /// Whether the fit's chains are Markov chains (with R-hat, ESS and Geweke scores), not
    /// weighted draws.
    public var hasMarkovChains: Bool { self == .mcmc }

    /// Whether the fit has chains (and so a chain file, convergence diagnostics and the chain figures).
    public var hasChains: Bool { self != .laplace }
}
