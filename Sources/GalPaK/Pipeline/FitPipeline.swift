import Foundation

/// A whole fit, one stage after the other: read the cube → build the model and the instrument
/// kernel → sample the parameters → estimate them from the chain → write the outputs.
///
/// With the default tuned sampling, the chains start from the posterior's mode
/// (``PosteriorMode/search(objective:logPrior:residuals:from:bounds:free:)`` from the first guess, with the
/// likelihood the chains use), so that they spend almost no steps burning in; the search is
/// deterministic, so the chains' start stays reproducible from the seed. With
/// ``Estimator/laplace`` (`--optimize`) no chain is run: the estimate is the mode and its
/// errors the Laplace approximation there (``PosteriorMode``), with the same likelihood and the
/// same two noise stages (the second measured at the mode).
public enum FitPipeline {
    /// Runs the fit described by `options`, reporting warnings and progress through `events`;
    /// its figures (unless ``FitOptions/plots`` is false) are drawn in `figureFormats`.
    ///
    /// The output location is checked and locked (`PREFIX.lock`) before anything else, so a
    /// fit never runs for minutes only to fail at the end, and two fits never write one prefix;
    /// once the fit is complete its outputs are written all or nothing (``FitOutputs/write(_:isCancelled:figures:)``).
    /// While sampling, the chains and the sampler's state go to `PREFIX_chain.incomplete.dat`
    /// at every checkpoint (``IncompleteChainFile``). `isCancelled` (SIGINT, SIGTERM, SIGHUP
    /// handling) is polled in every phase until the completion record is renamed into place
    /// (``FitInterruption``): once it returns true the fit stops promptly, no file is left under
    /// a final name, and the fit throws `.interrupted`. With ``FitOptions/resume`` the fit
    /// continues that file's chains (``FitResume``: same cube and options, checked) and ends
    /// with the outputs the uninterrupted fit would have written. A completed fit removes the file.
    ///
    /// With `saved` (`galpak chain`) nothing is sampled: the saved chains stand for the chains
    /// (``SavedChains``), no mode is searched, and every other step is the fit's, so the outputs
    /// are those the fit would have written with these chains and options. A chain file that
    /// is this prefix's own chain file is kept as it is (listed in the completion record), never
    /// rewritten; the incomplete chain of an interrupted fit under the prefix is left alone.
    /// - Throws: ``GalpakError`` (`.badInput` for unusable input or outputs, `.fitFailed`
    ///   when the data leave nothing to fit, `.interrupted` when cancelled).
    public static func run(_ options: FitOptions, figureFormats: [FigureFormat] = FigureFormat.defaults,
                           events: (FitEvent) -> Void = { _ in },
                           isCancelled: @escaping @Sendable () -> Bool = { false },
                           saved: SavedChains? = nil) throws -> FitResult {
        let outputs = FitOutputs(prefix: options.outputPrefix, figureFormats: figureFormats)
        let kept: Set<OutputFile> = saved?.isChainFile(of: outputs) == true ? [.chain] : []
        let lock = try outputs.claim(outputs.possibleFiles(plots: options.plots).filter { !kept.map { outputs[$0] }.contains($0) },
                                     overwrite: options.overwrite, inputs: options.inputFiles + (saved.map { [$0.path] } ?? []))
        defer { lock.release() }
        let interruption = FitInterruption(isCancelled: isCancelled)
        do {
            return try fit(options, outputs: outputs, events: events, interruption: interruption, saved: saved, kept: kept)
        } catch is StopRequested {
            throw interruption.stopped(target: options.chainLength * options.chains, outputs: outputs)
        }
    }

