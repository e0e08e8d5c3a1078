import Foundation

/// An ensemble sampler (Goodman & Weare 2010; Foreman-Mackey et al. 2013, emcee) over a vector
/// in a box: W walkers in two halves; each step updates the first half with ``move`` proposals
/// built from the second, then the second from the (updated) first, so that the proposals of a
/// half are independent of one another and evaluated in parallel on all cores.
///
/// Target: `ln p(θ) = ln L(θ) + ln g(θ)` inside the box (g the prior's Gaussian terms,
/// ``BoxPrior``), −∞ outside (not evaluated). A proposal Y for walker X with log ratio r (from
/// the move) is accepted when `ln U < r + ln p(Y) − ln p(X)`. All random draws come from one
/// seeded generator, in walker order, before and after (never during) the parallel
/// evaluations, so the chains depend on the seed only.
public struct EnsembleSampler<Move: EnsembleMove>: Sendable {
    public let prior: BoxPrior
    public let move: Move
    public let settings: EnsembleSettings

    /// - Throws: ``GalpakError`` `.badInput` when a setting is out of its range for this prior.
    public init(prior: BoxPrior, move: Move, settings: EnsembleSettings = EnsembleSettings()) throws {
        try settings.validate(dimension: prior.dimension)
        self.prior = prior
        self.move = move
        self.settings = settings
    }

    /// A proposal of one walker of the half being updated.
    private struct Proposal {
        var theta: [Double]
        var logRatio = 0.0
        var logLikelihood = -Double.infinity
        var logTarget = -Double.infinity
    }

    /// Runs ``EnsembleSettings/steps`` steps from walkers around `guess`: each component is
    /// `guess_i + s · (upper_i − lower_i) · N(0, 1)` (s = ``EnsembleSettings/initialSpread``),
    /// redrawn while outside the box.
    /// - Parameters:
    ///   - likelihood: ln L(θ), called concurrently from several threads; NaN counts as −∞.
    ///   - isCancelled: polled before every step; true stops the run.
    ///   - progress: after every step, with the steps done.
    /// - Throws: ``GalpakError`` `.badInput` when `guess` is outside the box, `.fitFailed` when
    ///   ln L is not finite at a starting walker; ``StopRequested`` when `isCancelled` returned true.
    public func run(from guess: [Double], likelihood: @escaping @Sendable ([Double]) -> Double,
                    isCancelled: () -> Bool = { false }, progress: (Int) -> Void = { _ in }) throws -> EnsembleResult {
        let d = prior.dimension, w = settings.walkerCount(dimension: d), half = w / 2
        guard guess.count == d, prior.contains(guess) else {
            throw GalpakError(.badInput, "ensemble sampling: the first guess \(guess) is outside the prior box")
        }
        var generator = SeededGenerator(seed: settings.seed)
        var walkers = (0..<w).map { _ in Proposal(theta: guess) }
        for k in 0..<w {
            for i in 0..<d {
                let width = settings.initialSpread * (prior.upper[i] - prior.lower[i])
                var value: Double
                repeat { value = guess[i] + width * generator.nextGaussian() }
                while !(value >= prior.lower[i] && value <= prior.upper[i])
                walkers[k].theta[i] = value
            }
        }
        let evaluate: @Sendable (Int, inout Proposal) -> Void = { _, p in
            guard prior.contains(p.theta) else {
                p.logLikelihood = -.infinity
                p.logTarget = -.infinity
                return
            }
            let value = likelihood(p.theta)
            p.logLikelihood = value.isNaN ? -.infinity : value
            p.logTarget = p.logLikelihood + prior.logGaussianTerm(p.theta)
        }
        concurrentUpdate(&walkers, evaluate)
        if let bad = walkers.firstIndex(where: { !$0.logTarget.isFinite }) {
            throw GalpakError(.fitFailed,
                "ensemble sampling: ln L is not finite at starting walker \(bad) (\(walkers[bad].theta)); start from a better guess")
        }
        var current = walkers.flatMap(\.theta)
        var logTarget = walkers.map(\.logTarget), logLikelihood = walkers.map(\.logLikelihood)
        var proposals = (0..<half).map { _ in Proposal(theta: guess) }
        var positions = [Double](), logLikelihoods = [Double]()
        positions.reserveCapacity(settings.steps * w * d)
        logLikelihoods.reserveCapacity(settings.steps * w)
        var accepted = [Int](repeating: 0, count: w)

        for step in 0..<settings.steps {
            try StopRequested.check(isCancelled)
            for part in 0..<2 {
                let active = part == 0 ? 0..<half : half..<w
                let complement = part == 0 ? half..<w : 0..<half
                for (slot, k) in active.enumerated() {
                    proposals[slot].logRatio = move.propose(walker: k, complement: complement, positions: current,
                                                            dimension: d, into: &proposals[slot].theta,
                                                            using: &generator)
                }
                concurrentUpdate(&proposals, evaluate)
                for (slot, k) in active.enumerated() {
                    let p = proposals[slot]
                    let logU = Foundation.log(generator.nextOpenUnitInterval())
                    guard p.logTarget > -.infinity, logU < p.logRatio + p.logTarget - logTarget[k] else { continue }
                    for i in 0..<d { current[k * d + i] = p.theta[i] }
                    logTarget[k] = p.logTarget
                    logLikelihood[k] = p.logLikelihood
                    accepted[k] += 1
                }
            }
            positions.append(contentsOf: current)
            logLikelihoods.append(contentsOf: logLikelihood)
            progress(step + 1)
        }
        return EnsembleResult(dimension: d, walkers: w, steps: settings.steps, positions: positions,
                              logLikelihoods: logLikelihoods,
                              acceptanceFractions: accepted.map { Double($0) / Double(settings.steps) })
    }
}
