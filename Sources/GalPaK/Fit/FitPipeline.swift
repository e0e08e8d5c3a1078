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
                           isCancelled: @Sendable () -> Bool = { false }) throws -> FitResult {
        let outputs = FitOutputs(prefix: options.outputPrefix)
        try FitOutputs.preflight(outputs.files(plots: options.plots), overwrite: options.overwrite)
        let clock = ContinuousClock()
        let start = clock.now

        events(.stage("reading \(options.cubePath)"))
        let cube = try CubeReader.read(path: options.cubePath, variancePath: options.variancePath,
                                       overrides: options.overrides, defaults: options.instrument.defaults,
                                       warn: { events(.warning($0)) })
        let chiSquare = ChiSquare(cube: cube)
        let fluxEstimate = ParameterBounds.fluxEstimate(of: cube.data)
        guard fluxEstimate > 0, fluxEstimate.isFinite else {
            throw GalpakError.badInput(options.cubePath, "has no positive flux to fit (is it continuum-subtracted emission?)")
        }
        let freeParameters = GalaxyParameters.count
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
        let bounds = ParameterBounds.defaults(nx: cube.nx, ny: cube.ny, nz: cube.nz, fluxEstimate: fluxEstimate)
        let initial = InitialParameters.guess(bounds: bounds, fluxEstimate: fluxEstimate) { forward.chi2($0) }
        let scales = ProposalScales(bounds: bounds, voxelCount: cube.count, randomScale: options.randomScale)
        let sampler = MetropolisSampler(
            bounds: bounds, proposal: CauchyProposal(scales: scales), degreesOfFreedom: degreesOfFreedom,
            settings: SamplerSettings(iterations: options.iterations, minAcceptance: options.minAcceptance / 100))

        events(.stage("sampling \(options.iterations) accepted steps"))
        var generator = SeededGenerator(seed: options.seed)
        let sampling = try sampler.run(from: initial, using: &generator,
                                       objective: { forward.chi2($0) },
                                       progress: { events(.progress($0, target: options.iterations)) },
                                       isCancelled: isCancelled)
        events(.progress(sampling.progress, target: options.iterations))
        if sampling.stopReason == .cancelled {
            throw try FitInterruption.keepChain(of: sampling, target: options.iterations, outputs: outputs)
        }
        if sampling.stopReason != .completed {
            events(.warning("the sampler stopped early (\(sampling.stopReason)) after \(sampling.progress.accepted) accepted steps; the estimate uses what it has"))
        }
        let summary = try ChainSummary(chain: sampling.chain, method: options.method,
                                       fraction: options.fraction, percentile: options.percentile)

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
            options: options, cube: cube, sampling: sampling, summary: summary, statistics: statistics,
            initialParameters: initial, bounds: bounds, scales: scales,
            convolvedCube: convolved, cleanCube: clean, residualCube: residuals, kernel: kernel.values,
            maps: try FitMaps(cube: cube, configuration: options.model, chain: sampling.chain, summary: summary,
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
