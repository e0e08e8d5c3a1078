import Foundation

/// The posterior's mode, found deterministically, and the Laplace approximation around it
/// (`galpak fit --optimize`; the default MCMC fit starts its chains there).
///
/// With `f = χ² − 2 log prior` (−2 × the log posterior, up to a constant):
/// 1. **Search** (``search(objective:logPrior:residuals:from:bounds:free:)``) on the free
///    parameters, each scaled by its first step ``firstSteps(at:bounds:free:)`` (≈ 10 % of the
///    value, between 1 % and 5 % of the bounds' width: 1.5 px of x on a 30-px cube, 4.5° of
///    inclination). When f is a sum of squares (the Gaussian χ², ``ChiSquareResiduals``):
///    ``LevenbergMarquardt`` inside the bounds, stopping when a Gauss–Newton step would lower f
///    by less than ``searchTolerance`` (typically 10–15 Jacobians: ~10× fewer evaluations than
///    the simplex). Otherwise: ``NelderMead``, stopping when f spans ``searchTolerance`` over
///    the simplex, restarted from its best vertex up to ``NelderMead/restarts`` times; every
///    point is moved into the bounds before f is evaluated, and a point outside them pays
///    `Σ (excess / step)²` more, so the simplex comes back. An angle (a parameter with a
///    ``ParameterDescriptor/period``: the PA) is not clamped when its bounds span a full period
///    (the default), and the mode's angle is wrapped to [0, period).
/// 2. **Laplace approximation** (``init(objective:objectiveCopies:logPrior:residuals:from:bounds:free:)``): the
///    curvature at the mode. After a Levenberg–Marquardt search, once, from the residuals
///    (``ResidualCurvature``), with steps of ½ σ, σ the search's Gauss–Newton standard
///    deviations; after a simplex, from f (``Curvature``), with steps of
///    1/10 of the first steps, then again with steps of ½ σ from the first measurement. After
///    each, one Newton step `δ = −H⁻¹ g = −½ C g` (C = 2 H⁻¹) is taken if it lowers f, which
///    polishes the mode to the minimum of a quadratic. The covariance is C (the Hessian of f
///    itself, not its Gauss–Newton part); the standard deviations are `√C_ii`. A parameter whose
///    mode lies within 10⁻⁶ of its bounds' width of a bound is *at* that bound: it is held
///    there for the curvature and gets no standard deviation (its value is a limit set by the
///    bound, not a measurement).
///
/// The same inputs give the same result (no randomness), whatever the machine's load.
public struct PosteriorMode: Sendable {
    /// f's values over the simplex must span at most this to stop a search: 0.01 in χ², a
    /// hundredth of the change 1σ away from the mode.
    public static let searchTolerance = 0.01
    /// Evaluations per Nelder–Mead run and free parameter (a run gets 200 (k + 1)).
    public static let evaluationsPerParameter = 200

    /// The mode (fixed parameters as given).
    public var mode: GalaxyParameters
    /// f at the mode: χ² − 2 log prior.
    public var value: Double
    /// `2 H⁻¹` (n × n for n parameters, row-major; zero for fixed parameters and those at a bound), or nil
    /// when the curvature is not positive definite (not a mode, or a degenerate direction).
    public var covariance: [Double]?
    /// `√C_ii`: 0 for a fixed parameter, NaN at a bound or without a covariance.
    public var stdev: GalaxyParameters
    /// The free parameters whose mode lies on one of their bounds.
    public var atBound: [ParameterName: BoundProximity.Side]
    /// Every evaluation of f: the search's and the curvature's.
    public var evaluations: Int
    /// Whether the search's last run met ``searchTolerance`` (else it ran out of evaluations).
    public var converged: Bool

