import Foundation

/// Everything a fit needs to know, as chosen on the command line. Defaults are the
/// reference's `galpak.run` defaults unless noted.
public struct FitOptions: Sendable {
    /// The cube to fit.
    public var cubePath: String
    /// A separate variance cube (else the cube's STAT/VARIANCE extension, else an estimate).
    public var variancePath: String?
    /// Header cards given on the command line.
    public var overrides = HeaderOverrides()
    /// Instrument with any seeing / LSF override already applied.
    public var instrument: Instrument = .default
    /// Disk model options.
    public var model = ModelConfiguration()
    /// Number of accepted steps (reference `max_iterations`).
    public var iterations = 15000
    /// Stop when the acceptance rate falls below this percentage.
    public var minAcceptance = 5.0
    /// Multiplier of each parameter's proposal scale (NaN = 1).
    public var randomScale = GalaxyParameters.missing
    /// Random seed: the same seed and inputs give the same chains (chain c uses seed + c).
    public var seed: UInt64 = 1234
    /// Known parameters (finite entries): never move, not counted as free.
    public var fixed = GalaxyParameters.missing
    /// User lower bounds laid over the defaults (NaN = default).
    public var minimum = GalaxyParameters.missing
    /// User upper bounds laid over the defaults (NaN = default).
    public var maximum = GalaxyParameters.missing
    /// User starting values (NaN = from the cube's moments or the defaults).
    public var initial = GalaxyParameters.missing
    /// Gaussian priors.
    public var priors = GaussianPriors()
    /// Proposal type.
    public var sampling: SamplingMethod = .cauchy
    /// Tune the proposal scale to ~40 % acceptance before the main run.
    public var autoScale = false
    /// The statistic minimised.
    public var chiStatistic: ChiStatistic = .gaussian
    /// Measure the noise's correlation and fit with the likelihood for correlated noise.
    public var noiseCorrelation: NoiseCorrelationMode = .none
    /// Where the chains start when `initial` does not say.
    public var firstGuess: FirstGuess = .moments
    /// Number of independent chains, run in parallel.
    public var chains = FitOptions.defaultChainCount
    /// Iterations dropped at the start of every chain before the estimates.
    public var burn = 0
    /// The galaxy's redshift, for sizes in kpc and the dynamical mass (nil: none).
    public var redshift: Double?
    /// Which part of the chain gives the parameters.
    public var method: ChainSummary.Method = .last
    /// Percentage of the chain used by `method`.
    public var fraction = 60.0
    /// Width of the credible interval, percent.
    public var percentile = 95.0
    /// Output prefix: files are `PREFIX_chain.dat`, … (default: the cube's name in the working directory).
    public var outputPrefix: String
    /// Replace existing outputs.
    public var overwrite = false
    /// Draw the figures (`PREFIX_*.png`).
    public var plots = true

    public init(cubePath: String, outputPrefix: String? = nil) {
        self.cubePath = cubePath
        self.outputPrefix = outputPrefix ?? FitOutputs.defaultPrefix(for: cubePath)
    }

    /// Where the chains start.
    public enum FirstGuess: String, CaseIterable, Sendable {
        /// From the cube's moments (``MomentGuess``).
        case moments
        /// The reference's fixed defaults (radius 3 px, inclination 30°, Vmax 100 km/s, …).
        case reference
    }

    /// The default number of chains: the number of processor cores, at least 2.
    public static var defaultChainCount: Int {
        Swift.max(2, ProcessInfo.processInfo.activeProcessorCount)
    }
}
