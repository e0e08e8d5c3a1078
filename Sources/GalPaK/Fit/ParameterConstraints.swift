/// The user's constraints on the parameters, resolved for one cube: the bounds the sampler
/// respects, the fixed and initial values, the priors and the number of free parameters.
///
/// The parameters are the fit's (``FitOptions/parameters``); a value given for another is
/// refused. With a free PSF width (``FitOptions/psfWidth``) `psf_fwhm` gets that prior, its
/// bounds (``PSFWidthPrior/bounds``, under any `--min`/`--max`) and, unless given, the prior's mean
/// as its start; a `--prior` on it is refused (the prior is `--seeing`'s). Bounds = the model's defaults for the cube's shape and the channels fitted
/// (``ParameterBounds/defaults(for:nx:ny:nz:fluxEstimate:channels:)``: z over the whole range
/// for a set of lines, the middle third of a `--channels` range otherwise). Then the user's `minimum`/`maximum` laid over them, then every fixed value pinned to the
/// reference's narrow band (a fixed value wins over a user bound of the same parameter). A
/// negative fixed or initial inclination is the same disk as its absolute value (see
/// ``GalaxyParameters/sanitize()``) and is stored as that.
public struct ParameterConstraints: Sendable, Equatable {
    /// The box the sampler explores.
    public var bounds: ParameterBounds
    /// Fixed values (NaN = free).
    public var fixed: GalaxyParameters
    /// User starting values for free parameters, fixed values included (NaN = none).
    public var initial: GalaxyParameters
    /// Gaussian priors.
    public var priors: GaussianPriors
    /// Number of parameters that are not fixed (k).
    public var freeCount: Int

    /// Constraints given directly: `fixed` values (NaN = free) are assumed pinned in `bounds`.
    public init(bounds: ParameterBounds, fixed: GalaxyParameters, initial: GalaxyParameters = .missing,
                priors: GaussianPriors = GaussianPriors()) {
        self.bounds = bounds
        self.fixed = fixed
        self.initial = initial
        self.priors = priors
        freeCount = fixed.values.filter(\.isNaN).count
    }

    /// - Throws: ``GalpakError`` `.badInput` when a user minimum exceeds a maximum, an
    ///   initial value lies outside the bounds, or a value is given for a parameter the fit
    ///   does not have.
    public init(options: FitOptions, nx: Int, ny: Int, nz: Int, fluxEstimate: Double) throws {
        let names = options.parameters
        // (--random-scale is not checked: one number gives every known parameter a factor.)
        for (given, option) in [(options.fixed, "--fix"), (options.initial, "--init"), (options.minimum, "--min"),
                                (options.maximum, "--max"), (options.priors.mean, "--prior")] {
            try given.checkBelongs(to: names, option: option)
        }
        if options.psfWidth != nil, !options.priors.mean[.psfFWHM].isNaN {
            throw GalpakError(.badInput, "--prior psf_fwhm: the PSF width's prior is --seeing VALUE:SIGMA's; give it there")
        }
        var fixed = options.fixed.restricted(to: names)
        var initial = options.initial.restricted(to: names)
        if let psfWidth = options.psfWidth, initial[.psfFWHM].isNaN { initial[.psfFWHM] = psfWidth.fwhm }
        if fixed[.inclination] < 0 { fixed[.inclination] = -fixed[.inclination] }
        if initial[.inclination] < 0 { initial[.inclination] = -initial[.inclination] }
        let defaults = try ParameterBounds.defaults(for: options.model, psfWidth: options.psfWidth, nx: nx, ny: ny, nz: nz,
                                                    fluxEstimate: fluxEstimate, channels: options.selection.channels)
        let merged = try defaults.merging(min: options.minimum, max: options.maximum)
        bounds = merged.fixing(fixed)
        for name in names where fixed[name].isNaN && initial[name].isFinite {
            guard bounds.contains(initial[name], for: name) else {
                throw GalpakError(.badInput,
                    "--init \(name.key)=\(initial[name]) is outside its bounds [\(bounds.min[name]), \(bounds.max[name])]; change it or widen the bounds with --min/--max")
            }
        }
        for name in names where fixed[name].isFinite { initial[name] = fixed[name] }
        self.fixed = fixed
        self.initial = initial
        // In the model's order, as every vector of the fit (a prior is paired with its parameter by position).
        var priors = options.priors
        if let psfWidth = options.psfWidth { priors.set(.psfFWHM, mean: psfWidth.fwhm, sigma: psfWidth.sigma) }
        (priors.mean, priors.sigma) = (priors.mean.restricted(to: names), priors.sigma.restricted(to: names))
        self.priors = priors
        freeCount = fixed.values.filter(\.isNaN).count
    }
}
