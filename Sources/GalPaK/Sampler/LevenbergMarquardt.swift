import CConvolutionKernels

/// Deterministic minimisation of a sum of squares `f(x) = Σ_n r_n(x)²` of k variables inside a
/// box, by Levenberg–Marquardt with Marquardt's diagonal scaling and Nielsen's (1999) damping
/// update.
///
/// At x the Jacobian J of r is taken by forward differences (k evaluations; the step turned
/// back at an upper bound), `A = JᵀJ`, `g = Jᵀr`. The step δ solves `(A + λ·diag A) δ = −g` over
/// the free coordinates (those at a bound whose descent points out of the box are held), the
/// trial point is clamped into the box, and with gain ratio ρ = actual / predicted decrease
/// (predicted by the quadratic model `f + 2gᵀδ + δᵀAδ`) a step with ρ > 0 is accepted and λ
/// multiplied by `max(1/3, 1 − (2ρ − 1)³)`, otherwise λ is multiplied by ν and ν doubled.
///
/// **Stopping.** At each new point, before stepping: the Gauss–Newton decrease `gᵀA⁻¹g` that a
/// full undamped step would bring is computed; below `tolerance` the search has converged (on a
/// χ² with `tolerance` 0.01: within a hundredth of the change 1σ away). It also stops after
/// `maxEvaluations`, or when λ exceeds 10¹⁰ (no descent found: converged only if the predicted
/// decrease was already below 10·`tolerance`).
///
/// **Differences.** The step of coordinate j starts at `initialStep` and then follows the
/// curvature: 0.2 σ_j with σ_j² the j-th diagonal entry of `A⁻¹` (the Gauss–Newton
/// variance for a χ²), clamped to [`initialStep`/100, `initialStep`] — small against the
/// posterior's width, large against the model's rounding noise.
///
/// **Large residuals.** When the model misses the data, the Hessian of `½ Σ r²` is `JᵀJ + S`
/// with `S = Σ r_n ∇²r_n` not small, and Gauss–Newton steps converge only linearly (on the
/// CARMA CO cube S is as large as JᵀJ along some directions: each step gained ~half of what
/// its model predicted, 15 Jacobians from the first guess). As in NL2SOL (Dennis, Gay &
/// Welsch 1981), S is estimated by a structured secant update after each accepted step
/// (``secantUpdate``, from the Jacobians already taken, no extra evaluation), and the next
/// step solves `(JᵀJ + S + λ·diag A) δ = −g` instead when that augmented model predicted the
/// last step's decrease better than Gauss–Newton's. Measured: CO `--optimize` 350 → 295
/// evaluations to the same mode (Δχ² 0.02); the simulated HI cube the same 270; the tutorial
/// cube 291 → 302. The stopping rule and the σ's keep to `A = JᵀJ`.
///
/// Typically 5–15 Jacobians for a smooth model (against hundreds of simplex moves), so
/// ~k·10 evaluations. Non-finite residuals (a model that cannot be evaluated) count as f = +∞.
public struct LevenbergMarquardt {
    /// The predicted Gauss–Newton decrease of f below which a point is the minimum.
    public var tolerance: Double
    /// The most evaluations of r (Jacobians included).
    public var maxEvaluations: Int
    /// The first forward-difference step of every coordinate (in x's units).
    public var initialStep: Double
    /// Whether the steps may use the structured secant term (``secantUpdate``; see
    /// **Large residuals**); false: plain Levenberg–Marquardt.
    public var structuredSecant = true

    public init(tolerance: Double, maxEvaluations: Int, initialStep: Double = 0.01) {
        self.tolerance = tolerance
        self.maxEvaluations = maxEvaluations
        self.initialStep = initialStep
    }

