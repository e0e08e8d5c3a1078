import Foundation

/// A fit's posterior and evidence by nested sampling (`--sampling nested`, ``NestedSampler``).
///
/// **Prior.** Uniform within the bounds of the free parameters, times the Gaussian priors given
/// (`--prior`), normalised (``FreeParameterPrior``).
///
/// **Likelihood.** The one the chains use (the same χ², with the correlated-noise term when the
/// fit measured one): `ln L = −χ²(θ)/2`, up to a constant that is the same for every fit of the
/// same data with the same noise model (−½ Σ ln 2πσ², or the log-determinant of the noise
/// covariance); so ln Z compares models fitted to the same data with the same noise treatment
/// (``ModelComparison`` checks that), and its absolute value means nothing. Evaluated in parallel
/// on all cores, each thread with a forward model of its own (``ForwardModelPool``).
/// The reduced χ² of a draw in the chain is `−2 ln L / dof`, which includes a wrapped PA prior
/// when one is given.
///
/// **Draws.** The dead and final live points with importance weights `w_k = L_k ΔX_k / Z`
/// become one chain whose `weight` column holds them scaled to integers (``chain(_:template:free:degreesOfFreedom:)``).
public enum NestedFit {
    /// The draws' weights are scaled to integers summing to this (``chain(_:template:free:degreesOfFreedom:)``).
    public static let weightUnits = 10_000_000

    /// The evidence and what the run cost.
    public struct Evidence: Sendable, Equatable {
        /// ln Z, the log evidence with respect to the prior (up to the likelihood's constant).
        public var value: Double
        /// Its standard error `√(H/N)`.
        public var error: Double
        /// H, the information of the posterior relative to the prior (nats).
        public var information: Double
        /// Likelihood (model) evaluations.
        public var likelihoodCalls: Int
        /// Dead points before the live points were added.
        public var iterations: Int
        /// Live points N.
        public var livePoints: Int
        /// Kish's effective sample size of the weighted draws, `1/Σ w²`.
        public var effectiveSampleSize: Double
        /// Whether the remaining evidence fell below the tolerance (false: the call limit stopped it).
        public var converged: Bool
        /// Posterior weight of the draws left out of the chain (below half a weight unit).
        public var droppedWeight: Double
    }

    /// What a run gives: the evidence and the draws as a chain.
    public struct Outcome: Sendable {
        public var evidence: Evidence
        public var chain: Chain
    }

    /// Samples the posterior of the free parameters.
    /// - Parameters:
    ///   - objective: makes one thread's χ² function (called once per thread that evaluates).
    ///   - template: the full parameter vector: fixed parameters at their values, free ones
    ///     replaced by each point.
    ///   - free: which parameters are sampled.
    ///   - isCancelled: polled before every iteration (then ``StopRequested`` is thrown).
    ///   - progress: after every iteration.
    /// - Throws: ``GalpakError`` `.badInput` for unusable settings, `.fitFailed` when the
    ///   likelihood is −∞ everywhere or no point above a contour is found; ``StopRequested``.
    public static func run(objective: @escaping @Sendable () -> (GalaxyParameters) -> Double,
                           constraints: ParameterConstraints, template: GalaxyParameters, free: [Bool],
                           degreesOfFreedom: Int, settings: NestedSettings, isCancelled: () -> Bool,
                           progress: (NestedSampler.Progress) -> Void) throws -> Outcome {
        let prior = try FreeParameterPrior(constraints: constraints, template: template, free: free)
        let sampler = try NestedSampler(prior: prior.box, settings: settings)
        let result = try sampler.run(likelihood: prior.logLikelihood(objective: objective), isCancelled: isCancelled,
                                     progress: progress)
        let (chain, dropped) = chain(result.draws, template: template, indices: prior.indices,
                                     degreesOfFreedom: degreesOfFreedom)
        let evidence = Evidence(value: result.logEvidence - prior.wrappedLogNormaliser, error: result.logEvidenceError,
                                information: result.information, likelihoodCalls: result.likelihoodCalls,
                                iterations: result.iterations, livePoints: settings.livePoints,
                                effectiveSampleSize: result.draws.effectiveSampleSize,
                                converged: result.stopReason == .converged, droppedWeight: dropped)
        return Outcome(evidence: evidence, chain: chain)
    }

