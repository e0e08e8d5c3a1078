/// The Laplace approximation's Hessian of `f = c + Σ_n w_n²` (``ChiSquareResiduals``) from the
/// residuals w instead of f alone, in fewer evaluations than ``Curvature``'s:
///
///     H_ij = 2 Σ_n (∂_i w_n ∂_j w_n + w_n ∂_ij w_n) = 2 (JᵀJ + S)_ij
///
/// with per-parameter steps h:
/// - J by central differences, `(w(p + h_i) − w(p − h_i)) / 2h_i` (error O(h²)), and `JᵀJ` from it
///   (``JacobianProducts``, J stored in Float);
/// - `S_ii = Σ w·(w(p + h_i) − 2w(p) + w(p − h_i)) / h_i²` (O(h²));
/// - `S_ij = Σ w·(w(p + h_i + h_j) − w(p + h_i) − w(p + h_j) + w(p)) / (h_i h_j)` from one corner
///   per pair (error O(h) in S alone, the part of H that is small where the model fits: on the
///   CARMA CO cube the standard deviations are 0.98–1.01× those of ``Curvature``'s two-corner H
///   of f, both within 5 % of the default fit's chains; on 80 simulated cubes, white and low
///   S/N, the median ratio is 1.000–1.009).
///
/// Every S term is a dot product with w(p), so besides J only scalars are kept. For k free
/// parameters: 1 + 2k + k(k − 1)/2 evaluations (55 for k = 9, against ``Curvature``'s 91). For
/// residuals linear in p (a quadratic f) the result is exact.
enum ResidualCurvature {
    /// The evaluations of w one measurement makes for k free parameters: 1 + 2k + k(k − 1)/2.
    static func evaluations(free k: Int) -> Int { 1 + 2 * k + k * (k - 1) / 2 }

    /// f at `p`, its gradient (2Jᵀw) and `2 H⁻¹` (see ``Curvature/Measurement``); nil when some
    /// free parameter has no step or w cannot be evaluated at a point. w(p) is evaluated first,
    /// then the other points are shared among `residuals`' writers (its copies included), item
    /// m always on writer `m mod writers` (the same result whatever the timing).
    static func measure(at p: GalaxyParameters, steps: [Double], free: [Bool],
                        residuals: ChiSquareResiduals) throws -> Curvature.Measurement? {
        guard let index = Curvature.stepped(steps, free: free) else { return nil }
        let k = index.count, count = residuals.count
        let writers = [residuals.write] + residuals.copies
        func moved(_ moves: [(Int, Double)]) -> GalaxyParameters { Curvature.moved(p, moves, steps: steps) }
        var w = [Double](repeating: 0, count: count)
        guard try w.withUnsafeMutableBufferPointer({ try residuals.write(p, $0) }) else { return nil }
        // Items: per free parameter a the two axis points (one item: J's column needs both),
        // then per pair b < a the corner (+ +).
        let pairs = index.indices.flatMap { a in (0..<a).map { (a, $0) } }
        var jacobian = [Float](repeating: 0, count: count * k)
        // Per axis item: Σw·w(+), Σw·w(−); per corner: Σw·w(++).
        var axisSums = [Double](repeating: .nan, count: 2 * k), cornerSums = [Double](repeating: .nan, count: pairs.count)
        let scratch = UnsafeMutableBufferPointer<Double>.allocate(capacity: 2 * count * writers.count)
        defer { scratch.deallocate() }
        try w.withUnsafeBufferPointer { w in
            try jacobian.withUnsafeMutableBufferPointer { jac in
                try axisSums.withUnsafeMutableBufferPointer { axisSums in
                    try cornerSums.withUnsafeMutableBufferPointer { cornerSums in
                        try forEachConcurrently(k + pairs.count, workers: writers.count) { worker, item in
                            let plus = UnsafeMutableBufferPointer(rebasing: scratch[(2 * worker * count)..<((2 * worker + 1) * count)])
                            let minus = UnsafeMutableBufferPointer(rebasing: scratch[((2 * worker + 1) * count)..<((2 * worker + 2) * count)])
                            if item < k {
                                let i = index[item]
                                guard try writers[worker](moved([(i, 1)]), plus), try writers[worker](moved([(i, -1)]), minus) else { return }
                                let scale = 1 / (2 * steps[i]), column = item * count
                                var wp = 0.0, wm = 0.0
                                for m in 0..<count {
                                    jac[column + m] = Float((plus[m] - minus[m]) * scale)
                                    wp += w[m] * plus[m]
                                    wm += w[m] * minus[m]
                                }
                                (axisSums[2 * item], axisSums[2 * item + 1]) = (wp, wm)
                            } else {
                                let (a, b) = pairs[item - k]
                                guard try writers[worker](moved([(index[a], 1), (index[b], 1)]), plus) else { return }
                                var sum = 0.0
                                for m in 0..<count { sum += w[m] * plus[m] }
                                cornerSums[item - k] = sum
                            }
                        }
                    }
                }
            }
        }
        let ww = w.reduce(0) { $0 + $1 * $1 }
        let value = residuals.constant + ww
        guard axisSums.allSatisfy(\.isFinite), cornerSums.allSatisfy(\.isFinite) else { return nil }
        let (a, g) = jacobian.withUnsafeBufferPointer { jac in
            w.withUnsafeBufferPointer { JacobianProducts.normalEquations(jac, residuals: $0, columns: k, workers: writers.count) }
        }
        // JᵀJ + S, half of H.
        var h = a
        for (s, i) in index.enumerated() {
            h[s * k + s] += (axisSums[2 * s] - 2 * ww + axisSums[2 * s + 1]) / (steps[i] * steps[i])
        }
        for (c, (s, t)) in pairs.enumerated() {
            let curvature = (cornerSums[c] - axisSums[2 * s] - axisSums[2 * t] + ww) / (steps[index[s]] * steps[index[t]])
            h[s * k + t] += curvature
            h[t * k + s] += curvature
        }
        var gradient = [Double](repeating: 0, count: p.values.count)
        for (s, i) in index.enumerated() { gradient[i] = 2 * g[s] }
        return Curvature.Measurement(value: value, gradient: gradient, hessian: h.map { 2 * $0 }, index: index)
    }
}
