import Foundation

/// A fit's posterior by the affine-invariant ensemble sampler (`--sampling ensemble`,
/// ``EnsembleSampler`` with the stretch move of Goodman & Weare 2010, as emcee): W walkers
/// (4 per free parameter, at least 8) start in a small ball around the stage's start (the
/// posterior's mode) and take a fixed number of steps (`--iterations`, default
/// ``EnsembleSettings/defaultSteps``), each half of the walkers evaluated in parallel, from a
/// generator seeded with `--seed`. The walkers cannot be resumed (no ``ChainSink``).
///
/// Prior and likelihood are those of the other samplers (``FreeParameterPrior``: uniform in the
/// bounds times `--prior`; ln L = −χ²/2 with the fit's noise model). Each walker's trajectory is
/// one chain of the fit (a row per distinct position, its weight the steps it stayed there), so
/// the estimate and the diagnostics treat the walkers as chains: split R-hat compares the
/// walkers, ESS is over all of them (Geyer, as for Metropolis chains), after the burn-in and
/// over the last `--fraction` % of each walker's steps. The walkers of an ensemble are not
/// independent (each moves along lines through the others), so R-hat near 1 says the walkers
/// agree, which an ensemble that has not forgotten its start also shows: use enough steps
/// (the autocorrelation time of a 10-parameter disk is a few hundred steps).
struct EnsembleFit: PosteriorSampler {
    var name: String { "ensemble of walkers, affine-invariant stretch move (Goodman & Weare 2010)" }
    var estimator: Estimator { .mcmc }
    var start: SamplerStart { .mode(note: "around which the walkers start") }
    var refusedOptions: (names: [String], reason: String)? {
        (["optimize", "resume", "max-iterations", "min-acceptance"],
         "its walkers take a fixed number of steps (--iterations, default \(EnsembleSettings.defaultSteps)) and cannot be resumed")
    }
    var lengthOption: String { "--iterations" }

    func plan(_ options: FitOptions, freeParameters: Int) -> String {
        "ensemble sampling: \(EnsembleSettings().walkerCount(dimension: freeParameters)) walkers (stretch move), \(options.iterations ?? EnsembleSettings.defaultSteps) steps each"
    }

    func notConverged(_ options: FitOptions) -> String {
        "the walkers did not reach R-hat <= \(options.convergence.maxRHat) and ESS >= \(Int(options.convergence.minESS)) in \(EnsembleSettings.defaultSteps) steps: not converged; give more steps with --iterations"
    }

    /// Samples the posterior of the free parameters; one ``ChainRunner/Run`` per walker, and
    /// whether they meet the convergence target over `--fraction` after `--burn` (when the
    /// options ask to run until converged). Reports every tenth of the steps.
    /// - Throws: ``GalpakError`` (`.badInput` for unusable settings, `.fitFailed` when ln L is
    ///   not finite at a starting walker); ``StopRequested`` when `isCancelled` returns true.
    func sample(_ stage: SamplingStage, events: (FitEvent) -> Void) throws -> SampledPosterior {
        var settings = EnsembleSettings(seed: stage.options.seed)
        settings.steps = stage.options.iterations ?? EnsembleSettings.defaultSteps
        let tenth = Swift.max(1, settings.steps / 10)
        let start = stage.start
        let prior = try FreeParameterPrior(constraints: stage.constraints, template: start, free: stage.free)
        let sampler = try EnsembleSampler(prior: prior.box, move: StretchMove(), settings: settings)
        let result = try sampler.run(from: prior.free(start), likelihood: prior.logLikelihood(objective: stage.objective),
                                     isCancelled: stage.isCancelled, progress: { step in
            if step % tenth == 0 { events(.stage("ensemble sampling: \(step) of \(settings.steps) steps")) }
        })
        let d = result.dimension, dof = Double(stage.degreesOfFreedom)
        let runs = (0..<result.walkers).map { k in
            var chain = Chain(reservingCapacity: result.steps, names: start.names)
            var previous: ArraySlice<Double> = []
            var best = (chi2: Double.infinity, parameters: start)
            for s in 0..<result.steps {
                let offset = (s * result.walkers + k) * d
                let theta = result.positions[offset..<offset + d]
                if theta == previous {
                    chain.addWeightToLast()
                    continue
                }
                previous = theta
                let chi2 = -2 * result.logLikelihoods[s * result.walkers + k]
                let p = prior.parameters(Array(theta))
                chain.append(p, reducedChi2: chi2 / dof)
                if chi2 < best.chi2 { best = (chi2, p) }
            }
            let moves = Int((result.acceptanceFractions[k] * Double(result.steps)).rounded())
            let last = chain.reducedChi2(at: chain.count - 1)
            let sampled = SamplerResult(
                chain: chain,
                progress: SamplerProgress(proposals: result.steps, evaluations: result.steps + 1, accepted: moves,
                                          currentReducedChi2: last, bestReducedChi2: best.chi2 / dof, elapsedSeconds: 0),
                unstoredProposals: 0, bestParameters: best.parameters, bestChi2: best.chi2,
                initialChi2: chain.reducedChi2(at: 0) * dof, finalParameters: chain.parameters(at: chain.count - 1),
                stopReason: .completed)
            return ChainRunner.Run(index: k, start: start, result: sampled, tuning: nil, retunes: 0, scales: [])
        }
        guard let target = stage.convergence else { return SampledPosterior(runs: runs, converged: nil) }
        let names = stage.constraints.bounds.names
        let diagnostics = ConvergenceReport(chains: runs.map(\.result.chain), fraction: stage.options.chainFraction,
                                            burn: stage.options.burn, centre: start, parameters: Array(names))
        return SampledPosterior(runs: runs, converged: target.isMet(by: diagnostics, free: names.filter { stage.scales[$0] > 0 }))
    }
}
