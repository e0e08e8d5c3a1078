import ArgumentParser
import Foundation
import GalPaK

/// Options that constrain and steer the sampler (`fit`). Parameter values use the reference's
/// names (x, y, z, flux, radius, inclination, pa, turnover_radius, maximum_velocity,
/// velocity_dispersion) or short names (rhalf, incl, PA, rv, Vmax, Vdisp), in the units of the
/// parameter table.
struct SamplerOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Known parameters, held at these values (e.g. inclination=60,pa=125); they never move and are not counted as free. Repeatable.",
        valueName: "name=value,..."))
    var fix: [String] = []

    @Option(help: ArgumentHelp("Lower bounds replacing the defaults (e.g. maximum_velocity=50). Repeatable.",
                               valueName: "name=value,..."))
    var min: [String] = []

    @Option(help: ArgumentHelp("Upper bounds replacing the defaults (e.g. radius=8). Repeatable.",
                               valueName: "name=value,..."))
    var max: [String] = []

    @Option(help: ArgumentHelp(
        "Starting values (default: a first guess from the cube's moments). Repeatable.", valueName: "name=value,..."))
    var `init`: [String] = []

    @Option(help: ArgumentHelp(
        "Multiply every proposal scale by S, or named scales by their factor (e.g. pa=2,flux=0.5); larger: bolder jumps, lower acceptance.",
        valueName: "S|name=S,..."))
    var randomScale: String = "1"

    @Option(help: ArgumentHelp(
        "Gaussian priors, mean:sigma in the parameter's unit (e.g. inclination=60:5). Repeatable.",
        valueName: "name=mu:sigma,..."))
    var prior: [String] = []

    @Option(help: ArgumentHelp(
        "Proposal: tuned (jumps shaped by the posterior's covariance and tuned to ~40 % acceptance before the main run, retuned if a chain drifts out of \(Int(100 * ChainRunner.acceptanceBand.lowerBound))-\(Int(100 * ChainRunner.acceptanceBand.upperBound)) %), cauchy (the reference's fixed Cauchy jumps, untuned: slow mixing) or adaptive (the reference's AdaptiveCauchy: jumps follow the spread of the last accepted states).",
        valueName: "name"))
    var sampling = SamplerDefaults.sampling

    @Flag(help: "Accepted for scripts written for earlier versions; does nothing: tuned jumps (--sampling tuned) are the default.")
    var autoScale = false

    @Option(help: ArgumentHelp(
        "Statistic minimised: gaussian (Σ(D−M)²/V), or one of the count statistics (applied to data and model in units of each voxel's noise σ).",
        valueName: "name"))
    var chiStat = FitDefaults.chiStatistic

    @Option(help: ArgumentHelp(
        "Noise model: auto (measure the noise's variance ratio and spatial and spectral correlation from the residuals of the first guess and of the estimate, and fit with the Gaussian likelihood for stationary correlated noise, χ² = Σ_k |FFT((D−M)/σ)|²/P(k); white noise gives the plain χ²), none (independent voxels, Σ(D−M)²/V), or a number of voxels ≥ 1 per correlation volume (the same likelihood for a circular Gaussian beam of that area, no spectral correlation; the variance ratio is still measured).",
        valueName: "auto|none|voxels"))
    var noiseCorrelation = FitDefaults.noiseCorrelation

    @Option(help: ArgumentHelp(
        "Multiply the variance by this factor, or by the ratio of the residuals' scatter to it measured at the first guess (auto, needs --noise-correlation auto). Default 1: the variance as given; a mismatch of more than 20 % is warned about.",
        valueName: "auto|factor"))
    var varianceScale: String?

    @Option(help: ArgumentHelp(
        "Number of independent chains, run in parallel from dispersed starts and pooled (default: the number of cores, at least 2).",
        valueName: "k"))
    var chains: Int?

    @Option(help: ArgumentHelp(
        "Where the chains start: moments (a first guess from the cube's moments) or reference (the reference's fixed defaults); --init overrides either.",
        valueName: "name"))
    var firstGuess = FitDefaults.firstGuess

    @Option(help: ArgumentHelp(
        "The galaxy's redshift: also report radius and turnover_radius in kpc and the dynamical mass within the radius (flat ΛCDM, H0 = 67.74 km/s/Mpc, Ωm = 0.3089).",
        valueName: "z"))
    var redshift: Double?

    /// Writes these choices into `options`.
    /// - Throws: `ValidationError` (exit status 2) for an unknown parameter name or a malformed value.
    func apply(to options: inout FitOptions) throws {
        options.fixed = try ParameterList.parse(fix, option: "--fix")
        options.minimum = try ParameterList.parse(min, option: "--min")
        options.maximum = try ParameterList.parse(max, option: "--max")
        options.initial = try ParameterList.parse(`init`, option: "--init")
        options.priors = try ParameterList.priors(prior, option: "--prior")
        options.randomScale = try randomScales()
        options.sampling = sampling
        options.chiStatistic = chiStat
        guard noiseCorrelation == .none || chiStat == .gaussian else {
            throw ValidationError("--noise-correlation \(noiseCorrelation.name) needs --chi-stat gaussian (give --noise-correlation none with another statistic)")
        }
        options.noiseCorrelation = noiseCorrelation
        if let varianceScale {
            guard let scale = VarianceScale(argument: varianceScale) else {
                throw ValidationError("--variance-scale takes auto or a positive number (got '\(varianceScale)')")
            }
            guard scale != .auto || noiseCorrelation.measures else {
                throw ValidationError("--variance-scale auto needs --noise-correlation auto or a number of voxels (the ratio comes from the noise measurement)")
            }
            options.varianceScale = scale
        }
        if let chains {
            guard chains >= 1 else { throw ValidationError("--chains must be at least 1 (got \(chains))") }
            options.chains = chains
        }
        options.firstGuess = firstGuess
        if let redshift {
            guard redshift > 0, redshift.isFinite, redshift < 20 else {
                throw ValidationError("--redshift must be in (0, 20) (got \(redshift))")
            }
        }
        options.redshift = redshift
    }

    /// `--random-scale`: one number for every parameter, or a list by name (others 1).
    private func randomScales() throws -> GalaxyParameters {
        let scales: GalaxyParameters
        if let s = Double(randomScale.trimmingCharacters(in: .whitespaces)) {
            scales = GalaxyParameters([Double](repeating: s, count: GalaxyParameters.count))
        } else {
            scales = try ParameterList.parse(randomScale, option: "--random-scale", requireAll: false)
        }
        guard scales.values.allSatisfy({ $0.isNaN || $0 > 0 }) else {
            throw ValidationError("--random-scale factors must be positive (got \(randomScale))")
        }
        return scales
    }
}
