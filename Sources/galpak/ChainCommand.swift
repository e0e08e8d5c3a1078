import ArgumentParser
import Foundation
import GalPaK

/// `galpak chain FILE`: re-derives the parameters from a saved chain, without refitting, and
/// with them every product of the fit the chain belongs to.
struct ChainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chain",
        abstract: "Re-derive the parameters from a saved chain (galpak's or the reference GalPaK3D's PREFIX_chain.dat).",
        discussion: """
            Prints the parameter table and the convergence diagnostics (split R-hat, effective \
            sample size, Geweke score; with a single chain R-hat compares its two halves). A chain \
            without a weight column (the reference's) counts each row once; one without a chain \
            column is a single chain.

            For the chain of a galpak fit (PREFIX_chain.dat beside its \
            PREFIX_galaxy_parameters.json and PREFIX_options.txt) it writes the fit's whole set \
            of files under the output prefix, all or nothing, as galpak fit would have written \
            them with these chains: the parameter files, the statistics, the model and residual \
            cubes, the maps, the rotation curve, the position-velocity diagrams and the figures \
            (unless --no-plots), made from the input cube the JSON names (or --cube) with the \
            fit's options (PREFIX_options.txt) and the --method, --fraction, --percentile and \
            --burn given here; under another prefix (-o) the chain is written too. Otherwise \
            (e.g. the reference's chain) it writes only \
            PREFIX_galaxy_parameters.{txt,dat,json} and PREFIX_galaxy_parameters_convergence.dat, \
            with a note saying why.
            """ + "\n\n" + Galpak.exitStatusHelp)

    /// The fit options the chain command decides itself, whatever the fit's options file says.
    static let decidedHere: Set<String> = ["no-plots", "figure-format"]

    @Argument(help: ArgumentHelp("The chain file.", valueName: "PREFIX_chain.dat"))
    var chainFile: String

    @OptionGroup(title: "Parameters from the chain") var chain: ChainOptions

    @Option(help: ArgumentHelp("The fitted cube, when it is not where the fit's PREFIX_galaxy_parameters.json says.", valueName: "cube.fits"))
    var cube: String?

    @Option(name: [.short, .long], help: ArgumentHelp(
        "Output prefix (default: the chain's name without _chain.dat).", valueName: "prefix"))
    var output: String?

    @Flag(help: "Replace existing output files.")
    var overwrite = false

    @Flag(name: .customLong("no-plots"), help: "Do not draw the figures of a fit's re-derived set (galpak plot PREFIX draws them later).")
    var noPlots = false

    @OptionGroup var figures: FigureFormatOption

    func validate() throws {
        try OutputArgument.check(output, option: "--output")
    }

    func run() throws {
        let method = try chain.resolvedMethod()
        let prefix = output ?? Self.defaultPrefix(for: chainFile)
        switch ChainOrigin(chainFile: chainFile) {
        case .fit(let record, let optionsFile, let input):
            try rederive(prefix: prefix, method: method, record: record, optionsFile: optionsFile, input: input)
        case .none(let reason):
            Terminal.writeError("galpak: note: \(chainFile): \(reason): only the parameter files are written (the model products need the fit's cube and options)\n")
            try writeParameterFiles(prefix: prefix, method: method, fraction: chain.fraction ?? SamplerDefaults.fraction,
                                    burn: chain.burn, diagnostics: true)
        case .nested(let record):
            guard method == SamplerDefaults.method, chain.fraction == nil, chain.burn == SamplerDefaults.burn else {
                throw GalpakError.badInput(chainFile, "holds the weighted draws of a nested-sampling fit (\(record)), not a chain: --method, --fraction and --burn do not apply (every draw counts by its weight)")
            }
            Terminal.writeError("galpak: note: \(chainFile): the weighted draws of a nested-sampling fit: every draw counts by its weight; only the parameter files are written, without chain diagnostics\n")
            try writeParameterFiles(prefix: prefix, method: .last, fraction: 100, burn: 0, diagnostics: false)
        }
    }

    /// Re-derives the fit of `record` and `optionsFile` from the chain: its whole set of files
    /// under `prefix` (``FitPipeline`` with ``SavedChains``).
    private func rederive(prefix: String, method: ChainSummary.Method, record: String, optionsFile: String,
                          input: String) throws {
        let cubePath = cube ?? input
        guard cube != nil || FileManager.default.fileExists(atPath: cubePath) else {
            throw FitOutputs.missingInput(cubePath, namedIn: record)
        }
        // Without --fraction, the fit's own (its options file's, or its sampling's default).
        let words = ["--method", method.rawValue] + (chain.fraction.map { ["--fraction", String($0)] } ?? [])
            + ["--percentile", String(chain.percentile), "--burn", String(chain.burn), "--output", prefix, "--figure-format", FigureFormat.text(figures.figureFormat)]
            + (noPlots ? ["--no-plots"] : []) + (overwrite ? ["--overwrite"] : []) + ["--", cubePath]
        let (command, given) = try FitArguments.fit.command(optionsFile: optionsFile, commandLine: words, leaving: Self.decidedHere)
        let options = try command.fitOptions(given: given, optionsFile: nil)
        let loaded = try ChainFile.read(path: chainFile, warn: Terminal.warning)
        let result = try FitPipeline.run(options, figureFormats: figures.figureFormat, events: { event in
            if case .warning(let message) = event { Terminal.warning(message) }
        }, saved: SavedChains(path: chainFile, chains: loaded))
        let summary = result.summary
        Terminal.output(ParameterFiles.text(for: summary.estimate, percentile: summary.percentile, atBound: result.atBound))
        report(loaded, summary, method: method, fraction: summary.fraction, burn: chain.burn, convergence: result.convergence)
        Terminal.output("files written:")
        let written = FitOutputs(prefix: prefix, figureFormats: figures.figureFormat).files(plots: options.plots)
        for path in written { Terminal.output("  " + path) }
    }

    /// Writes the parameter files and the convergence table of the chain alone (no fit beside it).
    /// `diagnostics` false (weighted draws, no Markov chain): R-hat, ESS and Geweke are not computed.
    private func writeParameterFiles(prefix: String, method: ChainSummary.Method, fraction: Double, burn: Int,
                                     diagnostics: Bool) throws {
        let outputs = FitOutputs(prefix: prefix)
        try FitOutputs.preflight(outputs.parameterFiles, overwrite: overwrite)
        let provenance = Provenance()
        var warnings: [String] = []
        let loaded = try ChainFile.read(path: chainFile, warn: { warnings.append($0); Terminal.warning($0) })
        let summary = try ChainSummary(chains: loaded, method: method, fraction: fraction,
                                       percentile: chain.percentile, burn: burn)
        let convergence = ConvergenceReport(chains: diagnostics ? loaded : [], fraction: fraction, burn: burn,
                                            centre: summary.estimate.value,
                                            parameters: diagnostics ? nil : Array(loaded[0].names))
        let text = ParameterFiles.text(for: summary.estimate, percentile: summary.percentile)
        try AtomicFile.write(text: text, to: outputs.parametersText)
        try AtomicFile.write(text: ParameterFiles.table(for: summary.estimate), to: outputs.parametersTable)
        warnings += convergence.warnings
        try AtomicFile.write(text: ParametersJSON.text(for: summary, convergence: convergence, chainPath: chainFile,
                                                       provenance: provenance, warnings: warnings),
                             to: outputs.parametersJSON)
        try AtomicFile.write(text: convergence.gewekeTable, to: outputs.convergence)
        for warning in convergence.warnings { Terminal.warning(warning) }
        Terminal.output(text)
        report(loaded, summary, method: method, fraction: fraction, burn: burn, convergence: convergence)
    }

    /// The chains' size, what the estimate used, and the convergence diagnostics, on stdout.
    private func report(_ loaded: [Chain], _ summary: ChainSummary, method: ChainSummary.Method, fraction: Double,
                        burn: Int, convergence: ConvergenceReport) {
        Terminal.output(String(format: "%d rows in %d chain%@, %d samples used (%@, %.0f%%, burn-in %d), best reduced chi2 %.5f",
                     loaded.reduce(0) { $0 + $1.count }, loaded.count, loaded.count == 1 ? "" : "s",
                     summary.sampleCount, method.rawValue, fraction, burn, summary.bestReducedChi2))
        Terminal.output()
        Terminal.output(convergence.text, terminator: "")
    }

    static func defaultPrefix(for path: String) -> String {
        for suffix in ["_chain.dat", ".dat"] where path.hasSuffix(suffix) {
            return String(path.dropLast(suffix.count))
        }
        return path
    }
}