    /// The result of a minimisation.
    public struct Outcome {
        /// The minimum found.
        public var x: [Double]
        /// f there.
        public var value: Double
        /// Evaluations of r.
        public var evaluations: Int
        /// Whether the stopping rule was met (else the evaluations ran out).
        public var converged: Bool
        /// `√((JᵀJ)⁻¹)_jj` at `x` when the search converged there (NaN for a coordinate held
        /// at a bound): for a χ², each coordinate's Gauss–Newton standard deviation.
        public var sigma: [Double]? = nil
        /// The Gauss–Newton decrease `gᵀA⁻¹g` predicted at `x` when the search stopped there
        /// (+∞ when none was computed): f's minimum in this basin is about `value` less this.
        public var predictedDecrease = Double.infinity
        /// Whether the search stopped because `until` held at `x` (then not converged).
        public var halted = false
    }

    /// Writes r(x) into the buffer (`count` values); false when r cannot be evaluated at x.
    public typealias Residuals = ([Double], UnsafeMutableBufferPointer<Double>) throws -> Bool

    /// Minimises `Σ r²` from `x0` inside `[lower, upper]` (±∞ for an unbounded coordinate).
    /// - Parameters:
    ///   - count: the number of residuals.
    ///   - residuals: r (``Residuals``).
    /// - Precondition: `x0` inside the box; `lower`, `upper` and `x0` of one length.
    public func minimise(count: Int, from x0: [Double], lower: [Double], upper: [Double],
                         residuals: Residuals) throws -> Outcome {
        try withoutActuallyEscaping(residuals) { residuals in
            try minimise(count: count, from: x0, lower: lower, upper: upper, workers: [residuals])
        }
    }

