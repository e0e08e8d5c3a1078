/// The instrument kernel as a function of the PSF's FWHM w, for a fit whose `psf_fwhm` is free
/// (``PSFWidthPrior``):
///
///     K_w[k, j, i] = LSF[k] · PSF_w[j, i]
///
/// on a grid of `nx × ny × nz` voxels centred in a whole cube's grid (the whole grid, or a crop
/// box's: ``cropped(nx:ny:nz:)``). PSF_w is the instrument's profile at FWHM w (shape, b/a, angle
/// and Moffat β kept: ``PointSpreadFunction/withFWHM(_:)``) evaluated on the **whole** grid's
/// pixel centres and normalised to unit sum there, as ``Kernel3D`` does; so ``kernel(fwhm:)`` is,
/// value for value, `Kernel3D(instrument: instrument.withSeeing(w), cube:)` cropped to the grid
/// (``Kernel3D/cropped(nx:ny:nz:)``).
///
/// ``PSFWidthConvolution`` rebuilds its convolution from these numbers at every new w without
/// allocating: the separable factors (``axisProfiles(fwhm:x:y:)``) or the image
/// (``image(fwhm:into:)``).
public struct PSFWidthKernel: Sendable {
    /// The PSF's profile, at the nominal FWHM.
    public let psf: PointSpreadFunction
    /// The nominal FWHM (the prior's mean), arcsec: the width of a parameter set without `psf_fwhm`.
    public let nominal: Double
    /// The largest FWHM the convolution is sized for, arcsec (the upper bound of `psf_fwhm`):
    /// a larger one is cut to that width's support (never asked for by a sampler, which rejects
    /// it first).
    public let maximum: Double
    /// The LSF on this grid's channels (the whole cube's profile around its centre, not renormalised).
    public let lsf: [Double]
    /// This grid's shape.
    public let nx: Int, ny: Int, nz: Int
    /// The whole cube's image shape, over which the PSF is normalised.
    public let wholeNX: Int, wholeNY: Int
    /// Arcsec per pixel.
    public let pixscale: Double

    /// The kernels of `instrument` with its PSF at any FWHM up to `maximum`, on the grid of `cube`.
    /// - Throws: ``GalpakError`` `.badInput` when the PSF is not a Gaussian or Moffat profile
    ///   (``PSFWidthPrior/check(_:)``) or the LSF cannot be used on this cube.
    public init(instrument: Instrument, cube: Cube, prior: PSFWidthPrior, maximum: Double) throws {
        try prior.check(instrument.psf)
        psf = instrument.psf!.withFWHM(prior.fwhm)
        nominal = prior.fwhm
        self.maximum = Swift.max(maximum, prior.fwhm)
        lsf = try instrument.requiredLSF().profile(spectral: cube.spectral, channels: cube.nz)
        (nx, ny, nz) = (cube.nx, cube.ny, cube.nz)
        (wholeNX, wholeNY) = (cube.nx, cube.ny)
        pixscale = cube.pixscale
    }

    private init(_ family: PSFWidthKernel, nx: Int, ny: Int, nz: Int) {
        psf = family.psf
        nominal = family.nominal
        maximum = family.maximum
        let start = family.nz / 2 - nz / 2
        lsf = Array(family.lsf[start..<(start + nz)])
        (self.nx, self.ny, self.nz) = (nx, ny, nz)
        (wholeNX, wholeNY) = (family.wholeNX, family.wholeNY)
        pixscale = family.pixscale
    }

    /// The same kernels on a smaller grid of `nx × ny × nz` around the centre (a crop box's),
    /// as ``Kernel3D/cropped(nx:ny:nz:)`` cuts a kernel.
    /// - Precondition: the grid is no larger than this one.
    public func cropped(nx cx: Int, ny cy: Int, nz cz: Int) -> PSFWidthKernel {
        precondition(cx <= nx && cy <= ny && cz <= nz, "a cropped kernel must be smaller")
        return PSFWidthKernel(self, nx: cx, ny: cy, nz: cz)
    }

    /// The kernel at FWHM `fwhm` arcsec (allocates: for set-up and outputs).
    public func kernel(fwhm: Double) -> Kernel3D {
        var image = [Double](repeating: 0, count: nx * ny)
        image.withUnsafeMutableBufferPointer { self.image(fwhm: fwhm, into: $0) }
        return Kernel3D(lsf: lsf, psf: image, nx: nx, ny: ny)
    }

    /// The PSF at FWHM `fwhm` arcsec on this grid (x fastest), normalised over the whole grid,
    /// into `image` (`nx·ny` values). `wholeNX·wholeNY` profile evaluations; allocation-free.
    public func image(fwhm: Double, into image: UnsafeMutableBufferPointer<Double>) {
        let window = (wholeNX / 2 - nx / 2, wholeNY / 2 - ny / 2, nx, ny)
        AnalyticPSF(psf.withFWHM(fwhm), pixscale: pixscale).normalisedImage(nx: wholeNX, ny: wholeNY, into: image,
                                                                            window: window)
    }

    /// The profile at FWHM `fwhm` along this grid's centre row, `x[i] = P(nx/2 − i, 0)` (`nx`
    /// values), and column, `y[j] = P(0, ny/2 − j)` (`ny` values), each 1 at the centre, and the
    /// normalised PSF's centre value `1/(Σx·Σy)` with the sums over the whole grid's row and
    /// column: for a separable profile (a Gaussian with its axes along x and y) the normalised
    /// PSF is `x[i]·y[j]` times it. `wholeNX + wholeNY + nx + ny` evaluations; allocation-free.
    public func axisProfiles(fwhm: Double, x: UnsafeMutableBufferPointer<Double>,
                             y: UnsafeMutableBufferPointer<Double>) -> Double {
        precondition(x.count == nx && y.count == ny, "the profiles do not match the grid")
        let profile = AnalyticPSF(psf.withFWHM(fwhm), pixscale: pixscale)
        var (sumX, sumY) = (0.0, 0.0)
        for i in 0..<wholeNX { sumX += profile.value(dx: Double(wholeNX / 2 - i), dy: 0) }
        for j in 0..<wholeNY { sumY += profile.value(dx: 0, dy: Double(wholeNY / 2 - j)) }
        for i in 0..<nx { x[i] = profile.value(dx: Double(nx / 2 - i), dy: 0) }
        for j in 0..<ny { y[j] = profile.value(dx: 0, dy: Double(ny / 2 - j)) }
        return 1 / (sumX * sumY)
    }
}
