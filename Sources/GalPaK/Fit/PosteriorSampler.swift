/// One way of sampling a fit's posterior, chosen by `--sampling` (``SamplingMethod/sampler``,
/// the one place a method becomes its sampler). Given one stage of a fit (its likelihood,
/// bounds, start and settings: ``SamplingStage``) a sampler runs and yields weighted draws as
/// chains, each row a state and its weight (``SampledPosterior``); a sampler that can be
/// resumed hands its chains to the stage's ``ChainSink`` as they grow.
///
/// | `--sampling` | sampler | draws |
/// |---|---|---|
/// | `tuned` | ``TunedChains`` | Metropolis chains with tuned moves, weights = iterations held |
/// | `cauchy` | ``CauchyChains`` | Metropolis chains with the reference's Cauchy moves |
/// | `adaptive` | ``AdaptiveChains`` | Metropolis chains with the reference's AdaptiveCauchy moves |
/// | `ensemble` | ``EnsembleFit`` | one chain per walker of the stretch-move ensemble |
/// | `nested` | ``NestedFit`` | one chain of importance-weighted draws, and the evidence |
///
/// The Metropolis samplers differ only in their moves (``MetropolisChains``): each move returns
/// its proposed state and its log proposal-density ratio (``Proposal``), so a chain accepts with
/// `α = min(1, exp(Δ ln L + Δ ln π + ln q-ratio))` whatever the move.
protocol PosteriorSampler: Sendable {
    /// The reference's name of the sampler (`mcmc_sampling` in `PREFIX_run_parameters.txt`), or a
    /// description of ours.
    var name: String { get }
    /// How the fit turns the draws into its estimate: ``Estimator/mcmc`` (chains, sampled again
    /// when the noise at the estimate differs) or ``Estimator/nested`` (weighted draws and the
    /// evidence, sampled once with the noise measured where the sampler starts).
    var estimator: Estimator { get }
    /// Where the first stage starts, and what the fit measures there first.
    var start: SamplerStart { get }
    /// Options (their names, without `--`) that do not apply to this sampler, and why
    /// (``SamplingMethod/checkOptions(given:)``); nil when every option applies.
    var refusedOptions: (names: [String], reason: String)? { get }
    /// The option that lengthens the sampling, named in convergence warnings.
    var lengthOption: String { get }

    /// The line the fit reports before sampling with `options` and `freeParameters` free parameters.
    func plan(_ options: FitOptions, freeParameters: Int) -> String
    /// The warning when the draws did not converge (``SampledPosterior/converged`` false).
    func notConverged(_ options: FitOptions) -> String
    /// Samples one stage, reporting its progress and what it found through `events`.
    /// - Throws: ``GalpakError`` (`.badInput` for unusable settings or a resume state that does
    ///   not fit, `.fitFailed` when the likelihood is unusable at the start);
    ///   ``StopRequested`` when the stage's `isCancelled` returns true (Metropolis chains stop
    ///   instead, and keep what they sampled).
    func sample(_ stage: SamplingStage, events: (FitEvent) -> Void) throws -> SampledPosterior
    /// The estimate's summary of the draws (``ChainSummary``).
    func summary(of runs: [ChainRunner.Run], options: FitOptions) throws -> ChainSummary
}

extension PosteriorSampler {
    var refusedOptions: (names: [String], reason: String)? { nil }

    /// The options' `--method`, `--fraction`, `--percentile` and `--burn` over every chain.
    func summary(of runs: [ChainRunner.Run], options: FitOptions) throws -> ChainSummary {
        try ChainSummary(chains: runs.map(\.result.chain), method: options.method, fraction: options.chainFraction,
                         percentile: options.percentile, burn: options.burn)
    }
}
