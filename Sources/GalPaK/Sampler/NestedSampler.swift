import Foundation

/// Nested sampling (Skilling 2006) over a vector in a box: the evidence `Z = ∫ L π dθ` with
/// its error, and the posterior as weighted draws.
///
/// N live points start uniform in the prior box (unit-cube coordinates u, ``BoxPrior``); the
/// target is `ln L' = ln L + ln g` (g the prior's Gaussian terms). Each iteration:
///
/// 1. the K = ``NestedSettings/batchSize`` live points of lowest L' die. Removing the k-th
///    lowest of N − k uniform points shrinks the expected prior volume by `e^{−1/(N−k)}`, so
///    the k-th dead point (k = 0…K−1) gets `ln X_k = ln X − Σ_{j≤k} 1/(N−j)` and the shell
///    width `ΔX_k = X_{k−1} − X_k` (``DeadPoints``);
/// 2. the N − K survivors are uniform within `L' > L'_{K−1}`; K new points uniform in that
///    region are found in parallel, one per core (``NestedReplacement``, each with its own
///    generator seeded from the main one: the result does not depend on thread timing
///    or on the number of cores):
///    - while `X > ` ``NestedSettings/unboundedVolume``, by rejection from the whole cube;
///    - then by rejection from a multi-ellipsoid bound of the live points (``EllipsoidSplitting``,
///      ``EllipsoidUnion``), rebuilt after every max(K, N/10) deaths;
///    - from the first rebuild after which fewer than ``NestedSettings/minimumRejectionEfficiency``
///      of the bound's draws were accepted, by random walks inside the contour from a random
///      survivor, the step scale (in units of the ellipsoid's axes, at most 1) adapted towards
///      an acceptance of ½: `scale ← min(1, scale · e^{2(a − ½)})` after each batch, a the
///      batch's acceptance.
///
/// It stops when the remaining evidence, at most `L'_max X`, would change ln Z' by less than
/// ``NestedSettings/evidenceTolerance``: `ln(Z' + L'_max X) − ln Z' < tolerance`; the live
/// points then join the dead, sorted by L', each with width `X / N`. The evidence with respect
/// to π is `ln Z = ln Z' − ln c` (``BoxPrior/logGaussianNormaliser``), its error `√(H/N)`.
public struct NestedSampler: Sendable {
    public let prior: BoxPrior
    public let settings: NestedSettings

    /// - Throws: ``GalpakError`` `.badInput` when a setting is out of its range for this prior.
    public init(prior: BoxPrior, settings: NestedSettings = NestedSettings()) throws {
        try settings.validate(dimension: prior.dimension)
        self.prior = prior
        self.settings = settings
    }

    /// What a run has done so far, reported after every iteration.
    public struct Progress: Sendable {
        /// Dead points so far.
        public var iterations: Int
        /// Likelihood evaluations so far.
        public var likelihoodCalls: Int
        /// ln Z' of the dead points so far (with respect to the uniform box).
        public var logEvidence: Double
        /// `ln(Z' + L'_max X) − ln Z'`: the most the remaining evidence could add; sampling
        /// stops when it falls below the tolerance.
        public var remaining: Double
    }

