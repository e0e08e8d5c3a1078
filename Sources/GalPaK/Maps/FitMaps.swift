/// The maps of a finished fit: the model's intrinsic and beam-smeared maps, the data's moment
/// maps, and the rotation curve along the major axis.
public struct FitMaps: Sendable {
    /// The model's intrinsic maps at the estimate (doc §2.7).
    public var intrinsic: KinematicMaps
    /// The intrinsic maps smeared by the PSF (Epinat formulas, see ``KinematicMaps/beamSmeared(by:)``).
    public var observed: KinematicMaps
    /// Moment maps of the data (see ``MomentMaps``).
    public var data: MomentMaps
    /// Rotation and dispersion along the major axis.
    public var rotationCurve: RotationCurveProfile

    /// Computes every map of a fit.
    /// - Throws: ``GalpakError`` when the LSF's width cannot be found (as for the kernel).
    /// - Parameters:
    ///   - cube: the data.
    ///   - configuration: the disk model's options.
    ///   - estimate: the fitted parameters.
    ///   - spread: how the rotation curve's band is found (``ParameterSpread``), `percentile` % wide.
    ///   - kernel: the instrument kernel; its sum over channels is the PSF of the observed maps.
    ///   - lsf: the line spread function (nil: none), removed in quadrature from the data's dispersion.
    ///   - convolvedModel: the convolved model at the estimate; it sets the data's line window.
    ///   - redshift: the galaxy's redshift, for kpc in the rotation curve (``Cosmology``).
    public init(cube: Cube, configuration: ModelConfiguration, estimate: GalaxyParameters, spread: ParameterSpread,
                percentile: Double, kernel: Kernel3D, lsf: LineSpreadFunction?, convolvedModel: [Double],
                redshift: Double?) throws {
        let model = DiskModel(cube: cube, configuration: configuration)
        intrinsic = KinematicMaps.intrinsic(of: model, at: estimate)
        observed = intrinsic.beamSmeared(by: KinematicMaps.psfImage(of: kernel))
        let lsfChannels = try lsf?.sigmaChannels(spectral: cube.spectral, channels: cube.nz) ?? 0
        let lsfSigma = lsfChannels * Swift.abs(cube.velocityStep)
        data = MomentMaps(cube: cube, systemicChannel: estimate.z,
                          window: MomentMaps.lineWindow(model: convolvedModel, nx: cube.nx, ny: cube.ny, nz: cube.nz),
                          lsfSigma: lsfSigma)
        rotationCurve = RotationCurveProfile(
            estimate: estimate, model: model, spread: spread, percentile: percentile, intrinsic: intrinsic, pixscale: cube.pixscale,
            kpcPerArcsec: redshift.map { FlatLambdaCDM.planck15.kiloparsecsPerArcsecond(redshift: $0) })
    }
}
