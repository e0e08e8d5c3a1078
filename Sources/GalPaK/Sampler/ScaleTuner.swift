import Foundation

/// Tunes one multiplier of all proposal half-widths so that the acceptance rate is near 40 %
/// (`--auto-scale`; the reference's `autorun`, doc §6.4, which often failed to converge).
///
/// Rounds of ``roundProposals`` proposals run one after the other, each continuing from where
/// the previous ended (so the rounds also serve as burn-in; none is stored in the chain). After
/// a round with acceptance `a` at multiplier `r`:
/// - if `|a − target| ≤ tolerance`, `r` is the result;
/// - else `r` is a known lower end (a too high) or upper end (a too low) of the right
///   multiplier, and the next `r` is `r · exp(4 (a − target))` (acceptance falls as the jumps
///   grow), or the geometric middle of the bracket found so far when that step would leave it.
///
/// The bracket makes the search converge even when the acceptance varies slowly or noisily
/// with `r` (the reference's additive `r + log10(a/40)` update oscillates or goes negative).
/// After ``maxRounds`` rounds the multiplier whose acceptance came closest to the target is
/// used and ``Outcome/converged`` is false. With `tolerance` 0.05 and 300 proposals per round,
/// the binomial noise of one round's rate (≈ 0.03) keeps the main run inside 30–50 %.
public struct ScaleTuner: Sendable {
    /// The acceptance rate aimed at.
    public var target = 0.40
    /// Accepted distance from the target.
    public var tolerance = 0.05
    /// Proposals per tuning round.
    public var roundProposals = 300
    /// Most rounds before giving up.
    public var maxRounds = 30

    public init() {}

    /// What the tuning found.
    public struct Outcome: Sendable, Equatable {
        /// The multiplier to use.
        public var factor: Double
        /// The acceptance rate of the last round (at ``factor`` when converged).
        public var acceptance: Double
        /// Rounds run.
        public var rounds: Int
        /// Whether a round's acceptance came within the tolerance of the target.
        public var converged: Bool
        /// Where the chain was after the last round (the main run starts there).
        public var finalParameters: GalaxyParameters
        /// Proposals and model evaluations spent on tuning.
        public var proposals: Int
        public var evaluations: Int
    }

    /// Tunes from `initial`.
    /// - Parameters:
    ///   - proposal: the proposal with every half-width multiplied by the given factor.
    ///   - startFactor: the first multiplier tried (the user's `--random-scale`, default 1).
    /// - Throws: what ``MetropolisSampler/run(from:using:objective:logPrior:progress:isCancelled:)`` throws.
    public func tune<P: Proposal, G: RandomNumberGenerator>(
        bounds: ParameterBounds, degreesOfFreedom: Int, startFactor: Double = 1,
        proposal: (Double) -> P, from initial: GalaxyParameters, using generator: inout G,
        objective: (GalaxyParameters) throws -> Double,
        logPrior: (GalaxyParameters) -> Double = { _ in 0 }
    ) throws -> Outcome {
        var factor = startFactor
        var low = 0.0, high = Double.infinity  // multipliers known to be too small / too large
        var current = initial
        var closest = (distance: Double.infinity, factor: startFactor, acceptance: 0.0)
        var proposals = 0, evaluations = 0
        let settings = SamplerSettings(iterations: roundProposals, minAcceptance: 0, gracePeriod: 0,
                                       proposalCapFactor: 1, progressInterval: roundProposals)
        for round in 1...maxRounds {
            let sampler = MetropolisSampler(bounds: bounds, proposal: proposal(factor),
                                            degreesOfFreedom: degreesOfFreedom, settings: settings)
            let result = try sampler.run(from: current, using: &generator, objective: objective, logPrior: logPrior)
            current = result.finalParameters
            proposals += result.progress.proposals
            evaluations += result.progress.evaluations
            let a = result.progress.acceptanceRate
            let distance = abs(a - target)
            if distance < closest.distance { closest = (distance, factor, a) }
            if distance <= tolerance {
                return Outcome(factor: factor, acceptance: a, rounds: round, converged: true,
                               finalParameters: current, proposals: proposals, evaluations: evaluations)
            }
            if a > target { low = Swift.max(low, factor) } else { high = Swift.min(high, factor) }
            var next = factor * Foundation.exp(4 * (a - target))
            if !(next > low && next < high) {
                next = high.isFinite && low > 0 ? (low * high).squareRoot()
                    : (high.isFinite ? high / 2 : low * 2)
            }
            factor = next
        }
        return Outcome(factor: closest.factor, acceptance: closest.acceptance, rounds: maxRounds,
                       converged: false, finalParameters: current, proposals: proposals, evaluations: evaluations)
    }
}
