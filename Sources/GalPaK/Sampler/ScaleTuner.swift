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
/// 1. **Shape** (``adaptShape``). The reference's half-widths come from the bounds and the
///    number of voxels, not from the posterior; they can be 30–100 times smaller than a
///    parameter's posterior spread, and independent jumps must stay small anyway because the
///    parameters are correlated (flux–radius, Vmax–inclination–turnover radius): the chain then
///    mixes very slowly. So first ``shapeRounds`` burn-in rounds of ``shapeProposals`` run with
///    independent half-widths `g · spread` (each parameter's spread over the previous round's
///    iterations; one gain `g` multiplied by `exp(4 (a − target))` after a round accepting a
///    fraction `a`), which brings the chain near the mode and gives rough spreads. Then L is the
///    Cholesky factor of the posterior covariance in the Laplace approximation, `2 H⁻¹` at the
///    best state seen (``Curvature``, steps = the rough spreads; ~180 model evaluations), or,
///    if H is not positive definite there, of the covariance of the last two rounds'
///    iterations (PA offsets wrapped), or else the half-widths stay independent.
/// 2. **Scale** (rounds of ``roundProposals``, at most ``maxRounds``): one multiplier `r` of L.
///    If `|a − target| ≤ tolerance` it is the result; otherwise `r` is a lower (a too high) or
///    upper (a too low) end of the right multiplier, and the next `r` is `r · exp(4 (a − target))`,
///    or the geometric middle of the bracket found so far when that step would leave it. The
///    bracket makes the search converge even when the acceptance varies slowly or noisily with
///    `r` (the reference's additive `r + log10(a/40)` update oscillates or goes negative).
///    After ``maxRounds`` the multiplier closest to the target is used and
///    ``Outcome/converged`` is false.
///
/// **Known shape.** Given L (the Laplace covariance at the posterior's mode, measured once for
/// all chains, or the draws of all chains at a retune), the shape phase is skipped: only the
/// multiplier is tuned, from ``modeCurvatureFactor(freeParameters:)`` for the mode's shape
/// (else 1), after an optional burn-in round with another proposal (independence draws around
/// the mode, which bring a chain started far from it into the posterior's bulk). With the
/// mode's shape *and* a burn-in round, the multiplier is not tuned at all: the main run then
/// draws most of its steps from the independence proposal (``SamplerDefaults/independentWeight``),
/// so the random walk's scale barely matters, and ``ChainRunner`` retunes a chain whose
/// acceptance leaves its band. The scale rounds cost 300–700 proposals per chain, a third of
/// the default fit's evaluations on the CARMA CO cube (seeds 1–3: 25–28 s → 16–19 s to the same
/// R-hat and ESS; the tutorial cube's seeds 1–5 as fast or faster).
///
/// With tolerance 0.05 and 300 proposals per round, the binomial noise of a round's rate
/// (≈ 0.03) keeps the main run inside 30–50 %. Fixed parameters (half-width 0) never move.
///
/// **Space.** Given a ``SamplingSpace``, L is the shape in its coordinates u (log for the
/// positive scale-like parameters): spreads and sample covariances are measured on the draws
/// carried to u, and the curvature's covariance is carried to u at the best state. `proposal`
/// receives L with the state about which it was measured (the anchor: the best state once
/// the curvature is known, else where the tuning started), e.g. ``SpaceMixtureProposal``.
public struct ScaleTuner: Sendable {
    /// The acceptance rate aimed at.
    public var target = 0.40
    /// Accepted distance from the target.
    public var tolerance = 0.05
    /// Whether to shape the jumps by the parameters' covariance first.
    public var adaptShape = true
    /// Proposals per burn-in round of the shape phase.
    public var shapeProposals = 400
    /// Number of burn-in rounds before the shape is measured.
    public var shapeRounds = 5
    /// Proposals of the burn-in round run first when a burn-in proposal is given.
    public var burnInProposals = 100
    /// Proposals per scale round.
    public var roundProposals = 300
    /// Most scale rounds before giving up.
    public var maxRounds = 30

    public init() {}

    /// What the tuning found.
    public struct Outcome: Sendable, Equatable, Codable {
        /// Where the shape of the jumps came from.
        public enum ShapeSource: String, Sendable, Codable {
            /// The posterior's curvature (Laplace approximation) at the best state.
            case curvature
            /// The covariance of the last burn-in rounds (the curvature was not positive definite).
            case sampleCovariance = "sample covariance"
            /// The covariance of every chain's draws so far (a retune, ``ChainRunner``).
            case pooledDraws = "draws of all chains"
            /// The Laplace covariance at the posterior's mode, measured once for all chains
            /// (``ModeCurvature``).
            case modeCurvature = "curvature at the mode"
            /// Independent half-widths (no shape adaptation, or neither of the above worked).
            case halfWidths = "half-widths"
        }

