/// Posterior draws with importance weights, what a sampler hands on to summaries and the chain
/// file: points (flat, row-major, `dimension` columns), their log-likelihoods, and weights ≥ 0
/// summing to 1.
public struct WeightedDraws: Sendable, Equatable {
    public let dimension: Int
    /// The points, `count × dimension` values.
    public let points: [Double]
    /// ln L of each point (the likelihood alone, without prior terms).
    public let logLikelihoods: [Double]
    /// The weight of each point; they sum to 1.
    public let weights: [Double]

    /// - Precondition: consistent counts, at least one point, weights ≥ 0 with a positive sum
    ///   (they are divided by it).
    public init(dimension: Int, points: [Double], logLikelihoods: [Double], weights: [Double]) {
        precondition(dimension > 0 && points.count == dimension * weights.count
                     && logLikelihoods.count == weights.count && !weights.isEmpty)
        let total = weights.reduce(0, +)
        precondition(total > 0 && weights.allSatisfy { $0 >= 0 })
        self.dimension = dimension
        self.points = points
        self.logLikelihoods = logLikelihoods
        self.weights = weights.map { $0 / total }
    }

    /// Number of points.
    public var count: Int { weights.count }

    /// The weighted mean `Σ w_k x_k`.
    public var mean: [Double] {
        var m = [Double](repeating: 0, count: dimension)
        for k in 0..<count { for i in 0..<dimension { m[i] += weights[k] * points[k * dimension + i] } }
        return m
    }

    /// The weighted covariance `Σ w_k (x_k − m)(x_k − m)ᵀ` (row-major, `dimension²` values).
    public var covariance: [Double] {
        let m = mean, d = dimension
        var c = [Double](repeating: 0, count: d * d)
        for k in 0..<count {
            for i in 0..<d {
                let di = points[k * d + i] - m[i]
                for j in 0...i { c[i * d + j] += weights[k] * di * (points[k * d + j] - m[j]) }
            }
        }
        for i in 0..<d { for j in 0..<i { c[j * d + i] = c[i * d + j] } }
        return c
    }

    /// Kish's effective sample size `1 / Σ w_k²` (equal weights: the count).
    public var effectiveSampleSize: Double {
        1 / weights.reduce(0) { $0 + $1 * $1 }
    }
}
