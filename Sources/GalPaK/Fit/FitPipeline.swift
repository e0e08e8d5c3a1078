import Foundation

/// A whole fit, one stage after the other: read the cube → build the model and the instrument
/// kernel → sample the parameters → estimate them from the chain → write the outputs.
public enum FitPipeline {
    /// Runs the fit described by `options`, reporting warnings and progress through `events`.
    ///
    /// The output location is checked before anything else, so a fit never runs for minutes
    /// only to fail at the end; outputs are written atomically once the fit is complete.
    /// `isCancelled` is polled before every proposal of the sampler (SIGINT/SIGTERM handling):
    /// once it returns true the chain so far goes to `PREFIX_chain.incomplete.dat` and the fit
    /// throws `.interrupted` without writing any final output.
    /// - Throws: ``GalpakError`` (`.badInput` for unusable input or outputs, `.fitFailed`
    ///   when the data leave nothing to fit, `.interrupted` when cancelled).
    public static func run(_ options: FitOptions, events: (FitEvent) -> Void = { _ in },
                           isCancelled: @escaping @Sendable () -> Bool = { false }) throws -> FitResult {
        let outputs = FitOutputs(prefix: options.outputPrefix)
        try FitOutputs.preflight(outputs.files(plots: options.plots), overwrite: options.overwrite)
        let clock = ContinuousClock()
        let start = clock.now

        events(.stage("reading \(options.cubePath)"))
        let cube = try CubeReader.read(path: options.cubePath, variancePath: options.variancePath,
                                       overrides: options.overrides, defaults: options.instrument.defaults,
                                       warn: { events(.warning($0)) })
        let chiSquare = ChiSquare(cube: cube, statistic: options.chiStatistic)
        let fluxEstimate = ParameterBounds.fluxEstimate(of: cube.data)
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
        let forward = ForwardModel(disk: DiskModel(cube: cube, configuration: options.model),
                                   kernel: kernel, chiSquare: chiSquare)
        let moments = options.firstGuess == .moments ? MomentGuess(
            cube: cube, psfFWHM: (options.instrument.psf?.fwhm ?? 0) / cube.pixscale,
            lsfSigma: ((try options.instrument.lsf?.sigmaChannels(spectral: cube.spectral, channels: cube.nz)) ?? 0)
                * abs(cube.velocityStep),
            aspect: options.model.aspect) : nil
        let initial = InitialParameters.guess(bounds: constraints.bounds, fluxEstimate: fluxEstimate, moments: moments,
                                              user: constraints.initial) { forward.chi2($0) }
        let scales = ProposalScales(bounds: constraints.bounds, voxelCount: cube.count,
                                    randomScale: options.randomScale, known: constraints.fixed)

        events(.stage("sampling \(options.chains) chain\(options.chains == 1 ? "" : "s") of \(options.iterations) accepted steps"))
        var setup = ChainRunner.Setup(
            cube: cube, model: options.model, kernel: kernel, chiSquare: chiSquare, constraints: constraints,
            scales: scales, randomScale: options.randomScale, sampling: options.sampling,
            autoScale: options.autoScale, degreesOfFreedom: degreesOfFreedom,
            settings: SamplerSettings(iterations: options.iterations, minAcceptance: options.minAcceptance / 100),
            seed: options.seed, chainCount: options.chains, start: initial)
        setup.isCancelled = isCancelled
        func sampleChains() throws -> [ChainRunner.Run] {
            let runs = try ChainRunner.run(setup, events: events)
            if runs.contains(where: { $0.result.stopReason == .cancelled }) {
                throw try FitInterruption.keepChain(of: .pooled(runs.map(\.result)),
                                                    target: options.iterations * options.chains, outputs: outputs)
            }
            return runs
        }
        func summarise(_ runs: [ChainRunner.Run]) throws -> ChainSummary {
            try ChainSummary(chains: runs.map(\.result.chain), method: options.method, fraction: options.fraction,
                             percentile: options.percentile, burn: options.burn)
        }
        // Noise model, stage 1: the residuals of the first guess (and the line-free voxels).
        let noise = options.noiseCorrelation == .auto
            ? NoiseStages.measure(cube: cube, chiSquare: chiSquare, model: forward.convolvedCube(initial),
                                  stage: "first guess", events: events) : nil
        setup.noise = noise.map { NoiseStages.spectrum($0, cube: cube) }
        var runs = try sampleChains()
        var summary = try summarise(runs)
        // Stage 2: the residuals at the estimate; sample again if the noise looks different there.
        if let noise, let refined = NoiseStages.measure(cube: cube, chiSquare: chiSquare,
                                                        model: forward.convolvedCube(summary.estimate.value),
                                                        stage: "estimate", events: events),
           NoiseStages.differ(noise, refined) {
            events(.stage("sampling again with the noise measured at the estimate"))
            setup.noise = NoiseStages.spectrum(refined, cube: cube)
            setup.start = summary.estimate.value
            runs = try sampleChains()
            summary = try summarise(runs)
        }
        for run in runs where run.result.stopReason != .completed {
            events(.warning("chain \(run.index) stopped early (\(run.result.stopReason)) after \(run.result.progress.accepted) accepted steps; the estimate uses what it has"))
        }
        for run in runs where run.tuning?.converged == false {
            events(.warning(String(format: "chain %d: --auto-scale did not reach 30-50%% acceptance (closest %.0f%%)",
                                   run.index, 100 * (run.tuning?.acceptance ?? 0))))
        }
        let chains = runs.map(\.result.chain)
        let pooled = SamplerResult.pooled(runs.map(\.result))
        let convergence = ConvergenceReport(chains: chains, fraction: options.fraction, burn: options.burn,
                                            paCentre: summary.estimate.value[.pa])
        for warning in convergence.warnings { events(.warning(warning)) }
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
        let statistics = FitStatistics(
            summary: summary, chi2AtEstimate: chi2AtEstimate, degreesOfFreedom: degreesOfFreedom,
            freeParameters: freeParameters, voxelCount: cube.count,
            modelPeak: convolved.max() ?? 0, medianVariance: median(variance.filter { $0.isFinite && $0 > 0 }))

        var result = FitResult(
            options: options, cube: cube, runs: runs, sampling: pooled, summary: summary,
            convergence: convergence, derived: derived, statistics: statistics, moments: moments,
            initialParameters: initial, constraints: constraints, scales: scales,
            convolvedCube: convolved, cleanCube: clean, residualCube: residuals, kernel: kernel.values,
            maps: try FitMaps(cube: cube, configuration: options.model, chain: pooled.chain, summary: summary,
                          kernel: kernel, lsf: options.instrument.lsf, convolvedModel: convolved,
                          redshift: options.redshift),
            seconds: 0)
        result.seconds = seconds(clock.now - start)
        events(.stage("writing \(outputs.prefix)_*"))
        _ = try outputs.write(result)
        if options.plots {
            events(.stage("drawing \(outputs.prefix)_*.png"))
            try FitFigures(try FigureInputs(prefix: outputs.prefix, cube: cube.data)).write(to: outputs)
        }
        FitInterruption.removeStaleChain(outputs)
        return result
    }

    private static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }

    private static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}
