/// Everything a finished fit produced: the estimate, the chain, the statistics, the final
/// cubes and the facts the output files record.
public struct FitResult: Sendable {
    /// The options the fit ran with.
    public var options: FitOptions
    /// The cube as read and calibrated.
    public var cube: Cube
    /// The sampler's chain and counters.
    public var sampling: SamplerResult
    /// Parameters estimated from the chain.
    public var summary: ChainSummary
    /// Goodness-of-fit statistics.
    public var statistics: FitStatistics
    /// Where the chain started.
    public var initialParameters: GalaxyParameters
    /// Boundaries the sampler respected.
    public var bounds: ParameterBounds
    /// Proposal scales used.
    public var scales: ProposalScales
    /// Convolved model at the estimate.
    public var convolvedCube: [Double]
    /// Clean (deconvolved) model at the estimate.
    public var cleanCube: [Double]
    /// (data − model)/σ at the estimate; NaN where a voxel is excluded.
    public var residualCube: [Double]
    /// The 3-D kernel (cube-shaped, unit sum).
    public var kernel: [Double]
    /// Intrinsic, observed and data maps, and the rotation curve.
    public var maps: FitMaps
    /// Wall time of the whole fit, seconds.
    public var seconds: Double
}