    /// As ``minimise(count:from:lower:upper:residuals:)``, with `workers`: copies of r that
    /// can be evaluated at the same time (each on a forward model of its own). The Jacobian's
    /// k columns are shared among them, column j always on worker `j mod workers.count` (the
    /// same result whatever the timing); everything else uses the first. On 2 cores the search
    /// takes ~0.6× the time of one worker.
    ///
    /// `until`, when given, is asked at the start and at every point the search moves to,
    /// before the Jacobian there: when it holds, the search stops at that point
    /// (``Outcome/halted``), e.g. once it has reached a basin already searched.
    /// - Precondition: at least one worker.
    public func minimise(count: Int, from x0: [Double], lower: [Double], upper: [Double],
                         workers: [Residuals], until: (([Double]) -> Bool)? = nil) throws -> Outcome {
        let k = x0.count
        precondition(lower.count == k && upper.count == k, "bounds and start differ in length")
        precondition(!workers.isEmpty, "at least one copy of the residuals")
        let residuals = workers[0]
        var r = [Double](repeating: 0, count: count), trial = r
        var jacobian = [Float](repeating: 0, count: count * k)  // column-major: column j at j·count
        // One column's residuals per worker.
        let scratch = UnsafeMutableBufferPointer<Double>.allocate(capacity: count * Swift.min(workers.count, Swift.max(k, 1)))
        defer { scratch.deallocate() }
        var evaluations = 0
        func value(_ x: [Double], into out: inout [Double]) throws -> Double {
            evaluations += 1
            let ok = try out.withUnsafeMutableBufferPointer { try residuals(x, $0) }
            guard ok else { return .infinity }
            return out.withUnsafeBufferPointer { Self.sumOfSquares($0) }
        }

        var x = x0
        var f = try value(x, into: &r)
        guard f.isFinite else { return Outcome(x: x, value: f, evaluations: evaluations, converged: false) }
        var steps = [Double](repeating: initialStep, count: k)
        var lambda = 1e-3, nu = 2.0
        // The structured secant term S (``secantUpdate``) and what its update needs from the
        // last accepted step: s, g before it, and the old J's Jᵀr at the new point.
        var secant = [Double](repeating: 0, count: k * k)
        var last: (step: [Double], gradient: [Double], oldJacobianGradient: [Double])?
        var augmented = false
        while evaluations + k + 1 <= maxEvaluations {
            if let until, until(x) { return Outcome(x: x, value: f, evaluations: evaluations, converged: false, halted: true) }
            // The Jacobian at x, column by column, the columns shared among the workers (stored in
            // Float: a step direction needs no more).
            var finite = [Bool](repeating: true, count: k)
            try jacobian.withUnsafeMutableBufferPointer { jac in
                try r.withUnsafeBufferPointer { r in
                    try finite.withUnsafeMutableBufferPointer { finite in
                        try forEachConcurrently(k, workers: workers.count) { [x, steps] w, j in
                            var xj = x
                            let h = x[j] + steps[j] <= upper[j] ? steps[j] : -steps[j]
                            xj[j] += h
                            let out = UnsafeMutableBufferPointer(rebasing: scratch[(w * count)..<((w + 1) * count)])
                            guard try workers[w](xj, out), Self.sumOfSquares(UnsafeBufferPointer(out)).isFinite else {
                                finite[j] = false
                                return
                            }
                            let inverse = 1 / h, column = j * count
                            for n in 0..<count { jac[column + n] = Float((out[n] - r[n]) * inverse) }
                        }
                    }
                }
            }
            evaluations += k
            guard finite.allSatisfy({ $0 }) else {
                return Outcome(x: x, value: f, evaluations: evaluations, converged: false)
            }
            let (a, g) = jacobian.withUnsafeBufferPointer { jac in
                r.withUnsafeBufferPointer { JacobianProducts.normalEquations(jac, residuals: $0, columns: k, workers: workers.count) }
            }
            if let last {
                Self.secantUpdate(&secant, step: last.step, gradientChange: (0..<k).map { g[$0] - last.gradient[$0] },
                                  residualCurvature: (0..<k).map { g[$0] - last.oldJacobianGradient[$0] })
            }
            // Hold the coordinates at a bound whose descent −g leads out of the box.
            let held = (0..<k).map { (x[$0] <= lower[$0] && g[$0] > 0) || (x[$0] >= upper[$0] && g[$0] < 0) }
            let moving = (0..<k).filter { !held[$0] && a[$0 * k + $0] > 0 }
            guard !moving.isEmpty else { return Outcome(x: x, value: f, evaluations: evaluations, converged: true) }
            let sub = moving.flatMap { i in moving.map { a[i * k + $0] } }, m = moving.count
            let subSecant = moving.flatMap { i in moving.map { secant[i * k + $0] } }
            let subG = moving.map { g[$0] }
            // A⁻¹ gives both the undamped step's predicted decrease gᵀA⁻¹g and the σ's.
            var predicted = Double.infinity
            var sigma: [Double]?
            if let inverse = Cholesky.inverse(sub, size: m) {
                predicted = 0
                for p in 0..<m { for q in 0..<m { predicted += subG[p] * inverse[p * m + q] * subG[q] } }
                sigma = [Double](repeating: .nan, count: k)
                for (p, i) in moving.enumerated() {
                    let s = inverse[p * m + p].squareRoot()
                    sigma?[i] = s
                    steps[i] = Swift.min(initialStep, Swift.max(initialStep / 100, 0.2 * s))
                }
            }
            if predicted < tolerance {
                return Outcome(x: x, value: f, evaluations: evaluations, converged: true, sigma: sigma,
                               predictedDecrease: predicted)
            }
            // Damped steps until one lowers f.
            var accepted = false
            while !accepted && evaluations < maxEvaluations {
                var damped = augmented ? zip(sub, subSecant).map { $0 + $1 } : sub
                for p in 0..<m { damped[p * m + p] += lambda * Swift.max(sub[p * m + p], 1e-12) }
                guard let delta = Cholesky.solve(damped, subG.map { -$0 }, size: m) else { lambda *= nu; nu *= 2; continue }
                var candidate = x
                for (p, i) in moving.enumerated() {
                    candidate[i] = Swift.min(Swift.max(x[i] + delta[p], lower[i]), upper[i])
                }
                var step = [Double](repeating: 0, count: m)
                for (p, i) in moving.enumerated() { step[p] = candidate[i] - x[i] }
                // Predicted decrease of the quadratic models for the (clamped) step.
                var quadratic = 0.0, correction = 0.0, linear = 0.0
                for p in 0..<m {
                    linear += subG[p] * step[p]
                    for q in 0..<m {
                        quadratic += step[p] * sub[p * m + q] * step[q]
                        correction += step[p] * subSecant[p * m + q] * step[q]
                    }
                }
                let gaussNewtonGain = -(2 * linear + quadratic), augmentedGain = gaussNewtonGain - correction
                let gain = augmented ? augmentedGain : gaussNewtonGain
                let fc = try value(candidate, into: &trial)
                let rho = gain > 0 ? (f - fc) / gain : -1
                if fc < f, rho > 0 {
                    // The next step uses the model that predicted this one's decrease better.
                    augmented = structuredSecant && abs(f - fc - augmentedGain) < abs(f - fc - gaussNewtonGain)
                    let move = (0..<k).map { candidate[$0] - x[$0] }
                    x = candidate
                    f = fc
                    swap(&r, &trial)
                    if structuredSecant {
                        let oldJacobianGradient = jacobian.withUnsafeBufferPointer { jac in
                            r.withUnsafeBufferPointer { JacobianProducts.gradient(jac, residuals: $0, columns: k) }
                        }
                        last = (move, g, oldJacobianGradient)
                    }
                    let c = 2 * rho - 1
                    lambda *= Swift.max(1.0 / 3, 1 - c * c * c)
                    nu = 2
                    accepted = true
                } else {
                    lambda *= nu
                    nu *= 2
                    if lambda > 1e10 {
                        return Outcome(x: x, value: f, evaluations: evaluations, converged: predicted < 10 * tolerance,
                                       predictedDecrease: predicted)
                    }
                }
            }
        }
        return Outcome(x: x, value: f, evaluations: evaluations, converged: false)
    }

