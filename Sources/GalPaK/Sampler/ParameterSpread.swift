/// How the uncertainty of a quantity computed from the parameters (a derived value, the rotation
/// curve at some radius) is found, for either estimator of a fit:
/// - ``draws(_:counts:)``: over the chain entries the estimate uses (weighted): the median, the
///   population standard deviation and the percentiles `50 ∓ p/2`;
/// - ``laplace(mode:covariance:)``: by the delta method around the mode: the value q(mode), the
///   standard deviation `√(gᵀ C g)` with g the gradient of q (central differences, steps of
///   ``gradientStep`` σ along each parameter with a variance), and the interval
///   `value ∓ z σ` with `z = Φ⁻¹(½ + p/200)` (``NormalQuantile``). Without a covariance the
///   spread is NaN.
public enum ParameterSpread: Sendable {
    case draws([GalaxyParameters], counts: [Int])
    case laplace(mode: GalaxyParameters, covariance: [Double]?)

    /// The gradient's step, in standard deviations of each parameter.
    public static let gradientStep = 0.01

    /// A quantity's estimate: value, standard deviation and the interval's ends.
    public struct Summary: Sendable, Equatable {
        public var value: Double
        public var stdev: Double
        public var lower: Double
        public var upper: Double
    }

    /// The summary of `q` for an interval of `percentile` %.
    public func summary(of q: (GalaxyParameters) -> Double, percentile: Double) -> Summary {
        summaries(of: { [q($0)] }, percentile: percentile)[0]
    }

    /// The summary of every component of a vector quantity `q` (e.g. the rotation speed at
    /// several radii), computing `q` once per chain entry or per gradient step.
    public func summaries(of q: (GalaxyParameters) -> [Double], percentile: Double) -> [Summary] {
        switch self {
        case .draws(let rows, let counts):
            let values = rows.map(q)
            return (0..<(values.first?.count ?? 0)).map { c in
                let sample = WeightedSample(values: values.map { $0[c] }, counts: counts)
                return Summary(value: sample.median, stdev: sample.std, lower: sample.percentile(50 - percentile / 2),
                               upper: sample.percentile(50 + percentile / 2))
            }
        case .laplace(let mode, let covariance):
            let value = q(mode)
            guard let covariance else { return value.map { Summary(value: $0, stdev: .nan, lower: .nan, upper: .nan) } }
            let n = mode.values.count
            var gradients: [[Double]] = Array(repeating: [Double](repeating: 0, count: n), count: value.count)
            for i in 0..<n {
                let h = Self.gradientStep * covariance[i * n + i].squareRoot()
                guard h > 0 else { continue }
                var plus = mode, minus = mode
                plus.values[i] += h
                minus.values[i] -= h
                let (up, down) = (q(plus), q(minus))
                for c in value.indices { gradients[c][i] = (up[c] - down[c]) / (2 * h) }
            }
            let z = NormalQuantile.halfWidth(percentile: percentile)
            return value.indices.map { c in
                let g = gradients[c]
                var variance = 0.0
                for i in 0..<n where g[i] != 0 {
                    for j in 0..<n where g[j] != 0 { variance += g[i] * covariance[i * n + j] * g[j] }
                }
                let stdev = Swift.max(variance, 0).squareRoot()
                return Summary(value: value[c], stdev: stdev, lower: value[c] - z * stdev, upper: value[c] + z * stdev)
            }
        }
    }
}