        /// The tuned L (10 × 10, row-major).
        public var matrix: [Double]
        /// How its shape was found.
        public var shapeSource: ShapeSource
        /// The acceptance rate of the last round (with ``matrix`` when converged; the burn-in
        /// round's when the multiplier was not tuned).
        public var acceptance: Double
        /// Rounds run (shape and scale).
        public var rounds: Int
        /// Whether a round's acceptance came within the tolerance of the target (true when the
        /// multiplier was not tuned: nothing to reach).
        public var converged: Bool
        /// Where the chain was after the last round (the main run starts there).
        public var finalParameters: GalaxyParameters
        /// The state about which ``matrix`` was measured (see ``ScaleTuner``).
        public var anchor: GalaxyParameters
        /// Proposals and model evaluations spent on tuning.
        public var proposals: Int
        public var evaluations: Int
        /// The coordinates L is in.
        public var space: SamplingSpace = .linear
        /// Whether scale rounds tuned the multiplier (false: the mode's shape taken with
        /// ``modeCurvatureFactor(freeParameters:)`` after the burn-in round, see ``ScaleTuner``).
        public var multiplierTuned = true

        /// Each parameter's jump half-width, `√(Σ_i L[j][i]²)`, carried to the parameter's own
        /// units at ``anchor`` when L is in log coordinates.
        public var scales: [Double] {
            space.widthsInP(CorrelatedCauchyProposal(matrix: matrix).scales, at: anchor)
        }
    }

