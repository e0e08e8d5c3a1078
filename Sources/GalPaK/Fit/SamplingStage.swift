/// One sampling stage of a fit: what every sampler is given (``PosteriorSampler/sample(_:events:)``).
struct SamplingStage {
    /// The fit's options: seed, chains, lengths, convergence target, `--fraction`, `--burn`,
    /// random scale, live points.
    var options: FitOptions
    /// Makes one thread's χ² function: the stage's likelihood (for a fit, a ``ForwardModel``
    /// of its own on the ``FitRegion``, with the noise model of the stage).
    var objective: @Sendable () -> (GalaxyParameters) -> Double
    var constraints: ParameterConstraints
    /// Base half-widths, 0 for fixed parameters (which also says which parameters are free).
    var scales: ProposalScales
    var degreesOfFreedom: Int
    /// Where the stage starts (chain 0, the walkers' centre; the fixed parameters' values).
    var start: GalaxyParameters
    /// The mode's curvature, for tuned chains (nil: none measured).
    var curvature: ModeCurvature?
    /// Polled while sampling; true stops it (SIGINT, SIGTERM, SIGHUP).
    var isCancelled: @Sendable () -> Bool
    /// Where a resumable sampler keeps its chains and state as they grow.
    var sink: (any ChainSink)?
    /// What a sink kept of an interrupted run of this stage: the chains continue from there.
    var resume: ChainRunner.Resume?

    /// The convergence target when the options ask to run until converged (no `--iterations`).
    var convergence: ConvergenceTarget? { options.iterations == nil ? options.convergence : nil }
    /// Which parameters are free (scale > 0), in vector order.
    var free: [Bool] { scales.values.map { $0 > 0 } }
}
