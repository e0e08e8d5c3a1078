import Foundation

/// Everything a fit needs to know, as chosen on the command line. Defaults are ``FitDefaults``.
public struct FitOptions: Sendable {
    /// The cube to fit.
    public var cubePath: String
    /// A separate variance cube (else the cube's STAT/VARIANCE extension, else an estimate).
    public var variancePath: String?
    /// The voxels the fit uses (`--mask`, `--channels`); the others are missing.
    public var selection = VoxelSelection()
    /// Header cards given on the command line.
    public var overrides = HeaderOverrides()
    /// Instrument with any seeing / LSF override already applied.
    public var instrument = FitDefaults.instrument
    /// The file `instrument` was read from (`--instrument-file`), if any.
    public var instrumentFile: String?
    /// Where `instrument`'s PSF comes from: a cube's header beam replaces the instrument's
    /// default only (``HeaderBeamPSF/resolve(_:origin:cube:warn:)``).
    public var psfOrigin = PSFOrigin.instrument
    /// The seeing's prior when the PSF's FWHM is fitted (`--seeing VALUE:SIGMA`), nil when it is
    /// fixed; `instrument`'s PSF is then at the prior's mean.
    public var psfWidth: PSFWidthPrior?
    /// Disk model options.
    public var model = ModelConfiguration()
    /// Accepted steps per chain (reference `max_iterations`); nil: run until the chains meet
    /// ``convergence``, at most ``maxIterations`` steps.
    public var iterations: Int?
    /// The most accepted steps per chain when running until converged.
    public var maxIterations = SamplerDefaults.maxIterations
    /// When the chains count as converged (R̂ ≤ 1.01, ESS ≥ 400).
    public var convergence = ConvergenceTarget.standard
    /// Stop when the acceptance rate falls below this percentage.
    public var minAcceptance = SamplerDefaults.minAcceptancePercent
    /// Multiplier of each parameter's proposal scale (NaN = 1).
    public var randomScale = GalaxyParameters.missing
    /// Random seed: the same seed and inputs give the same chains (chain c uses seed + c).
    public var seed = SamplerDefaults.seed
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
    /// How the parameters and their errors are estimated: posterior chains, or the mode with
    /// the Laplace approximation (`--optimize`).
    public var estimator = Estimator.mcmc
    /// Proposal type, or nested sampling.
    public var sampling = SamplerDefaults.sampling
    /// Live points of nested sampling (`--sampling nested`).
    public var livePoints = NestedSettings.defaultLivePoints
    /// The statistic minimised.
    public var chiStatistic: ChiStatistic = .gaussian
    /// Measure the noise's correlation and fit with the likelihood for correlated noise.
    public var noiseCorrelation = FitDefaults.noiseCorrelation
    /// How the variance is rescaled before fitting.
    public var varianceScale = FitDefaults.varianceScale
    /// Where the chains start when `initial` does not say.
    public var firstGuess = FitDefaults.firstGuess
    /// Which voxels the model is evaluated on.
    public var crop = FitDefaults.crop
    /// Number of independent chains, run in parallel.
    public var chains = FitDefaults.chains
    /// Iterations dropped at the start of every chain before the estimates.
    public var burn = SamplerDefaults.burn
    /// The galaxy's redshift, for sizes in kpc and the dynamical mass (nil: none).
    public var redshift: Double?
    /// The line's rest wavelength or frequency in the cube's spectral unit, for the systemic
    /// velocity and redshift (nil: the header's RESTWAV/RESTFRQ, if any; see ``SpectralVelocity``).
    public var rest: Double?
    /// The definition of the systemic velocity (nil: the axis's own, optical for wavelength,
    /// radio for frequency axes).
    public var velocityDefinition: VelocityDefinition?
    /// Which part of the chain gives the parameters.
    public var method = SamplerDefaults.method
    /// Percentage of the chain used by `method`; nil: the sampling's own
    /// (``SamplingMethod/defaultFraction``). What the fit uses is ``chainFraction``.
    public var fraction: Double?
    /// The percentage of the chain `method` uses: ``fraction``, else the sampling's default.
    public var chainFraction: Double { fraction ?? sampling.defaultFraction }
    /// Width of the credible interval, percent.
    public var percentile = SamplerDefaults.percentile
    /// Output prefix: files are `PREFIX_chain.dat`, … (default: the cube's name in the working directory).
    public var outputPrefix: String
    /// Replace existing outputs.
    public var overwrite = false
    /// Draw the figures (`PREFIX_*.png`).
    public var plots = true
    /// The width of the position–velocity diagrams' slit, arcsec (`--pv-width`); nil: the
    /// PSF's FWHM (``PositionVelocityDiagram/defaultWidth(psf:pixscale:)``).
    public var pvWidth: Double?
    /// The S/N the data's moment maps are Voronoi-binned to (`--voronoi-snr`,
    /// ``VoronoiMomentMaps``); nil: no binning.
    public var voronoiSNR: Double?
    /// The options as given (command line and options file), which `PREFIX_options.txt`
    /// records so that `galpak fit --options` on it reproduces the fit.
    public var givenOptions: [OptionSetting] = []
    /// The options file the options were read from (`--options`), if any.
    public var optionsFile: String?
    /// The version, command line and start of the run, recorded in every output (by default
    /// this process's arguments, when the options were made).
    public var provenance = Provenance()
    /// Continue the chains of `PREFIX_chain.incomplete.dat` (an interrupted fit of the same
    /// cube with the same options) instead of starting them.
    public var resume = false

    public init(cubePath: String, outputPrefix: String? = nil) {
        self.cubePath = cubePath
        self.outputPrefix = outputPrefix ?? FITSFileName.stem(of: cubePath)
    }

    /// Where the chains start.
    public enum FirstGuess: String, NamedChoice {
        /// From the cube's moments (``MomentGuess``).
        case moments
        /// The reference's fixed defaults (radius 3 px, inclination 30°, Vmax 100 km/s, …).
        case reference
     }

    /// The parameters of the fit, in the order of every vector, table and file: the model's
    /// (``ModelConfiguration/parameters``: the reference's ten, then the optional parameters its
    /// parts add), then the instrument's (`psf_fwhm` with ``psfWidth``). The one list every
    /// other takes a fit's parameters from.
    public var parameters: [ParameterName] { Self.parameters(model: model, psfWidth: psfWidth) }

    /// The parameters of a fit of `model` with the free PSF width `psfWidth` (``parameters``).
    public static func parameters(model: ModelConfiguration, psfWidth: PSFWidthPrior?) -> [ParameterName] {
        model.parameters + (psfWidth == nil ? [] : PSFWidthPrior.parameters)
    }

    /// Every file the fit reads: the cube, the variance, the mask, the instrument file, a PSF
    /// image and the options file (no output may be one of them).
    public var inputFiles: [String] {
        [cubePath] + [variancePath, selection.maskPath, instrumentFile, instrument.psfImageFile, optionsFile].compactMap { $0 }
    }

    /// The length of every chain: ``iterations``, or the ``maxIterations`` cap when running
    /// until converged.
    public var chainLength: Int { iterations ?? maxIterations }

    /// When each chain's sampler stops: after ``chainLength`` accepted steps, or when the
    /// acceptance falls below ``minAcceptance`` percent.
    public var samplerSettings: SamplerSettings {
        SamplerSettings(iterations: chainLength, minAcceptance: minAcceptance / 100)
    }

    /// The nested sampler's settings: ``livePoints`` and ``seed``, the other settings their defaults.
    public var nestedSettings: NestedSettings {
        var settings = NestedSettings(seed: seed)
        settings.livePoints = livePoints
        return settings
    }
}