    /// The first multiplier of a shape that is the Cholesky factor of the Laplace covariance at
    /// the mode (``ModeCurvature``), for k free parameters: `1.1 / √k`. A random walk's jumps
    /// must shrink as 1/√k to keep their acceptance (Roberts, Gelman & Gilks 1997, *Ann. Appl.
    /// Probab.* 7, 110); the constant is what the scale rounds settle on for the tutorial cube
    /// (k = 10: 0.29–0.42), so that it serves untuned beside independence draws and the first
    /// round usually lands within the tolerance otherwise.
    public static func modeCurvatureFactor(freeParameters k: Int) -> Double {
        1.1 / Double(Swift.max(k, 1)).squareRoot()
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
    ///   - scales: the starting half-widths (0 = fixed), in the parameters' units.
    ///   - proposal: the proposal for a matrix L (diagonal unless ``adaptShape``) in `space`,
    ///     measured about the given anchor state.
    ///   - space: the coordinates of L and of the jumps.
    ///   - shape: a known L (from draws already made, or the curvature at the mode), where it
    ///     came from and the state it was measured about: the shape phase is skipped and only
    ///     its multiplier is tuned.
    ///   - burnIn: a proposal that first runs one round of ``burnInProposals`` from `initial`
    ///     (e.g. independence draws around the mode, which bring a chain started far away into
    ///     the posterior's bulk at once), before the scale rounds.
    /// - Throws: what ``MetropolisSampler/run(from:using:objective:logPrior:progress:isCancelled:)`` throws.
    public func tune<P: Proposal, G: RandomNumberGenerator>(
        bounds: ParameterBounds, degreesOfFreedom: Int, scales start: [Double],
        proposal: ([Double], GalaxyParameters) -> P, from initial: GalaxyParameters,
        shape knownShape: (matrix: [Double], source: Outcome.ShapeSource, anchor: GalaxyParameters)? = nil,
        burnIn: P? = nil, space: SamplingSpace = .linear, using generator: inout G,
        objective: (GalaxyParameters) throws -> Double,
        logPrior: (GalaxyParameters) -> Double = { _ in 0 }
    ) throws -> Outcome {
        var current = initial
        var anchor = initial
        var proposals = 0, evaluations = 0, rounds = 0
        var shapeSource = Outcome.ShapeSource.halfWidths
        func round(_ matrix: [Double], _ length: Int, with given: P? = nil) throws -> SamplerResult {
            let settings = SamplerSettings(iterations: length, minAcceptance: 0, gracePeriod: 0,
                                           proposalCapFactor: 1, progressInterval: length)
            let sampler = MetropolisSampler(bounds: bounds, proposal: given ?? proposal(matrix, anchor),
                                            degreesOfFreedom: degreesOfFreedom, settings: settings)
            let result = try sampler.run(from: current, using: &generator, objective: objective, logPrior: logPrior)
            current = result.finalParameters
            proposals += result.progress.proposals
            evaluations += result.progress.evaluations
            rounds += 1
            return result
        }

        let free = start.map { $0 > 0 }
        let startInU = space.widthsInU(start, at: initial)
        var shape = knownShape?.matrix ?? Self.diagonal(startInU)
        let burnInAcceptance = try burnIn.map { try round(shape, burnInProposals, with: $0).progress.acceptanceRate }
        if let knownShape {
            shapeSource = knownShape.source
            anchor = knownShape.anchor
        } else if adaptShape {
            // Burn-in rounds, each free half-width following its parameter's spread.
            var gain = 1.0
            var spread = startInU
            var recent: [Chain] = []
            var best = (parameters: current, chi2: Double.infinity)
            for _ in 0..<shapeRounds {
                let result = try round(shape, shapeProposals)
                if result.bestChi2 < best.chi2 { best = (result.bestParameters, result.bestChi2) }
                recent = Array((recent + [result.chain]).suffix(2))
                gain *= Foundation.exp(4 * (result.progress.acceptanceRate - target))
                let measured = ScaleTuner.spread(of: result.chain, from: result.finalParameters, space: space)
                for i in spread.indices where free[i] && measured[i] > 0 { spread[i] = measured[i] }
                shape = Self.diagonal(zip(spread, free).map { $1 ? gain * $0 : 0 })
            }
            // The shape: the posterior's curvature at the best state, else the last rounds' covariance.
            let spreadInP = space.widthsInP(spread, at: best.parameters)
            let steps = free.indices.map { i -> Double in
                guard free[i] else { return 0 }
                let room = Swift.min(best.parameters.values[i] - bounds.min.values[i],
                                     bounds.max.values[i] - best.parameters.values[i])
                return Swift.min(spreadInP[i], 0.5 * room)
            }
            let curvature = try Curvature.covariance(at: best.parameters, steps: steps, free: free) { p in
                try objective(p) - 2 * logPrior(p)
            }
            let k = free.filter { $0 }.count
            evaluations += Curvature.evaluations(free: k)
            let covariance = curvature.map { space.covarianceInU($0, at: best.parameters) }
                ?? SampleCovariance.of(recent, reference: current, space: space)
            if let l = SampleCovariance.cholesky(covariance, free: free) {
                shape = l
                anchor = curvature == nil ? current : best.parameters
                shapeSource = curvature == nil ? .sampleCovariance : .curvature
            }
        }

        var factor = shapeSource == .modeCurvature ? Self.modeCurvatureFactor(freeParameters: free.filter { $0 }.count) : 1
        if shapeSource == .modeCurvature, let burnInAcceptance {
            return Outcome(matrix: shape.map { $0 * factor }, shapeSource: shapeSource, acceptance: burnInAcceptance,
                           rounds: rounds, converged: true, finalParameters: current, anchor: anchor, proposals: proposals,
                           evaluations: evaluations, space: space, multiplierTuned: false)
        }
        var low = 0.0, high = Double.infinity  // multipliers known to be too small / too large
        var closest = (distance: Double.infinity, factor: factor, acceptance: 0.0)
        for _ in 0..<maxRounds {
            let a = try round(shape.map { $0 * factor }, roundProposals).progress.acceptanceRate
            let distance = abs(a - target)
            if distance < closest.distance { closest = (distance, factor, a) }
            if distance <= tolerance {
                return Outcome(matrix: shape.map { $0 * factor }, shapeSource: shapeSource, acceptance: a, rounds: rounds,
                               converged: true, finalParameters: current, anchor: anchor, proposals: proposals,
                               evaluations: evaluations, space: space)
            }
            if a > target { low = Swift.max(low, factor) } else { high = Swift.min(high, factor) }
            var next = factor * Foundation.exp(4 * (a - target))
            if !(next > low && next < high) {
                next = high.isFinite && low > 0 ? (low * high).squareRoot() : (high.isFinite ? high / 2 : low * 2)
            }
            factor = next
        }
        return Outcome(matrix: shape.map { $0 * closest.factor }, shapeSource: shapeSource, acceptance: closest.acceptance,
                       rounds: rounds, converged: false, finalParameters: current, anchor: anchor, proposals: proposals,
                       evaluations: evaluations, space: space)
    }

    /// Population std of each parameter over the iterations of `chain` (rows repeated by
    /// weight), in `space`'s coordinates, from offsets to `reference` (an angle's offsets
    /// wrapped to half its period); 0 for fewer than 2 iterations.
    static func spread(of chain: Chain, from reference: GalaxyParameters, space: SamplingSpace = .linear) -> [Double] {
        reference.values.indices.map { i in
            guard chain.totalWeight > 1 else { return 0 }
            var sum = 0.0, squares = 0.0
            let origin = space.forward(reference.values[i], i)
            for row in 0..<chain.count {
                var d = space.forward(chain.value(at: row, index: i), i) - origin
                if let t = ParameterName.period(at: i, in: reference.names) { d = wrapHalfPeriod(d, t) }
                let w = Double(chain.weight(at: row))
                sum += w * d
                squares += w * d * d
            }
            let n = Double(chain.totalWeight)
            return Swift.max(squares / n - (sum / n) * (sum / n), 0).squareRoot()
        }
    }
}
