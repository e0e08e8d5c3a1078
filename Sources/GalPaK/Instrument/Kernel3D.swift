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

    /// This kernel on a smaller grid of `nx × ny × nz` (a cropped cube's): the values at offsets
    /// −n/2 … (n − 1 − n/2) from the centre on each axis, unchanged and not renormalised, so that
    /// a convolution on the small grid gives, voxel for voxel, the full kernel's convolution of
    /// the same input, except for flux carried more than half the small grid's size (kernel
    /// values a grid of a few kernel widths leaves out: the Gaussian tail beyond 2.5 FWHM is
    /// below 1e-7 of the peak).
    /// - Precondition: the grid is no larger than this kernel's.
    public func cropped(nx cx: Int, ny cy: Int, nz cz: Int) -> Kernel3D {
        precondition(cx <= nx && cy <= ny && cz <= nz, "a cropped kernel must be smaller")
        let (ox, oy, oz) = (nx / 2 - cx / 2, ny / 2 - cy / 2, nz / 2 - cz / 2)
        var cut = [Double]()
        cut.reserveCapacity(cx * cy * cz)
        for k in 0..<cz {
            for j in 0..<cy {
                let row = ((k + oz) * ny + j + oy) * nx + ox
                cut.append(contentsOf: values[row..<(row + cx)])
            }
        }
        return Kernel3D(nx: cx, ny: cy, nz: cz, values: cut)
    }

    private init(nx: Int, ny: Int, nz: Int, values: [Double]) {
        self.nx = nx
        self.ny = ny
        self.nz = nz
        self.values = values
    }

    /// The kernel's centre voxel `(i, j, k) = (nx/2, ny/2, nz/2)`.
    public var centre: (i: Int, j: Int, k: Int) { (nx / 2, ny / 2, nz / 2) }
}
