import ArgumentParser
import GalPaK

/// How parameters are derived from a chain (shared by `fit` and `chain`).
struct ChainOptions: ParsableArguments {
    /// The valid values of the numbers below, stated in their help and checked by ``resolvedMethod()``.
    static let percentRange = ValidRange(.open(0), .closed(100), unit: "%")
    static let burnRange = ValidRange(.closed(0), .none, unit: "iterations")

    @Option(help: ArgumentHelp(
        "Which part of the chains gives the parameters: last (the last --fraction % of each chain), chi_sorted (the --fraction % with the lowest χ²), chi_min (a window of --fraction % around each chain's χ² minimum) or map (as last, but each value at the peak of a 25-bin histogram).",
        valueName: "name"))
    var method = SamplerDefaults.method

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Percentage of each chain the --method uses, \(Self.percentRange) (default: 100 for tuned chains, which record their draws only once tuned; 60, the reference's, for the other samplers and for a chain that is not a galpak fit's).",
        valueName: "percent"))
    var fraction: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("Width of the credible interval, \(Self.percentRange) (95 gives the 2.5–97.5 % range).", valueName: "percent"))
    var percentile = SamplerDefaults.percentile

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Iterations dropped at the start of every chain before --method and --fraction apply (a rejected proposal counts as an iteration), \(Self.burnRange) and fewer than the longest chain has.",
        valueName: "n"))
    var burn = SamplerDefaults.burn

    /// The numbers' ranges, checked while parsing.
    func validate() throws {
        try Validation.run { _ = try resolvedMethod() }
    }

    /// The method, once the numbers are checked.
    /// - Throws: ``GalpakError`` `.badInput` (exit status 2) for a value out of range.
    func resolvedMethod() throws -> ChainSummary.Method {
        if let fraction { try Self.percentRange.check(fraction, "--fraction") }
        try Self.percentRange.check(percentile, "--percentile")
        try Self.burnRange.check(burn, "--burn")
        return method
    }
}
