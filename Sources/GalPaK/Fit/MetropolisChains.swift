/// The Metropolis samplers (`--sampling tuned|cauchy|adaptive`): ``ChainRunner``'s parallel
/// chains, which differ only in their moves: the proposal a chain starts with, and whether
/// and how it is tuned. A chain accepts a move's proposal with
/// `α = min(1, exp(Δ ln L + Δ ln π + ln q-ratio))`, the ratio the move returns (``Proposal``).
protocol MetropolisChains: PosteriorSampler {
    /// The proposals' type (tuned and untuned alike: a chain's state holds one).
    associatedtype Move: Proposal

    /// A chain's proposal before any tuning: its whole run's when it is not tuned.
    func untuned(_ setup: ChainRunner.Setup) -> Move
    /// How the chains are tuned, given the mode's curvature (nil: not measured); nil when they
    /// are not tuned.
    func tuning(_ setup: ChainRunner.Setup, curvature: ModeCurvature?) -> ChainTuning<Move>?
}

extension MetropolisChains {
    var estimator: Estimator { .mcmc }
    var lengthOption: String { "--max-iterations" }

    func plan(_ options: FitOptions, freeParameters: Int) -> String {
        let chains = "\(options.chains) chain\(options.chains == 1 ? "" : "s")"
        return options.iterations.map { "sampling \(chains) of \($0) accepted steps" }
            ?? "sampling \(chains) until R-hat <= \(options.convergence.maxRHat) and ESS >= \(Int(options.convergence.minESS)) (at most \(options.maxIterations) accepted steps each)"
    }

    func notConverged(_ options: FitOptions) -> String {
        "the chains did not reach R-hat <= \(options.convergence.maxRHat) and ESS >= \(Int(options.convergence.minESS)) within --max-iterations \(options.maxIterations): not converged; raise --max-iterations"
    }

    /// The stage's chains (``ChainRunner``), from `stage.start`, continued from `stage.resume`
    /// when given, kept in `stage.sink` at every checkpoint.
    func sample(_ stage: SamplingStage, events: (FitEvent) -> Void) throws -> SampledPosterior {
        var setup = ChainRunner.Setup(
            objective: stage.objective, constraints: stage.constraints, scales: stage.scales,
            randomScale: stage.options.randomScale, degreesOfFreedom: stage.degreesOfFreedom,
            settings: stage.options.samplerSettings, convergence: stage.convergence, seed: stage.options.seed,
            chainCount: stage.options.chains, start: stage.start)
        setup.fraction = stage.options.chainFraction
        setup.burn = stage.options.burn
        setup.curvature = stage.curvature
        setup.isCancelled = stage.isCancelled
        setup.sink = stage.sink
        setup.resume = stage.resume
        return try ChainRunner.run(setup, moves: self, events: events)
    }
}
