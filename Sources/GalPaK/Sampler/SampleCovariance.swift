import Foundation

/// The covariance of the parameters over a chain's iterations (rows repeated by weight), and
/// its Cholesky factor, for shaping proposals (``ScaleTuner``).
enum SampleCovariance {
    /// Weighted covariance (10 × 10, row-major, population normalisation) of `chains` pooled,
    /// from offsets to `reference` (PA offsets wrapped to (−180°, 180°]). Zero for an empty input.
    static func of(_ chains: [Chain], reference: GalaxyParameters) -> [Double] {
        let n = GalaxyParameters.count
        var mean = [Double](repeating: 0, count: n)
        var products = [Double](repeating: 0, count: n * n)
        var total = 0.0
        for chain in chains {
            for row in 0..<chain.count {
                var d = chain.parameters(at: row).values
                for i in 0..<n { d[i] -= reference.values[i] }
                d[ParameterName.pa.rawValue] = ChainSummary.wrapHalfTurn(d[ParameterName.pa.rawValue])
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
    /// true (zero elsewhere), or nil if that block is not positive definite.
    static func cholesky(_ covariance: [Double], free: [Bool]) -> [Double]? {
        let n = GalaxyParameters.count
        var l = [Double](repeating: 0, count: n * n)
        for j in 0..<n where free[j] {
            var diagonal = covariance[j * n + j]
            for k in 0..<j where free[k] { diagonal -= l[j * n + k] * l[j * n + k] }
            guard diagonal > 0 else { return nil }
            let root = diagonal.squareRoot()
            l[j * n + j] = root
            for i in (j + 1)..<n where free[i] {
                var s = covariance[i * n + j]
                for k in 0..<j where free[k] { s -= l[i * n + k] * l[j * n + k] }
                l[i * n + j] = s / root
            }
        }
        return l
    }
}
