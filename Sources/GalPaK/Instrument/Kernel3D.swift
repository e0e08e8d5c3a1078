/// The instrument's 3-D response on a cube's grid: `K[k, j, i] = LSF[k] · PSF[j, i]`.
///
/// Same shape and layout as the cube (x fastest: `index = (k·ny + j)·nx + i`), peak at
/// `(nz/2, ny/2, nx/2)` (integer division), summing to 1 (the two factors each sum to 1;
/// the product's sum differs from 1 by rounding only, ~1e-16). This is the array written
/// to `_3Dkernel.fits` and the one ``FFTConvolver`` convolves with.
public struct Kernel3D: Sendable {
    /// Number of columns (x).
    public let nx: Int
    /// Number of rows (y).
    public let ny: Int
    /// Number of channels (z).
    public let nz: Int
    /// The kernel values, `nz·ny·nx` long.
    public let values: [Double]

    /// The product of a line profile (`nz` values) and a PSF image (`ny·nx` values, x fastest).
    public init(lsf: [Double], psf: [Double], nx: Int, ny: Int) {
        precondition(psf.count == nx * ny, "PSF image does not match ny × nx")
        self.nx = nx
        self.ny = ny
        self.nz = lsf.count
        var values = [Double](repeating: 0, count: lsf.count * psf.count)
        for (k, l) in lsf.enumerated() {
            let offset = k * psf.count
            for (n, p) in psf.enumerated() { values[offset + n] = l * p }
        }
        self.values = values
    }

    /// The kernel of `instrument` for a cube of shape `nx × ny × nz` with the given spectral
    /// axis and pixel scale (arcsec per pixel). With `psf` or `lsf` ``PointSpreadFunction/none``
    /// / ``LineSpreadFunction/none`` that factor is a unit impulse: no convolution along those axes.
    /// - Throws: ``GalpakError`` (`.badInput`) when the instrument lacks a PSF or LSF, or one of
    ///   them cannot be used on this cube (see ``LineSpreadFunction/fwhm(spectral:channels:)``,
    ///   ``PSFImage/placed(nx:ny:pixscale:)``).
    public init(instrument: Instrument, nx: Int, ny: Int, nz: Int, spectral: SpectralAxis, pixscale: Double) throws {
        self.init(lsf: try instrument.requiredLSF().profile(spectral: spectral, channels: nz),
                  psf: try instrument.requiredPSF().image(nx: nx, ny: ny, pixscale: pixscale),
                  nx: nx, ny: ny)
    }

    /// The kernel of `instrument` on the grid of `cube`.
    public init(instrument: Instrument, cube: Cube) throws {
        try self.init(instrument: instrument, nx: cube.nx, ny: cube.ny, nz: cube.nz,
                      spectral: cube.spectral, pixscale: cube.pixscale)
    }

    /// The kernel's centre voxel `(i, j, k) = (nx/2, ny/2, nz/2)`.
    public var centre: (i: Int, j: Int, k: Int) { (nx / 2, ny / 2, nz / 2) }
}
