/// A snapshot of a running (or finished) sampler, for progress lines and the final report.
public struct SamplerProgress: Equatable, Sendable, Codable {
    /// Proposals made (in bounds or not).
    public var proposals: Int
    /// Objective (model) evaluations, including the one at the initial parameters.
    public var evaluations: Int
    /// Accepted proposals = rows in the chain.
    public var accepted: Int
    /// Reduced χ² of the current state.
    public var currentReducedChi2: Double
    /// Smallest reduced χ² among the states the chain has been in (initial state included).
    public var bestReducedChi2: Double
    /// Wall-clock seconds since the start of the run.
    public var elapsedSeconds: Double

    /// accepted / proposals, a fraction in [0, 1] (0 before the first proposal).
    public var acceptanceRate: Double {
        proposals == 0 ? 0 : Double(accepted) / Double(proposals)
    }
}
