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
/// become one chain whose `weight` column holds them scaled to integers (``chain(_:template:indices:degreesOfFreedom:)``);
/// the estimate counts every draw by its weight (`--method`, `--fraction` and `--burn` do not
/// apply). The fit measures the noise at the posterior's mode before sampling (the stage's
/// start, which also holds the fixed parameters' values), and samples once. Not resumable.
public struct NestedFit: PosteriorSampler {
    var name: String { "nested sampling (multi-ellipsoid bounds, then random walks; the evidence)" }
    /// The draws' weights are scaled to integers summing to this (``chain(_:template:indices:degreesOfFreedom:)``).
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

    var estimator: Estimator { .nested }
    var start: SamplerStart { .mode(note: "where the noise is measured before nested sampling") }
    var refusedOptions: (names: [String], reason: String)? {
        (["optimize", "resume", "method", "fraction", "burn", "iterations", "max-iterations", "min-acceptance"],
         "it runs no chains (its weighted draws all count, and it runs until the evidence converges)")
    }
    var lengthOption: String { "--max-iterations" }

    func plan(_ options: FitOptions, freeParameters: Int) -> String {
        let settings = options.nestedSettings
        return String(format: "nested sampling with %d live points until the remaining evidence would change ln Z by less than %g",
                      settings.livePoints, settings.evidenceTolerance)
    }

    func notConverged(_ options: FitOptions) -> String {
        "nested sampling stopped at its limit of model evaluations before the remaining evidence fell below the tolerance: ln Z and the posterior may be incomplete"
    }

    /// Samples the posterior of the free parameters and its evidence (``NestedSampler`` with the
    /// options' live points and seed): one ``ChainRunner/Run`` whose chain holds the weighted
    /// draws in rising likelihood (its best state the last), and the ``Evidence``. Reports its
    /// progress every 2N dead points, ln Z at the end, and warns when draws too light to keep
    /// hold more than 10⁻³ of the posterior weight.
    /// - Throws: ``GalpakError`` `.badInput` for unusable settings, `.fitFailed` when the
    ///   likelihood is −∞ everywhere or no point above a contour is found; ``StopRequested``.
    func sample(_ stage: SamplingStage, events: (FitEvent) -> Void) throws -> SampledPosterior {
        let clock = ContinuousClock(), started = clock.now
        let settings = stage.options.nestedSettings
        let template = stage.start
        let prior = try FreeParameterPrior(constraints: stage.constraints, template: template, free: stage.free,
                                           onePeriod: true)
        let sampler = try NestedSampler(prior: prior.box, settings: settings)
        var reported = 0
        let result = try sampler.run(likelihood: prior.logLikelihood(objective: stage.objective),
                                     isCancelled: stage.isCancelled, progress: { p in
            guard p.iterations >= reported + 2 * settings.livePoints else { return }
            reported = p.iterations
            events(.stage(String(format: "nested sampling: %d dead points, %d model evaluations, ln Z' %.2f, remaining at most %.3g",
                                 p.iterations, p.likelihoodCalls, p.logEvidence, p.remaining)))
        })
        let (chain, dropped) = Self.chain(result.draws, template: template, indices: prior.indices,
                                          degreesOfFreedom: stage.degreesOfFreedom)
        let evidence = Evidence(value: result.logEvidence - prior.wrappedLogNormaliser, error: result.logEvidenceError,
                                information: result.information, likelihoodCalls: result.likelihoodCalls,
                                iterations: result.iterations, livePoints: settings.livePoints,
                                effectiveSampleSize: result.draws.effectiveSampleSize,
                                converged: result.stopReason == .converged, droppedWeight: dropped)
        events(.stage(String(format: "ln Z = %.3f ± %.3f (information %.1f nats) after %d model evaluations; effective sample size %.0f",
                             evidence.value, evidence.error, evidence.information, evidence.likelihoodCalls,
                             evidence.effectiveSampleSize)))
        if dropped > 1e-3 {
            events(.warning(String(format: "%.2g of the posterior weight is in draws too light to keep in the chain (below 1/%d each); the estimates leave it out",
                                   dropped, 2 * Self.weightUnits)))
        }
        // The draws rise in likelihood: the last is the best.
        let last = chain.count - 1, best = chain.parameters(at: last), bestReduced = chain.reducedChi2(at: last)
        let calls = evidence.likelihoodCalls, dof = Double(stage.degreesOfFreedom)
        let sampled = SamplerResult(
            chain: chain,
            progress: SamplerProgress(proposals: calls, evaluations: calls, accepted: chain.count,
                                      currentReducedChi2: bestReduced, bestReducedChi2: bestReduced,
                                      elapsedSeconds: (clock.now - started).inSeconds),
            unstoredProposals: 0, bestParameters: best, bestChi2: bestReduced * dof,
            initialChi2: chain.reducedChi2(at: 0) * dof, finalParameters: best, stopReason: .completed)
        return SampledPosterior(runs: [ChainRunner.Run(index: 0, start: template, result: sampled, tuning: nil, retunes: 0,
                                                       scales: [])],
                                converged: evidence.converged, evidence: evidence)
    }

    /// Every draw by its weight: the last `--method` over all of them, no burn-in.
    func summary(of runs: [ChainRunner.Run], options: FitOptions) throws -> ChainSummary {
        try ChainSummary(chains: runs.map(\.result.chain), method: .last, fraction: 100, percentile: options.percentile, burn: 0)
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
