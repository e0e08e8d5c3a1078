import Foundation

/// Tunes the proposal before the main run so that about 40 % of proposals are accepted
/// (`--auto-scale`; the reference's `autorun`, doc §6.4, which often failed to converge and,
/// with AdaptiveCauchy, barely acted).
///
/// The proposal is described by a 10 × 10 matrix L (row-major): a multivariate Cauchy jump of
/// scale matrix L Lᵀ (``CorrelatedCauchyProposal``); for adaptive sampling only its diagonal is
/// used, as half-widths. Short rounds of proposals run one after
/// the other, each continuing from where the previous ended (so the rounds also serve as
/// burn-in); none is stored in the chain. The main run then uses the tuned L unchanged, so it
/// is a true Metropolis chain.
///
/// 1. **Shape** (``adaptShape``, ``shapeRounds`` rounds of ``shapeProposals``): the reference's
///    half-widths come from the bounds and the number of voxels, not from the posterior; they
///    can be 30–100 times smaller than a parameter's posterior spread, and independent jumps
///    must stay small anyway because the parameters are correlated (flux–radius,
///    Vmax–inclination–turnover radius): the chain then mixes very slowly. After each round
///    (once 20 states were accepted over the last ``shapeWindow`` rounds), L becomes `g ·` the
///    Cholesky factor of the covariance of those rounds' iterations (PA offsets wrapped; the
///    diagonal alone if that is not positive definite), with one gain `g` multiplied by
///    `exp(4 (a − target))` after a round accepting a fraction `a`. The spread of a short round
///    grows with the jumps, so this converges geometrically on the posterior's shape (as in
///    Haario et al. 2001's adaptive Metropolis, but frozen before the main run).
/// 2. **Scale** (rounds of ``roundProposals``, at most ``maxRounds``): one multiplier `r` of L.
///    If `|a − target| ≤ tolerance` it is the result; otherwise `r` is a lower (a too high) or
///    upper (a too low) end of the right multiplier, and the next `r` is `r · exp(4 (a − target))`,
///    or the geometric middle of the bracket found so far when that step would leave it. The
///    bracket makes the search converge even when the acceptance varies slowly or noisily with
///    `r` (the reference's additive `r + log10(a/40)` update oscillates or goes negative).
///    After ``maxRounds`` the multiplier closest to the target is used and
///    ``Outcome/converged`` is false.
///
/// With tolerance 0.05 and 300 proposals per round, the binomial noise of a round's rate
/// (≈ 0.03) keeps the main run inside 30–50 %. Fixed parameters (half-width 0) never move.
public struct ScaleTuner: Sendable {
    /// The acceptance rate aimed at.
    public var target = 0.40
    /// Accepted distance from the target.
    public var tolerance = 0.05
    /// Whether to shape the jumps by the parameters' covariance first.
    public var adaptShape = true
    /// Proposals per shape round.
    public var shapeProposals = 500
    /// Number of shape rounds.
    public var shapeRounds = 12
    /// Shape rounds whose iterations give the covariance (the most recent ones).
    public var shapeWindow = 4
    /// Proposals per scale round.
    public var roundProposals = 300
    /// Most scale rounds before giving up.
    public var maxRounds = 30

    public init() {}

    /// What the tuning found.
    public struct Outcome: Sendable, Equatable {
        /// The tuned L (10 × 10, row-major).
        public var matrix: [Double]
        /// The acceptance rate of the last round (with ``matrix`` when converged).
        public var acceptance: Double
        /// Rounds run (shape and scale).
        public var rounds: Int
        /// Whether a round's acceptance came within the tolerance of the target.
        public var converged: Bool
        /// Where the chain was after the last round (the main run starts there).
        public var finalParameters: GalaxyParameters
        /// Proposals and model evaluations spent on tuning.
        public var proposals: Int
        public var evaluations: Int

        /// Each parameter's jump half-width, `√(Σ_i L[j][i]²)`.
        public var scales: [Double] { CorrelatedCauchyProposal(matrix: matrix).scales }
    }

