/// The maps of a finished fit: the model's intrinsic and beam-smeared maps, the data's moment
/// maps (on Voronoi bins with `--voronoi-snr`) and velocity errors, the rotation curve along the
/// major axis, and the position–velocity diagrams of the data and the convolved model along the
/// major and minor axes.
public struct FitMaps: Sendable {
    /// The model's intrinsic maps at the estimate (doc §2.7).
    public var intrinsic: KinematicMaps
    /// The intrinsic maps smeared by the PSF (Epinat formulas, see ``KinematicMaps/beamSmeared(by:)``).
    public var observed: KinematicMaps
    /// Moment maps of the data (see ``MomentMaps``); with Voronoi bins, ``voronoi``'s maps.
    public var data: MomentMaps
    /// The data's velocity map with its formal errors (``DataVelocityMap``).
    public var dataVelocity: DataVelocityMap
    /// The data's moments on Voronoi bins (``VoronoiMomentMaps``), nil unless asked for.
    public var voronoi: VoronoiMomentMaps?
    /// Rotation and dispersion along the major axis.
    public var rotationCurve: RotationCurveProfile
    /// The data and the convolved model through a slit along the major axis (θ = PA, offsets
    /// positive on the receding side; ``PositionVelocityDiagram``).
    public var majorPV: PositionVelocityDiagram
    /// The same along the minor axis (θ = PA + 90°, offsets positive towards (cos PA, sin PA)).
    public var minorPV: PositionVelocityDiagram

    /// The data's flux map minus the beam-smeared model's (``observed``), spaxel by spaxel:
    /// NaN where the data's map is NaN (masked below its S/N threshold).
    public var residualFlux: [Double] { zip(data.maps.flux, observed.flux).map { $0 - $1 } }
    /// The data's velocity map minus the beam-smeared model's, km/s: NaN where the data's map
    /// (or the model's, where the model has no flux) is NaN.
    public var residualVelocity: [Double] { zip(data.maps.velocity, observed.velocity).map { $0 - $1 } }

    /// Computes every map of a fit.
    /// - Throws: ``GalpakError`` when the LSF's width cannot be found (as for the kernel).
    /// - Parameters:
    ///   - cube: the data.
    ///   - configuration: the disk model's options.
    ///   - lines: the configuration's set of lines placed on the cube (``ModelConfiguration/lineGrid(spectral:channels:lsf:)``).
    ///   - estimate: the fitted parameters.
    ///   - spread: how the rotation curve's band is found (``ParameterSpread``), `percentile` % wide.
    ///   - kernel: the instrument kernel; its sum over channels is the PSF of the observed maps.
    ///   - lsf: the line spread function (nil: none), removed in quadrature from the data's dispersion.
    ///   - convolvedModel: the convolved model at the estimate; it sets each spaxel's line window
    ///     (with a set of lines, its channels nearer the z-line than half-way to another line:
    ///     ``zLineOnly(_:lines:z:plane:)``)
    ///     for the data's moments.
    ///   - redshift: the galaxy's redshift, for kpc in the rotation curve (``Cosmology``).
    ///   - slitWidth: the width of the position–velocity diagrams' slit, arcsec
    ///     (``PositionVelocityDiagram/widthRange``).
    ///   - voronoiSNR: the S/N the data's Voronoi bins reach (``VoronoiBinning/targetRange``);
    ///     nil: no bins, the moments of every spaxel.
    ///   - noise: the correlation of the noise the fit measured (nil: white), folded into the
    ///     S/N of the bins and the velocity errors.
    public init(cube: Cube, configuration: ModelConfiguration, lines: LineGrid? = nil, estimate: GalaxyParameters, spread: ParameterSpread,
                percentile: Double, kernel: Kernel3D, lsf: LineSpreadFunction?, convolvedModel: [Double],
                redshift: Double?, slitWidth: Double, voronoiSNR: Double? = nil, noise: NoiseCorrelation? = nil) throws {
        let model = DiskModel(cube: cube, configuration: configuration, lines: lines)
        intrinsic = KinematicMaps.intrinsic(of: model, at: estimate)
        observed = intrinsic.beamSmeared(by: KinematicMaps.psfImage(of: kernel))
        let lsfChannels = try lsf?.sigmaChannels(spectral: cube.spectral, channels: cube.nz) ?? 0
        let lsfSigma = lsfChannels * Swift.abs(cube.velocityStep)
        let correlation = noise ?? .white
        // With a set of lines the data's moments are the z-line's: windows from its part of the model.
        let windowModel = lines.map { Self.zLineOnly(convolvedModel, lines: $0, z: estimate.z, plane: cube.nx * cube.ny) }
            ?? convolvedModel
        if let voronoiSNR {
            let window = MomentMaps.lineWindow(model: windowModel, nx: cube.nx, ny: cube.ny, nz: cube.nz)
            let binned = VoronoiMomentMaps(cube: cube, systemicChannel: estimate.z, window: window, lsfSigma: lsfSigma,
                                           target: voronoiSNR, correlation: correlation)
            voronoi = binned
            data = binned.maps
            dataVelocity = binned.velocity
        } else {
            data = MomentMaps(cube: cube, systemicChannel: estimate.z,
                              windows: MomentMaps.spaxelWindows(model: windowModel, nx: cube.nx, ny: cube.ny, nz: cube.nz),
                              lsfSigma: lsfSigma)
            dataVelocity = DataVelocityMap(moments: data, cube: cube, systemicChannel: estimate.z, correlation: correlation)
        }
        rotationCurve = RotationCurveProfile(
            estimate: estimate, model: model, spread: spread, percentile: percentile, intrinsic: intrinsic, pixscale: cube.pixscale,
            kpcPerArcsec: redshift.map { FlatLambdaCDM.planck15.kiloparsecsPerArcsecond(redshift: $0) }, data: dataVelocity)
        func diagram(_ axis: MajorAxis) -> PositionVelocityDiagram {
            PositionVelocityDiagram(cutting: cube.data, model: convolvedModel, nx: cube.nx, ny: cube.ny, nz: cube.nz,
                                    axis: axis, width: slitWidth, pixscale: cube.pixscale,
                                    systemicChannel: estimate.z, velocityStep: cube.velocityStep)
        }
        majorPV = diagram(MajorAxis(estimate))
        minorPV = diagram(MajorAxis(estimate).turned(by: 90))
    }

    /// `model` (`nz` planes of `plane` voxels) with every channel farther from the z-line's
    /// channel (at `z`) than half-way to the nearest other line set to 0, so that moment windows
    /// taken from it hold the z-line only.
    static func zLineOnly(_ model: [Double], lines: LineGrid, z: Double, plane: Int) -> [Double] {
        let centre = lines.placement(z: z, line: lines.zLine).channel
        let gaps = (0..<lines.count).filter { $0 != lines.zLine }.map { Swift.abs(lines.placement(z: z, line: $0).channel - centre) }
        let half = 0.5 * (gaps.min() ?? .infinity)
        var kept = model
        for k in 0..<model.count / plane where Swift.abs(Double(k) - centre) > half {
            for n in k * plane..<(k + 1) * plane { kept[n] = 0 }
        }
        return kept
    }
}