    /// The mode alone (step 1), with f there, the evaluations made, and after a
    /// Levenberg–Marquardt search the Gauss–Newton standard deviation of each free parameter
    /// (NaN for one held at a bound).
    /// - Parameters:
    ///   - objective: χ² of a parameter set (non-finite: unusable).
    ///   - logPrior: log prior density up to a constant.
    ///   - residuals: f as a sum of squares, when it is one (then searched by Levenberg–Marquardt).
    ///   - free: which parameters move.
    public static func search(objective: (GalaxyParameters) throws -> Double,
                              logPrior: (GalaxyParameters) -> Double = { _ in 0 },
                              residuals: ChiSquareResiduals? = nil,
                              from start: GalaxyParameters, bounds: ParameterBounds,
                              free: [Bool]) throws -> Search {
        let index = free.indices.filter { free[$0] }
        guard !index.isEmpty else {
            return Search(mode: start, value: try objective(start) - 2 * logPrior(start), evaluations: 1, converged: true)
        }
        let steps = firstSteps(at: start, bounds: bounds, free: free)
        func point(_ u: [Double]) -> GalaxyParameters {
            var p = start
            for (a, i) in index.enumerated() { p.values[i] += u[a] * steps[i] }
            return p
        }
        if let residuals {
            let periodic = index.map { spansFullPeriod(bounds.names[$0], bounds) }
            let lower = index.enumerated().map { a, i in periodic[a] ? -Double.infinity : (bounds.min.values[i] - start.values[i]) / steps[i] }
            let upper = index.enumerated().map { a, i in periodic[a] ? Double.infinity : (bounds.max.values[i] - start.values[i]) / steps[i] }
            func minimise(from u0: [Double], tolerance: Double,
                          until: (([Double]) -> Bool)? = nil) throws -> LevenbergMarquardt.Outcome {
                let search = LevenbergMarquardt(tolerance: tolerance, maxEvaluations: evaluationsPerParameter * (index.count + 1))
                let workers = ([residuals.write] + residuals.copies).map { write -> LevenbergMarquardt.Residuals in
                    { u, out in try write(project(point(u), bounds: bounds), out) }
                }
                return try search.minimise(count: residuals.count, from: u0, lower: lower, upper: upper, workers: workers, until: until)
            }
            // The first guess's basin to the full tolerance; the other starts only as far as
            // shows whether their basin can be lower, or until they reach the best basin so far
            // (within basinWidth of its σ), and then to the full tolerance.
            // A start within distinctInclination of the best mode's inclination so far is skipped:
            // it would search the basin already searched.
            let starts = inclinationStarts(start, bounds: bounds, free: free)
            let origins = starts.map { origin in
                index.map { (origin.values[$0] - start.values[$0]) / steps[$0] }
            }
            var best = try minimise(from: origins[0], tolerance: searchTolerance)
            var evaluations = best.evaluations
            for (origin, u0) in zip(starts, origins).dropFirst()
            where abs(origin[.inclination] - point(best.x)[.inclination]) > distinctInclination {
                let reached = best
                var other = try minimise(from: u0, tolerance: Self.screeningTolerance) { Self.sameBasin($0, reached.x, sigma: reached.sigma) }
                evaluations += other.evaluations
                guard !other.halted, other.value - other.predictedDecrease < best.value - searchTolerance,
                      !Self.sameBasin(other.x, best.x, sigma: best.sigma) else { continue }
                if other.predictedDecrease >= searchTolerance {
                    other = try minimise(from: other.x, tolerance: searchTolerance)
                    evaluations += other.evaluations
                }
                if other.value < best.value { best = other }
            }
            let sigma = best.sigma.map { s in
                free.indices.map { i in index.firstIndex(of: i).map { s[$0] * steps[i] } ?? 0 }
            }
            return Search(mode: project(point(best.x), bounds: bounds), value: residuals.constant + best.value,
                          evaluations: evaluations, converged: best.converged, gaussNewtonSigma: sigma)
        }
        let minimiser = NelderMead(tolerance: searchTolerance,
                                   maxEvaluations: evaluationsPerParameter * (index.count + 1))
        let outcome = try minimiser.minimise({ u in
            let raw = point(u)
            let inside = project(raw, bounds: bounds)
            var excess = 0.0
            for i in index {
                let d = (raw.values[i] - inside.values[i]) / steps[i]
                if !spansFullPeriod(bounds.names[i], bounds) { excess += d * d }
            }
            return try objective(inside) - 2 * logPrior(inside) + excess
        }, from: [Double](repeating: 0, count: index.count), steps: [Double](repeating: 1, count: index.count))
        return Search(mode: project(point(outcome.x), bounds: bounds), value: outcome.value,
                      evaluations: outcome.evaluations, converged: outcome.converged)
    }

    /// What a search (step 1) finds.
    public struct Search {
        /// The mode (fixed parameters as given).
        public var mode: GalaxyParameters
        /// f there.
        public var value: Double
        /// Evaluations of f (or of the residuals).
        public var evaluations: Int
        /// Whether the search's stopping rule was met (else it ran out of evaluations).
        public var converged: Bool
        /// After a Levenberg–Marquardt search: each parameter's Gauss–Newton standard deviation
        /// at the mode (0 when fixed, NaN when held at a bound).
        public var gaussNewtonSigma: [Double]? = nil
    }

