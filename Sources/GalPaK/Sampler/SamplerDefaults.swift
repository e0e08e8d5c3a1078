/// The sampler's and the chain summary's defaults, the one place each is written
/// (``SamplerSettings``, ``ChainSummary``, ``FitOptions``, the command line and the benchmarks
/// refer here). They are the reference's `galpak.run` defaults unless noted.
public enum SamplerDefaults {
    /// Accepted steps of a chain when none is asked for and no convergence target stops it
    /// (the reference's `max_iterations`).
    public static let iterations = 15000
    /// The most accepted steps of each chain of a fit run until converged (galpak's choice:
    /// the tutorial cube converges in ~12 000).
    public static let maxIterations = 50_000
    /// The sampler stops when the acceptance rate falls below this, in percent.
    public static let minAcceptancePercent = 5.0
    /// Random seed: the same seed and inputs give the same chains.
    public static let seed: UInt64 = 1234
    /// Proposal type (galpak's choice: the reference's untuned `cauchy` mixes too slowly to
    /// converge in a practical run).
    public static let sampling = SamplingMethod.tuned

    /// Which part of the chains gives the parameters.
    public static let method = ChainSummary.Method.last
    /// Percentage of each chain the method uses.
    public static let fraction = 60.0
    /// Width of the credible interval, percent.
    public static let percentile = 95.0
    /// Iterations dropped at the start of every chain.
    public static let burn = 0
}