    /// The weighted draws as a chain, in the sampler's order (rising likelihood): row k holds
    /// the full parameter vector, its reduced χ² `−2 ln L_k / dof`, and the weight `n_k`, the
    /// importance weight scaled to ``weightUnits`` M by systematic rounding,
    ///
    ///     n_k = round(M · W_k) − round(M · W_{k−1}),   W_k = Σ_{j≤k} w_j,
    ///
    /// so that Σ n_k = M and every `|n_k − M w_k| < 1`: quantiles of the chain are those of the
    /// weighted draws to within 1/M in probability. Rows with `n_k = 0` are left out; their total
    /// weight is returned.
    static func chain(_ draws: WeightedDraws, template: GalaxyParameters, indices: [Int],
                      degreesOfFreedom: Int) -> (Chain, dropped: Double) {
        var chain = Chain(reservingCapacity: draws.count, names: template.names)
        let units = Double(weightUnits)
        var cumulative = 0.0, previous = 0, dropped = 0.0
        var p = template
        for k in 0..<draws.count {
            cumulative += draws.weights[k]
            let rounded = Swift.min(weightUnits, Int((units * cumulative).rounded()))
            let n = rounded - previous
            previous = rounded
            guard n > 0 else {
                dropped += draws.weights[k]
                continue
            }
            for (j, i) in indices.enumerated() { p.values[i] = draws.points[k * draws.dimension + j] }
            chain.append(p, reducedChi2: -2 * draws.logLikelihoods[k] / Double(degreesOfFreedom), weight: n)
        }
        return (chain, dropped)
    }
}

/// Forward models shared by the threads of a parallel sampler: each evaluation takes an idle
/// model (making one when none is idle, so there are at most as many as threads evaluating at
/// once), and gives it back.
///
/// Each model keeps its own parameter set, a copy of `template` whose `free` components an
/// evaluation overwrites in place, so an evaluation allocates nothing. Each χ² function is kept
/// in a class instance: a bare closure taken out of and put back into a generic container gains
/// a reabstraction thunk on every round trip, and after ~10⁵ evaluations the nested thunks
/// overflow the stack.
final class ForwardModelPool: @unchecked Sendable {
    private final class Model {
        let chi2: (GalaxyParameters) -> Double
        var parameters: GalaxyParameters
        init(_ chi2: @escaping (GalaxyParameters) -> Double, parameters: GalaxyParameters) {
            self.chi2 = chi2
            self.parameters = parameters
        }
    }

    private let make: @Sendable () -> (GalaxyParameters) -> Double
    private let template: GalaxyParameters
    private let free: [Int]
    private var idle: [Model] = []
    private let lock = NSLock()

    /// Models made by `make`, evaluated at `template` with the components `free` (indices in
    /// the vector) taken from each call's values.
    init(template: GalaxyParameters, free: [Int], make: @escaping @Sendable () -> (GalaxyParameters) -> Double) {
        self.template = template
        self.free = free
        self.make = make
    }

    /// `combine(p, χ²(p))` for `p` the template with its free components set to `theta`, on a
    /// model no other thread is using.
    func evaluate(_ theta: [Double], combine: (GalaxyParameters, Double) -> Double) -> Double {
        let model = lock.withLock { idle.popLast() } ?? Model(make(), parameters: template)
        defer { lock.withLock { idle.append(model) } }
        for (k, i) in free.enumerated() { model.parameters.values[i] = theta[k] }
        return combine(model.parameters, model.chi2(model.parameters))
    }
}
