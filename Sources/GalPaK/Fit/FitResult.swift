/// Everything a finished fit produced: the estimate, the chains, the statistics, the final
/// cubes and the facts the output files record.
public struct FitResult: Sendable {
    /// The options the fit ran with.
    public var options: FitOptions
    /// The cube as read and calibrated.
    public var cube: Cube
    /// Every chain's run, in chain order (none for a Laplace fit).
    public var runs: [ChainRunner.Run]
    /// The posterior mode and the Laplace approximation there: a Laplace fit's estimate
    /// (`--optimize`); nil for an MCMC fit.
    public var mode: PosteriorMode?
    /// Whether the chains met the convergence target (nil: a fixed `--iterations` run).
    public var converged: Bool?
    /// The free parameters whose posterior piles against a bound (``BoundProximity``).
    public var atBound: [ParameterName: BoundProximity.Side]
    /// The noise measured from the residuals (`--noise-correlation auto`; the last stage's), or nil.
    public var noise: NoiseMeasurement?
    /// All runs seen as one, for totals (see ``SamplerResult/pooled(_:)``); statistics come
    /// from ``chains``.
    public var sampling: SamplerResult
    /// Parameters estimated from the chains.
    public var summary: ChainSummary
    /// Split R̂, effective sample sizes and Geweke scores.
    public var convergence: ConvergenceReport
    /// V(2.2 Rd), Vmax/σ0 and, with a redshift, kpc sizes and the dynamical mass.
    public var derived: DerivedQuantities
    /// The results in the sky frame; nil when the cube has no celestial WCS.
    public var sky: SkyResults?
    /// Goodness-of-fit statistics.
    public var statistics: FitStatistics
    /// The cube's moments, when the first guess used them.
    public var moments: MomentGuess?
    /// Where chain 0 started.
    public var initialParameters: GalaxyParameters
    /// Bounds, fixed values and priors the sampler respected.
    public var constraints: ParameterConstraints
    /// Boundaries the sampler respected.
    public var bounds: ParameterBounds { constraints.bounds }
    /// Proposal scales (before any auto-scale multiplier, which is in ``runs``).
    public var scales: ProposalScales
    /// Convolved model at the estimate.
    public var convolvedCube: [Double]
    /// Clean (deconvolved) model at the estimate.
    public var cleanCube: [Double]
    /// (data − model)/σ at the estimate; NaN where a voxel is excluded.
    public var residualCube: [Double]
    /// The 3-D kernel (cube-shaped, unit sum).
    public var kernel: [Double]
    /// Intrinsic, observed and data maps, and the rotation curve.
    public var maps: FitMaps
    /// How the parameters were estimated (``FitOptions/estimator``).
    public var estimator: Estimator { options.estimator }
    /// The voxels the model was evaluated on and the error of that crop (nil: not recorded).
    public var crop: CropSummary?
    /// The evidence of a nested-sampling fit (nil for the other estimators).
    public var evidence: NestedFit.Evidence?
    /// Wall time of the whole fit, seconds.
    public var seconds: Double

    /// Warnings the fit gave, in order (also printed on stderr).
    public var warnings: [String] = []

    /// Independent draws per second of the whole run: the smallest effective sample size over
    /// the free parameters ÷ ``seconds``; for nested sampling, Kish's effective sample size of
    /// the weighted draws ÷ ``seconds``.
    public var essPerSecond: Double {
        if let evidence { return seconds > 0 ? evidence.effectiveSampleSize / seconds : .nan }
        let sizes = constraints.fixed.names.filter { constraints.fixed[$0].isNaN }
            .map { convergence.effectiveSampleSize[$0] }.filter { !$0.isNaN }
        guard let smallest = sizes.min(), seconds > 0 else { return .nan }
        return smallest / seconds
    }

    /// The chains, in chain order.
    public var chains: [Chain] { runs.map(\.result.chain) }

    /// The digest of the χ² data term: the cube's data and variance (as scaled) over the voxels
    /// used (``LikelihoodDigest/data(_:nx:ny:nz:)``).
    public var dataDigest: String {
        LikelihoodDigest.data(ChiSquare(cube: cube, statistic: options.chiStatistic), nx: cube.nx, ny: cube.ny, nz: cube.nz)
    }

    /// The digest of the statistic and noise model the likelihood used
    /// (``LikelihoodDigest/noise(statistic:correlation:)``).
    public var noiseDigest: String {
        LikelihoodDigest.noise(statistic: options.chiStatistic, correlation: noise?.correlation)
    }
}