    /// The fit itself, once its outputs are claimed.
    private static func fit(_ options: FitOptions, outputs: FitOutputs, events: (FitEvent) -> Void,
                            interruption: FitInterruption, saved: SavedChains?, kept: Set<OutputFile>) throws -> FitResult {
        var options = options
        let clock = ContinuousClock()
        let start = clock.now

        // Every warning is also recorded in the outputs (the JSON's `warnings`).
        var warnings = saved.map { [$0.note] } ?? []
        func report(_ event: FitEvent) {
            if case .warning(let message) = event { warnings.append(message) }
            events(event)
        }
        try interruption.enter("reading the cube")
        report(.stage("reading \(options.cubePath)"))
        var cube = try CubeReader.read(path: options.cubePath, variancePath: options.variancePath,
                                       overrides: options.overrides, defaults: options.instrument.defaults,
                                       warn: { report(.warning($0)) })
        try FitLimits.check(options, voxels: cube.count)
        if !options.selection.selectsAll {
            let removed = try options.selection.apply(to: &cube)
            report(.stage("\(options.selection.description): \(removed) voxels with data left out"))
        }
        let velocities = try SpectralVelocity(axis: cube.spectral, cards: cube.wcsCards, rest: options.rest,
                                              definition: options.velocityDefinition, path: options.cubePath)
        try options.psfWidth?.check(beamOf: cube)
        (options.instrument, options.psfOrigin) = HeaderBeamPSF.resolve(options.instrument, origin: options.psfOrigin,
                                                                        cube: cube, warn: { report(.warning($0)) })
        if options.psfOrigin == .headerBeam, let fwhm = options.instrument.psf?.fwhm {
            report(.stage(String(format: "PSF: the cube's beam, a Gaussian of FWHM %.4g″ (BMAJ/BMIN/BPA)", fwhm)))
        }
        let lineGrid: LineGrid?
        do {
            lineGrid = try options.model.lineGrid(spectral: cube.spectral, channels: cube.nz, lsf: options.instrument.lsf)
        } catch let error as GalpakError {
            throw GalpakError(error.kind, "\(options.cubePath): \(error.message)")
        }
        // After the inputs were read (and their errors reported as such): what the chains depend on.
        let fingerprint = try FitFingerprint(options)
        let resumed = options.resume
            ? try FitResume(path: outputs.incompleteChain, fingerprint: fingerprint, chainCount: options.chains) : nil
        if case .factor(let f) = options.varianceScale { cube.scaleVariance(by: f, because: "--variance-scale") }
        var chiSquare = ChiSquare(cube: cube, statistic: options.chiStatistic)
        func momentGuess() throws -> MomentGuess {
            MomentGuess(
                cube: cube, psfFWHM: (options.instrument.psf?.fwhm ?? 0) / cube.pixscale,
                lsfSigma: ((try options.instrument.lsf?.sigmaChannels(spectral: cube.spectral, channels: cube.nz)) ?? 0)
                    * abs(cube.velocityStep),
                aspect: options.model.aspect, lines: lineGrid)
        }
        let moments = options.firstGuess == .moments ? try momentGuess() : nil
        let fluxEstimate = ParameterBounds.fluxEstimate(of: cube.data, detected: moments?.detectedFlux ?? 0)
        guard fluxEstimate > 0, fluxEstimate.isFinite else {
            throw GalpakError.badInput(options.cubePath, "has no positive flux to fit (is it continuum-subtracted emission?)")
        }
        let constraints = try ParameterConstraints(options: options, nx: cube.nx, ny: cube.ny, nz: cube.nz,
                                                   fluxEstimate: fluxEstimate)
        let freeParameters = constraints.freeCount
        let degreesOfFreedom = chiSquare.degreesOfFreedom(freeParameters: freeParameters)
        guard degreesOfFreedom > 0 else {
            let usable = "\(chiSquare.validCount) usable voxels (finite data with positive variance); at least \(freeParameters + 2) are needed"
            if let mask = options.selection.maskPath {
                let channels = options.selection.channels.map { " with --channels \(VoxelSelection.text($0))" } ?? ""
                throw GalpakError.badInput(mask, "the mask\(channels) leaves only \(usable) in the cube \(options.cubePath)")
            }
            throw GalpakError.badInput(options.cubePath, options.selection.selectsAll
                ? "has only \(usable)" : "\(options.selection.description) leaves only \(usable)")
        }

        try interruption.enter("making the model and the first guess")
        // With a free PSF width (--seeing VALUE:SIGMA), `kernel` is the one at the prior's mean and
        // `psfWidth` rebuilds it at each evaluation's psf_fwhm.
        let kernel: Kernel3D
        let psfWidth: PSFWidthKernel?
        do {
            kernel = try Kernel3D(instrument: options.instrument, cube: cube)
            psfWidth = try options.psfWidth.map {
                try PSFWidthKernel(instrument: options.instrument, cube: cube, prior: $0, maximum: constraints.bounds.max[.psfFWHM])
            }
        } catch let error as GalpakError where !error.message.hasPrefix(options.cubePath) {
            // The spread functions do not fit this cube's axes: say which cube.
            throw GalpakError(error.kind, "\(options.cubePath): \(error.message)")
        }
        guard kernel.values.allSatisfy(\.isFinite) else {
            throw GalpakError.badInput(options.cubePath, "the instrument's PSF × LSF cannot be computed on this cube's "
                + "grid (a width too small or too large for its pixels and channels); check --seeing and --lsf-fwhm")
        }
        /// The model of the whole cube, with the data term `chiSquare`: evaluated a few dozen
        /// times (the first guess's PAs, the noise stages, the outputs), so its convolution is
        /// not timed (`.estimate`).
        func wholeModel(_ disk: DiskModel, _ chiSquare: ChiSquare) -> ForwardModel {
            guard let psfWidth else { return ForwardModel(disk: disk, kernel: kernel, chiSquare: chiSquare, planning: .estimate) }
            return ForwardModel(disk: disk, psfWidth: psfWidth, chiSquare: chiSquare)
        }
        func wholeDisk() -> DiskModel { DiskModel(cube: cube, configuration: options.model, lines: lineGrid) }
        var forward = wholeModel(wholeDisk(), chiSquare)
        // The PA candidates on one whole-cube model per chain and core (the memory estimate counts
        // a whole cube's model per chain), dropped once the guess is made.
        let guessWorkers = Swift.max(1, Swift.min(options.chains, ProcessInfo.processInfo.activeProcessorCount))
        let guessModels = [forward] + (1..<guessWorkers).map { _ in wholeModel(wholeDisk(), chiSquare) }
        let initial = try InitialParameters.guess(bounds: constraints.bounds, fluxEstimate: fluxEstimate, moments: moments,
                                                  user: constraints.initial, chi2: guessModels.map { model in
            { p in
                try interruption.check()
                return model.chi2(p)
            }
        })
        let scales = ProposalScales(bounds: constraints.bounds, voxelCount: cube.count,
                                    randomScale: options.randomScale, known: constraints.fixed)

        // The voxels the model is evaluated on (FitRegion); the χ² still covers the whole cube.
        var box = CropBox.whole(nx: cube.nx, ny: cube.ny, nz: cube.nz)
        var region: FitRegion?
        /// The χ² the chains or the optimiser use: on the crop box, with the correlated-noise
        /// term when `noise` says so; the last one made is reused while box and noise are the
        /// same (the mode search and the chains of one stage share it).
        func likelihood(_ noise: NoiseMeasurement?) -> FitRegion {
            let correlated = noise.map(\.correlation).flatMap { $0 == .white ? nil : $0 }
            if let region, region.box == box, region.correlation == correlated { return region }
            let stageRegion = FitRegion(box: box, whole: cube, kernel: kernel, chiSquare: chiSquare,
                                        correlation: noise?.correlation, model: options.model, lines: lineGrid,
                                        psfWidth: psfWidth)
            region = stageRegion
            return stageRegion
        }
        let sampler = options.sampling.sampler
        // Samples stage 1 (from where the sampler starts) or 2 (again, from its estimate), or continues it.
        func sampleStage(noise: NoiseMeasurement?, from start: GalaxyParameters, stage: Int,
                         curvature: ModeCurvature? = nil) throws -> SampledPosterior {
            let stageRegion = likelihood(noise)
            if let saved {
                return try saved.outcome(degreesOfFreedom: degreesOfFreedom,
                                         target: options.iterations == nil ? options.convergence : nil,
                                         fraction: options.chainFraction, burn: options.burn,
                                         free: constraints.bounds.names.indices.filter { scales.values[$0] > 0 }.map { constraints.bounds.names[$0] })
            }
            var sampling = SamplingStage(
                options: options, objective: {
                    let model = stageRegion.forwardModel()
                    return { model.chi2($0) }
                }, constraints: constraints, scales: scales, degreesOfFreedom: degreesOfFreedom, start: start,
                curvature: curvature, isCancelled: interruption.isCancelled)
            sampling.sink = IncompleteChainFile(path: outputs.incompleteChain,
                                                context: try FitResume.context(fingerprint, stage: stage, start: start))
            if let resumed, resumed.stage == stage {
                sampling.resume = resumed.chains
                let accepted = resumed.chains.chains.map(\.count).reduce(0, +)
                report(.stage("resuming from \(outputs.incompleteChain) (\(accepted) chain rows so far)"))
            }
            try interruption.enter("sampling")
            let sampled = try sampler.sample(sampling, events: report)
            // A later interruption reports the chains' accepted steps (weighted draws have none).
            if sampler.estimator.hasMarkovChains { interruption.sampling = .pooled(sampled.runs.map(\.result)) }
            try interruption.enter("estimating the parameters")
            return sampled
        }
        // Noise model, stage 1: the residuals of the first guess (and the line-free voxels).
        try interruption.enter("measuring the noise")
        var noise = options.noiseCorrelation.measures
            ? NoiseStages.measure(cube: cube, chiSquare: chiSquare, model: forward.convolvedCube(initial),
                                  mode: options.noiseCorrelation, stage: "first guess", events: report) : nil
        var appliedScale = 1.0
        if let ratio = noise?.varianceRatio, ratio.isFinite, ratio > 0 {
            if options.varianceScale == .auto {
                appliedScale = ratio
                cube.scaleVariance(by: ratio, because: "--variance-scale auto: the residuals' scatter at the first guess")
                chiSquare = ChiSquare(cube: cube, statistic: options.chiStatistic)
                forward = wholeModel(forward.disk, chiSquare)
                report(.stage(String(format: "variance scaled by %.3f, the ratio measured at the first guess", ratio)))
            } else if abs(ratio - 1) > VarianceScale.warningThreshold {
                report(.warning(String(format: "the noise where the first guess is faint scatters %.2f times the variance given (%.2f in σ): "
                    + "the errors are off by that much; check the variance, or rescale it with --variance-scale auto", ratio, ratio.squareRoot())))
            }
        }
        // The crop's margins hold the widest PSF the fit may try.
        box = try options.crop.box(of: cube, path: options.cubePath, detection: { try moments ?? momentGuess() },
                                   kernel: psfWidth.map { $0.kernel(fwhm: $0.maximum) } ?? kernel,
                                   correlation: noise?.correlation, bounds: constraints.bounds)
        if options.crop != .none {
            report(.stage(String(format: "model evaluated on voxels %@ (%d×%d×%d, %.1f%% of the cube; --crop %@)",
                                 box.description, box.nx, box.ny, box.nz, 100 * Double(box.count) / Double(cube.count),
                                 options.crop.name)))
        }
        let free = scales.values.map { $0 > 0 }
        let logPrior: (GalaxyParameters) -> Double = constraints.priors.isEmpty
            ? { _ in 0 } : { [priors = constraints.priors] in priors.logDensity($0) }

        /// The posterior's mode from `start` with the likelihood of `noise` (Levenberg–Marquardt
        /// on the residuals for the Gaussian χ², else Nelder–Mead; stopped within one evaluation
        /// on a signal), and the forward model it searched with.
        /// The evaluations are shared among one forward model per chain (the cores the fit may
        /// use), up to one per free parameter.
        func searchMode(noise: NoiseMeasurement?, from start: GalaxyParameters) throws -> (found: PosteriorMode, model: ForwardModel) {
            let likelihood = likelihood(noise)
            let models = (0..<Swift.max(1, Swift.min(options.chains, constraints.freeCount))).map { _ in likelihood.forwardModel() }
            let priors = constraints.priors
            func chi2(_ model: ForwardModel) -> (GalaxyParameters) throws -> Double {
                { p in
                    try interruption.check()
                    return model.chi2(p)
                }
            }
            func write(_ model: ForwardModel, _ count: Int) -> ChiSquareResiduals.Writer {
                { p, out in
                    try interruption.check()
                    guard model.residuals(p, into: UnsafeMutableBufferPointer(rebasing: out[..<count])) else { return false }
                    priors.residuals(p, into: UnsafeMutableBufferPointer(rebasing: out[count...]))
                    return true
                }
            }
            let model = models[0]
            let residuals = model.residualCount.map { count in
                ChiSquareResiduals(count: count + priors.count, constant: model.outsideChi2,
                                   copies: models.dropFirst().map { write($0, count) }, write: write(model, count))
            }
            let found = try PosteriorMode(objective: chi2(model), objectiveCopies: models.dropFirst().map(chi2),
                                          logPrior: logPrior, residuals: residuals, from: start, bounds: constraints.bounds, free: free)
            return (found, model)
        }

        /// Where the sampler's first stage starts (``PosteriorSampler/start``): the first guess,
        /// or the posterior's mode searched from it, with its curvature for tuned chains.
        func sampleStart() throws -> (start: GalaxyParameters, curvature: ModeCurvature?) {
            switch sampler.start {
            case .firstGuess:
                return (initial, nil)
            case .mode(let note):
                try interruption.enter("searching for the posterior's mode")
                report(.stage("searching for the posterior's mode, \(note)"))
                return (try searchMode(noise: noise, from: initial).found.mode, nil)
            case .modeAndCurvature:
                try interruption.enter("searching for the posterior's mode")
                report(.stage("searching for the posterior's mode, where the chains start, and its curvature, which shapes their jumps"))
                let (found, model) = try searchMode(noise: noise, from: initial)
                var evaluations = found.evaluations
                let curvature = try ModeCurvature(found, bounds: constraints.bounds, free: free, evaluations: &evaluations) { p in
                    try interruption.check()
                    return model.chi2(p) - 2 * logPrior(p)
                }
                report(.stage(String(format: "mode and curvature found after %d model evaluations (chi2 %.6g at the first guess, %.6g there)%@",
                                     evaluations, model.chi2(initial) - 2 * logPrior(initial), found.value,
                                     curvature == nil ? "; the curvature is not positive definite: each chain measures its own" : "")))
                return (found.mode, curvature)
            }
        }

        var runs: [ChainRunner.Run] = []
        var converged: Bool?
        var mode: PosteriorMode?
        var evidence: NestedFit.Evidence?
        var summary: ChainSummary
        switch options.estimator {
        case .mcmc:
            // Stage 1 (unless an interrupted stage 2 is resumed: its start is stage 1's estimate).
            var sampled: SampledPosterior?
            var stageSummary: ChainSummary?
            if let resumed, resumed.stage == 2 {
                report(.stage("stage 1 was sampled before the interruption; its estimate is where stage 2 started"))
            } else {
                var chainStart = initial
                var curvature: ModeCurvature?
                if let resumed {
                    // Where the interrupted chains started (the mode found then), not searched again.
                    chainStart = resumed.start
                } else if saved == nil {
                    (chainStart, curvature) = try sampleStart()
                }
                report(.stage(saved.map { "the chains of \($0.path) instead of sampling" }
                    ?? sampler.plan(options, freeParameters: constraints.freeCount)))
                sampled = try sampleStage(noise: noise, from: chainStart, stage: 1, curvature: curvature)
                stageSummary = try sampler.summary(of: sampled!.runs, options: options)
            }
            let firstEstimate = stageSummary?.estimate.value ?? resumed!.start
            // Stage 2: the residuals at the estimate; sample again if the noise looks different there.
            try interruption.enter("measuring the noise")
            if let first = noise, let refined = NoiseStages.measure(cube: cube, chiSquare: chiSquare,
                                                                    model: forward.convolvedCube(firstEstimate),
                                                                    mode: options.noiseCorrelation, stage: "estimate",
                                                                    events: report) {
                noise = refined
                if NoiseStages.differ(first, refined, varianceScaledBy: appliedScale) {
                    report(.stage("sampling again with the noise measured at the estimate"))
                    sampled = try sampleStage(noise: refined, from: firstEstimate, stage: 2)
                    stageSummary = try sampler.summary(of: sampled!.runs, options: options)
                }
            }
            guard let sampled, let stageSummary else {
                throw GalpakError.badInput(outputs.incompleteChain, "holds chains of a second sampling stage, which this fit does not reach; run without --resume to fit from the start")
            }
            summary = stageSummary
            runs = sampled.runs
            converged = sampled.converged
        case .nested:
            // The noise measured where the sampler starts (the mode), before sampling once.
            let from = try sampleStart().start
            try interruption.enter("measuring the noise")
            if noise != nil, let refined = NoiseStages.measure(cube: cube, chiSquare: chiSquare,
                                                               model: forward.convolvedCube(from),
                                                               mode: options.noiseCorrelation, stage: "mode", events: report) {
                noise = refined
            }
            try interruption.enter("sampling")
            report(.stage(sampler.plan(options, freeParameters: constraints.freeCount)))
            let sampled = try sampleStage(noise: noise, from: from, stage: 1)
            runs = sampled.runs
            summary = try sampler.summary(of: runs, options: options)
            converged = sampled.converged
            evidence = sampled.evidence
        case .laplace:
            func optimise(noise: NoiseMeasurement?, from start: GalaxyParameters) throws -> PosteriorMode {
                let found = try searchMode(noise: noise, from: start).found
                report(.stage(String(format: "mode found, Laplace approximation measured: %d model evaluations, chi2 %.6g",
                                     found.evaluations, found.value)))
                return found
            }
            try interruption.enter("searching for the posterior's mode")
            report(.stage("searching for the posterior's mode (Levenberg-Marquardt; Nelder-Mead for a --chi-stat other than gaussian), then its curvature (Laplace approximation)"))
            var found = try optimise(noise: noise, from: initial)
            // Stage 2, as for the chains: the residuals at the mode; optimise again if the noise looks different there.
            try interruption.enter("measuring the noise")
            if let first = noise, let refined = NoiseStages.measure(cube: cube, chiSquare: chiSquare,
                                                                    model: forward.convolvedCube(found.mode),
                                                                    mode: options.noiseCorrelation, stage: "mode",
                                                                    events: report) {
                noise = refined
                if NoiseStages.differ(first, refined, varianceScaledBy: appliedScale) {
                    try interruption.enter("searching for the posterior's mode")
                    report(.stage("optimising again with the noise measured at the mode"))
                    found = try optimise(noise: refined, from: found.mode)
                }
            }
            if !found.converged {
                report(.warning("the mode search stopped at its evaluation limit before it converged; the mode may be approximate"))
            }
            if found.covariance == nil {
                report(.warning("the curvature at the mode is not positive definite (a degenerate or unconstrained direction): no errors; fix or bound the parameters the data cannot constrain"))
            }
            mode = found
            summary = try ChainSummary(laplace: found, chi2: chiSquare(forward.convolvedCube(found.mode)),
                                       freeParameters: freeParameters, degreesOfFreedom: degreesOfFreedom,
                                       method: options.method, fraction: options.chainFraction, percentile: options.percentile)
        }
        try interruption.enter("estimating the parameters")
        for run in runs where run.result.stopReason != .completed {
            report(.warning("chain \(run.index) stopped early (\(run.result.stopReason)) after \(run.result.progress.accepted) accepted steps; the estimate uses what it has"))
        }
        if converged == false { report(.warning(sampler.notConverged(options))) }
        let chains = runs.map(\.result.chain)
        // Weighted draws are no Markov chain: no R-hat, ESS or Geweke score for them.
        let convergence = ConvergenceReport(chains: evidence == nil ? chains : [], fraction: options.chainFraction, burn: options.burn,
                                            centre: summary.estimate.value,
                                            parameters: Array(constraints.bounds.names))
        for warning in convergence.warnings(lengthOption: sampler.lengthOption) {
            report(.warning(warning))
        }
        var atBound: [ParameterName: BoundProximity.Side]
        let spread: ParameterSpread
        let pooled: SamplerResult
        if let mode {
            atBound = mode.atBound
            for name in constraints.bounds.names {
                if let side = atBound[name] { report(.warning(BoundProximity.warning(name, modeAt: side, bounds: constraints.bounds))) }
            }
            let touching = BoundProximity.sides(cuttingLaplaceIntervalsOf: &summary, bounds: constraints.bounds,
                                                fixed: constraints.fixed)
            for name in constraints.bounds.names where atBound[name] == nil {
                guard let side = touching[name] else { continue }
                atBound[name] = side
                report(.warning(BoundProximity.warning(name, at: side, bounds: constraints.bounds, summary: summary)))
            }
            spread = .laplace(mode: mode.mode, covariance: mode.covariance)
            let reduced = summary.bestReducedChi2
            pooled = SamplerResult(
                chain: Chain(names: mode.mode.names),
                progress: SamplerProgress(proposals: 0, evaluations: mode.evaluations, accepted: 0,
                                                          currentReducedChi2: reduced, bestReducedChi2: reduced,
                                                          elapsedSeconds: (clock.now - start).inSeconds),
                unstoredProposals: 0, bestParameters: mode.mode, bestChi2: reduced * Double(degreesOfFreedom),
                initialChi2: forward.chi2(initial), finalParameters: mode.mode, stopReason: .completed)
        } else {
            atBound = BoundProximity.sides(chains: chains, summary: summary, bounds: constraints.bounds,
                                           fixed: constraints.fixed)
            for name in constraints.bounds.names {
                if let side = atBound[name] {
                    report(.warning(BoundProximity.warning(name, at: side, bounds: constraints.bounds, summary: summary)))
                }
            }
            spread = .draws(summary.selection.map { chains[$0.chain].parameters(at: $0.row) },
                            counts: summary.selection.map(\.count))
            pooled = SamplerResult.pooled(runs.map(\.result))
        }
        try interruption.check()
        let derived = DerivedQuantities(spread: spread, percentile: summary.percentile,
                                        rotationCurve: options.model.rotationCurve,
                                        pixscale: cube.pixscale, redshift: options.redshift,
                                        scales: { forward.disk.rotationScales(for: $0.sanitized()) })

        try interruption.check()
        let best = summary.estimate.value
        // The instrument at the estimate: its PSF at the fitted psf_fwhm when that is free.
        let estimateKernel = psfWidth.map { $0.kernel(fwhm: best[.psfFWHM]) } ?? kernel
        let estimatePSF = psfWidth == nil ? options.instrument.psf : options.instrument.psf?.withFWHM(best[.psfFWHM])
        let convolved = forward.convolvedCube(best)
        let chi2AtEstimate = chiSquare(convolved)
        let clean = forward.cleanCube(best)
        let variance = cube.variance ?? []
        let residuals = (0..<cube.count).map { n -> Double in
            chiSquare.inverseVariance[n] > 0
                ? (cube.data[n] - convolved[n]) * chiSquare.inverseVariance[n].squareRoot() : .nan
        }
        // The crop's χ² against the whole cube's with the same likelihood, over the posterior's draws.
        let crop = region.map { region in
            CropSummary(choice: options.crop, region: region,
                        whole: { FitRegion(box: .whole(nx: cube.nx, ny: cube.ny, nz: cube.nz), whole: cube,
                                           kernel: kernel, chiSquare: chiSquare,
                                           correlation: region.correlation, model: options.model, lines: lineGrid,
                                           psfWidth: psfWidth).forwardModel(planning: .estimate) },
                        estimate: best, chains: chains, convolved: convolved, nx: cube.nx, ny: cube.ny)
        }
        if let warning = crop?.warning { report(.warning(warning)) }
        let statistics = FitStatistics(
            summary: summary, chi2AtEstimate: chi2AtEstimate, degreesOfFreedom: degreesOfFreedom,
            freeParameters: freeParameters, voxelCount: cube.count,
            modelPeak: convolved.max() ?? 0, medianVariance: SampleStatistics.median(variance.filter { $0.isFinite && $0 > 0 }))

        let sky = SkyResults(cube: cube, summary: summary, spread: spread, velocities: velocities)
        if let z = sky?.rejectedRedshift {
            report(.warning(String(format: "the rest value gives a redshift of %.6g at the fitted channel, a blueshift no galaxy has: "
                + "it does not belong to this spectral axis, so no systemic velocity or redshift is given; state the line's rest value with --rest", z)))
        }
        var result = FitResult(
            options: options, cube: cube, runs: runs, mode: mode, converged: converged, atBound: atBound, noise: noise,
            sampling: pooled, summary: summary,
            convergence: convergence, derived: derived,
            sky: sky,
            statistics: statistics, moments: moments,
            initialParameters: initial, constraints: constraints, scales: scales,
            convolvedCube: convolved, cleanCube: clean, residualCube: residuals, kernel: estimateKernel.values,
            maps: try FitMaps(cube: cube, configuration: options.model, lines: lineGrid, estimate: best, spread: spread,
                              percentile: summary.percentile, kernel: estimateKernel, lsf: options.instrument.lsf,
                              convolvedModel: convolved, redshift: options.redshift,
                              slitWidth: options.pvWidth ?? PositionVelocityDiagram.defaultWidth(psf: estimatePSF,
                                                                                                  pixscale: cube.pixscale),
                              voronoiSNR: options.voronoiSNR, noise: noise?.correlation),
            seconds: 0)
        if let binning = result.maps.voronoi?.binning {
            let multiple = binning.bins.filter { $0.spaxels.count > 1 }
            report(.stage(String(format: "Voronoi bins of the data to S/N %g: %d bins, %d of several spaxels (S/N scatter %.1f%% about the target); %d spaxels in none (S/N below 1, or in a patch too faint)",
                                 binning.target, binning.bins.count, multiple.count, 100 * binning.fractionalScatter,
                                 binning.binOfSpaxel.filter { $0 == VoronoiBinning.notBinned }.count)))
        }
        result.crop = crop
        result.evidence = evidence
        result.seconds = (clock.now - start).inSeconds
        result.warnings = warnings
        try interruption.enter("writing the outputs")
        report(.stage("writing \(outputs.prefix)_*"))
        try outputs.write(result, keeping: kept, isCancelled: interruption.isCancelled) { staged in
            guard options.plots else { return }
            report(.stage("drawing the figures \(outputs.prefix)_* (\(FigureFormat.text(outputs.figureFormats)))"))
            try FitFigures(try FigureInputs(prefix: staged.prefix, cube: cube.data,
                                            chainFile: kept.contains(.chain) ? outputs.chain : nil))
                .write(to: staged, between: interruption.check)
        }
        if saved == nil { FitInterruption.removeStaleChain(outputs) }
        if !options.estimator.hasChains { outputs.removeChainFiles() }
        if !options.estimator.hasMarkovChains { outputs.removeFiles(where: { $0.needsMarkovChains && $0.role != .interruption }) }
        if options.voronoiSNR == nil { outputs.removeFiles(where: \.needsVoronoi) }
        return result
    }
}
