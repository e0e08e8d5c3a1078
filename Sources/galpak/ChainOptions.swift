import ArgumentParser
import GalPaK

/// How parameters are derived from a chain (shared by `fit` and `chain`).
struct ChainOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Which part of the chains gives the parameters: last (the last --fraction % of each chain), chi_sorted (the --fraction % with the lowest χ²), chi_min (a window of --fraction % around each chain's χ² minimum) or map (as last, but each value at the peak of a 25-bin histogram).",
        valueName: "name"))
    var method = SamplerDefaults.method

    @Option(help: ArgumentHelp("Percentage of each chain the --method uses (0–100].", valueName: "percent"))
    var fraction = SamplerDefaults.fraction

    @Option(help: ArgumentHelp("Width of the credible interval, in percent (95 gives the 2.5–97.5 % range).", valueName: "percent"))
    var percentile = SamplerDefaults.percentile

    @Option(help: ArgumentHelp(
        "Iterations dropped at the start of every chain before --method and --fraction apply (a rejected proposal counts as an iteration).",
        valueName: "n"))
    var burn = SamplerDefaults.burn

    /// The method, once the numbers are checked.
    /// - Throws: `ValidationError` (exit status 2) for a value out of range.
    func resolvedMethod() throws -> ChainSummary.Method {
        guard fraction > 0, fraction <= 100 else { throw ValidationError("--fraction must be in (0, 100] (got \(fraction))") }
        guard percentile > 0, percentile <= 100 else { throw ValidationError("--percentile must be in (0, 100] (got \(percentile))") }
        guard burn >= 0 else { throw ValidationError("--burn must be 0 or more (got \(burn))") }
        return method
    }
}
