import Foundation
import Testing
@testable import GalPaK

/// `galpak info` and `galpak simulate`'s template, spread-function and instrument options, as a
/// user runs them.
@Suite struct InfoAndSimulateCommandTests {
    private let carma = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/carma_NGC4047_crop.fits").path
    private let params = "x=6,y=5,z=21,flux=10,radius=3,inclination=45,pa=100,turnover_radius=1,"
        + "maximum_velocity=200,velocity_dispersion=20"

    @Test func infoReportsTheRadioCubesAxisAndSpreadFunctions() throws {
        let text = try CommandLineRunner.run(["info", carma, "--instrument", "alma", "--seeing", "7"])
        #expect(text.status == 0, "\(text.stderr)")
        for fragment in ["12 × 10 × 44", "velocity (VRAD), m/s", "20.0000 km/s", "FWHM 7″ (7 px)",
                         "1.00 channels", "CUNIT3 missing", "HDU 1: 4-D image 12×10×44×1"] {
            #expect(text.stdout.contains(fragment), "info does not say \(fragment)")
        }
        let json = try CommandLineRunner.run(["info", carma, "--instrument", "alma", "--seeing", "7", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let axis = try #require(object["spectral_axis"] as? [String: Any])
        #expect(axis["dv_kms"] as? Double == 20)
        #expect(axis["ctype"] as? String == "VRAD")
        #expect(object["shape_nx_ny_nz"] as? [Int] == [12, 10, 44])
        #expect((object["lsf"] as? [String: Any])?["fwhm_kms"] as? Double == 20)
        #expect((object["warnings"] as? [String])?.isEmpty == false)
    }

    /// Without --seeing the radio cube's beam is the PSF, and info says so; --seeing wins with
    /// a warning when it differs from the beam.
    @Test func infoTakesTheRadioBeamAsThePSF() throws {
        let text = try CommandLineRunner.run(["info", carma, "--instrument", "alma"])
        #expect(text.status == 0, "\(text.stderr)")
        for fragment in ["FWHM 7″ (7 px), b/a 1, PA 45°", "the cube's beam (BMAJ/BMIN/BPA)", "FK5, equinox 2000",
                         "north 0.00° anticlockwise from +y, east towards -x"] {
            #expect(text.stdout.contains(fragment), "info does not say \(fragment):\n\(text.stdout)")
        }
        let json = try CommandLineRunner.run(["info", carma, "--instrument", "alma", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["psf"] as? [String: Any])?["source"] as? String == "headerBeam")
        #expect(object["celestial_frame"] as? String == "FK5")
        let seeing = try CommandLineRunner.run(["info", carma, "--instrument", "alma", "--seeing", "5"])
        #expect(seeing.stdout.contains("FWHM 5″") && seeing.stdout.contains("the command line"))
        #expect(seeing.stdout.contains("differs from the cube's beam"), "\(seeing.stdout)")
    }

    @Test func instrumentFileReplacesThePreset() throws {
        let fixtures = Bundle.module.resourceURL!.appendingPathComponent("Fixtures")
        let tutorial = fixtures.appendingPathComponent("tutorial/GalPaK_cube_1101_from_paper.fits").path
        let file = fixtures.appendingPathComponent("reference_instrument.txt").path
        let outcome = try CommandLineRunner.run(["info", tutorial, "--instrument-file", file, "--psf-ba", "0.9"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("musewfm"))
        #expect(outcome.stdout.contains("FWHM 1″ (5 px), b/a 0.9"))
        #expect(outcome.stdout.contains("FWHM 2.53696 Angstrom"))
        let both = try CommandLineRunner.run(["info", tutorial, "--instrument-file", file, "--instrument", "kmos"])
        #expect(both.status == 2)
        #expect(both.stderr.contains("not both"))
    }

    @Test func infoRefusesAnInstrumentThatCannotServeTheCube() throws {
        // The default MUSE LSF needs a wavelength axis.
        let outcome = try CommandLineRunner.run(["info", carma])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("MUSE LSF needs a wavelength axis"))
        let harmoni = try CommandLineRunner.run(["info", carma, "--instrument", "harmoni"])
        #expect(harmoni.status == 2)
        #expect(harmoni.stderr.contains("--seeing"))
    }

    @Test func simulateLikeTakesTheTemplatesGridAndWCS() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let outcome = try CommandLineRunner.run(["simulate", "--like", carma, "--instrument", "alma", "--seeing", "7",
                                                 "--params", params, "-o", "sim.fits"], in: dir)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let fits = try FITSFile(reading: dir.appendingPathComponent("sim.fits").path)
        try fits.moveTo(hdu: 2)
        #expect(try fits.imageShape() == [12, 10, 44])
        #expect(try fits.string("CTYPE3") == "VRAD")
        #expect(try fits.double("CDELT3") == 2e4)
        #expect(try fits.string("CTYPE1") == "RA---SIN")
        #expect(try fits.double("SIM_VMAX") == 200)
        // And it reads back with the same velocity step.
        let info = try CommandLineRunner.run(["info", dir.appendingPathComponent("sim.fits").path,
                                              "--instrument", "alma", "--seeing", "7", "--json"])
        #expect(info.stdout.contains("\"dv_kms\": 20.0"))
        let both = try CommandLineRunner.run(["simulate", "--like", carma, "--shape", "5,5,5", "--params", params,
                                              "-o", "x.fits"], in: dir)
        #expect(both.status == 2)
    }

    @Test func simulateWithoutSpreadFunctionsGivesTheCleanCube() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let outcome = try CommandLineRunner.run([
            "simulate", "--shape", "12,10,44", "--params", params, "--psf", "none", "--lsf", "none",
            "--rotation-curve", "freeman", "-o", "sim.fits", "--clean", "clean.fits",
        ], in: dir)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        func read(_ name: String) throws -> [Double] {
            let fits = try FITSFile(reading: dir.appendingPathComponent(name).path)
            try fits.moveTo(hdu: 2)
            return try fits.readImage()
        }
        let (observed, clean) = (try read("sim.fits"), try read("clean.fits"))
        let peak = clean.max()!
        #expect(zip(observed, clean).allSatisfy { abs($0 - $1) < 1e-13 * peak })
        let json = try String(contentsOf: dir.appendingPathComponent("sim.json"), encoding: .utf8)
        #expect(json.contains("\"psf_fwhm_arcsec\": null") && json.contains("\"lsf_fwhm\": null"))
        #expect(json.contains("\"rotation_curve\": \"Freeman\""))
    }

    @Test func simulateInFrequencyWithTheALMAPreset() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let outcome = try CommandLineRunner.run([
            "simulate", "--shape", "12,10,40", "--params", params, "--instrument", "alma", "--pixscale", "0.15",
            "--crval3", "345.5", "--cdelt3=-0.029", "--cunit3", "GHz", "-o", "alma.fits",
        ], in: dir)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("dv 25.2211 km/s"))
        let fits = try FITSFile(reading: dir.appendingPathComponent("alma.fits").path)
        try fits.moveTo(hdu: 2)
        #expect(try fits.string("CTYPE3") == "FREQ")
        #expect(try fits.string("CUNIT3") == "GHz")
        let mass = try CommandLineRunner.run(["simulate", "--shape", "8,8,8", "--params", params,
                                              "--rotation-curve", "mass", "--flux-profile", "sersic2", "-o", "m.fits"], in: dir)
        #expect(mass.status == 2)
        #expect(mass.stderr.contains("mass rotation curve"))
    }
}
