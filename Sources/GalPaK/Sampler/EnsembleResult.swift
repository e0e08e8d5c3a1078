/// The chains of ``EnsembleSampler``: every walker's position after every step.
public struct EnsembleResult: Sendable {
    public let dimension: Int
    public let walkers: Int
    public let steps: Int
    /// Positions, flat: step s, walker w, component i at `(s · walkers + w) · dimension + i`.
    public let positions: [Double]
    /// ln L (likelihood alone) at each position, at `s · walkers + w`.
    public let logLikelihoods: [Double]
    /// Accepted proposals / steps, per walker.
    public let acceptanceFractions: [Double]

    /// The positions after the first `burn` steps, all of equal weight.
    /// - Precondition: `0 ≤ burn < steps`.
    public func draws(discarding burn: Int) -> WeightedDraws {
        precondition(burn >= 0 && burn < steps)
        let first = burn * walkers
        let count = (steps - burn) * walkers
        return WeightedDraws(dimension: dimension, points: Array(positions[(first * dimension)...]),
                             logLikelihoods: Array(logLikelihoods[first...]),
                             weights: [Double](repeating: 1, count: count))
    }
}
