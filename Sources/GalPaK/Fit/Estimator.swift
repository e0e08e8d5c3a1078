/// How a fit estimates the parameters and their errors (the JSON's `estimator`).
public enum Estimator: String, Sendable {
    /// A posterior sample: Metropolis chains run until converged; medians, standard deviations
    /// and credible intervals of the draws (the default).
    case mcmc
    /// A point estimate (`--optimize`): the posterior's mode, with errors from the curvature
    /// there (the Laplace approximation, ``PosteriorMode``); intervals are value ± z·stdev.
    /// Not a posterior: no chain, no convergence diagnostics.
    case laplace

    /// The sentence that labels every file and the printed table of a fit without a posterior
    /// sample (nil for ``mcmc``).
    public var label: String? {
        hasChains ? nil : "Laplace fit (--optimize): the posterior mode, errors from the curvature there; NOT a posterior sample"
    }

    /// Whether the fit has chains (and so a chain file, convergence diagnostics and the chain figures).
    public var hasChains: Bool { self == .mcmc }
}