    /// The mode and the Laplace approximation around it (steps 1 and 2).
    /// - Parameter objectiveCopies: more copies of `objective`, each on a forward model of its
    ///   own, that can run at the same time as it and each other (the curvature's evaluations
    ///   are shared among them).
    public init(objective: @escaping (GalaxyParameters) throws -> Double,
                objectiveCopies: [(GalaxyParameters) throws -> Double] = [],
                logPrior: @escaping (GalaxyParameters) -> Double = { _ in 0 },
                residuals: ChiSquareResiduals? = nil,
                from start: GalaxyParameters, bounds: ParameterBounds, free: [Bool]) throws {
        func f(_ p: GalaxyParameters) throws -> Double { try objective(p) - 2 * logPrior(p) }
        let copies = ([objective] + objectiveCopies).map { chi2 -> (GalaxyParameters) throws -> Double in
            { p in try chi2(p) - 2 * logPrior(p) }
        }
        let found = try Self.search(objective: objective, logPrior: logPrior, residuals: residuals,
                                    from: start, bounds: bounds, free: free)
        var mode = found.mode, value = found.value, evaluations = found.evaluations
        var atBound: [ParameterName: BoundProximity.Side] = [:]
        let first = Self.firstSteps(at: mode, bounds: bounds, free: free)
        for (n, name) in bounds.names.enumerated() where free[n] && name.period == nil {
            for (side, bound) in [(BoundProximity.Side.min, bounds.min[name]), (.max, bounds.max[name])]
            where abs(mode[name] - bound) <= first[n] {
                var q = mode
                q[name] = bound
                let v = try f(q)
                evaluations += 1
                if v <= value {
                    (mode, value) = (q, v)
                    atBound[name] = side
                }
            }
        }
        let measured = bounds.names.enumerated().map { free[$0] && atBound[$1] == nil }
        let k = measured.filter { $0 }.count
        var covariance: [Double]?
        var steps = Self.firstSteps(at: mode, bounds: bounds, free: measured).map { $0 / 10 }
        var passes = 2
        if let sigma = found.gaussNewtonSigma,
           measured.indices.allSatisfy({ !measured[$0] || (sigma[$0].isFinite && sigma[$0] > 0) }) {
            steps = measured.indices.map { measured[$0] ? 0.5 * sigma[$0] : 0 }
            passes = 1
        }
        for _ in 0..<passes where k > 0 {
            steps = Self.inside(steps, at: mode, bounds: bounds)
            let measurement = try residuals.map { try ResidualCurvature.measure(at: mode, steps: steps, free: measured, residuals: $0) }
                ?? Curvature.measure(at: mode, steps: steps, free: measured, workers: copies)
            evaluations += residuals == nil ? Curvature.evaluations(free: k) : ResidualCurvature.evaluations(free: k)
            guard let m = measurement else { break }
            guard let c = m.covariance else { break }
            covariance = c
            let n = measured.count
            var newton = mode
            for i in 0..<n where measured[i] {
                newton.values[i] -= 0.5 * (0..<n).reduce(0) { $0 + c[i * n + $1] * m.gradient[$1] }
            }
            newton = Self.project(newton, bounds: bounds)
            let v = try f(newton)
            evaluations += 1
            if v < value { (mode, value) = (newton, v) }
            steps = (0..<n).map { measured[$0] ? 0.5 * c[$0 * n + $0].squareRoot() : 0 }
        }
        for name in bounds.names { if let t = name.period { mode[name] = wrapPeriod(mode[name], t) } }
        var stdev = GalaxyParameters.missing(bounds.names)
        for (i, name) in bounds.names.enumerated() {
            if !free[i] {
                stdev[name] = 0
            } else if measured[i], let covariance {
                stdev[name] = covariance[i * measured.count + i].squareRoot()
            }
        }
        self.mode = mode
        self.value = value
        self.covariance = covariance
        self.stdev = stdev
        self.atBound = atBound
        self.evaluations = evaluations
        converged = found.converged
    }

