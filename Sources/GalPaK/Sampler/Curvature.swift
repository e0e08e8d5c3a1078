import Foundation

/// The Laplace approximation of a posterior's covariance: with `f = χ² − 2 log prior`
/// (−2 × the log posterior), the covariance near the mode is `2 H⁻¹`, H the Hessian of f.
///
/// H is estimated by central differences with per-parameter steps h:
/// `H_ii = (f(p + h_i) − 2 f(p) + f(p − h_i)) / h_i²` and
/// `H_ij = (f(++) − f(+−) − f(−+) + f(−−)) / (4 h_i h_j)`; 1 + 2k + 2k(k − 1) evaluations
/// for k free parameters (181 for k = 10). The model's χ² carries a rounding noise of ~2e-5
/// (absolute; the Float convolution: s.d. 1.7e-5 measured on a 30×30×36 cube), so steps of
/// 0.1–1 posterior σ (f changes by 0.02–2) give H to better than 1 %; the tuner's steps are
/// the burn-in's spread. For a quadratic f the result is exact.
enum Curvature {
    /// What one measurement gives: the gradient g of f (central differences,
    /// `(f(p + h_i) − f(p − h_i)) / 2h_i`, from the evaluations of H's diagonal; 0 for the
    /// other parameters) and `2 H⁻¹` (nil when H is not positive definite).
    struct Measurement {
        var value: Double
        var gradient: [Double]
        var covariance: [Double]?
    }

    /// `2 H⁻¹` on the free parameters (10 × 10, row-major, zero elsewhere), or nil if H is not
    /// positive definite there (not near a mode, or a parameter pressed against a bound) or
    /// any evaluation is not finite.
    static func covariance(at p: GalaxyParameters, steps: [Double], free: [Bool],
                           f: (GalaxyParameters) throws -> Double) throws -> [Double]? {
        try withoutActuallyEscaping(f) { f in try measure(at: p, steps: steps, free: free, workers: [f])?.covariance }
    }

    /// f, its gradient and `2 H⁻¹` at `p` (see ``Measurement``); nil when some free parameter
    /// has no step. `workers` are copies of f that can be evaluated at the same time (each on
    /// a forward model of its own): the evaluations, independent of each other, are shared
    /// among them (``forEachConcurrently(_:workers:_:)``).
    static func measure(at p: GalaxyParameters, steps: [Double], free: [Bool],
                        workers: [(GalaxyParameters) throws -> Double]) throws -> Measurement? {
        let n = p.values.count
        let index = (0..<n).filter { free[$0] && steps[$0] > 0 }
        guard index.count == free.filter({ $0 }).count, !index.isEmpty else { return nil }
        // Every point first: p, then per parameter i (a-th free) p ± h_i, then per pair b < a
        // the four corners (+ +, + −, − +, − −).
        var points = [p]
        func point(_ moves: [(Int, Double)]) -> Int {
            var q = p
            for (i, sign) in moves { q.values[i] += sign * steps[i] }
            points.append(q)
            return points.count - 1
        }
        var axis: [(plus: Int, minus: Int)] = [], corners: [[Int]] = []
        for (a, i) in index.enumerated() {
            axis.append((point([(i, 1)]), point([(i, -1)])))
            for j in index[..<a] {
                corners.append([point([(i, 1), (j, 1)]), point([(i, 1), (j, -1)]),
                                point([(i, -1), (j, 1)]), point([(i, -1), (j, -1)])])
            }
        }
        var values = [Double](repeating: .nan, count: points.count)
        try values.withUnsafeMutableBufferPointer { out in
            try forEachConcurrently(points.count, workers: workers.count) { [points] w, m in out[m] = try workers[w](points[m]) }
        }
        let centre = values[0]
        let k = index.count
        var h = [Double](repeating: 0, count: k * k)
        var gradient = [Double](repeating: 0, count: n)
        var pair = 0
        for (a, i) in index.enumerated() {
            let plus = values[axis[a].plus], minus = values[axis[a].minus]
            h[a * k + a] = (plus - 2 * centre + minus) / (steps[i] * steps[i])
            gradient[i] = (plus - minus) / (2 * steps[i])
            for (b, j) in index.enumerated() where b < a {
                let c = corners[pair].map { values[$0] }
                pair += 1
                h[a * k + b] = (c[0] - c[1] - c[2] + c[3]) / (4 * steps[i] * steps[j])
                h[b * k + a] = h[a * k + b]
            }
        }
        guard centre.isFinite, h.allSatisfy(\.isFinite), let inverse = Cholesky.inverse(h, size: k) else {
            return Measurement(value: centre, gradient: gradient, covariance: nil)
        }
        var covariance = [Double](repeating: 0, count: n * n)
        for (a, i) in index.enumerated() {
            for (b, j) in index.enumerated() { covariance[i * n + j] = 2 * inverse[a * k + b] }
        }
        return Measurement(value: centre, gradient: gradient, covariance: covariance)
    }
}