    /// Samples until the evidence converges.
    /// - Parameters:
    ///   - likelihood: ln L(θ), called concurrently from several threads; NaN counts as −∞
    ///     (outside the support).
    ///   - isCancelled: polled before every iteration; true stops the run.
    ///   - progress: called after every iteration, on the calling thread.
    /// - Throws: ``GalpakError`` `.fitFailed` when ln L is −∞ or NaN at every initial point, or
    ///   no new point above the threshold was found within the call limit; ``StopRequested``
    ///   when `isCancelled` returned true.
    public func run(likelihood: @escaping @Sendable ([Double]) -> Double, isCancelled: () -> Bool = { false },
                    progress: (Progress) -> Void = { _ in }) throws -> NestedResult {
        let d = prior.dimension, n = settings.livePoints, batch = settings.batchSize
        var generator = SeededGenerator(seed: settings.seed)
        // Each slot's stream is seeded by a draw of the main one: runs with seeds s and s + 1
        // share no stream (seeding slot k with s + k would give run s + 1 the streams of run s).
        var slots = (0..<batch).map { _ in
            NestedReplacement(dimension: d, generator: SeededGenerator(seed: generator.next()))
        }

        // The initial live points, uniform in the cube, evaluated in parallel.
        var unit = [Double](repeating: 0, count: n * d)
        for k in 0..<(n * d) { unit[k] = generator.nextOpenUnitInterval() }
        var theta = [Double](repeating: 0, count: n * d)
        var logLikelihood = [Double](repeating: -.infinity, count: n)
        var logTarget = logLikelihood
        var initial = (0..<n).map { k in (theta: prior.lower.indices.map { i in
            prior.lower[i] + unit[k * d + i] * (prior.upper[i] - prior.lower[i]) }, logL: -Double.infinity) }
        concurrentUpdate(&initial) { _, point in
            let value = likelihood(point.theta)
            point.logL = value.isNaN ? -.infinity : value
        }
        for k in 0..<n {
            for i in 0..<d { theta[k * d + i] = initial[k].theta[i] }
            logLikelihood[k] = initial[k].logL
            logTarget[k] = initial[k].logL + prior.logGaussianTerm(initial[k].theta)
        }
        guard logTarget.contains(where: { $0 > -.infinity }) else {
            throw GalpakError(.fitFailed,
                "nested sampling: the likelihood is −∞ or NaN at all \(n) initial points drawn from the prior")
        }

        var dead = DeadPoints(dimension: d)
        var calls = n, logVolume = 0.0, sinceRebuild = 0
        var bound: EllipsoidUnion? = nil
        var walkingSince: Int? = nil, walkScale = 1.0
        var boundDraws = 0, boundAccepted = 0
        var stopReason = NestedResult.StopReason.converged
        let rebuildInterval = Swift.max(batch, n / 10)
        let logUnbounded = Foundation.log(settings.unboundedVolume)
        var order = Array(0..<n)

        while true {
            try StopRequested.check(isCancelled)
            let largest = logTarget.max()!
            let remaining = dead.logEvidence > -.infinity
                ? logAddExp(dead.logEvidence, largest + logVolume) - dead.logEvidence : .infinity
            progress(Progress(iterations: dead.count, likelihoodCalls: calls, logEvidence: dead.logEvidence,
                              remaining: remaining))
            if remaining < settings.evidenceTolerance { break }
            if calls >= settings.maxLikelihoodCalls {
                stopReason = .callLimit
                break
            }
            order.sort { (logTarget[$0], $0) < (logTarget[$1], $1) }
            for k in 0..<batch {
                let shrink = 1 / Double(n - k)
                let index = order[k]
                dead.add(theta[index * d..<(index + 1) * d], logLikelihood: logLikelihood[index],
                         logTarget: logTarget[index], logWidth: logVolume + Foundation.log(-Foundation.expm1(-shrink)))
                logVolume -= shrink
            }
            let threshold = logTarget[order[batch - 1]]

            // The way the K replacements are found.
            let ways: [NestedReplacement.Way] = (0..<batch).map { _ in
                guard let bound, logVolume <= logUnbounded else { return .cube }
                guard walkingSince != nil else { return .bound(bound) }
                let start = order[batch + Int(generator.next() % UInt64(n - batch))]
                return .walk(bound, from: Array(unit[start * d..<(start + 1) * d]), logTarget: logTarget[start],
                             logLikelihood: logLikelihood[start], scale: walkScale, walks: settings.walks)
            }
            let limit = settings.maxLikelihoodCalls
            concurrentUpdate(&slots) { k, slot in
                slot.find(above: threshold, way: ways[k], prior: prior, callLimit: limit, likelihood: likelihood)
            }
            var draws = 0, accepted = 0
            for k in 0..<batch {
                let slot = slots[k], index = order[k]
                calls += slot.calls
                draws += slot.draws
                accepted += slot.accepted
                if slot.failed {
                    throw GalpakError(.fitFailed,
                        "nested sampling: no point above the likelihood threshold \(threshold) found in \(slot.calls) evaluations")
                }
                for i in 0..<d {
                    unit[index * d + i] = slot.unit[i]
                    theta[index * d + i] = slot.theta[i]
                }
                logLikelihood[index] = slot.logLikelihood
                logTarget[index] = slot.logTarget
            }
            if case .walk = ways[0] {
                walkScale = Swift.min(1, walkScale * Foundation.exp(2 * (Double(accepted) / Double(draws) - 0.5)))
            } else if case .bound = ways[0] {
                boundDraws += draws
                boundAccepted += accepted
            }

            sinceRebuild += batch
            if logVolume <= logUnbounded && (bound == nil || sinceRebuild >= rebuildInterval) {
                if walkingSince == nil, boundDraws > 0,
                   Double(boundAccepted) < settings.minimumRejectionEfficiency * Double(boundDraws) {
                    walkingSince = dead.count
                }
                bound = EllipsoidSplitting.bound(unit, dimension: d, enlargement: settings.enlargement,
                                                 logExpectedVolume: logVolume)
                sinceRebuild = 0
                boundDraws = 0
                boundAccepted = 0
            }
        }

        let iterations = dead.count
        let logWidth = logVolume - Foundation.log(Double(n))
        for index in (0..<n).sorted(by: { (logTarget[$0], $0) < (logTarget[$1], $1) }) {
            dead.add(theta[index * d..<(index + 1) * d], logLikelihood: logLikelihood[index],
                     logTarget: logTarget[index], logWidth: logWidth)
        }
        return dead.result(livePoints: n, logGaussianNormaliser: prior.logGaussianNormaliser, likelihoodCalls: calls,
                           iterations: iterations, walkingSince: walkingSince, stopReason: stopReason)
    }
}