    /// The inclinations a Levenberg–Marquardt search starts from, each with the maximum velocity
    /// rescaled to keep the projected rotation `Vmax·sin i` of `start`: the first guess's
    /// inclination (from the moments' axis ratio, the least reliable part of the guess: a beam
    /// as wide as the minor axis sends it to 90°) first, then each of ``otherInclinations`` more
    /// than ``distinctInclination`` away from it, inside the bounds. A local search keeps to the
    /// basin it starts in (on the example cube a guess of 90° ends at a mode on the edge-on
    /// bound, Δχ² = 384 above the one at 61°); the best of the searches is the mode. The search
    /// also skips a start within ``distinctInclination`` of the best mode found before it (on
    /// the CARMA CO cube the start at 50°, next to the first search's 49.4°: 49 evaluations
    /// that came back to the same mode). Only `start` when the inclination is fixed.
    static func inclinationStarts(_ start: GalaxyParameters, bounds: ParameterBounds, free: [Bool]) -> [GalaxyParameters] {
        let i = ParameterName.inclination, v = ParameterName.maximumVelocity
        guard free[start.index(of: i)!] else { return [start] }
        let guess = start[i]
        return [start] + otherInclinations.filter { abs($0 - guess) > distinctInclination && $0 > bounds.min[i] && $0 < bounds.max[i] }.map { inclination in
            var p = start
            p[i] = inclination
            if free[start.index(of: v)!] {
                let projected = start[v] * sin(guess * .pi / 180)
                let rescaled = projected / sin(inclination * .pi / 180)
                p[v] = Swift.min(Swift.max(rescaled.isFinite && projected > 0 ? rescaled : start[v], bounds.min[v]), bounds.max[v])
            }
            return p
        }
    }

    /// The predicted decrease to which a search from another inclination is first taken: enough
    /// to tell whether its basin can hold a lower mode than the first guess's (Levenberg–Marquardt
    /// converges linearly when the model misfits, so the last factor of 1000 costs as much again).
    public static let screeningTolerance = 10.0

    /// Whether a search stopped at `x` has reached the basin of the mode `mode`: within
    /// ``basinWidth`` Gauss–Newton σ of it in every coordinate (a coordinate held at a bound
    /// there, with NaN σ, must be at the same place); false without σ.
    static func sameBasin(_ x: [Double], _ mode: [Double], sigma: [Double]?) -> Bool {
        guard let sigma else { return false }
        return x.indices.allSatisfy { j in
            sigma[j].isNaN ? x[j] == mode[j] : abs(x[j] - mode[j]) <= basinWidth * sigma[j]
        }
    }

    /// How many σ from the mode a search from another inclination may stop and be taken as
    /// having reached the same mode.
    public static let basinWidth = 5.0

    /// The inclinations (degrees) a search also starts from, besides the first guess's.
    public static let otherInclinations = [30.0, 50.0, 70.0]

    /// How far (degrees) a start's inclination must lie from the first guess's and from the best
    /// mode's so far to be searched from.
    public static let distinctInclination = 10.0

    /// The search's first step of every free parameter (0 for the others): 10 % of its value,
    /// at least 1 % and at most 5 % of its bounds' width (for an angle, of at most a full period).
    public static func firstSteps(at p: GalaxyParameters, bounds: ParameterBounds, free: [Bool]) -> [Double] {
        bounds.names.enumerated().map { n, name in
            guard free[n] else { return 0 }
            var width = bounds.max[name] - bounds.min[name]
            if let t = name.period { width = Swift.min(width, t) }
            return Swift.min(0.05 * width, Swift.max(0.1 * abs(p[name]), 0.01 * width))
        }
    }

    /// `p` moved into the bounds: each parameter clamped, except an angle whose bounds span a
    /// full period, which is only wrapped to [0, period).
    static func project(_ p: GalaxyParameters, bounds: ParameterBounds) -> GalaxyParameters {
        var q = p
        for name in bounds.names {
            if spansFullPeriod(name, bounds), let t = name.period {
                q[name] = wrapPeriod(q[name], t)
            } else {
                q[name] = Swift.min(Swift.max(q[name], bounds.min[name]), bounds.max[name])
            }
        }
        return q
    }

    /// Whether `name` is an angle whose bounds span at least its period.
    private static func spansFullPeriod(_ name: ParameterName, _ bounds: ParameterBounds) -> Bool {
        guard let t = name.period else { return false }
        return bounds.max[name] - bounds.min[name] >= t
    }

    /// `steps` shortened so that `p ± step` stays inside the bounds (at most half the room to
    /// the nearer bound; an angle is periodic when its bounds span a full period).
    private static func inside(_ steps: [Double], at p: GalaxyParameters, bounds: ParameterBounds) -> [Double] {
        bounds.names.enumerated().map { n, name in
            let step = steps[n]
            guard step > 0, !spansFullPeriod(name, bounds) else { return step }
            return Swift.min(step, 0.5 * Swift.min(p[name] - bounds.min[name], bounds.max[name] - p[name]))
        }
    }
}
