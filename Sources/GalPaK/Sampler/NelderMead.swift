/// Deterministic minimisation of a function of n variables by the Nelder–Mead simplex, with the
/// dimension-adapted coefficients of Gao & Han (2012): reflection 1, expansion 1 + 2/n,
/// contraction 0.75 − 1/(2n), shrink 1 − 1/n (the classic 1, 2, ½, ½ for n = 2).
///
/// The simplex starts at `x0` and `x0 + stepᵢ eᵢ`. A run stops when the function's values over
/// the simplex span at most `tolerance` (absolute), or after `maxEvaluations`. It is then
/// restarted from its best vertex with a fresh simplex of the first size (which rescues a
/// simplex collapsed in a valley), until a restart improves the minimum by at most
/// `tolerance`, or after `restarts` restarts. Non-finite values count as +∞ (the simplex moves
/// away from them). No randomness: the same inputs give the same result.
public struct NelderMead: Sendable {
    /// The function's values over the simplex must span at most this to stop a run.
    public var tolerance: Double
    /// Evaluations per run (restarts get as many again).
    public var maxEvaluations: Int
    /// Most restarts after the first run.
    public var restarts: Int

    public init(tolerance: Double, maxEvaluations: Int, restarts: Int = 3) {
        self.tolerance = tolerance
        self.maxEvaluations = maxEvaluations
        self.restarts = restarts
    }

    /// The result of a minimisation.
    public struct Outcome: Sendable {
        /// Where the smallest value was found.
        public var x: [Double]
        /// The smallest value.
        public var value: Double
        /// Function evaluations, over every run.
        public var evaluations: Int
        /// Runs made (1 + restarts).
        public var runs: Int
        /// Whether the last run met the tolerance (else it ran out of evaluations).
        public var converged: Bool
    }

    /// Minimises `f` from `x0`.
    /// - Precondition: `steps` has one non-zero entry per variable.
    public func minimise(_ f: ([Double]) throws -> Double, from x0: [Double], steps: [Double]) rethrows -> Outcome {
        precondition(steps.count == x0.count && steps.allSatisfy { $0 != 0 }, "one non-zero step per variable")
        var best = (x: x0, value: Self.finite(try f(x0)))
        var evaluations = 1, runs = 0, converged = false
        while runs <= restarts {
            let run = try minimiseOnce(f, from: best.x, value: best.value, steps: steps)
            evaluations += run.evaluations
            runs += 1
            converged = run.converged
            let improvement = best.value - run.value
            if run.value < best.value { best = (run.x, run.value) }
            if !(improvement > tolerance) { break }
        }
        return Outcome(x: best.x, value: best.value, evaluations: evaluations, runs: runs, converged: converged)
    }

    private static func finite(_ v: Double) -> Double { v.isFinite ? v : .infinity }

    /// One run from `x0` (whose value is `v0`, already counted).
    private func minimiseOnce(_ f: ([Double]) throws -> Double, from x0: [Double], value v0: Double,
                              steps: [Double]) rethrows -> (x: [Double], value: Double, evaluations: Int, converged: Bool) {
        let n = x0.count
        let dn = Double(n)
        let (alpha, beta, gamma, delta) = (1.0, 1 + 2 / dn, 0.75 - 1 / (2 * dn), 1 - 1 / dn)
        var evaluations = 0
        func value(_ x: [Double]) throws -> Double {
            evaluations += 1
            return Self.finite(try f(x))
        }
        var points = [x0]
        var values = [v0]
        for i in 0..<n {
            var x = x0
            x[i] += steps[i]
            points.append(x)
            values.append(try value(x))
        }
        func along(_ centroid: [Double], _ worst: [Double], _ t: Double) -> [Double] {
            (0..<n).map { centroid[$0] + t * (centroid[$0] - worst[$0]) }
        }
        while true {
            let order = values.indices.sorted { (values[$0], $0) < (values[$1], $1) }
            points = order.map { points[$0] }
            values = order.map { values[$0] }
            if values[n] - values[0] <= tolerance { return (points[0], values[0], evaluations, true) }
            if evaluations >= maxEvaluations { return (points[0], values[0], evaluations, false) }
            var centroid = [Double](repeating: 0, count: n)
            for p in points.dropLast() { for i in 0..<n { centroid[i] += p[i] / dn } }
            let reflected = along(centroid, points[n], alpha)
            let fr = try value(reflected)
            if fr < values[0] {
                let expanded = along(centroid, points[n], alpha * beta)
                let fe = try value(expanded)
                (points[n], values[n]) = fe < fr ? (expanded, fe) : (reflected, fr)
            } else if fr < values[n - 1] {
                (points[n], values[n]) = (reflected, fr)
            } else {
                let outside = fr < values[n]
                let contracted = along(centroid, points[n], outside ? gamma : -gamma)
                let fc = try value(contracted)
                if fc < (outside ? fr : values[n]) {
                    (points[n], values[n]) = (contracted, fc)
                } else {
                    for k in 1...n {
                        points[k] = (0..<n).map { points[0][$0] + delta * (points[k][$0] - points[0][$0]) }
                        values[k] = try value(points[k])
                    }
                }
            }
        }
    }
}
