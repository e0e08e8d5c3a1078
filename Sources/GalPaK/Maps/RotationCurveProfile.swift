/// The intrinsic rotation and dispersion of the fitted disk along its major axis, written to
/// `PREFIX_rotcurve.dat` and drawn in `PREFIX_rotcurve.png`.
///
/// Rows are signed offsets r along the ``MajorAxis`` (receding side positive) every `step`
/// pixels, as far as the grid reaches on each side. Per row:
/// - `rotation`: the deprojected circular speed `sign(r)·v(|r|)` of the rotation curve at the
///   estimate;
/// - `rotationLower`/`rotationUpper`: its band as ``ParameterSpread`` gives it: the percentiles
///   `50 ∓ p/2` of `sign(r)·v(|r|)` over the chain entries the estimate uses (weighted), or for
///   a Laplace fit the speed at the mode ∓ z σ (delta method);
/// - `velocity`, `dispersion`: the intrinsic (not beam-smeared) line-of-sight velocity and
///   dispersion maps (doc §2.7) interpolated along the axis, i.e. what an infinitely sharp slit
///   would see;
/// - ``dataVelocity``: the data's velocity map interpolated along the axis in the same way, with
///   its 1σ formal error (``DataVelocityMap/sample(along:at:)``);
/// - `circular`: the circular speed corrected for pressure support at the estimate,
///   `sign(r)·√(v(|r|)² + 2σ0²·|r|/R_d)` (``PressureSupport``);
/// - `radial`: with a radial flow (``NonCircularMotions``), its speed `V_r(|r|)` at the estimate
///   (positive outward, the same on both sides).
public struct RotationCurveProfile: Sendable, Equatable {
    /// The data's line-of-sight velocity along the axis, one value per row.
    public struct DataVelocity: Sendable, Equatable {
        /// km/s, relative to the systemic channel; NaN where the data's map is masked.
        public var velocity: [Double]
        /// Its 1σ formal error, km/s.
        public var error: [Double]

        public init(velocity: [Double], error: [Double]) {
            self.velocity = velocity
            self.error = error
        }
    }

    /// Default spacing of the rows, pixels.
    public static let defaultStep = 0.5

    /// Signed offsets along the major axis, pixels.
    public var radius: [Double]
    /// Arcsec per pixel.
    public var pixscale: Double
    /// Proper kpc per arcsec at the galaxy's redshift, when known.
    public var kpcPerArcsec: Double?
    /// `sign(r)·v(|r|)` at the estimate, km/s.
    public var rotation: [Double]
    /// Lower end of the credible band, km/s.
    public var rotationLower: [Double]
    /// Upper end of the credible band, km/s.
    public var rotationUpper: [Double]
    /// Intrinsic line-of-sight velocity along the axis, km/s.
    public var velocity: [Double]
    /// Intrinsic line-of-sight dispersion along the axis, km/s.
    public var dispersion: [Double]
    /// The data's velocity along the axis; nil when not known (a file written before galpak
    /// wrote it).
    public var dataVelocity: DataVelocity?
    /// `sign(r)·v_c(|r|)`, the circular speed corrected for pressure support, km/s; nil when not
    /// known (a file written before galpak wrote it).
    public var circular: [Double]?
    /// The radial flow's speed `V_r(|r|)`, km/s, positive outward; nil without a radial flow.
    public var radial: [Double]?

    /// A profile from its columns (e.g. read back from `PREFIX_rotcurve.dat`).
    /// - Precondition: every column has `radius.count` values.
    public init(radius: [Double], pixscale: Double, kpcPerArcsec: Double?, rotation: [Double],
                rotationLower: [Double], rotationUpper: [Double], velocity: [Double], dispersion: [Double],
                dataVelocity: DataVelocity?, circular: [Double]? = nil, radial: [Double]? = nil) {
        let data = (dataVelocity.map { [$0.velocity, $0.error] } ?? []) + [circular, radial].compactMap { $0 }
        precondition(([rotation, rotationLower, rotationUpper, velocity, dispersion] + data).allSatisfy { $0.count == radius.count },
                     "every column needs one value per radius")
        self.radius = radius
        self.pixscale = pixscale
        self.kpcPerArcsec = kpcPerArcsec
        self.rotation = rotation
        self.rotationLower = rotationLower
        self.rotationUpper = rotationUpper
        self.velocity = velocity
        self.dispersion = dispersion
        self.dataVelocity = dataVelocity
        self.circular = circular
        self.radial = radial
    }

    /// Computes the profile.
    /// - Parameters:
    ///   - estimate: the fitted parameters (centre, PA, and the rotation curve's parameters).
    ///   - model: the disk model (its rotation curve and, for the `mass` curve, its grid).
    ///   - spread: how the band is found (the chain entries the estimate uses, or the Laplace
    ///     covariance).
    ///   - percentile: width of the band, percent.
    ///   - intrinsic: the intrinsic maps at the estimate.
    ///   - data: the data's velocity map (nil: no ``dataVelocity``).
    public init(estimate: GalaxyParameters, model: DiskModel, spread: ParameterSpread, percentile: Double, intrinsic: KinematicMaps,
                pixscale: Double, kpcPerArcsec: Double?, step: Double = defaultStep, data: DataVelocityMap? = nil) {
        let axis = MajorAxis(estimate)
        let curve = model.configuration.rotationCurve
        let radius = axis.offsets(nx: intrinsic.nx, ny: intrinsic.ny, step: step)
        let best = model.rotationScales(for: estimate.sanitized())
        func signed(_ r: Double, _ scales: RotationCurve.Scales) -> Double {
            (r < 0 ? -1 : 1) * curve.speed(Swift.abs(r), scales)
        }
        let band = spread.summaries(of: { p in
            let scales = model.rotationScales(for: p.sanitized())
            return radius.map { signed($0, scales) }
        }, percentile: percentile)
        let lower = band.map(\.lower), upper = band.map(\.upper)
        let circular = radius.map { r in
            (r < 0 ? -1 : 1) * PressureSupport.circularSpeed(rotation: curve.speed(Swift.abs(r), best),
                                                             dispersion: estimate.velocityDispersion,
                                                             radius: Swift.abs(r), halfLightRadius: estimate.radius)
        }
        var radial: [Double]?
        if model.configuration.motions.radial {
            let shape = model.rotationScales(for: estimate.sanitized(), amplitude: 1)
            radial = radius.map { estimate[.radialVelocity] * curve.speed(Swift.abs($0), shape) }
        }
        self.init(
            radius: radius, pixscale: pixscale, kpcPerArcsec: kpcPerArcsec,
            rotation: radius.map { signed($0, best) }, rotationLower: lower, rotationUpper: upper,
            velocity: radius.map { axis.sample(intrinsic.velocity, nx: intrinsic.nx, ny: intrinsic.ny, at: $0) },
            dispersion: radius.map { axis.sample(intrinsic.dispersion, nx: intrinsic.nx, ny: intrinsic.ny, at: $0) },
            dataVelocity: data.map { map in
                let samples = radius.map { map.sample(along: axis, at: $0) }
                return DataVelocity(velocity: samples.map(\.velocity), error: samples.map(\.error))
            },
            circular: circular, radial: radial)
    }
}
