import Foundation

/// The covariance of the parameters over a chain's iterations (rows repeated by weight), and
/// its Cholesky factor, for shaping proposals (``ScaleTuner``).
enum SampleCovariance {
    /// Weighted covariance (n × n for the reference's n parameters, row-major, population
    /// normalisation) of `chains` pooled, in `space`'s coordinates, from offsets to `reference`
    /// (an angle's offsets wrapped to half its period, (−180°, 180°] for PA). Zero for an empty input.
    static func of(_ chains: [Chain], reference: GalaxyParameters, space: SamplingSpace = .linear) -> [Double] {
        let n = reference.values.count
        let origin = space.forward(reference)
        var mean = [Double](repeating: 0, count: n)
        var products = [Double](repeating: 0, count: n * n)
        var total = 0.0
        for chain in chains {
            for row in 0..<chain.count {
                var d = chain.parameters(at: row).values
                for i in 0..<n { d[i] = space.forward(d[i], i) - origin[i] }
                for i in 0..<n { if let t = ParameterName.period(at: i, in: reference.names) { d[i] = wrapHalfPeriod(d[i], t) } }
                let w = Double(chain.weight(at: row))
                total += w
                for i in 0..<n {
                    mean[i] += w * d[i]
                    for j in 0...i { products[i * n + j] += w * d[i] * d[j] }
                }
            }
        }
        guard total > 0 else { return products }
        var covariance = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0...i {
                let c = products[i * n + j] / total - (mean[i] / total) * (mean[j] / total)
                covariance[i * n + j] = c
                covariance[j * n + i] = c
            }
        }
        return covariance
    }

    /// The lower-triangular L with `L Lᵀ = covariance` on the rows/columns where `free` is
    /// true (zero elsewhere), or nil if that block is not positive definite: the
    /// ``Cholesky/factor(_:size:)`` of the free block, put back in place.
    static func cholesky(_ covariance: [Double], free: [Bool]) -> [Double]? {
        let n = free.count
        let index = (0..<n).filter { free[$0] }
        let k = index.count
        let block = index.flatMap { i in index.map { j in covariance[i * n + j] } }
        guard let factor = Cholesky.factor(block, size: k) else { return nil }
        var l = [Double](repeating: 0, count: n * n)
        for (a, i) in index.enumerated() {
            for (b, j) in index.enumerated() { l[i * n + j] = factor[a * k + b] }
        }
        return l
    }
}
