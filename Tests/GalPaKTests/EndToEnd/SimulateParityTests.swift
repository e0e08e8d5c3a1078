import Foundation
import Testing
@testable import GalPaK

/// Every parity case rendered by `galpak simulate` from its JSON inputs: the clean cube, the
/// linearly convolved cube and the 3-D kernel against GalPaK3D 1.35.2's (issue "done when":
/// relative L2 error below 1e-3; they agree to the float32 rounding of the stored files, and
/// are held to ``parityTolerance``).
@Suite struct SimulateParityTests {
    static let cases: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: ParityFixture.directory.path)) ?? []
        return files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }()

    @Test func everyCaseOfTheReferenceIsCovered() {
        #expect(Self.cases.count == 27, "\(Self.cases)")
    }

    @Test(arguments: cases)
    func simulateReproducesTheReference(_ name: String) throws {
        let fixture = try ParityFixture(name)
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let outcome = try CommandLineRunner.run(try Self.arguments(fixture) + [
            "-o", "convolved.fits", "--clean", "clean.fits", "--kernel", "kernel.fits",
        ], in: dir)
        try #require(outcome.status == 0, "\(outcome.stderr)")
        func read(_ file: String) throws -> [Double] {
            let fits = try FITSFile(reading: dir.appendingPathComponent(file).path)
            try fits.moveTo(hdu: 2)
            return try fits.readImage()
        }
        let clean = relativeL2(try read("clean.fits"), try fixture.image("clean"))
        let convolved = relativeL2(try read("convolved.fits"), try fixture.image("convolved_linear"))
        let kernel = relativeL2(try read("kernel.fits"), try FixtureCube("\(name)_kernel.fits.gz").values)
        print(String(format: "parity %-26@ clean %.2e  convolved %.2e  kernel %.2e", name, clean, convolved, kernel))
        #expect(clean < parityTolerance)
        #expect(convolved < parityTolerance)
        #expect(kernel < parityTolerance)
    }

    /// The `galpak simulate` command line that renders `fixture`: its grid and spectral axis,
    /// parameters, model options, and the instrument preset with only the PSF/LSF options that
    /// differ from the preset's defaults (so the presets are checked too). For the frequency case
    /// the PA is turned by 180° (parity README: physical velocity sign).
    static func arguments(_ fixture: ParityFixture) throws -> [String] {
        let json = fixture.json
        let cube = json["cube"] as! [String: Any]
        let model = json["model"] as! [String: Any]
        let instrument = json["instrument"] as! [String: Any]
        let psf = instrument["psf"] as! [String: Any]
        let lsf = instrument["lsf"] as! [String: Any]
        let (nx, ny, nz) = fixture.shape
        var p = fixture.parameters
        if (cube["CTYPE3"] as! String) == "FREQ" { p[.pa] += 180 }
        let params = ParameterName.reference.map { "\($0.key)=\(p[$0])" }.joined(separator: ",")
        let name = (instrument["name"] as! String).lowercased()
        let preset = try #require(Instrument.preset(named: name))
        var args = [
            "simulate", "--shape", "\(nx),\(ny),\(nz)", "--params", params, "--instrument", name,
            "--pixscale=\(cube["pixscale_arcsec"] as! Double)", "--crval3=\(cube["CRVAL3"] as! Double)",
            "--cdelt3=\(cube["CDELT3"] as! Double)", "--crpix3=\(cube["CRPIX3"] as! Double)",
            "--cunit3", cube["CUNIT3"] as! String,
            "--flux-profile", model["flux_profile"] as! String, "--rotation-curve", model["rotation_curve"] as! String,
            "--thickness", model["thickness_profile"] as! String, "--dispersion", model["dispersion_profile"] as! String,
            "--aspect=\(model["aspect_q"] as! Double)",
        ]
        if let line = model["line"] as? [String: [Double]] {
            // The reference's doublet is --doublet oii (a --line set places its lines by their
            // own velocity steps, which the reference does not).
            let oii = LineDoublet.oii
            #expect(line["wave"]! == [oii.wavelengths.blue, oii.wavelengths.red] && line["ratio"]! == [oii.ratios.blue, oii.ratios.red])
            args += ["--doublet", "oii"]
        }
        let (fwhm, ba, pa) = (psf["fwhm_arcsec"] as! Double, psf["ba"] as! Double, psf["pa_deg"] as! Double)
        if (psf["type"] as! String) == "moffat" {
            args += ["--psf", "moffat", "--moffat-beta=\(psf["beta"] as! Double)", "--seeing=\(fwhm)"]
        } else if preset.psf != .gaussian(fwhm: fwhm, ba: ba, pa: pa) {
            args += ["--seeing=\(fwhm)", "--psf-ba=\(ba)", "--psf-pa=\(pa)"]
        }
        let source = lsf["source"] as! String
        if !source.contains("MUSE") && !source.contains("1 channel") {
            let width = lsf["fwhm_cunit3"] as! Double
            if preset.lsf != .gaussian(fwhm: width, unit: SpectralUnit(fits: cube["CUNIT3"] as! String)) {
                args += ["--lsf-fwhm=\(width)"]
            }
        }
        return args
    }
}