    /// The diagonal matrix of `scales`.
    public static func diagonal(_ scales: [Double]) -> [Double] {
        let n = scales.count
        var m = [Double](repeating: 0, count: n * n)
        for i in 0..<n { m[i * n + i] = scales[i] }
        return m
    }

    /// Tunes from `initial`.
    /// - Parameters:
    ///   - scales: the starting half-widths (0 = fixed).
    ///   - proposal: the proposal for a matrix L (diagonal unless ``adaptShape``).
    /// - Throws: what ``MetropolisSampler/run(from:using:objective:logPrior:progress:isCancelled:)`` throws.
    public func tune<P: Proposal, G: RandomNumberGenerator>(
        bounds: ParameterBounds, degreesOfFreedom: Int, scales start: [Double],
        proposal: ([Double]) -> P, from initial: GalaxyParameters, using generator: inout G,
        objective: (GalaxyParameters) throws -> Double,
        logPrior: (GalaxyParameters) -> Double = { _ in 0 }
    ) throws -> Outcome {
        var current = initial
        var proposals = 0, evaluations = 0, rounds = 0
        func round(_ matrix: [Double], _ length: Int) throws -> SamplerResult {
            let settings = SamplerSettings(iterations: length, minAcceptance: 0, gracePeriod: 0,
                                           proposalCapFactor: 1, progressInterval: length)
            let sampler = MetropolisSampler(bounds: bounds, proposal: proposal(matrix),
                                            degreesOfFreedom: degreesOfFreedom, settings: settings)
            let result = try sampler.run(from: current, using: &generator, objective: objective, logPrior: logPrior)
            current = result.finalParameters
            proposals += result.progress.proposals
            evaluations += result.progress.evaluations
            rounds += 1
            return result
        }

        let free = start.map { $0 > 0 }
        var shape = Self.diagonal(start)
        if adaptShape {
            var gain = 1.0
            var recent: [Chain] = []
            for _ in 0..<shapeRounds {
                let result = try round(shape, shapeProposals)
                recent = Array((recent + [result.chain]).suffix(shapeWindow))
                gain *= Foundation.exp(4 * (result.progress.acceptanceRate - target))
                guard recent.reduce(0, { $0 + $1.count }) >= 20 else { continue }
                let covariance = SampleCovariance.of(recent, reference: result.finalParameters)
                let n = GalaxyParameters.count
                if let l = SampleCovariance.cholesky(covariance, free: free) {
                    shape = l.map { $0 * gain }
                } else {
                    shape = Self.diagonal((0..<n).map { i in
                        free[i] && covariance[i * n + i] > 0 ? gain * covariance[i * n + i].squareRoot() : shape[i * n + i]
                    })
                }
            }
        }

        var factor = 1.0
        var low = 0.0, high = Double.infinity  // multipliers known to be too small / too large
        var closest = (distance: Double.infinity, factor: 1.0, acceptance: 0.0)
        for _ in 0..<maxRounds {
            let a = try round(shape.map { $0 * factor }, roundProposals).progress.acceptanceRate
            let distance = abs(a - target)
            if distance < closest.distance { closest = (distance, factor, a) }
            if distance <= tolerance {
                return Outcome(matrix: shape.map { $0 * factor }, acceptance: a, rounds: rounds, converged: true,
                               finalParameters: current, proposals: proposals, evaluations: evaluations)
            }
            if a > target { low = Swift.max(low, factor) } else { high = Swift.min(high, factor) }
            var next = factor * Foundation.exp(4 * (a - target))
            if !(next > low && next < high) {
                next = high.isFinite && low > 0 ? (low * high).squareRoot() : (high.isFinite ? high / 2 : low * 2)
            }
            factor = next
        }
        return Outcome(matrix: shape.map { $0 * closest.factor }, acceptance: closest.acceptance, rounds: rounds,
                       converged: false, finalParameters: current, proposals: proposals, evaluations: evaluations)
    }
}
