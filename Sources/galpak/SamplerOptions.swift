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
        "Proposal: cauchy (fixed Cauchy jumps, a true Metropolis chain) or adaptive (the reference's AdaptiveCauchy: jumps follow the spread of the last accepted states).",
        valueName: "name"))
    var sampling: String = "cauchy"

    @Flag(help: "Before the main run, shape the jumps by the posterior's covariance and tune their size in short runs until 30-50 % of proposals are accepted (recommended: many more effective samples per iteration).")
    var autoScale = false

    @Option(help: ArgumentHelp(
        "Statistic minimised: gaussian (Σ(D−M)²/V), or the count statistics neyman, pearson, mighell, cash (applied to data and model in units of each voxel's noise σ).",
        valueName: "name"))
    var chiStat: String = "gaussian"

    @Option(help: ArgumentHelp(
        "Noise model: none (independent voxels, Σ(D−M)²/V) or auto (measure the noise's variance ratio and spatial and spectral correlation from the residuals, and fit with the Gaussian likelihood for stationary correlated noise, χ² = Σ_k |FFT((D−M)/σ)|²/P(k)).",
        valueName: "auto|none"))
    var noiseCorrelation: String = "none"

    @Option(help: ArgumentHelp(
        "Number of independent chains, run in parallel from dispersed starts and pooled (default: the number of cores, at least 2).",
        valueName: "k"))
    var chains: Int?

    @Option(help: ArgumentHelp(
        "Where the chains start: moments (a first guess from the cube's moments) or reference (the reference's fixed defaults); --init overrides either.",
        valueName: "name"))
    var firstGuess: String = "moments"

    @Option(help: ArgumentHelp(
        "The galaxy's redshift: also report radius and turnover_radius in kpc and the dynamical mass within the radius (flat ΛCDM, H0 = 67.74 km/s/Mpc, Ωm = 0.3089).",
        valueName: "z"))
    var redshift: Double?

    /// Writes these choices into `options`.
    /// - Throws: `ValidationError` (exit status 2) for an unknown name or a malformed value.
    func apply(to options: inout FitOptions) throws {
        options.fixed = try ParameterList.parse(fix, option: "--fix")
        options.minimum = try ParameterList.parse(min, option: "--min")
        options.maximum = try ParameterList.parse(max, option: "--max")
        options.initial = try ParameterList.parse(`init`, option: "--init")
        options.priors = try ParameterList.priors(prior, option: "--prior")
        options.randomScale = try randomScales()
        guard let method = SamplingMethod(name: sampling) else {
            throw ValidationError("unknown --sampling '\(sampling)': use cauchy or adaptive")
        }
        options.sampling = method
        options.autoScale = autoScale
        guard let statistic = ChiStatistic(name: chiStat) else {
            throw ValidationError("unknown --chi-stat '\(chiStat)': use \(ChiStatistic.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        options.chiStatistic = statistic
        guard let noise = NoiseCorrelationMode(rawValue: noiseCorrelation.lowercased()) else {
            throw ValidationError("unknown --noise-correlation '\(noiseCorrelation)': use auto or none")
        }
        guard noise == .none || statistic == .gaussian else {
            throw ValidationError("--noise-correlation auto needs --chi-stat gaussian")
        }
        options.noiseCorrelation = noise
        if let chains {
            guard chains >= 1 else { throw ValidationError("--chains must be at least 1 (got \(chains))") }
            options.chains = chains
        }
        guard let guess = FitOptions.FirstGuess(rawValue: firstGuess.lowercased()) else {
            throw ValidationError("unknown --first-guess '\(firstGuess)': use moments or reference")
        }
        options.firstGuess = guess
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
