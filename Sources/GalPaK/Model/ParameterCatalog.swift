/// The descriptor of every parameter: the reference's ten as GalPaK3D 1.35 defines them (so a
/// parameter set written by either tool describes the same galaxy), then the optional ones.
///
/// | name | short | unit | default bounds | reference start |
/// |---|---|---|---|---|
/// | `x`, `y` | x, y | pixel, 0-based along NAXIS1/2 | n/3 … 2n/3 | middle of the bounds |
/// | `z` | z | channel, 0-based | nz/3 … 2nz/3 | middle of the bounds |
/// | `flux` | flux | cube units, sum of the clean model cube | 0 … 3·flux estimate | the flux estimate |
/// | `radius` | rhalf | pixel, half-light radius Re | 0.8 … (ny + nx)/2 · 3/8 | 3 |
/// | `inclination` | incl | deg, 0 face-on | −5 … 90.5 | 30 |
/// | `pa` | PA | deg, anticlockwise from +y to the approaching side; period 360 | −40 … 400 | 0 |
/// | `turnover_radius` | rv | pixel | 0.01 … (ny + nx)/2 · 3/8 | 1 |
/// | `maximum_velocity` | Vmax | km/s, intrinsic amplitude | 10 … 350 | 100 |
/// | `velocity_dispersion` | Vdisp | km/s, intrinsic σ0 | 0 … 180 | 5 |
/// | `sersic_index` (with `--flux-profile sersic`) | n | dimensionless Sérsic index | 0.3 … 8 | 1 |
/// | `radial_velocity` (with `--radial-flow`) | vr | km/s, radial flow V_r, positive outward | −300 … 300 | 0 |
/// | `bar_tangential` (with `--bisymmetric`) | v2t | km/s, bisymmetric tangential amplitude V_2t | 0 … 300 | 20 |
/// | `bar_radial` (with `--bisymmetric`) | v2r | km/s, bisymmetric radial amplitude V_2r | −300 … 300 | 0 |
/// | `bar_angle` (with `--bisymmetric`) | phib | deg, the bar's angle φ_b in the disk plane from the receding major axis; period 180 | −20 … 200 | 45 |
/// | `ratio_<wave>` (a `free` entry of `--line-ratio`) | same | F(line)/F(z-line), dimensionless | 0 … 10 | 1 |
/// | `psf_fwhm` (with `--seeing VALUE:SIGMA`) | psf | arcsec, the PSF's FWHM | μ ± 5σ of that prior (``PSFWidthPrior``) | μ |
///
/// The turnover radius's default maximum is the radius's, not the reference's half of it (see
/// ``ParameterBounds/defaults(nx:ny:nz:fluxEstimate:parameters:)``). Proposal-scale factors
/// (``ProposalScales``): flux 0.5; pa, maximum_velocity, velocity_dispersion and the flows'
/// velocities and angle 1.5; others 1. The flows (``NonCircularMotions``) start at no radial
/// flow and a weak bar (20 km/s at 45°, so that the bar's angle has a gradient at the start);
/// V_2t's default minimum 0 picks one of the two equal descriptions of every bisymmetric flow,
/// (V_2t, V_2r, φ_b) and (−V_2t, −V_2r, φ_b + 90°). Valid values and bounds: ``ParameterValidity``.
extension ParameterName {
    /// This parameter's descriptor.
    public var descriptor: ParameterDescriptor {
        switch self {
        case .x: Self.centre("x", headerKey: "SIM_X", axis: { $0.nx })
        case .y: Self.centre("y", headerKey: "SIM_Y", axis: { $0.ny })
        case .z: ParameterDescriptor(
            key: "z", shortName: "z", unit: "pixel", jsonUnit: "channel", headerKey: "SIM_Z", displayFormat: "%3.6f",
            validRange: Self.position("channels"), boundRange: Self.position("channels"),
            defaultBounds: { ($0.nz / 3, 2 * $0.nz / 3) }, referenceStart: { _ in .nan })
        case .flux: ParameterDescriptor(
            key: "flux", shortName: "flux", unit: "same units as the input Cube", jsonUnit: "cube units", headerKey: "SIM_FLUX",
            displayFormat: "%3.2e", proposalFactor: 0.5,
            validRange: ValidRange(.open(0), .closed(Self.maximumFlux), unit: "(cube units)"),
            boundRange: ValidRange(.closed(-Self.maximumFlux), .closed(Self.maximumFlux), unit: "(cube units)"),
            defaultBounds: { (0, 3 * $0.fluxEstimate) }, referenceStart: { $0 })
        case .radius: Self.size("radius", shortName: "rhalf", headerKey: "SIM_RAD", minimum: 0.8, start: 3)
        case .inclination: ParameterDescriptor(
            key: "inclination", shortName: "incl", unit: "deg", jsonUnit: "deg", headerKey: "SIM_INC", displayFormat: "%4.1f",
            validRange: ValidRange(.closed(0), .closed(90), unit: "degrees"),
            boundRange: ValidRange(.closed(-90), .closed(180), unit: "degrees"),
            defaultBounds: { _ in (-5, 90.5) }, referenceStart: { _ in 30 })
        case .pa: ParameterDescriptor(
            key: "pa", shortName: "PA", unit: "deg", jsonUnit: "deg", headerKey: "SIM_PA", displayFormat: "%5.1f",
            period: 360, proposalFactor: 1.5,
            validRange: ValidRange(.closed(-360), .closed(360), unit: "degrees"),
            boundRange: ValidRange(.closed(-720), .closed(720), unit: "degrees"),
            defaultBounds: { _ in (-40, 400) }, referenceStart: { _ in 0 })
        case .turnoverRadius: Self.size("turnover_radius", shortName: "rv", headerKey: "SIM_RT", minimum: 0.01, start: 1)
        case .maximumVelocity: Self.velocity("maximum_velocity", shortName: "Vmax", headerKey: "SIM_VMAX", displayFormat: "%6.2f",
                                             bounds: (10, 350), start: 100)
        case .velocityDispersion: Self.velocity("velocity_dispersion", shortName: "Vdisp", headerKey: "SIM_SIG0", displayFormat: "%3.2f",
                                                bounds: (0, 180), start: 5)
        case .sersicIndex: ParameterDescriptor(
            key: "sersic_index", shortName: "n", unit: "dimensionless", jsonUnit: "dimensionless", headerKey: "SIM_SERN",
            addedBy: "--flux-profile sersic",
            validRange: Self.sersicIndices, boundRange: Self.sersicIndices,
            defaultBounds: { _ in (0.3, 8) }, referenceStart: { _ in 1 })
        case .radialVelocity: Self.flowVelocity("radial_velocity", shortName: "vr", headerKey: "SIM_VRAD",
                                                addedBy: "--radial-flow", bounds: (-300, 300), start: 0)
        case .barTangential: Self.flowVelocity("bar_tangential", shortName: "v2t", headerKey: "SIM_V2T",
                                               addedBy: "--bisymmetric", bounds: (0, 300), start: 20)
        case .barRadial: Self.flowVelocity("bar_radial", shortName: "v2r", headerKey: "SIM_V2R",
                                           addedBy: "--bisymmetric", bounds: (-300, 300), start: 0)
        case .barAngle: ParameterDescriptor(
            key: "bar_angle", shortName: "phib", unit: "deg", jsonUnit: "deg", headerKey: "SIM_PHIB", displayFormat: "%5.1f",
            period: 180, proposalFactor: 1.5, addedBy: "--bisymmetric",
            validRange: ValidRange(.closed(-180), .closed(180), unit: "degrees"),
            boundRange: ValidRange(.closed(-360), .closed(360), unit: "degrees"),
            defaultBounds: { _ in (-20, 200) }, referenceStart: { _ in 45 })
        case .psfFWHM: ParameterDescriptor(
            key: "psf_fwhm", shortName: "psf", unit: "arcsec", jsonUnit: "arcsec", headerKey: "SIM_PSF", displayFormat: "%5.3f",
            addedBy: "--seeing VALUE:SIGMA",
            validRange: Self.seeings, boundRange: Self.seeings,
            // Its valid range; a fit replaces them by the prior's (PSFWidthPrior.bounds).
            defaultBounds: { _ in (0, 3600) }, referenceStart: { _ in .nan })
        case .lineRatio(let wave): ParameterDescriptor(
            key: Self.lineRatioPrefix + wave, shortName: Self.lineRatioPrefix + wave, unit: "F(line)/F(z-line)",
            jsonUnit: "dimensionless", headerKey: Self.ratioHeaderKey(wave), addedBy: "a free --line-ratio entry for \(wave)",
            validRange: Self.lineRatios, boundRange: Self.lineRatios,
            defaultBounds: { _ in (0, 10) }, referenceStart: { _ in 1 })
        }
    }

