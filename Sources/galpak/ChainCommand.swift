import ArgumentParser
import Foundation
import GalPaK

/// `galpak chain FILE`: re-derives the parameters from a saved chain, without refitting.
struct ChainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chain",
        abstract: "Re-derive the parameters from a saved chain (galpak's or the reference GalPaK3D's PREFIX_chain.dat).",
        discussion: """
            Writes PREFIX_galaxy_parameters.{txt,dat,json} and PREFIX_galaxy_parameters_convergence.dat \
            and prints the parameter table and the convergence diagnostics (split R-hat, effective \
            sample size, Geweke score; with a single chain R-hat compares its two halves). A chain \
            without a weight column (the reference's) counts each row once; one without a chain \
            column is a single chain.
            """ + "\n\n" + Galpak.exitStatusHelp)

    @Argument(help: ArgumentHelp("The chain file.", valueName: "PREFIX_chain.dat"))
    var chainFile: String

    @OptionGroup(title: "Parameters from the chain") var chain: ChainOptions

    @Option(name: [.short, .long], help: ArgumentHelp(
        "Output prefix (default: the chain's name without _chain.dat).", valueName: "prefix"))
    var output: String?

    @Flag(help: "Replace existing output files.")
    var overwrite = false

    func validate() throws {
        try OutputArgument.check(output, option: "--output")
    }

    func run() throws {
        let method = try chain.resolvedMethod()
        let prefix = output ?? Self.defaultPrefix(for: chainFile)
        let outputs = FitOutputs(prefix: prefix)
        try FitOutputs.preflight(outputs.parameterFiles, overwrite: overwrite)
        let provenance = Provenance()
        var warnings: [String] = []
        let loaded = try ChainFile.read(path: chainFile, warn: { warnings.append($0); Terminal.warning($0) })
        let summary = try ChainSummary(chains: loaded, method: method, fraction: chain.fraction,
                                       percentile: chain.percentile, burn: chain.burn)
        let convergence = ConvergenceReport(chains: loaded, fraction: chain.fraction, burn: chain.burn,
                                            paCentre: summary.estimate.value[.pa])
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
        Terminal.output(String(format: "%d rows in %d chain%@, %d samples used (%@, %.0f%%, burn-in %d), best reduced chi2 %.5f",
                     loaded.reduce(0) { $0 + $1.count }, loaded.count, loaded.count == 1 ? "" : "s",
                     summary.sampleCount, method.rawValue, chain.fraction, chain.burn, summary.bestReducedChi2))
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
