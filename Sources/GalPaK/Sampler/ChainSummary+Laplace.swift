extension ChainSummary {
    /// The summary of a Laplace fit (``PosteriorMode``), in the form the outputs of a chain's
    /// summary take, so that every file is written the same way: value = the mode,
    /// stdev = `√C_ii`, lower/upper = value ∓ z·stdev with `z = Φ⁻¹(½ + percentile/200)`
    /// (``NormalQuantile``; NaN where the stdev is unknown). It selects no chain entry;
    /// `bestReducedChi2` is χ² at the mode / `degreesOfFreedom`, and `reducedChi2Spread` is the
    /// spread a Gaussian posterior of k free parameters gives, `√(2k) / degreesOfFreedom`
    /// (χ² − χ²_min follows χ²_k), so that pD = k.
    /// - Parameters:
    ///   - chi2: χ² at the mode (without the prior's term).
    ///   - freeParameters: k.
    /// - Throws: ``GalpakError`` `.badInput` for a percentile outside (0, 100].
    public init(laplace mode: PosteriorMode, chi2: Double, freeParameters: Int, degreesOfFreedom: Int,
                method: Method, fraction: Double, percentile: Double) throws {
        guard percentile > 0 && percentile <= 100 else {
            throw GalpakError(.badInput, "percentile must be in (0, 100] (got \(percentile))")
        }
        let z = NormalQuantile.halfWidth(percentile: percentile)
        var lower = GalaxyParameters.missing(mode.mode.names), upper = lower
        for name in mode.mode.names {
            lower[name] = mode.mode[name] - z * mode.stdev[name]
            upper[name] = mode.mode[name] + z * mode.stdev[name]
        }
        estimate = ParameterEstimate(value: mode.mode, stdev: mode.stdev, lower: lower, upper: upper)
        self.method = method
        self.fraction = fraction
        self.percentile = percentile
        burn = 0
        selection = []
        sampleCount = 0
        bestReducedChi2 = chi2 / Double(degreesOfFreedom)
        reducedChi2Spread = (2 * Double(freeParameters)).squareRoot() / Double(degreesOfFreedom)
    }
}
