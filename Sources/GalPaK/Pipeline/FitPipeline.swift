import Foundation

/// A whole fit, one stage after the other: read the cube → build the model and the instrument
/// kernel → sample the parameters → estimate them from the chain → write the outputs.
public enum FitPipeline {
    /// Runs the fit described by `options`, reporting warnings and progress through `events`.
    ///
    /// The output location is checked and locked (`PREFIX.lock`) before anything else, so a
    /// fit never runs for minutes only to fail at the end, and two fits never write one prefix;
    /// once the fit is complete its outputs are written all or nothing (``FitOutputs/write(_:figures:)``).
    /// `isCancelled` is polled before every proposal of the sampler (SIGINT/SIGTERM handling):
    /// once it returns true the chain so far goes to `PREFIX_chain.incomplete.dat` and the fit
    /// throws `.interrupted` without writing any final output.
    /// - Throws: ``GalpakError`` (`.badInput` for unusable input or outputs, `.fitFailed`
    ///   when the data leave nothing to fit, `.interrupted` when cancelled).
    public static func run(_ options: FitOptions, events: (FitEvent) -> Void = { _ in },
                           isCancelled: @escaping @Sendable () -> Bool = { false }) throws -> FitResult {
        let outputs = FitOutputs(prefix: options.outputPrefix)
        let lock = try outputs.claim(outputs.files(plots: options.plots), overwrite: options.overwrite,
                                     inputs: options.inputFiles)
        defer { lock.release() }
        let clock = ContinuousClock()
        let start = clock.now

        // Every warning is also recorded in the outputs (the JSON's `warnings`).
        var warnings: [String] = []
        func report(_ event: FitEvent) {
            if case .warning(let message) = event { warnings.append(message) }
            events(event)
        }
        report(.stage("reading \(options.cubePath)"))
        var cube = try CubeReader.read(path: options.cubePath, variancePath: options.variancePath,
                                       overrides: options.overrides, defaults: options.instrument.defaults,
                                       warn: { report(.warning($0)) })
        try FitLimits.check(options, voxels: cube.count)
        if case .factor(let f) = options.varianceScale { cube.scaleVariance(by: f, because: "--variance-scale") }
        var chiSquare = ChiSquare(cube: cube, statistic: options.chiStatistic)
        func momentGuess() throws -> MomentGuess {
            MomentGuess(
                cube: cube, psfFWHM: (options.instrument.psf?.fwhm ?? 0) / cube.pixscale,
                lsfSigma: ((try options.instrument.lsf?.sigmaChannels(spectral: cube.spectral, channels: cube.nz)) ?? 0)
                    * abs(cube.velocityStep),
                aspect: options.model.aspect)
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
            throw GalpakError.badInput(options.cubePath,
                "has only \(chiSquare.validCount) usable voxels (finite data with positive variance); at least \(freeParameters + 2) are needed")
        }

        let kernel: Kernel3D
        do {
            kernel = try Kernel3D(instrument: options.instrument, cube: cube)
        } catch let error as GalpakError where !error.message.hasPrefix(options.cubePath) {
            // The spread functions do not fit this cube's axes: say which cube.
            throw GalpakError(error.kind, "\(options.cubePath): \(error.message)")
        }
        guard kernel.values.allSatisfy(\.isFinite) else {
            throw GalpakError.badInput(options.cubePath, "the instrument's PSF × LSF cannot be computed on this cube's "
                + "grid (a width too small or too large for its pixels and channels); check --seeing and --lsf-fwhm")
        }
        var forward = ForwardModel(disk: DiskModel(cube: cube, configuration: options.model),
                                   kernel: kernel, chiSquare: chiSquare)
        let initial = InitialParameters.guess(bounds: constraints.bounds, fluxEstimate: fluxEstimate, moments: moments,
                                              user: constraints.initial) { forward.chi2($0) }
        let scales = ProposalScales(bounds: constraints.bounds, voxelCount: cube.count,
                                    randomScale: options.randomScale, known: constraints.fixed)

        // The voxels the model is evaluated on (FitRegion); the χ² still covers the whole cube.
        var box = CropBox.whole(nx: cube.nx, ny: cube.ny, nz: cube.nz)
        var region: FitRegion?
        func sampleChains(noise: NoiseMeasurement?, from start: GalaxyParameters) throws -> ChainRunner.Outcome {
            let stageRegion = FitRegion(box: box, whole: cube, kernel: kernel, chiSquare: chiSquare,
                                        correlation: noise?.correlation, model: options.model)
            region = stageRegion
            var setup = ChainRunner.Setup(
                region: stageRegion, constraints: constraints,
                scales: scales, randomScale: options.randomScale, sampling: options.sampling,
                degreesOfFreedom: degreesOfFreedom,
                settings: SamplerSettings(iterations: options.chainLength, minAcceptance: options.minAcceptance / 100),
                convergence: options.iterations == nil ? options.convergence : nil,
                seed: options.seed, chainCount: options.chains, start: start)
            setup.fraction = options.fraction
            setup.burn = options.burn
            setup.isCancelled = isCancelled
            let sampled = try ChainRunner.run(setup, events: report)
            if sampled.runs.contains(where: { $0.result.stopReason == .cancelled }) {
                throw try FitInterruption.keepChain(of: .pooled(sampled.runs.map(\.result)),
                                                    target: options.chainLength * options.chains, outputs: outputs)
            }
            return sampled
        }
        func summarise(_ runs: [ChainRunner.Run]) throws -> ChainSummary {
            try ChainSummary(chains: runs.map(\.result.chain), method: options.method, fraction: options.fraction,
                             percentile: options.percentile, burn: options.burn)
        }
        // Noise model, stage 1: the residuals of the first guess (and the line-free voxels).
        var noise = options.noiseCorrelation.measures
            ? NoiseStages.measure(cube: cube, chiSquare: chiSquare, model: forward.convolvedCube(initial),
                                  mode: options.noiseCorrelation, stage: "first guess", events: report) : nil
        var appliedScale = 1.0
        if let ratio = noise?.varianceRatio, ratio.isFinite, ratio > 0 {
            if options.varianceScale == .auto {
                appliedScale = ratio
                cube.scaleVariance(by: ratio, because: "--variance-scale auto: the residuals' scatter at the first guess")
                chiSquare = ChiSquare(cube: cube, statistic: options.chiStatistic)
                forward = ForwardModel(disk: forward.disk, kernel: kernel, chiSquare: chiSquare)
                report(.stage(String(format: "variance scaled by %.3f, the ratio measured at the first guess", ratio)))
            } else if abs(ratio - 1) > VarianceScale.warningThreshold {
                report(.warning(String(format: "the noise where the first guess is faint scatters %.2f times the variance given (%.2f in σ): "
                    + "the errors are off by that much; check the variance, or rescale it with --variance-scale auto", ratio, ratio.squareRoot())))
            }
        }
        box = try options.crop.box(of: cube, path: options.cubePath, detection: { try moments ?? momentGuess() },
                                   kernel: kernel, correlation: noise?.correlation, bounds: constraints.bounds)
        if options.crop != .none {
            report(.stage(String(format: "model evaluated on voxels %@ (%d×%d×%d, %.1f%% of the cube; --crop %@)",
                                 box.description, box.nx, box.ny, box.nz, 100 * Double(box.count) / Double(cube.count),
                                 options.crop.name)))
        }
        let plural = options.chains == 1 ? "" : "s"
        report(.stage(options.iterations.map { "sampling \(options.chains) chain\(plural) of \($0) accepted steps" }
            ?? "sampling \(options.chains) chain\(plural) until R-hat <= \(options.convergence.maxRHat) and ESS >= \(Int(options.convergence.minESS)) (at most \(options.maxIterations) accepted steps each)"))
        var sampled = try sampleChains(noise: noise, from: initial)
        var summary = try summarise(sampled.runs)
        // Stage 2: the residuals at the estimate; sample again if the noise looks different there.
        if let first = noise, let refined = NoiseStages.measure(cube: cube, chiSquare: chiSquare,
                                                                model: forward.convolvedCube(summary.estimate.value),
                                                                mode: options.noiseCorrelation, stage: "estimate",
                                                                events: report) {
            noise = refined
            if NoiseStages.differ(first, refined, varianceScaledBy: appliedScale) {
                report(.stage("sampling again with the noise measured at the estimate"))
                sampled = try sampleChains(noise: refined, from: summary.estimate.value)
                summary = try summarise(sampled.runs)
            }
        }
        let runs = sampled.runs
        for run in runs where run.result.stopReason != .completed {
            report(.warning("chain \(run.index) stopped early (\(run.result.stopReason)) after \(run.result.progress.accepted) accepted steps; the estimate uses what it has"))
        }
        if sampled.converged == false {
            report(.warning("the chains did not reach R-hat <= \(options.convergence.maxRHat) and ESS >= \(Int(options.convergence.minESS)) within --max-iterations \(options.maxIterations): not converged; raise --max-iterations"))
        }
        let chains = runs.map(\.result.chain)
        let pooled = SamplerResult.pooled(runs.map(\.result))
        let convergence = ConvergenceReport(chains: chains, fraction: options.fraction, burn: options.burn,
                                            paCentre: summary.estimate.value[.pa])
        for warning in convergence.warnings { report(.warning(warning)) }
        let atBound = BoundProximity.sides(chains: chains, summary: summary, bounds: constraints.bounds,
                                           fixed: constraints.fixed)
        for name in ParameterName.allCases {
            if let side = atBound[name] {
                report(.warning(BoundProximity.warning(name, at: side, bounds: constraints.bounds, summary: summary)))
            }
        }
        let derived = DerivedQuantities(chains: chains, summary: summary, rotationCurve: options.model.rotationCurve,
                                        pixscale: cube.pixscale, redshift: options.redshift,
                                        scales: { forward.disk.rotationScales(for: $0.sanitized()) })

        let best = summary.estimate.value
        let convolved = forward.convolvedCube(best)
        let chi2AtEstimate = chiSquare(convolved)
        let clean = forward.cleanCube(best)
        let variance = cube.variance ?? []
        let residuals = (0..<cube.count).map { n -> Double in
            chiSquare.inverseVariance[n] > 0
                ? (cube.data[n] - convolved[n]) * chiSquare.inverseVariance[n].squareRoot() : .nan
        }
        // The crop's χ² against the whole cube's with the same likelihood, over the posterior.
        let crop = region.map { region in
            CropSummary(choice: options.crop, region: region,
                        whole: region.fraction < 1 ? FitRegion(box: .whole(nx: cube.nx, ny: cube.ny, nz: cube.nz), whole: cube,
                                                               kernel: kernel, chiSquare: chiSquare,
                                                               correlation: region.correlation, model: options.model).forwardModel() : nil,
                        estimate: best, chains: chains, convolved: convolved, nx: cube.nx, ny: cube.ny)
        }
        if let warning = crop?.warning { report(.warning(warning)) }
        let statistics = FitStatistics(
            summary: summary, chi2AtEstimate: chi2AtEstimate, degreesOfFreedom: degreesOfFreedom,
            freeParameters: freeParameters, voxelCount: cube.count,
            modelPeak: convolved.max() ?? 0, medianVariance: SampleStatistics.median(variance.filter { $0.isFinite && $0 > 0 }))

        var result = FitResult(
            options: options, cube: cube, runs: runs, converged: sampled.converged, atBound: atBound, noise: noise,
            sampling: pooled, summary: summary,
            convergence: convergence, derived: derived, statistics: statistics, moments: moments,
            initialParameters: initial, constraints: constraints, scales: scales,
            convolvedCube: convolved, cleanCube: clean, residualCube: residuals, kernel: kernel.values,
            maps: try FitMaps(cube: cube, configuration: options.model, chain: pooled.chain, summary: summary,
                          kernel: kernel, lsf: options.instrument.lsf, convolvedModel: convolved,
                          redshift: options.redshift),
            seconds: 0)
        result.crop = crop
        result.seconds = (clock.now - start).inSeconds
        result.warnings = warnings
        report(.stage("writing \(outputs.prefix)_*"))
        try outputs.write(result) { staged in
            guard options.plots else { return }
            report(.stage("drawing \(outputs.prefix)_*.png"))
            try FitFigures(try FigureInputs(prefix: staged.prefix, cube: cube.data)).write(to: staged)
        }
        FitInterruption.removeStaleChain(outputs)
        return result
    }
}