    /// The valid line ratios: a flux is not negative, and a line a thousand times its z-line's
    /// is a mistaken choice of z-line.
    private static let lineRatios = ValidRange(.closed(0), .closed(1000))

    /// The FITS keyword of a simulated line ratio, at most 8 characters: `SIMR` and the first
    /// four digits of the rest value (`SIMR6583` for 6583.45).
    private static func ratioHeaderKey(_ wave: String) -> String {
        "SIMR" + String(wave.filter(\.isNumber).prefix(4))
    }

    /// The valid PSF widths (FWHM): positive, up to a degree (3600″, the largest pixel scale
    /// galpak reads); also `--seeing`'s range.
    public static let seeings = ValidRange(.open(0), .closed(3600), unit: "arcsec")

    /// The valid Sérsic indices: b_n = 1.9992·n − 0.3271 is positive above n = 0.164.
    private static let sersicIndices = ValidRange(.closed(0.2), .closed(20))

    /// ±``maximumSize`` in `unit`: the valid positions, and their valid bounds.
    private static func position(_ unit: String) -> ValidRange {
        ValidRange(.closed(-maximumSize), .closed(maximumSize), unit: unit)
    }

    /// x or y: a position on the image axis `axis`.
    private static func centre(_ key: String, headerKey: String,
                               axis: @escaping @Sendable (ParameterDescriptor.CubeExtent) -> Double) -> ParameterDescriptor {
        ParameterDescriptor(key: key, shortName: key, unit: "pixel", jsonUnit: "pixel", headerKey: headerKey,
                            validRange: position("pixels"), boundRange: position("pixels"),
                            defaultBounds: { (axis($0) / 3, 2 * axis($0) / 3) },
                            referenceStart: { _ in .nan })
    }