    /// The structured secant update of S, the part `Σ r_n ∇²r_n` of the Hessian of `½ Σ r²`
    /// that the Gauss–Newton `JᵀJ` leaves out (Dennis, Gay & Welsch 1981, ACM TOMS 7, 348: NL2SOL),
    /// after a step s: with `y = g⁺ − g` (g = Jᵀr) and `y# = (J⁺ − J)ᵀ r⁺` (what S⁺s should be),
    /// S is first sized by `τ = min(1, |sᵀy#| / |sᵀSs|)`, then, with `v = y# − τSs`,
    ///
    ///     S⁺ = τS + (v yᵀ + y vᵀ) / yᵀs − (vᵀs) y yᵀ / (yᵀs)²,
    ///
    /// the least change (in a norm weighted by y) that is symmetric and meets `S⁺s = y#`.
    /// Skipped when `yᵀs ≤ 0` (no curvature along s). On a fit whose model misses the data this
    /// term is as large as `JᵀJ` along some directions, and the search then converges only
    /// linearly without it.
    static func secantUpdate(_ s: inout [Double], step: [Double], gradientChange y: [Double], residualCurvature target: [Double]) {
        let k = step.count
        let ys = zip(y, step).reduce(0) { $0 + $1.0 * $1.1 }
        guard ys > 0, ys.isFinite else { return }
        var sStep = [Double](repeating: 0, count: k)
        for i in 0..<k { for j in 0..<k { sStep[i] += s[i * k + j] * step[j] } }
        let curvature = zip(step, sStep).reduce(0) { $0 + $1.0 * $1.1 }
        let wanted = zip(step, target).reduce(0) { $0 + $1.0 * $1.1 }
        let tau = curvature != 0 ? Swift.min(1, abs(wanted) / abs(curvature)) : 1
        let v = (0..<k).map { target[$0] - tau * sStep[$0] }
        let vs = zip(v, step).reduce(0) { $0 + $1.0 * $1.1 }
        for i in 0..<k {
            for j in 0..<k {
                s[i * k + j] = tau * s[i * k + j] + (v[i] * y[j] + y[i] * v[j]) / ys - vs * y[i] * y[j] / (ys * ys)
            }
        }
    }

    /// `Σ v_n²` (`ck_square_sum` on the fastest ``CPUPath``), +∞ when not finite.
    static func sumOfSquares(_ v: UnsafeBufferPointer<Double>) -> Double {
        guard let base = v.baseAddress else { return 0 }
        let sum = ck_square_sum(CPUPath.best.c, base, nil, v.count)
        return sum.isFinite ? sum : .infinity
    }
}
