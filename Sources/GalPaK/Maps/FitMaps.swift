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
    /// - Parameters:
    ///   - cube: the data.
    ///   - configuration: the disk model's options.
    ///   - summary: the estimate and how it was taken from `chain` (for the rotation band).
    ///   - kernel: the instrument kernel; its sum over channels is the PSF of the observed maps.
    ///   - lsf: the line spread function, removed in quadrature from the data's dispersion.
    ///   - convolvedModel: the convolved model at the estimate; it sets the data's line window.
    ///   - redshift: the galaxy's redshift, for kpc in the rotation curve (``Cosmology``).
    public init(cube: Cube, configuration: ModelConfiguration, chain: Chain, summary: ChainSummary,
                kernel: Kernel3D, lsf: LineSpreadFunction, convolvedModel: [Double], redshift: Double?) {
        let estimate = summary.estimate.value
        intrinsic = KinematicMaps.intrinsic(of: DiskModel(cube: cube, configuration: configuration), at: estimate)
        observed = intrinsic.beamSmeared(by: KinematicMaps.psfImage(of: kernel))
        let lsfSigma = lsf.sigmaChannels(spectral: cube.spectral, channels: cube.nz) * Swift.abs(cube.velocityStep)
        data = MomentMaps(cube: cube, systemicChannel: estimate.z,
                          window: MomentMaps.lineWindow(model: convolvedModel, nx: cube.nx, ny: cube.ny, nz: cube.nz),
                          lsfSigma: lsfSigma)
        rotationCurve = RotationCurveProfile(
            estimate: estimate, curve: configuration.rotationCurve, chain: chain,
            selection: ChainSummary.selection(in: chain, method: summary.method, fraction: summary.fraction),
            percentile: summary.percentile, intrinsic: intrinsic, pixscale: cube.pixscale,
            kpcPerArcsec: redshift.map { Cosmology.kpcPerArcsec(redshift: $0) })
    }
}