    /// radius or turnover_radius: a size in pixels, at most 3/8 of the image's mean side by default.
    private static func size(_ key: String, shortName: String, headerKey: String, minimum: Double,
                             start: Double) -> ParameterDescriptor {
        ParameterDescriptor(key: key, shortName: shortName, unit: "pixel", jsonUnit: "pixel", headerKey: headerKey,
                            validRange: ValidRange(.open(0), .closed(maximumSize), unit: "pixels"),
                            boundRange: position("pixels"),
                            defaultBounds: { (minimum, $0.size * 3 / 8) }, referenceStart: { _ in start })
    }

    /// A flow's velocity in km/s (``NonCircularMotions``), of either sign, proposal factor 1.5.
    private static func flowVelocity(_ key: String, shortName: String, headerKey: String, addedBy: String,
                                     bounds: (Double, Double), start: Double) -> ParameterDescriptor {
        let speeds = ValidRange(.open(-speedOfLight), .open(speedOfLight), unit: "km/s")
        return ParameterDescriptor(key: key, shortName: shortName, unit: "km/s", jsonUnit: "km/s", headerKey: headerKey,
                                   proposalFactor: 1.5, addedBy: addedBy, validRange: speeds, boundRange: speeds,
                                   defaultBounds: { _ in bounds }, referenceStart: { _ in start })
    }

    /// maximum_velocity or velocity_dispersion: a speed in km/s, proposal factor 1.5.
    private static func velocity(_ key: String, shortName: String, headerKey: String, displayFormat: String,
                                 bounds: (Double, Double), start: Double) -> ParameterDescriptor {
        ParameterDescriptor(key: key, shortName: shortName, unit: "km/s", jsonUnit: "km/s", headerKey: headerKey,
                            displayFormat: displayFormat,
                            proposalFactor: 1.5,
                            validRange: ValidRange(.closed(0), .open(speedOfLight), unit: "km/s"),
                            boundRange: ValidRange(.open(-speedOfLight), .open(speedOfLight), unit: "km/s"),
                            defaultBounds: { _ in bounds }, referenceStart: { _ in start })
    }
}
