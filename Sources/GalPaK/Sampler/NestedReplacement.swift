/// One new live point of ``NestedSampler``, found on its own core: a point drawn uniformly from
/// the prior (in unit-cube coordinates) with a likelihood above the threshold, by one of three
/// ways (``Way``). Each replacement owns its generator and buffers, so the points found depend
/// on the seed only, and its inner loop allocates nothing besides what the likelihood does.
struct NestedReplacement {
    /// How the point is found.
    enum Way: Sendable {
        /// Rejection from the whole unit cube.
        case cube
        /// Rejection from the bound (uniform in the union of ellipsoids, ``EllipsoidUnion``),
        /// points outside the unit cube rejected too.
        case bound(EllipsoidUnion)
        /// A random walk inside the contour from the live point `start` (with θ's unit-cube
        /// coordinates `from`, target `logTarget`, likelihood `logLikelihood`): at least
        /// `walks` steps `u' = u + scale · L z` (z uniform in the unit ball, L the Cholesky
        /// factor of the bound's ellipsoid nearest the start), each accepted when u' is in the
        /// cube and above the threshold (Metropolis for the uniform density in the contour);
        /// continued until one is accepted, the step halved after every `walks` in a row
        /// rejected. dynesty's `rwalk`.
        case walk(EllipsoidUnion, from: [Double], logTarget: Double, logLikelihood: Double, scale: Double, walks: Int)
    }

    var generator: SeededGenerator
    /// The point found, unit-cube coordinates.
    var unit: [Double]
    /// θ of the point found.
    var theta: [Double]
    /// ln L and ln L' = ln L + ln g of the point found.
    var logLikelihood = -Double.infinity
    var logTarget = -Double.infinity
    /// Likelihood evaluations spent.
    var calls = 0
    /// Draws from the bound (rejection) and walk steps, with those accepted.
    var draws = 0, accepted = 0
    /// Whether no point was found within the call limit.
    var failed = false
    private var candidate: [Double]
    private var candidateTheta: [Double]
    private var scratch: [Double]

    init(dimension: Int, generator: SeededGenerator) {
        self.generator = generator
        unit = [Double](repeating: 0, count: dimension)
        theta = unit
        candidate = unit
        candidateTheta = unit
        scratch = unit
    }

    /// Finds a point with `ln L' > threshold` the given way, spending at most `callLimit`
    /// evaluations (else ``failed``). Resets the counters first.
    mutating func find(above threshold: Double, way: Way, prior: BoxPrior, callLimit: Int,
                       likelihood: @Sendable ([Double]) -> Double) {
        calls = 0; draws = 0; accepted = 0; failed = false
        let d = unit.count
        // Evaluates `candidate`; true when it is above the threshold.
        func evaluate() -> Bool {
            prior.point(fromUnit: candidate, into: &candidateTheta)
            var logL = likelihood(candidateTheta)
            if logL.isNaN { logL = -.infinity }
            calls += 1
            let target = logL + prior.logGaussianTerm(candidateTheta)
            guard target > threshold else { return false }
            swap(&unit, &candidate)
            swap(&theta, &candidateTheta)
            logLikelihood = logL
            logTarget = target
            return true
        }
        func insideCube(_ u: [Double]) -> Bool {
            for i in 0..<d where !(u[i] > 0 && u[i] < 1) { return false }
            return true
        }
        switch way {
        case .cube:
            var found = false
            repeat {
                for i in 0..<d { candidate[i] = generator.nextOpenUnitInterval() }
                draws += 1
                found = evaluate()
            } while !found && calls < callLimit
            failed = !found
            if found { accepted = 1 }
        case .bound(let bound):
            var found = false
            repeat {
                bound.sample(into: &candidate, scratch: &scratch, using: &generator)
                draws += 1
                found = insideCube(candidate) && evaluate()
            } while !found && calls < callLimit
            failed = !found
            if found { accepted = 1 }
        case let .walk(bound, start, startTarget, startLikelihood, scale, walks):
            for i in 0..<d { unit[i] = start[i] }
            prior.point(fromUnit: unit, into: &theta)
            logTarget = startTarget
            logLikelihood = startLikelihood
            let shape = bound.nearest(to: start)
            var step = scale
            var rejectedInARow = 0
            while (draws < walks || accepted == 0) && calls < callLimit {
                unitBallPoint(into: &scratch, using: &generator)
                for i in 0..<d {
                    var s = 0.0
                    for j in 0...i { s += shape.factor[i * d + j] * scratch[j] }
                    candidate[i] = unit[i] + step * s
                }
                draws += 1
                if insideCube(candidate) && evaluate() {
                    accepted += 1
                    rejectedInARow = 0
                } else {
                    rejectedInARow += 1
                    if rejectedInARow % walks == 0 { step /= 2 }
                }
            }
            failed = accepted == 0
        }
    }
}
