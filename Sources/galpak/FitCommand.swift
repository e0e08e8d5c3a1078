import ArgumentParser
import Foundation
import GalPaK

/// `galpak fit CUBE`: fits the disk model to one cube and writes the results.
struct FitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Fit the disk model to a cube: intrinsic parameters with errors, the chain, and model/residual cubes.",
        discussion: """
            Writes the files below, in the reference GalPaK3D's layouts. Parameters: x, y (pixels, \
            0-based), z (channel, 0-based), flux (sum of the clean model, cube units), radius \
            (half-light, pixels), inclination and pa (degrees; pa anticlockwise from +y to the \
            approaching side), turnover_radius (pixels), maximum_velocity and \
            velocity_dispersion (km/s). With a celestial WCS the results are also given in the \
            sky frame (README): centre RA/Dec, PA east of north of the receding side, systemic \
            velocity, sizes in arcsec. Progress goes to stderr, the parameter table to stdout. \
            SIGINT (Ctrl-C), SIGTERM or SIGHUP stops the fit cleanly in any phase until its \
            outputs are complete: the chain so far goes to PREFIX_\(OutputFile.incompleteChain.suffix) \
            and no other file is left (exit status 130, 143 or 129). \
            That file is also rewritten at every checkpoint while sampling, so even a killed fit \
            keeps its chain up to the last one; the same command with --resume continues it.

            --optimize gives a point estimate in seconds instead of a posterior: the posterior's \
            mode (a deterministic Levenberg-Marquardt search from the first guess and from three \
            other inclinations, within the bounds, with the likelihood and noise treatment of the \
            default fit; Nelder-Mead for a --chi-stat other than gaussian) and errors \
            from the curvature there (the Laplace approximation); intervals are value +/- z \
            stdev for --percentile (z = 1.96 for 95). It writes the files below except those \
            marked [chains], says "estimator": "laplace" in the JSON (R-hat and ESS null), and \
            labels every file and the printed table as not a posterior. Without it, the \
            default fit starts its chains from that mode, so that they spend almost no steps \
            burning in.
            """ + "\n\n" + outputFilesHelp + "\n\n" + Galpak.exitStatusHelp)

    /// The output files of a fit from ``OutputFile``: each name and its mark, then what it holds
    /// on an indented line (so both fit an 80-column terminal).
    static var outputFilesHelp: String {
        let files = OutputFile.files(.result) + OutputFile.files(.figure)
        return "Output files (the figures, one file per --figure-format, are not drawn with --no-plots; [chains]: not with --optimize; [Markov chains]: not with --optimize or --sampling nested; [--voronoi-snr]: only with it):\n"
            + files.map { "  PREFIX_\(helpName($0))\(helpMark($0))\n      \($0.content)" }.joined(separator: "\n")
    }

    /// When a fit does not write a file, in the list of output files: `  [Markov chains]` (not
    /// with --optimize or --sampling nested), `  [chains]` (not with --optimize), `  [--voronoi-snr]`
    /// (only with it), or nothing.
    static func helpMark(_ file: OutputFile) -> String {
        file.needsMarkovChains ? "  [Markov chains]" : file.needsChains ? "  [chains]" : file.needsVoronoi ? "  [--voronoi-snr]" : ""
    }

    /// A file's name after `PREFIX_` in the list of output files: a figure's with each format's
    /// extension, `maps.{png,pdf,svg}`.
    static func helpName(_ file: OutputFile) -> String {
        file.role == .figure ? "\(file.suffix).{\(FigureFormat.names.joined(separator: ","))}" : file.suffix
    }

    @Argument(help: ArgumentHelp("The FITS cube: continuum-subtracted emission line, spectral axis (wavelength, frequency or velocity) third.", valueName: "cube.fits"))
    var cube: String

    @Option(help: ArgumentHelp(
        "Variance cube of the same shape (default: the cube's STAT, VARIANCE or VAR extension, else a constant estimated from the cube's edge).",
        valueName: "file.fits"))
    var variance: String?

    @Option(help: ArgumentHelp(
        "Fit only the voxels where this FITS image is nonzero (zero and NaN voxels are left out of chi2, the first guess and the noise measurement, as missing data); its shape is the cube's x*y (every channel alike) or x*y*channels.",
        valueName: "mask.fits"))
    var mask: String?

    @Option(help: ArgumentHelp(
        "Fit only channels A to B (0-based, inclusive, at least \(CubeReader.minimumShape.nz)); the other channels are left out as --mask leaves voxels out, and the bounds of z become the middle third of A:B.",
        valueName: "A:B"),
            transform: { text in
                guard let range = VoxelSelection.channels(parsing: text) else {
                    throw ValidationError("'\(text)' is not a channel range: give A:B, two channel numbers (0-based) with A <= B")
                }
                return range
            })
    var channels: ClosedRange<Int>?

    @Option(name: .customLong(FitArguments.optionsFileSetting), help: ArgumentHelp(
        "Read fit options from this file: 'option = value' lines with the long option names (no --), flags as 'name = true', # comments. Options on the command line win; a repeatable one (--fix) adds to the file's. Every fit writes its options as PREFIX_\(OutputFile.options.suffix).",
        valueName: "file"))
    var optionsFile: String?

    @OptionGroup(title: "Instrument") var instrument: InstrumentOptions
    @OptionGroup(title: "Header overrides") var header: HeaderOptions
    @OptionGroup(title: "Model") var model: ModelOptions

    /// The valid values of the numbers below, stated in their help and checked by ``validate()``.
    static let maxIterationsRange = ValidRange(.closed(Double(ChainRunner.firstCheckpoint)), FitLimits.chainLengths.upper)
    static let acceptanceRange = ValidRange(.closed(0), .open(100), unit: "%")

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Accepted steps of each chain, a fixed length, \(FitLimits.chainLengths) (default: run until every free parameter has R-hat <= \(ConvergenceTarget.standard.maxRHat) and ESS >= \(Int(ConvergenceTarget.standard.minESS))).",
        valueName: "n"))
    var iterations: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "When running until converged, the most accepted steps of each chain, \(Self.maxIterationsRange); a run that reaches it ends 'not converged' with a warning.",
        valueName: "n"))
    var maxIterations = SamplerDefaults.maxIterations

    @Option(parsing: .unconditional, help: ArgumentHelp("Stop early when the acceptance rate falls below this percentage, \(Self.acceptanceRange).", valueName: "percent"))
    var minAcceptance = SamplerDefaults.minAcceptancePercent

    @Option(parsing: .unconditional, help: ArgumentHelp("Random seed, \(Seed.rule): the same seed and inputs give the same chain (default: \(SamplerDefaults.seed)).", valueName: "n"),
            transform: Seed.parse)
    var seed = SamplerDefaults.seed

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Voxels the model is evaluated on: auto (the detected emission plus \(ValidRange.format(AutoCrop.widths)) FWHM of the PSF, LSF and noise correlation and σ of the line, widened to hold the centre's bounds), none (the whole cube), or a box x0:x1,y0:y1,z0:z1 (0-based, inclusive). χ², degrees of freedom, BIC/AIC/DIC, parameters and output cubes still cover the whole cube (the voxels outside count with a zero model). Default: \(FitDefaults.crop.name).",
        valueName: CropChoice.syntax),
            transform: { text in
                guard let choice = CropChoice(argument: text) else {
                    throw ValidationError("give auto, none or a box x0:x1,y0:y1,z0:z1 (0-based, inclusive; got '\(text)')")
                }
                return choice
            })
    var crop = FitDefaults.crop

    @OptionGroup(title: "Sampler and parameters") var sampler: SamplerOptions
    @OptionGroup(title: "Parameters from the chain") var chain: ChainOptions
    @OptionGroup(title: "Results in the sky frame") var sky: SkyOptions

    @Option(name: [.short, .long], help: ArgumentHelp(
        "Output prefix; files are PREFIX_chain.dat etc. (default: the cube's file name without .fits, in the working directory).",
        valueName: "prefix"))
    var output: String?

    @Flag(help: "A point estimate, not a posterior: the posterior's mode with errors from the curvature there (Laplace approximation); no chain.")
    var optimize = false

    @Flag(help: "Replace existing output files (otherwise an existing output is an error).")
    var overwrite = false

    @Flag(help: ArgumentHelp(
        "Continue the chains of an interrupted fit, PREFIX_\(OutputFile.incompleteChain.suffix), instead of starting them: same cube and options required (checked; else exit status 2 saying what differs; without that file, exit status 2). The chains go on as they would have without the interruption (their random state is saved with them)."))
    var resume = false

    @Flag(help: "No progress or stage messages on stderr (warnings and errors still appear).")
    var quiet = false

    @Flag(name: .customLong("no-plots"), help: "Do not draw the figures (galpak plot PREFIX draws them later).")
    var noPlots = false

    @OptionGroup var figures: FigureFormatOption

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Width of the slit the position-velocity diagrams (PREFIX_\(OutputFile.majorAxisPV.suffix), PREFIX_\(OutputFile.minorAxisPV.suffix)) average across, \(PositionVelocityDiagram.widthRange) (default: the PSF's FWHM; one pixel for a PSF image or --psf none).",
        valueName: "arcsec"))
    var pvWidth: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Voronoi-bin the data (Cappellari & Copin 2003) to this line S/N per bin, \(VoronoiBinning.targetRange): the data's moment maps, residual maps and figures then come from each bin's mean spectrum, so that faint outer parts are mapped; the bins go to PREFIX_\(OutputFile.voronoiBins.suffix) and PREFIX_\(OutputFile.voronoiTable.suffix) (default: no bins).",
        valueName: "S/N"))
    var voronoiSNR: Double?

    func validate() throws {
        if let iterations { try FitLimits.chainLengths.validate(iterations, "--iterations") }
        try Self.maxIterationsRange.validate(maxIterations, "--max-iterations")
        try Self.acceptanceRange.validate(minAcceptance, "--min-acceptance")
        if let pvWidth { try PositionVelocityDiagram.widthRange.validate(pvWidth, "--pv-width") }
        if let voronoiSNR { try VoronoiBinning.targetRange.validate(voronoiSNR, "--voronoi-snr") }
        // A burn-in longer than any chain can be is refused now, not after the sampling.
        var lengths = FitOptions(cubePath: cube)
        lengths.iterations = iterations
        lengths.maxIterations = maxIterations
        lengths.minAcceptance = minAcceptance
        lengths.burn = chain.burn
        try Validation.run { try FitLimits.checkBurn(lengths) }
        try OutputArgument.check(output, option: "--output")
    }

    func run() throws {
        let arguments = FitArguments.fit
        guard let file = optionsFile else {
            return try fit(given: try arguments.split(Self.commandLine).settings, optionsFile: nil)
        }
        let (command, given) = try arguments.command(optionsFile: file, commandLine: Self.commandLine)
        try command.fit(given: given, optionsFile: file)
    }

    /// The words after `galpak fit` on this process's command line.
    private static var commandLine: [String] {
        let words = CommandLine.arguments.dropFirst()
        return words.first == configuration.commandName ? Array(words.dropFirst()) : []
    }

    /// Runs the fit these options ask for; `given` are the options given by name (command line
    /// and options file), for PREFIX_options.txt.
    private func fit(given: [OptionSetting], optionsFile file: String?) throws {
        let options = try fitOptions(given: given, optionsFile: file)
        if sampler.autoScale && !quiet {
            Terminal.writeError("galpak: note: --auto-scale does nothing now: tuned jumps are the default (--sampling tuned)\n")
        }
        let printer = ProgressPrinter(quiet: quiet)
        Interruption.install()
        BatchParent.follow(environment: ProcessInfo.processInfo.environment)
        let result = try FitPipeline.run(options, figureFormats: figures.figureFormat, events: printer.handle,
                                         isCancelled: { Interruption.requested })
        printer.endLine()
        if Interruption.requested {
            Terminal.writeError("galpak: the signal came after the outputs were complete: the fit is complete\n")
        }
        Terminal.output(FitReport.text(for: result, files: FitOutputs(prefix: options.outputPrefix, figureFormats: figures.figureFormat)
            .files(plots: options.plots, estimator: options.estimator, voronoi: options.voronoiSNR != nil)))
    }

    /// The options of the fit these arguments ask for (`galpak chain` re-derives a fit from
    /// those its `PREFIX_options.txt` gives); `given` are the options given by name, for
    /// PREFIX_options.txt, `file` the options file they were read from, if any.
    /// - Throws: ``GalpakError`` `.badInput` for an unusable instrument, model or parameter option.
    func fitOptions(given: [OptionSetting], optionsFile file: String?) throws -> FitOptions {
        var options = FitOptions(cubePath: cube, outputPrefix: output)
        options.variancePath = variance
        options.selection = VoxelSelection(maskPath: mask, channels: channels)
        options.optionsFile = file
        options.instrument = try instrument.resolved()
        options.psfWidth = try instrument.psfWidth()
        try options.psfWidth?.check(options.instrument.psf)
        options.instrumentFile = instrument.instrumentFile
        options.psfOrigin = instrument.psfOrigin
        options.overrides = try header.overrides()
        options.model = try model.configuration()
        options.iterations = iterations
        options.maxIterations = maxIterations
        options.minAcceptance = minAcceptance
        options.seed = seed
        options.method = try chain.resolvedMethod()
        options.fraction = chain.fraction
        options.percentile = chain.percentile
        options.burn = chain.burn
        options.crop = crop
        try sampler.apply(to: &options)
        sky.apply(to: &options)
        options.estimator = optimize ? .laplace : options.sampling.estimator
        try options.sampling.checkOptions(given: Set(given.map(\.name) + (optimize ? ["optimize"] : []) + (resume ? ["resume"] : [])))
        options.overwrite = overwrite
        options.plots = !noPlots
        options.pvWidth = pvWidth
        options.voronoiSNR = voronoiSNR
        options.givenOptions = given.filter { !FitArguments.notRecorded.contains($0.name) }
        // The default number of chains is the machine's cores: recorded, so that the fit
        // repeats on another machine.
        if !given.contains(where: { $0.name == "chains" }) {
            options.givenOptions.append(OptionSetting(name: "chains", value: String(options.chains)))
        }
        options.resume = resume
        return options
    }
}
