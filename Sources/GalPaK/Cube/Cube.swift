/// A spectral cube in memory, as every later stage sees it.
///
/// Voxels are stored flat in FITS/numpy order, x fastest:
/// `index = (k · ny + j) · nx + i` for channel k, row j, column i (all 0-based).
/// Values are Double: χ² sums over up to millions of voxels and the model is rendered
/// in Double, so keeping the data in Double avoids a conversion per evaluation.
public struct Cube: Sendable {
    /// Number of columns (NAXIS1, x).
    public let nx: Int
    /// Number of rows (NAXIS2, y).
    public let ny: Int
    /// Number of channels (NAXIS3, z).
    public let nz: Int
    /// The voxel values, `nz·ny·nx` long. NaN marks a missing voxel.
    public var data: [Double]
    /// Per-voxel variance, same layout as ``data``, or nil when none was found.
    public var variance: [Double]?
    /// Where the variance came from, for logs and `run_parameters.txt`
    /// (a file name, "STAT extension", "estimated from the cube", ...).
    public var varianceSource: String
    /// The calibrated spectral axis.
    public var spectral: SpectralAxis
    /// Spatial pixel scale in arcsec per pixel (positive).
    public var pixscale: Double
    /// Header cards to copy onto every output cube so that it keeps the input's WCS.
    public var wcsCards: [HeaderCard]
    /// The path the cube was read from ("" for a cube made in memory).
    public var path: String
    /// The celestial WCS of axes 1–2, nil when the header has none (``CelestialWCS``).
    public var celestial: CelestialWCS?
    /// The beam the header states (BMAJ/BMIN/BPA), nil when it states none.
    public var beam: HeaderBeam?

    public init(
        nx: Int, ny: Int, nz: Int, data: [Double], variance: [Double]? = nil,
        varianceSource: String = "none", spectral: SpectralAxis, pixscale: Double,
        wcsCards: [HeaderCard] = [], path: String = "", celestial: CelestialWCS? = nil, beam: HeaderBeam? = nil
    ) {
        precondition(data.count == nx * ny * nz, "cube data does not match its shape")
        precondition(variance == nil || variance!.count == data.count, "variance does not match the data")
        self.nx = nx
        self.ny = ny
        self.nz = nz
        self.data = data
        self.variance = variance
        self.varianceSource = varianceSource
        self.spectral = spectral
        self.pixscale = pixscale
        self.wcsCards = wcsCards
        self.path = path
        self.celestial = celestial
        self.beam = beam
    }

    /// Number of voxels, `nx·ny·nz`.
    public var count: Int { nx * ny * nz }

    /// The flat index of voxel (i, j, k).
    @inlinable
    public func index(_ i: Int, _ j: Int, _ k: Int) -> Int { (k * ny + j) * nx + i }

    /// Velocity step per channel in km/s (reference definition, see ``SpectralAxis/velocityStep(channels:)``).
    public var velocityStep: Double { spectral.velocityStep(channels: nz) }
}

/// One FITS header card kept from the input (name, value as FITS text, comment).
public struct HeaderCard: Equatable, Sendable {
    /// Keyword, e.g. `CRVAL1`.
    public var name: String
    /// The value exactly as it stands in the header: `'RA---TAN'` with quotes for strings,
    /// `-5.5555E-05` for numbers, `T`/`F` for logicals.
    public var value: String
    /// The card's comment, possibly empty.
    public var comment: String

    public init(name: String, value: String, comment: String = "") {
        self.name = name
        self.value = value
        self.comment = comment
    }
}
