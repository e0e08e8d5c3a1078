import Foundation
import Testing
@testable import GalPaK

/// `galpak fit` of the real CARMA CO crop without --seeing: the header beam is the PSF
/// (`PREFIX_instrument.txt` says 7″), the sky results are in the cube's FK5 J2000 frame with
/// the VRAD axis's radio velocity, the outputs keep the beam, RESTFREQ and SPECSYS where they
/// apply, and every FITS output passes fitsverify without a warning.
@Suite struct RadioCubeFitTests {
    static let carma = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/carma_NGC4047_crop.fits").path

    @Test func radioFitUsesTheBeamAndReportsInTheSkyFrame() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let prefix = dir.appendingPathComponent("carma").path
        let outcome = try CommandLineRunner.run(["fit", Self.carma, "--instrument", "alma", "--iterations", "100",
                                                 "--sampling", "cauchy", "--chains", "1", "--no-plots", "-o", prefix])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("Sky frame (FK5, equinox 2000"), "\(outcome.stdout)")
        #expect(outcome.stdout.contains("north is up and east left"))
        let outputs = FitOutputs(prefix: prefix)
        let instrument = try String(contentsOfFile: outputs.instrument, encoding: .utf8)
        #expect(instrument.contains("fwhm         = 7.0 \"") && instrument.contains("pa           = 45.0 °"), "\(instrument)")

        let json = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: outputs.parametersJSON))) as? [String: Any])
        let sky = try #require(json["sky"] as? [String: Any])
        let z = try #require((json["parameters"] as? [String: [String: Any]])?["z"]?["value"] as? Double)
        #expect(sky["velocity_definition"] as? String == "radio")
        #expect(abs((sky["systemic_velocity_kms"] as? Double ?? 0) - (2980 + 20 * z)) < 1e-6)
        #expect(sky["frame"] as? String == "FK5" && sky["equinox"] as? Double == 2000)

        func header(_ path: String) throws -> FITSFile {
            let file = try FITSFile(reading: path)
            try file.moveTo(hdu: 2)
            return file
        }
        let convolved = try header(outputs.convolvedCube)
        #expect(try convolved.double("BMAJ").map { abs($0 * 3600 - 7) < 1e-9 } == true)
        #expect(try convolved.string("SPECSYS") == "LSRK" && convolved.double("RESTFREQ") == 1.15271204e11)
        #expect(try convolved.double("EQUINOX") == 2000 && convolved.rawValue("EPOCH") == nil)
        #expect(try convolved.double("VSYS").map { abs($0 - (2980 + 20 * z)) < 1e-6 } == true)
        #expect(try header(outputs.deconvolvedCube).rawValue("BMAJ") == nil)
        #expect(try header(outputs.map("obs", "vel")).rawValue("BMAJ") != nil)
        #expect(try header(outputs.map("true", "vel")).rawValue("BMAJ") == nil)
        #expect(try header(outputs.map("true", "vel")).rawValue("PA_EON") != nil)

        guard let verifier = FitsVerify.path else { return }
        let fits = outputs.all.filter { $0.hasSuffix(".fits") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: verifier)
        process.arguments = ["-q"] + fits
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(output.components(separatedBy: "verification OK: ").count - 1 == fits.count
                && !output.contains("warning"), "\(output)")
    }
}
