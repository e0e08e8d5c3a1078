import Testing
@testable import GalPaK

@Suite struct Kernel3DTests {
    /// The MUSE instrument of the parity cases with the given PSF and LSF.
    private func kernel(psf: PointSpreadFunction, lsf: LineSpreadFunction = .muse,
                        nx: Int, ny: Int, nz: Int) throws -> Kernel3D {
        let instrument = Instrument(name: "muse", psf: psf, lsf: lsf, defaults: Instrument.muse.defaults)
        return try Kernel3D(instrument: instrument, nx: nx, ny: ny, nz: nz, spectral: parityAxis, pixscale: 0.2)
    }

    @Test(arguments: [
        ("01_default_kernel.fits.gz", PointSpreadFunction.gaussian(fwhm: 0.8), LineSpreadFunction.muse),
        ("18_psf_elliptical_kernel.fits.gz", .gaussian(fwhm: 0.8, ba: 0.7, pa: 30), .muse),
        ("19_psf_moffat_kernel.fits.gz", .moffat(fwhm: 0.8, beta: 2.5), .muse),
        ("20_lsf_gaussian_explicit_kernel.fits.gz", .gaussian(fwhm: 0.8), .gaussian(fwhm: 3.0)),
    ])
    func matchesTheReferenceKernel(file: String, psf: PointSpreadFunction, lsf: LineSpreadFunction) throws {
        let reference = try FixtureCube(file)
        let ours = try kernel(psf: psf, lsf: lsf, nx: reference.nx, ny: reference.ny, nz: reference.nz)
        #expect((ours.nx, ours.ny, ours.nz) == (reference.nx, reference.ny, reference.nz))
        #expect(relativeL2(ours.values, reference.values) < 1e-6)
    }

    @Test(arguments: [(28, 26, 32), (27, 25, 33)])
    func peakIsAtTheCentreAndSumIsOne(nx: Int, ny: Int, nz: Int) throws {
        let k = try kernel(psf: .gaussian(fwhm: 0.8, ba: 0.7, pa: 30), nx: nx, ny: ny, nz: nz)
        let peak = k.values.indices.max { k.values[$0] < k.values[$1] }!
        #expect(peak == ((nz / 2) * ny + ny / 2) * nx + nx / 2)
        #expect(k.centre == (nx / 2, ny / 2, nz / 2))
        #expect(abs(k.values.reduce(0, +) - 1) < 1e-14)
    }
}
