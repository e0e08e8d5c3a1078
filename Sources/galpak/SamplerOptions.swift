import ArgumentParser
import Foundation
import GalPaK

/// Options that constrain and steer the sampler (`fit`). Parameter values use the reference's
/// names (x, y, z, flux, radius, inclination, pa, turnover_radius, maximum_velocity,
/// velocity_dispersion) or short names (rhalf, incl, PA, rv, Vmax, Vdisp), in the units of the
/// parameter table.
struct SamplerOptions: ParsableArguments {
    /// The valid values of the numbers below, stated in their help and checked by ``apply(to:)``
    /// (through ``validate()`` while parsing).
    static let randomScaleRange = ValidRange(.open(0), .closed(1000))
    static let redshiftRange = ValidRange(.open(0), .open(20))
    static let livePointsRange = ValidRange(.closed(30), .closed(100_000))

    @Option(parsing: .unconditionalSingleValue, help: ArgumentHelp(
        "Known parameters, held at these values (e.g. inclination=60,pa=125); they never move and are not counted as free. Repeatable. Valid values: \(ParameterList.validValues).",
        valueName: "name=value,..."))
    var fix: [String] = []

    @Option(parsing: .unconditionalSingleValue, help: ArgumentHelp(
        "Lower bounds replacing the defaults (e.g. maximum_velocity=50). Repeatable. Valid bounds: \(ParameterList.validBounds).",
        valueName: "name=value,..."))
    var min: [String] = []

    @Option(parsing: .unconditionalSingleValue, help: ArgumentHelp(
        "Upper bounds replacing the defaults (e.g. radius=8), valid as for --min. Repeatable.",
        valueName: "name=value,..."))
    var max: [String] = []

