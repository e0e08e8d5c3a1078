import ArgumentParser
import GalPaK

/// How parameters are derived from a chain (shared by `fit` and `chain`).
struct ChainOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Which part of the chain gives the parameters: last (the last --fraction %), chi_sorted (the --fraction % with the lowest χ²) or chi_min (a window of --fraction % around the χ² minimum).",
        valueName: "name"))
    var method: String = "last"

    @Option(help: ArgumentHelp("Percentage of the chain the --method uses (0–100].", valueName: "percent"))
    var fraction: Double = 60

    @Option(help: ArgumentHelp("Width of the credible interval, in percent (95 gives the 2.5–97.5 % range).", valueName: "percent"))
    var percentile: Double = 95

    func resolvedMethod() throws -> ChainSummary.Method {
        guard let m = ChainSummary.Method(rawValue: method.lowercased()) else {
            throw ValidationError("unknown --method '\(method)': use last, chi_sorted or chi_min")
        }
        guard fraction > 0, fraction <= 100 else { throw ValidationError("--fraction must be in (0, 100] (got \(fraction))") }
        guard percentile > 0, percentile <= 100 else { throw ValidationError("--percentile must be in (0, 100] (got \(percentile))") }
        return m
    }
}
