import Foundation
import Testing
@testable import GalPaK

/// Every FITS product of a fit read by astropy (`scripts/check_products_astropy.py`), a reader
/// independent of galpak's cfitsio and wcslib calls: each file passes astropy's verification,
/// the model cubes carry the cube's full WCS, every map (Voronoi bins and residual maps
/// included) its celestial WCS, and the position–velocity diagrams their offset and velocity
/// axes, checked against the cube's spectral WCS as astropy reads it.
@Suite struct AstropyProductTests {
    @Test(.enabled(if: AstropyPython.path != nil,
                   "no python3 with astropy (Debian package python3-astropy; CI installs it): the products are not read with astropy"))
    func everyProductOpensInAstropyWithTheCubesWCS() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cube = try TestSupport.simulatedCube(in: dir)
        let prefix = dir.appendingPathComponent("galaxy").path
        let fit = try CommandLineRunner.run(["fit", "sim.fits", "--seeing", "0.7", "--optimize", "--voronoi-snr", "8",
                                             "--no-plots", "-o", "galaxy"], in: dir)
        #expect(fit.status == 0, "\(fit.stderr)")

        let checked = try AstropyPython.runScript("check_products_astropy.py", [prefix, cube])
        #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
        // 3 model cubes; 12 maps (true, observed, data: flux, velocity, dispersion; 2 residual
        // maps; the Voronoi bins); 2 PV diagrams; the kernel.
        #expect(checked.stdout.contains("checked 3 cube, 12 map, 2 pv, 1 other"), "\(checked.stdout)")

        // A map shifted on the sky by 0.036″ is caught, naming the file.
        let map = FitOutputs(prefix: prefix).map("data", "vel")
        let crval = try #require(try FITSImage(path: map).number("CRVAL1"))
        try TestFITS.patchCard("CRVAL1", value: String(crval + 1e-5), in: map)
        let broken = try AstropyPython.runScript("check_products_astropy.py", [prefix, cube])
        #expect(broken.status == 1 && broken.stdout.contains("galaxy_data_vel_map.fits: the celestial WCS differs"),
                "\(broken.stdout)\(broken.stderr)")
    }
}
