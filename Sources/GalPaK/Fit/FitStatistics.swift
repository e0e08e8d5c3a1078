import Foundation

/// The goodness-of-fit numbers of a fit, as the reference's `compute_stats` defines them
/// (doc §7.4), written to `PREFIX_stats.dat` in its column order.
///
/// With χ²(p̂) the χ² at the estimated parameters, k the number of free parameters and
/// N the number of voxels in the cube:
///
///     BIC = χ²(p̂) + k·ln N        AIC = χ²(p̂) + 2k
///     pD  = 2·var(−½ χ²) over the chain entries used      DIC = χ²(p̂) + 2·pD
///     SNRmax = max(convolved model) / √(median variance)
///
/// pD and DIC are 0 for the `chi_sorted` method, as in the reference.
public struct FitStatistics: Sendable, Equatable {
    /// Smallest reduced χ² of the chain.
    public var bestReducedChi2: Double
    /// Reduced χ² at the estimated parameters.
    public var reducedChi2AtEstimate: Double
    public var bic: Double
    /// Degrees of freedom: valid voxels − k − 1.
    public var degreesOfFreedom: Int
    public var aic: Double
    /// Number of free parameters.
    public var freeParameters: Int
    public var pD: Double
    public var dic: Double
    /// Peak signal-to-noise ratio of the convolved model.
    public var snrMax: Double

    public init(summary: ChainSummary, chi2AtEstimate: Double, degreesOfFreedom: Int,
                freeParameters: Int, voxelCount: Int, modelPeak: Double, medianVariance: Double) {
        bestReducedChi2 = summary.bestReducedChi2
        reducedChi2AtEstimate = chi2AtEstimate / Double(degreesOfFreedom)
        bic = chi2AtEstimate + Double(freeParameters) * Foundation.log(Double(voxelCount))
        self.degreesOfFreedom = degreesOfFreedom
        aic = chi2AtEstimate + 2 * Double(freeParameters)
        self.freeParameters = freeParameters
        let halfChi2Spread = 0.5 * summary.reducedChi2Spread * Double(degreesOfFreedom)
        pD = summary.method == .chiSorted ? 0 : 2 * halfChi2Spread * halfChi2Spread
        dic = summary.method == .chiSorted ? 0 : chi2AtEstimate + 2 * pD
        snrMax = modelPeak / medianVariance.squareRoot()
    }

    /// `PREFIX_stats.dat`: a one-row fixed-width table with the reference's columns
    /// (`best_chi2, chi2_at_p, BIC, Ndegree, AIC, k, pD, DIC, SNRmax`), then galpak's:
    /// `chains`, `rhat_<parameter>` and `ess_<parameter>` for the ten parameters, `v22`,
    /// `v22_stdev`, `vmax_sigma0`, `vmax_sigma0_stdev`, and with a redshift `redshift`,
    /// `kpc_per_arcsec`, `radius_kpc(_stdev)`, `turnover_radius_kpc(_stdev)`, `mdyn_re(_stdev)`
    /// (solar masses). A reader that takes columns by name reads the reference's part as before.
    public func table(convergence: ConvergenceReport, derived: DerivedQuantities) -> String {
        var columns = ["best_chi2", "chi2_at_p", "BIC", "Ndegree", "AIC", "k", "pD", "DIC", "SNRmax"]
        var cells = [
            FixedWidthTable.cell(bestReducedChi2), FixedWidthTable.cell(reducedChi2AtEstimate),
            FixedWidthTable.cell(bic), FixedWidthTable.cell(degreesOfFreedom),
            FixedWidthTable.cell(aic), FixedWidthTable.cell(freeParameters),
            FixedWidthTable.cell(pD), FixedWidthTable.cell(dic), FixedWidthTable.cell(snrMax),
        ]
        columns.append("chains")
        cells.append(FixedWidthTable.cell(convergence.chainCount))
        for name in ParameterName.allCases {
            columns.append("rhat_\(name.key)")
            cells.append(FixedWidthTable.cell(convergence.rHat[name]))
        }
        for name in ParameterName.allCases {
            columns.append("ess_\(name.key)")
            cells.append(FixedWidthTable.cell(convergence.effectiveSampleSize[name]))
        }
        func add(_ name: String, _ v: DerivedQuantities.Value) {
            columns += [name, name + "_stdev"]
            cells += [FixedWidthTable.cell(v.value), FixedWidthTable.cell(v.stdev)]
        }
        add("v22", derived.v22)
        add("vmax_sigma0", derived.vmaxOverSigma0)
        if let z = derived.redshift, let scale = derived.kpcPerArcsec, let radius = derived.radiusKpc,
           let turnover = derived.turnoverRadiusKpc, let mass = derived.dynamicalMass {
            columns += ["redshift", "kpc_per_arcsec"]
            cells += [FixedWidthTable.cell(z), FixedWidthTable.cell(scale)]
            add("radius_kpc", radius)
            add("turnover_radius_kpc", turnover)
            add("mdyn_re", mass)
        }
        return FixedWidthTable(columns: columns, rows: [cells]).text
    }
}