    @Option(parsing: .unconditionalSingleValue, help: ArgumentHelp(
        "Starting values, valid as for --fix (default: a first guess from the cube's moments). Repeatable.", valueName: "name=value,..."))
    var `init`: [String] = []

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Multiply every proposal scale by S, or named scales by their factor (e.g. pa=2,flux=0.5), each \(Self.randomScaleRange); larger: bolder jumps, lower acceptance.",
        valueName: "S|name=S,..."))
    var randomScale: String = "1"

    @Option(parsing: .unconditionalSingleValue, help: ArgumentHelp(
        "Gaussian priors, mean:sigma in the parameter's unit (e.g. inclination=60:5), the mean finite, sigma > 0 and finite. Repeatable.",
        valueName: "name=mu:sigma,..."))
    var prior: [String] = []

    @Option(help: ArgumentHelp(
        "Proposal: tuned (jumps shaped and scaled by the posterior's covariance at its mode, after \(ScaleTuner().burnInProposals) independence draws around it; \(Int((100 * SamplerDefaults.independentWeight).rounded())) % of the steps, at random, an independent draw from a Student t around the mode; retuned if a chain's acceptance drifts out of \(Int(100 * ChainRunner.acceptanceBand.lowerBound))-\(Int((100 * ChainRunner.acceptanceBand(independentWeight: SamplerDefaults.independentWeight).upperBound).rounded())) %, \(Int(100 * ChainRunner.acceptanceBand.lowerBound))-\(Int(100 * ChainRunner.acceptanceBand.upperBound)) % without independence draws), cauchy (the reference's fixed Cauchy jumps, untuned: slow mixing), adaptive (the reference's AdaptiveCauchy: jumps follow the spread of the last accepted states), ensemble (4 walkers per free parameter around the mode, moved by the affine-invariant stretch move as in emcee, each walker a chain; --iterations gives the steps per walker, default \(EnsembleSettings.defaultSteps)) or nested (no chains: nested sampling from the prior, the bounds and --prior, to the posterior and its evidence ln Z; weighted draws; --method, --fraction, --burn, --iterations, --chains and --resume do not apply).",
        valueName: "name"))
    var sampling = SamplerDefaults.sampling

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Live points of --sampling nested, \(Self.livePointsRange): the error of ln Z falls as 1/√N, the cost grows as N (default: \(NestedSettings.defaultLivePoints)).",
        valueName: "N"))
    var livePoints: Int?

    @Flag(help: "Accepted for scripts written for earlier versions; does nothing: tuned jumps (--sampling tuned) are the default.")
    var autoScale = false

    @Option(help: ArgumentHelp(
        "Statistic minimised: gaussian (Σ(D−M)²/V), or one of the count statistics (applied to data and model in units of each voxel's noise σ).",
        valueName: "name"))
    var chiStat = FitDefaults.chiStatistic

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Noise model: auto (measure the noise's variance ratio and spatial and spectral correlation from the residuals of the first guess and of the estimate, and fit with the Gaussian likelihood for stationary correlated noise, χ² = Σ_k DCT((D−M)/σ)²/P(k) over the cube's cosine modes; white noise gives the plain χ²), none (independent voxels, Σ(D−M)²/V), or a number of voxels per correlation volume, \(NoiseCorrelationMode.voxelRange) (the same likelihood for a circular Gaussian beam of that area, no spectral correlation; the variance ratio is still measured). Default: \(FitDefaults.noiseCorrelation.name).",
        valueName: "auto|none|voxels"),
            transform: { text in
                guard let mode = NoiseCorrelationMode(argument: text) else {
                    throw ValidationError("give auto, none or a number of voxels \(NoiseCorrelationMode.voxelRange)")
                }
                return mode
            })
    var noiseCorrelation = FitDefaults.noiseCorrelation

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Multiply the variance by this factor, \(VarianceScale.factorRange), or by the ratio of the residuals' scatter to it measured at the first guess (auto, needs --noise-correlation auto). Default 1: the variance as given; a mismatch of more than 20 % is warned about.",
        valueName: "auto|factor"))
    var varianceScale: String?

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Number of independent chains, run in parallel from dispersed starts and pooled, \(FitLimits.chainCounts) (default: the number of cores, at least 2).",
        valueName: "k"))
    var chains: Int?

    @Option(help: ArgumentHelp(
        "Where the chains start: moments (a first guess from the cube's moments) or reference (the reference's fixed defaults); --init overrides either.",
        valueName: "name"))
    var firstGuess = FitDefaults.firstGuess

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "The galaxy's redshift, \(Self.redshiftRange): also report radius and turnover_radius in kpc and the dynamical mass within the radius (flat ΛCDM, H0 = 67.74 km/s/Mpc, Ωm = 0.3089).",
        valueName: "z"))
    var redshift: Double?

    /// The values, their ranges and combinations, checked while parsing (``apply(to:)`` on a
    /// throw-away ``FitOptions``: it reads no file).
    func validate() throws {
        var scratch = FitOptions(cubePath: "")
        try Validation.run { try apply(to: &scratch) }
    }

    /// Writes these choices into `options`.
    /// - Throws: `ValidationError` or ``GalpakError`` `.badInput` (exit status 2) for an unknown
    ///   parameter name, a malformed value or one outside its valid range.
    func apply(to options: inout FitOptions) throws {
        options.fixed = try ParameterList.parse(fix, option: "--fix")
        options.minimum = try ParameterList.parse(min, option: "--min")
        options.maximum = try ParameterList.parse(max, option: "--max")
        options.initial = try ParameterList.parse(`init`, option: "--init")
        try options.fixed.checkValid(option: "--fix")
        try options.initial.checkValid(option: "--init")
        try options.minimum.checkValid(option: "--min", bounds: true)
        try options.maximum.checkValid(option: "--max", bounds: true)
        options.priors = try ParameterList.priors(prior, option: "--prior")
        options.randomScale = try randomScales(parameters: options.parameters)
        options.sampling = sampling
        if let livePoints {
            guard sampling == .nested else { throw ValidationError("--live-points needs --sampling nested") }
            try Self.livePointsRange.check(livePoints, "--live-points")
            options.livePoints = livePoints
        }
        options.chiStatistic = chiStat
        guard noiseCorrelation == .none || chiStat == .gaussian else {
            throw ValidationError("--noise-correlation \(noiseCorrelation.name) needs --chi-stat gaussian (give --noise-correlation none with another statistic)")
        }
        options.noiseCorrelation = noiseCorrelation
        if let varianceScale {
            guard let scale = VarianceScale(argument: varianceScale) else {
                throw ValidationError("--variance-scale takes auto or a factor \(VarianceScale.factorRange) (got '\(varianceScale)')")
            }
            guard scale != .auto || noiseCorrelation.measures else {
                throw ValidationError("--variance-scale auto needs --noise-correlation auto or a number of voxels (the ratio comes from the noise measurement)")
            }
            options.varianceScale = scale
        }
        if let chains {
            try FitLimits.chainCounts.check(chains, "--chains")
            options.chains = chains
        }
        options.firstGuess = firstGuess
        if let redshift { try Self.redshiftRange.check(redshift, "--redshift") }
        options.redshift = redshift
    }

    /// `--random-scale`: one number for every parameter of the model (`parameters`), or a
    /// list by name (others 1).
    private func randomScales(parameters: [ParameterName]) throws -> GalaxyParameters {
        let scales: GalaxyParameters
        if let s = Double(randomScale.trimmingCharacters(in: .whitespaces)) {
            scales = GalaxyParameters.uniform(s, parameters)
        } else {
            scales = try ParameterList.parse(randomScale, option: "--random-scale")
        }
        guard scales.values.allSatisfy({ $0.isNaN || Self.randomScaleRange.contains($0) }) else {
            throw ValidationError("--random-scale factors must each be \(Self.randomScaleRange) (got \(randomScale))")
        }
        return scales
    }
}
