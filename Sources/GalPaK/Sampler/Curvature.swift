import Foundation

/// The Laplace approximation of a posterior's covariance: with `f = χ² − 2 log prior`
/// (−2 × the log posterior), the covariance near the mode is `2 H⁻¹`, H the Hessian of f.
///
/// H is estimated by central differences with per-parameter steps h:
/// `H_ii = (f(p + h_i) − 2 f(p) + f(p − h_i)) / h_i²` and, from the two corners on the
/// diagonal of each pair and the axis points already made,
/// `H_ij = (f(++) + f(−−) − f(+0) − f(−0) − f(0+) − f(0−) + 2 f(p)) / (2 h_i h_j)`
/// (Taylor: the odd orders cancel, so the error is O(h²) like the four-corner formula's, with
/// half its evaluations); 1 + 2k + k(k − 1) = 1 + k(k + 1) evaluations for k free parameters
/// (111 for k = 10, against 181 with four corners). The model's χ² carries a rounding noise of
/// ~2e-5 (absolute; the Float convolution: s.d. 1.7e-5 measured on a 30×30×36 cube), which the
/// formula's seven terms raise to ~3e-5/(h_i h_j) in H_ij (four corners: 1e-5), so steps of
/// 0.1–1 posterior σ (f changes by 0.02–2) give H to better than 1 %; the tuner's steps are the
/// burn-in's spread. For a quadratic f the result is exact.
///
/// Why not the Gauss–Newton `H ≈ 2 JᵀJ` of the residuals (1 + 2k evaluations)? It drops
/// `2 Σ w_n ∇²w_n`, which is not small on real data: on the CARMA CO cube it gave standard
/// deviations 1.06–1.8× the chains' (inclination 1.22° against 0.68° here and 0.68° from the
/// default fit's chains), where this Hessian agrees with the chains within 3 %.
enum Curvature {
    /// The evaluations of f one measurement makes for k free parameters: 1 + k(k + 1).
    static func evaluations(free k: Int) -> Int { 1 + k * (k + 1) }

    /// What one measurement gives: the gradient g of f (central differences,
    /// `(f(p + h_i) − f(p − h_i)) / 2h_i`, from the evaluations of H's diagonal; 0 for the
    /// other parameters) and `2 H⁻¹` (nil when H is not positive definite).
    struct Measurement {
        var value: Double
        var gradient: [Double]
        var covariance: [Double]?

        /// f, its gradient and `2 H⁻¹` from H over the free parameters `index` (k × k, row-major),
        /// spread over all n parameters (zero elsewhere); no covariance when H is not finite or
        /// not positive definite.
        init(value: Double, gradient: [Double], hessian h: [Double], index: [Int]) {
            self.value = value
            self.gradient = gradient
            let n = gradient.count, k = index.count
            guard value.isFinite, h.allSatisfy(\.isFinite), let inverse = Cholesky.inverse(h, size: k) else {
                covariance = nil
                return
            }
            var covariance = [Double](repeating: 0, count: n * n)
            for (a, i) in index.enumerated() {
                for (b, j) in index.enumerated() { covariance[i * n + j] = 2 * inverse[a * k + b] }
            }
            self.covariance = covariance
        }
    }

    /// The free parameters with a step (their indices), nil when some free parameter has none
    /// or none is free.
    static func stepped(_ steps: [Double], free: [Bool]) -> [Int]? {
        let index = free.indices.filter { free[$0] && steps[$0] > 0 }
        return index.count == free.filter({ $0 }).count && !index.isEmpty ? index : nil
    }

    /// `p` moved by `sign · steps[i]` along each parameter i of `moves`.
    static func moved(_ p: GalaxyParameters, _ moves: [(Int, Double)], steps: [Double]) -> GalaxyParameters {
        var q = p
        for (i, sign) in moves { q.values[i] += sign * steps[i] }
        return q
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
        guard let index = stepped(steps, free: free) else { return nil }
        // Every point first: p, then per parameter i (a-th free) p ± h_i, then per pair b < a
        // the two corners (+ +, − −).
        var points = [p]
        func point(_ moves: [(Int, Double)]) -> Int {
            points.append(moved(p, moves, steps: steps))
            return points.count - 1
        }
        var axis: [(plus: Int, minus: Int)] = [], corners: [[Int]] = []
        for (a, i) in index.enumerated() {
            axis.append((point([(i, 1)]), point([(i, -1)])))
            for j in index[..<a] {
                corners.append([point([(i, 1), (j, 1)]), point([(i, -1), (j, -1)])])
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
                let axes = values[axis[a].plus] + values[axis[a].minus] + values[axis[b].plus] + values[axis[b].minus]
                h[a * k + b] = (c[0] + c[1] - axes + 2 * centre) / (2 * steps[i] * steps[j])
                h[b * k + a] = h[a * k + b]
            }
        }
        return Measurement(value: centre, gradient: gradient, hessian: h, index: index)
    }
}
