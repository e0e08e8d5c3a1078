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
            velocity_dispersion (km/s). Progress goes to stderr, the parameter table to stdout. \
            SIGINT (Ctrl-C) or SIGTERM stops the fit cleanly: the chain so far goes to \
            PREFIX_\(OutputFile.incompleteChain.suffix) and no other file is written (exit status 130 or 143).
            """ + "\n\n" + outputFilesHelp + "\n\n" + Galpak.exitStatusHelp)

    /// The output files of a fit from ``OutputFile``: each name, then what it holds on an
    /// indented line (so both fit an 80-column terminal).
    static var outputFilesHelp: String {
        let files = OutputFile.files(.result) + OutputFile.files(.figure)
        return "Output files (the figures are not drawn with --no-plots):\n"
            + files.map { "  PREFIX_\($0.suffix)\n      \($0.content)" }.joined(separator: "\n")
    }

    @Argument(help: ArgumentHelp("The FITS cube: continuum-subtracted emission line, spectral axis (wavelength, frequency or velocity) third.", valueName: "cube.fits"))
    var cube: String

    @Option(help: ArgumentHelp(
        "Variance cube of the same shape (default: the cube's STAT, VARIANCE or VAR extension, else a constant estimated from the cube's edge).",
        valueName: "file.fits"))
    var variance: String?

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

    @Option(name: [.short, .long], help: ArgumentHelp(
        "Output prefix; files are PREFIX_chain.dat etc. (default: the cube's file name without .fits, in the working directory).",
        valueName: "prefix"))
    var output: String?

    @Flag(help: "Replace existing output files (otherwise an existing output is an error).")
    var overwrite = false

    @Flag(help: "No progress or stage messages on stderr (warnings and errors still appear).")
    var quiet = false

    @Flag(name: .customLong("no-plots"), help: "Do not draw the PNG figures (galpak plot PREFIX draws them later).")
    var noPlots = false

    func validate() throws {
        if let iterations { try FitLimits.chainLengths.validate(iterations, "--iterations") }
        try Self.maxIterationsRange.validate(maxIterations, "--max-iterations")
        try Self.acceptanceRange.validate(minAcceptance, "--min-acceptance")
        try OutputArgument.check(output, option: "--output")
    }

    func run() throws {
        var options = FitOptions(cubePath: cube, outputPrefix: output)
        options.variancePath = variance
        options.instrument = try instrument.resolved()
        options.instrumentFile = instrument.instrumentFile
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
        options.overwrite = overwrite
        options.plots = !noPlots

        if sampler.autoScale && !quiet {
            Terminal.writeError("galpak: note: --auto-scale does nothing now: tuned jumps are the default (--sampling tuned)\n")
        }
        let printer = ProgressPrinter(quiet: quiet)
        Interruption.install()
        let result = try FitPipeline.run(options, events: printer.handle, isCancelled: { Interruption.requested })
        printer.endLine()
        Terminal.output(FitReport.text(for: result, files: FitOutputs(prefix: options.outputPrefix).files(plots: options.plots)))
    }
}
