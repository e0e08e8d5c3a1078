import Foundation

/// The goodness-of-fit numbers of a fit, as the reference's `compute_stats` defines them
/// (doc §7.4), written to `PREFIX_stats.dat` in its column order (``table(convergence:derived:)``).
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
    /// The voxels χ² sums over (finite data, positive variance, inside any mask and channel
    /// range): degrees of freedom + k + 1.
    public var validVoxels: Int { degreesOfFreedom + freeParameters + 1 }
    public var pD: Double
    public var dic: Double
    /// Peak signal-to-noise ratio of the convolved model.
    public var snrMax: Double
    /// N in the BIC: every voxel of the cube, excluded ones included (the reference's rule).
    public var totalVoxels: Int
    /// χ²(p̂), not reduced.
    public var chi2AtEstimate: Double { reducedChi2AtEstimate * Double(degreesOfFreedom) }

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
        totalVoxels = voxelCount
    }
}
