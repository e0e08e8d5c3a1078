import Foundation
import Testing
@testable import GalPaK

/// The optimiser of `galpak fit --optimize` on toys whose mode and curvature are known.
@Suite struct PosteriorModeTests {
    /// Wide bounds (the sampler tests'), with every parameter but x, y and flux fixed at ``ToyPosterior/mu``.
    static let bounds = try! ParameterBounds(
        min: GalaxyParameters([0, 0, 0, 0, 0.8, -5, -40, 0.01, 10, 0]),
        max: GalaxyParameters([30, 30, 30, 1000, 12, 90.5, 400, 6, 350, 180]))
    static let free = ParameterName.reference.map { [.x, .y, .flux].contains($0) }

    /// χ² = dᵀ A d over (x, y, flux) with d = p − μ and a correlated A, so that the Laplace
    /// covariance `2 H⁻¹ = A⁻¹`.
    static let a: [[Double]] = [[4, 1.5, 0.02], [1.5, 9, -0.05], [0.02, -0.05, 0.01]]
    static let names: [ParameterName] = [.x, .y, .flux]
    static func quadratic(_ p: GalaxyParameters) -> Double {
        let d = names.map { p[$0] - ToyPosterior.mu[$0] }
        var sum = 0.0
        for i in 0..<3 { for j in 0..<3 { sum += d[i] * a[i][j] * d[j] } }
        return sum
    }

    @Test func nelderMeadFindsTheMinimumOfAQuadraticBowl() {
        let outcome = NelderMead(tolerance: 1e-10, maxEvaluations: 5000).minimise({ x in
            (x[0] - 1) * (x[0] - 1) + 10 * (x[1] + 2) * (x[1] + 2) + (x[0] - 1) * (x[1] + 2) + 100
        }, from: [5, 5], steps: [1, 1])
        #expect(abs(outcome.x[0] - 1) < 1e-4 && abs(outcome.x[1] + 2) < 1e-4, "\(outcome.x)")
        #expect(abs(outcome.value - 100) < 1e-9)
        #expect(outcome.converged)
    }

    /// The search's f, Σ r² in the C kernel's partial sums: the plain sum to rounding at every
    /// length around its blocks of 16, and +∞ when a residual is not finite.
    @Test func sumOfSquaresIsThePlainSum() {
        for n in [0, 1, 15, 16, 17, 1_000, 4_099] {
            let v = (0..<n).map { sin(Double($0) * 0.7) * Double(1 + $0 % 5) }
            let plain = v.reduce(0) { $0 + $1 * $1 }
            let sum = v.withUnsafeBufferPointer { LevenbergMarquardt.sumOfSquares($0) }
            #expect(abs(sum - plain) <= 1e-13 * Swift.max(plain, 1), "n = \(n): \(sum) vs \(plain)")
        }
        let broken = [1.0, .nan, 2]
        #expect(broken.withUnsafeBufferPointer { LevenbergMarquardt.sumOfSquares($0) } == .infinity)
    }

    /// r = A x − b, overdetermined: the least-squares solution `(AᵀA)⁻¹Aᵀb` after one
    /// Jacobian and one step, and the Gauss–Newton σ = √diag (AᵀA)⁻¹ (a 2×2 inverse by hand).
    @Test func levenbergMarquardtSolvesALinearProblem() throws {
        let a: [[Double]] = [[1, 2], [3, -1], [0.5, 4]], b = [1.0, 2, -3]
        let outcome = try LevenbergMarquardt(tolerance: 1e-12, maxEvaluations: 100).minimise(
            count: 3, from: [5, 5], lower: [-.infinity, -.infinity], upper: [.infinity, .infinity]) { x, out in
            for n in 0..<3 { out[n] = a[n][0] * x[0] + a[n][1] * x[1] - b[n] }
            return true
        }
        var ata: [[Double]] = [[0, 0], [0, 0]], atb: [Double] = [0, 0]
        for n in 0..<3 {
            for i in 0..<2 {
                atb[i] += a[n][i] * b[n]
                for j in 0..<2 { ata[i][j] += a[n][i] * a[n][j] }
            }
        }
        let det: Double = ata[0][0] * ata[1][1] - ata[0][1] * ata[1][0]
        let solution: [Double] = [(ata[1][1] * atb[0] - ata[0][1] * atb[1]) / det,
                                  (ata[0][0] * atb[1] - ata[1][0] * atb[0]) / det]
        #expect(abs(outcome.x[0] - solution[0]) < 1e-5 && abs(outcome.x[1] - solution[1]) < 1e-5, "\(outcome.x) vs \(solution)")
        #expect(outcome.converged && outcome.evaluations <= 12, "\(outcome.evaluations)")
        let sigma = try #require(outcome.sigma)
        #expect(abs(sigma[0] - (ata[1][1] / det).squareRoot()) < 1e-5 && abs(sigma[1] - (ata[0][0] / det).squareRoot()) < 1e-5)
    }

