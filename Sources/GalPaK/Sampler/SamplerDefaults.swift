/// The sampler's and the chain summary's defaults, the one place each is written
/// (``SamplerSettings``, ``ChainSummary``, ``FitOptions``, the command line and the benchmarks
/// refer here). They are the reference's `galpak.run` defaults unless noted.
public enum SamplerDefaults {
    /// Accepted steps of each chain (the reference's `max_iterations`).
    public static let iterations = 15000
    /// The sampler stops when the acceptance rate falls below this, in percent.
    public static let minAcceptancePercent = 5.0
    /// Random seed: the same seed and inputs give the same chains.
    public static let seed: UInt64 = 1234
    /// Proposal type.
    public static let sampling = SamplingMethod.cauchy

    /// Which part of the chains gives the parameters.
    public static let method = ChainSummary.Method.last
    /// Percentage of each chain the method uses.
    public static let fraction = 60.0
    /// Width of the credible interval, percent.
    public static let percentile = 95.0
    /// Iterations dropped at the start of every chain.
    public static let burn = 0
}