    /// Rosenbrock's valley as residuals, r = (10 (x₁ − x₀²), 1 − x₀), from (−1.2, 1): the
    /// minimum (1, 1), where the simplex needs hundreds of evaluations.
    @Test func levenbergMarquardtFollowsRosenbrocksValley() throws {
        let outcome = try LevenbergMarquardt(tolerance: 1e-14, maxEvaluations: 400).minimise(
            count: 2, from: [-1.2, 1], lower: [-5, -5], upper: [5, 5]) { x, out in
            out[0] = 10 * (x[1] - x[0] * x[0])
            out[1] = 1 - x[0]
            return true
        }
        #expect(abs(outcome.x[0] - 1) < 1e-4 && abs(outcome.x[1] - 1) < 1e-4, "\(outcome.x)")
        #expect(outcome.converged && outcome.evaluations < 150, "\(outcome.evaluations)")
    }

    /// The structured secant update keeps S symmetric and meets its secant condition S⁺s = y#.
    @Test func theSecantUpdateMeetsItsCondition() {
        var generator = SeededGenerator(seed: 4)
        let k = 4
        var s = [Double](repeating: 0, count: k * k)
        for i in 0..<k { for j in 0...i { let v = generator.nextGaussian(); s[i * k + j] = v; s[j * k + i] = v } }
        let step = (0..<k).map { _ in generator.nextGaussian() }
        let target = (0..<k).map { _ in generator.nextGaussian() }
        var y = (0..<k).map { _ in generator.nextGaussian() }
        if zip(y, step).reduce(0, { $0 + $1.0 * $1.1 }) < 0 { y = y.map { -$0 } }
        LevenbergMarquardt.secantUpdate(&s, step: step, gradientChange: y, residualCurvature: target)
        for i in 0..<k {
            let image = (0..<k).reduce(0) { $0 + s[i * k + $1] * step[$1] }
            #expect(abs(image - target[i]) < 1e-12, "row \(i): \(image) vs \(target[i])")
            for j in 0..<k { #expect(s[i * k + j] == s[j * k + i]) }
        }
        // No curvature along the step (yᵀs ≤ 0): S is left as it was.
        let before = s
        LevenbergMarquardt.secantUpdate(&s, step: step, gradientChange: y.map { -$0 }, residualCurvature: target)
        #expect(s == before)
    }

    /// A large-residual fit: one Gaussian line (amplitude, centre, width) fitted to a blend of
    /// two plus unit noise, 200 samples, to the tolerance of a χ² search (0.01). Both searches
    /// reach the same minimum, the one with the secant term in fewer evaluations.
    @Test func theSecantTermSpeedsUpALargeResidualFit() throws {
        var generator = SeededGenerator(seed: 1)
        let u = (0..<200).map { -5 + 10 * Double($0) / 199 }
        let data = u.map { v in
            20 * exp(-0.5 * (v - 1) * (v - 1)) + 15 * exp(-(v + 1.2) * (v + 1.2)) + generator.nextGaussian()
        }
        func search(_ secant: Bool) throws -> LevenbergMarquardt.Outcome {
            var lm = LevenbergMarquardt(tolerance: 0.01, maxEvaluations: 400)
            lm.structuredSecant = secant
            return try lm.minimise(count: 200, from: [1, 0.5, 2], lower: [0, -5, 0.1], upper: [10, 5, 10]) { x, out in
                for n in 0..<200 { out[n] = 10 * x[0] * exp(-0.5 * (u[n] - x[1]) * (u[n] - x[1]) / (x[2] * x[2])) - data[n] }
                return true
            }
        }
        let plain = try search(false), augmented = try search(true)
        #expect(plain.converged && augmented.converged)
        #expect(abs(plain.value - augmented.value) < 0.05, "\(plain.value) \(augmented.value)")
        #expect(augmented.evaluations < plain.evaluations, "evaluations: \(augmented.evaluations) with the secant term, \(plain.evaluations) without")
    }

    /// Three workers (the Jacobian's columns shared among them, on three threads) give exactly
    /// one worker's search: the same points, the same evaluations, bit for bit; no worker is
    /// called from two threads at once.
    @Test func levenbergMarquardtSharesTheJacobianAmongWorkersWithTheSameResult() throws {
        final class Worker: @unchecked Sendable {
            let lock = NSLock()
            var busy = false
            func residuals(_ x: [Double], _ out: UnsafeMutableBufferPointer<Double>) -> Bool {
                lock.withLock { precondition(!busy, "a worker called from two threads at once"); busy = true }
                defer { lock.withLock { busy = false } }
                out[0] = 10 * (x[1] - x[0] * x[0])
                out[1] = 1 - x[0]
                out[2] = 0.5 * (x[2] - x[0] * x[1])
                return true
            }
        }
        let search = LevenbergMarquardt(tolerance: 1e-14, maxEvaluations: 400)
        let one = Worker(), three = [Worker(), Worker(), Worker()]
        let alone = try search.minimise(count: 3, from: [-1.2, 1, 0], lower: [-5, -5, -5], upper: [5, 5, 5],
                                        workers: [one.residuals])
        let shared = try search.minimise(count: 3, from: [-1.2, 1, 0], lower: [-5, -5, -5], upper: [5, 5, 5],
                                         workers: three.map { w in { x, out in w.residuals(x, out) } })
        #expect(shared.x == alone.x && shared.value == alone.value && shared.evaluations == alone.evaluations)
        #expect(abs(shared.x[0] - 1) < 1e-4 && abs(shared.x[2] - 1) < 1e-4 && shared.converged, "\(shared.x)")
    }

    /// The curvature's evaluations shared among workers: the same covariance as one worker's.
    @Test func theCurvatureSharesItsEvaluationsAmongWorkersWithTheSameResult() throws {
        let steps = (0..<10).map { Self.free[$0] ? 0.3 : 0 }
        let f: (GalaxyParameters) throws -> Double = { Self.quadratic($0) }
        let alone = try #require(try Curvature.measure(at: ToyPosterior.mu, steps: steps, free: Self.free, workers: [f]))
        let shared = try #require(try Curvature.measure(at: ToyPosterior.mu, steps: steps, free: Self.free, workers: [f, f]))
        #expect(shared.covariance != nil && shared.covariance == alone.covariance && shared.gradient == alone.gradient)
    }

    /// The Hessian's mixed terms from two corners per pair: 1 + k(k + 1) evaluations, and for
    /// a non-quadratic f an error of order h² (a one-corner formula's would be of order h).
    /// f = eˣ + eʸ + ½ e^(x+y) around x = y = 0 (in units of 1/10 of the toy's coordinates):
    /// H = [[1.5, 0.5], [0.5, 1.5]], so `2 H⁻¹ = [[1.5, −0.5], [−0.5, 1.5]]`.
    @Test func theCurvatureTakesTwoCornersPerPairToSecondOrder() throws {
        let free = ParameterName.reference.map { [.x, .y].contains($0) }
        let calls = Counter()
        let centre = ToyPosterior.mu
        let f: (GalaxyParameters) throws -> Double = { p in
            calls.next()
            let x = (p[.x] - centre[.x]) / 10, y = (p[.y] - centre[.y]) / 10
            return 100 * (exp(x) + exp(y) + 0.5 * exp(x + y))
        }
        let h = 0.2
        let steps = (0..<10).map { free[$0] ? h : 0 }
        let m = try #require(try Curvature.measure(at: centre, steps: steps, free: free, workers: [f]))
        #expect(calls.value == Curvature.evaluations(free: 2) && calls.value == 7)
        let c = try #require(m.covariance), n = ParameterName.reference.count
        let (ix, iy) = (ParameterName.x.knownIndex!, ParameterName.y.knownIndex!)
        // H in the toy's units is 100/100 × [[1.5, .5], [.5, 1.5]]: 2 H⁻¹ = [[1.5, −.5], [−.5, 1.5]].
        // Second-order errors are ~(h/10)² ≈ 4e-4 of the fourth derivatives here; first-order ones would be ~1e-2.
        #expect(abs(c[ix * n + ix] - 1.5) < 1e-3 && abs(c[iy * n + iy] - 1.5) < 1e-3, "\(c[ix * n + ix]) \(c[iy * n + iy])")
        #expect(abs(c[ix * n + iy] + 0.5) < 1e-3 && abs(c[iy * n + ix] + 0.5) < 1e-3, "\(c[ix * n + iy])")
        #expect(abs(m.gradient[ix] - 1.5 * 10) < 1e-2 && abs(m.gradient[iy] - 1.5 * 10) < 1e-2, "\(m.gradient)")
    }

    /// `until`: the search stops at the first point where it holds, before another Jacobian;
    /// at once (one evaluation) when it holds at the start.
    @Test func levenbergMarquardtStopsWhereUntilHolds() throws {
        let search = LevenbergMarquardt(tolerance: 1e-14, maxEvaluations: 400)
        func rosenbrock(_ x: [Double], _ out: UnsafeMutableBufferPointer<Double>) -> Bool {
            out[0] = 10 * (x[1] - x[0] * x[0])
            out[1] = 1 - x[0]
            return true
        }
        let full = try search.minimise(count: 2, from: [-1.2, 1], lower: [-5, -5], upper: [5, 5], residuals: rosenbrock)
        var asked = 0
        let halted = try search.minimise(count: 2, from: [-1.2, 1], lower: [-5, -5], upper: [5, 5], workers: [rosenbrock]) { x in
            asked += 1
            return x[0] > 0.5
        }
        #expect(halted.halted && !halted.converged && halted.x[0] > 0.5, "\(halted.x)")
        #expect(halted.evaluations < full.evaluations && asked > 1, "\(halted.evaluations) vs \(full.evaluations)")
        #expect(!full.halted && full.converged)
        let atOnce = try search.minimise(count: 2, from: [-1.2, 1], lower: [-5, -5], upper: [5, 5], workers: [rosenbrock]) { _ in true }
        #expect(atOnce.halted && atOnce.evaluations == 1 && atOnce.x == [-1.2, 1])
    }

    /// A minimum beyond the box: the coordinate stops on the bound and is held there (no σ),
    /// the other goes to its own minimum; where r cannot be evaluated the search backs off.
    @Test func levenbergMarquardtStopsOnABoundAndAvoidsUnusablePoints() throws {
        let outcome = try LevenbergMarquardt(tolerance: 1e-12, maxEvaluations: 200).minimise(
            count: 2, from: [0.5, 3], lower: [0, -10], upper: [2, 10]) { x, out in
            guard x[1] > -1 else { return false }
            out[0] = x[0] - 5
            out[1] = 3 * (x[1] - 1)
            return true
        }
        #expect(outcome.x[0] == 2 && abs(outcome.x[1] - 1) < 1e-6, "\(outcome.x)")
        #expect(outcome.converged && abs(outcome.value - 9) < 1e-9)
        let sigma = try #require(outcome.sigma)
        #expect(sigma[0].isNaN && abs(sigma[1] - 1.0 / 3) < 1e-6)
    }

    /// The quadratic toy as residuals (χ² = |Lᵀd|², A = L Lᵀ), searched by Levenberg–Marquardt
    /// with a Gaussian prior among the residuals: the same mode and covariance as the simplex's
    /// search of the same f, in a fraction of the evaluations.
    @Test func theResidualSearchFindsTheSimplexsModeAndCovariance() throws {
        let l = try #require(Cholesky.factor(Self.a.flatMap { $0 }, size: 3))
        var priors = GaussianPriors()
        priors.set(.y, mean: 13.5, sigma: 0.4)
        let residuals = ChiSquareResiduals(count: 3 + priors.count, constant: 7) { p, out in
            let d = Self.names.map { p[$0] - ToyPosterior.mu[$0] }
            for j in 0..<3 { out[j] = (j..<3).reduce(0) { $0 + l[$1 * 3 + j] * d[$1] } }  // (Lᵀ d)_j
            priors.residuals(p, into: UnsafeMutableBufferPointer(rebasing: out[3...]))
            return true
        }
        var start = ToyPosterior.mu
        start[.x] = 17; start[.y] = 12.5; start[.flux] = 70
        let bounds = Self.bounds.fixing(ToyPosterior.known)
        let objective: (GalaxyParameters) -> Double = { Self.quadratic($0) + 7 }
        let simplex = try PosteriorMode(objective: objective, logPrior: { priors.logDensity($0) }, from: start,
                                        bounds: bounds, free: Self.free)
        let lm = try PosteriorMode(objective: objective, logPrior: { priors.logDensity($0) }, residuals: residuals,
                                   from: start, bounds: bounds, free: Self.free)
        let c = try #require(lm.covariance), reference = try #require(simplex.covariance)
        for p in Self.names {
            let sigma = simplex.stdev[p]
            #expect(abs(lm.mode[p] - simplex.mode[p]) < 1e-3 * sigma, "\(p.key): \(lm.mode[p]) vs \(simplex.mode[p])")
            #expect(abs(lm.stdev[p] / sigma - 1) < 1e-5, "\(p.key)")
            for q in Self.names {
                let n = ParameterName.reference.count
                #expect(abs(c[p.knownIndex! * n + q.knownIndex!] - reference[p.knownIndex! * n + q.knownIndex!]) < 1e-5 * sigma * simplex.stdev[q])
            }
        }
        #expect(abs(lm.value - simplex.value) < 1e-6 && lm.converged)
        #expect(lm.evaluations < simplex.evaluations / 2, "\(lm.evaluations) vs \(simplex.evaluations)")
    }

    /// The inclinations a residual search starts from keep the projected rotation Vmax·sin i.
    @Test func theSearchStartsFromSeveralInclinationsAtTheSameProjectedRotation() throws {
        let bounds = Self.bounds
        let all = [Bool](repeating: true, count: ParameterName.reference.count)
        let edgeOn = ToyPosterior.mu.with(.inclination, 90).with(.maximumVelocity, 100)
        let starts = PosteriorMode.inclinationStarts(edgeOn, bounds: bounds, free: all)
        #expect(starts.map { $0[.inclination] } == [90, 30, 50, 70])
        for p in starts { #expect(abs(p[.maximumVelocity] * sin(p[.inclination] * .pi / 180) - 100) < 1e-9) }
        #expect(PosteriorMode.inclinationStarts(edgeOn.with(.inclination, 45), bounds: bounds, free: all)
            .map { $0[.inclination] } == [45, 30, 70])
        let fixed = ParameterName.reference.map { $0 != .inclination }
        #expect(PosteriorMode.inclinationStarts(edgeOn, bounds: bounds, free: fixed) == [edgeOn])
    }

    /// A start within ``PosteriorMode/distinctInclination`` of the mode the first search found
    /// is not searched; one farther away is. Residuals (d/s) over inclination and Vmax, their
    /// mode at 52° and 180 km/s; the guess at 78° gives the starts 78°, 30°, 50° (70° is too
    /// close to the guess).
    @Test func aStartNextToTheModeFoundIsSkipped() throws {
        let mode = ToyPosterior.mu.with(.inclination, 52).with(.maximumVelocity, 180)
        let guess = mode.with(.inclination, 78).with(.maximumVelocity, 150)
        let searched = [Bool](ParameterName.reference.map { $0 == .inclination || $0 == .maximumVelocity })
        let seen = EvaluatedPoints()
        let residuals = ChiSquareResiduals(count: 2, constant: 0) { p, out in
            seen.add(p)
            out[0] = (p[.inclination] - mode[.inclination]) / 3
            out[1] = (p[.maximumVelocity] - mode[.maximumVelocity]) / 5
            return true
        }
        let starts = PosteriorMode.inclinationStarts(guess, bounds: Self.bounds, free: searched)
        #expect(starts.map { $0[.inclination] } == [78, 30, 50])
        let found = try PosteriorMode.search(objective: { _ in 0 }, residuals: residuals, from: guess,
                                             bounds: Self.bounds, free: searched)
        #expect(abs(found.mode[.inclination] - 52) < 0.1 && found.converged)
        #expect(seen.contains(starts[1]), "the start at 30°, 22° from the mode, is searched")
        #expect(!seen.contains(starts[2]), "the start at 50°, 2° from the mode, is not")
    }

    @Test func theModeAndTheLaplaceCovarianceOfAQuadraticAreExact() throws {
        var start = ToyPosterior.mu
        start[.x] = 17; start[.y] = 12.5; start[.flux] = 70
        let mode = try PosteriorMode(objective: Self.quadratic, from: start, bounds: Self.bounds.fixing(ToyPosterior.known),
                                 free: Self.free)
        let covariance = try #require(mode.covariance)
        // A⁻¹ by hand (3 × 3 adjugate).
        let m = Self.a
        let det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
            + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0])
        func inverse(_ i: Int, _ j: Int) -> Double {
            let r = [0, 1, 2].filter { $0 != j }, c = [0, 1, 2].filter { $0 != i }
            let minor = m[r[0]][c[0]] * m[r[1]][c[1]] - m[r[0]][c[1]] * m[r[1]][c[0]]
            return ((i + j) % 2 == 0 ? 1 : -1) * minor / det
        }
        for (i, p) in Self.names.enumerated() {
            let sigma = inverse(i, i).squareRoot()
            // The mode to a thousandth of σ, after the Newton polish.
            #expect(abs(mode.mode[p] - ToyPosterior.mu[p]) < 1e-3 * sigma, "\(p.key): \(mode.mode[p])")
            #expect(abs(mode.stdev[p] / sigma - 1) < 1e-6, "\(p.key): σ \(mode.stdev[p]) vs \(sigma)")
            for (j, q) in Self.names.enumerated() {
                let c = covariance[p.knownIndex! * GalaxyParameters.referenceCount + q.knownIndex!]
                #expect(abs(c - inverse(i, j)) < 1e-6 * sigma * inverse(j, j).squareRoot(), "C[\(p.key), \(q.key)]")
            }
        }
        #expect(mode.stdev[.radius] == 0 && mode.mode[.radius] == ToyPosterior.mu[.radius])
        #expect(mode.atBound.isEmpty && mode.converged)
        #expect(mode.value < 1e-6)
    }

    @Test func aModeBeyondABoundStopsOnItWithoutAnError() throws {
        var bounds = try Self.bounds.merging(min: nil, max: GalaxyParameters.missing.with(.x, 14))
        bounds = bounds.fixing(ToyPosterior.known)
        let mode = try PosteriorMode(objective: ToyPosterior.chi2, from: ToyPosterior.start.with(.x, 13), bounds: bounds,
                                 free: Self.free)
        #expect(mode.atBound == [.x: .max])
        #expect(mode.mode[.x] == 14)
        #expect(mode.stdev[.x].isNaN)
        // The others are measured with x held on its bound.
        #expect(abs(mode.stdev[.y] / 0.3 - 1) < 1e-4 && abs(mode.stdev[.flux] / 10 - 1) < 1e-4)
        #expect(abs(mode.mode[.y] - 14) < 1e-3 && abs(mode.mode[.flux] - 100) < 1e-2)
    }

    @Test func thePAIsCircular() throws {
        // χ² in the PA's wrapped distance from 355°: the mode is reached across 0°/360° from 10°.
        let free = ParameterName.reference.map { $0 == .pa }
        let mode = try PosteriorMode(objective: { p in
            let d = wrapHalfTurn(p[.pa] - 355) / 2
            return d * d
        }, from: ToyPosterior.mu.with(.pa, 10), bounds: Self.bounds, free: free)
        #expect(abs(mode.mode[.pa] - 355) < 1e-3, "\(mode.mode[.pa])")
        #expect(abs(mode.stdev[.pa] - 2) < 1e-4)
    }

    @Test func aGaussianPriorPullsTheModeAndNarrowsTheErrors() throws {
        var priors = GaussianPriors()
        priors.set(.x, mean: 16, sigma: 0.5)
        // Posterior of x: N(15, 0.5) × N(16, 0.5) = N(15.5, 0.5/√2).
        let mode = try PosteriorMode(objective: ToyPosterior.chi2, logPrior: { priors.logDensity($0) }, from: ToyPosterior.start,
                                 bounds: Self.bounds.fixing(ToyPosterior.known), free: Self.free)
        #expect(abs(mode.mode[.x] - 15.5) < 1e-3)
        #expect(abs(mode.stdev[.x] - 0.5 / 2.0.squareRoot()) < 1e-4)
    }

    @Test func aLaplaceIntervalCrossingABoundIsCutThereAndReported() throws {
        var min = Self.bounds.min
        min[.x] = ToyPosterior.mu[.x] - 0.3
        let bounds = try ParameterBounds(min: min, max: Self.bounds.max).fixing(ToyPosterior.known)
        let mode = try PosteriorMode(objective: Self.quadratic, from: ToyPosterior.mu.with(.x, 17), bounds: bounds,
                                 free: Self.free)
        #expect(mode.atBound.isEmpty, "the mode is 0.3 inside the bound")
        var summary = try ChainSummary(laplace: mode, chi2: 200, freeParameters: 3, degreesOfFreedom: 100,
                                       method: .last, fraction: 60, percentile: 95)
        #expect(summary.estimate.lower[.x] < min[.x])
        let sides = BoundProximity.sides(cuttingLaplaceIntervalsOf: &summary, bounds: bounds, fixed: ToyPosterior.known)
        #expect(sides == [.x: .min])
        #expect(summary.estimate.lower[.x] == min[.x])
        #expect(abs(summary.estimate.upper[.x] - mode.mode[.x] - 1.959963984540054 * mode.stdev[.x]) < 1e-9)
        #expect(summary.estimate.lower[.y] > min[.y])
    }

    @Test func aLaplaceSummaryHasNormalIntervals() throws {
        let mode = try PosteriorMode(objective: ToyPosterior.chi2, from: ToyPosterior.start,
                                 bounds: Self.bounds.fixing(ToyPosterior.known), free: Self.free)
        let summary = try ChainSummary(laplace: mode, chi2: 200, freeParameters: 3, degreesOfFreedom: 100,
                                       method: .last, fraction: 60, percentile: 95)
        #expect(abs(NormalQuantile.z(0.975) - 1.959963984540054) < 1e-12)
        #expect(abs(NormalQuantile.halfWidth(percentile: 68.26894921370859) - 1) < 1e-12)
        let e = summary.estimate
        #expect(abs(e.upper[.flux] - e.value[.flux] - 1.959963984540054 * e.stdev[.flux]) < 1e-9)
        #expect(abs(e.value[.y] - e.lower[.y] - 1.959963984540054 * 0.3) < 1e-4)
        #expect(e.lower[.radius] == e.value[.radius])
        #expect(summary.bestReducedChi2 == 2)
        // pD = 2 var(χ²/2) = k for a Gaussian posterior.
        let halfSpread = 0.5 * summary.reducedChi2Spread * 100
        #expect(abs(2 * halfSpread * halfSpread - 3) < 1e-12)
        // The delta method on a linear quantity: σ² = gᵀ C g.
        let spread = ParameterSpread.laplace(mode: mode.mode, covariance: mode.covariance)
        let s = spread.summary(of: { 2 * $0.x - $0.y }, percentile: 95)
        #expect(abs(s.stdev - (4 * 0.25 + 0.09).squareRoot()) < 1e-4)
        #expect(abs(s.value - (2 * 15 - 14)) < 1e-3)
    }
}

extension GalaxyParameters {
    /// A copy with `name` set to `value`.
    func with(_ name: ParameterName, _ value: Double) -> GalaxyParameters {
        var p = self
        p[name] = value
        return p
    }
}

/// The parameter sets a test's residuals were evaluated at.
private final class EvaluatedPoints: @unchecked Sendable {
    private var points: [GalaxyParameters] = []
    func add(_ p: GalaxyParameters) { points.append(p) }
    /// Whether `p` was evaluated (to 1e-9 in every parameter: the search moves the start into its own scaled coordinates and back).
    func contains(_ p: GalaxyParameters) -> Bool {
        points.contains { q in zip(q.values, p.values).allSatisfy { abs($0 - $1) <= 1e-9 * Swift.max(1, abs($1)) } }
    }
}
