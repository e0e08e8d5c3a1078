import Foundation
import Testing
@testable import GalPaK

/// `galpak fit --seeing VALUE:SIGMA`: a seeing known to ±10 % is recovered from a noisy cube as
/// the nuisance parameter `psf_fwhm`, the other parameters within their errors, and the size
/// and inclination errors grow against a fit at a fixed seeing; the chain file carries it after
/// the `chain` column; what cannot work is refused in one line.
@Suite struct PSFWidthFitTests {
    static let truth = "x=10.4,y=9.7,z=11.3,flux=900,radius=3.5,inclination=60,pa=35,turnover_radius=1.2,"
        + "maximum_velocity=180,velocity_dispersion=40"

    /// A noisy 20×20×24 cube simulated at a 0.8″ seeing, in a new directory.
    static func simulated() throws -> URL {
        let dir = try TestSupport.temporaryDirectory()
        let simulate = try CommandLineRunner.run(
            ["simulate", "--shape", "20,20,24", "--params", truth, "--seeing", "0.8", "--snr", "20", "--seed", "7",
             "-o", "sim.fits"], in: dir)
        #expect(simulate.status == 0, "\(simulate.stderr)")
        return dir
    }

    @Test func aSeeingKnownToTenPercentIsRecoveredAndWidensTheErrors() throws {
        let dir = try Self.simulated()
        defer { try? FileManager.default.removeItem(at: dir) }
        let free = try CommandLineRunner.run(
            ["fit", "sim.fits", "--seeing", "0.88:0.088", "--optimize", "--no-plots", "-o", "free"], in: dir)
        #expect(free.status == 0, "\(free.stderr)")
        let fixed = try CommandLineRunner.run(["fit", "sim.fits", "--seeing", "0.8", "--optimize", "--no-plots", "-o", "fixed"], in: dir)
        #expect(fixed.status == 0, "\(fixed.stderr)")
        let p = try SersicFitTests.parameters(dir.appendingPathComponent("free_galaxy_parameters.json").path)
        let q = try SersicFitTests.parameters(dir.appendingPathComponent("fixed_galaxy_parameters.json").path)
        let psf = try #require(p["psf_fwhm"])
        #expect(abs(psf.value - 0.8) < 3 * psf.stdev && psf.stdev < 0.088, "psf_fwhm \(psf.value) ± \(psf.stdev)")
        for item in Self.truth.split(separator: ",") {
            let pair = item.split(separator: "=")
            let (name, value) = (String(pair[0]), Double(pair[1])!)
            let e = try #require(p[name])
            #expect(abs(e.value - value) < 3 * e.stdev, "\(name) \(e.value) ± \(e.stdev) vs \(value)")
        }
        for name in ["radius", "inclination"] {
            #expect(p[name]!.stdev > 1.05 * q[name]!.stdev, "\(name): ± \(p[name]!.stdev) free, ± \(q[name]!.stdev) fixed")
        }
        #expect(q["psf_fwhm"] == nil)
        let json = try JSONValue.parse(String(contentsOf: dir.appendingPathComponent("free_galaxy_parameters.json"), encoding: .utf8))
        #expect(try JSONSchemaTests.validator("galpak-parameters.schema.json").errors(in: json) == [])
        #expect(json["parameters"]?["psf_fwhm"]?["unit"] == .string("arcsec"))
        let text = try String(contentsOf: dir.appendingPathComponent("free_run_parameters.txt"), encoding: .utf8)
        #expect(text.contains("psf=0.880:0.088"), "the prior is recorded with the other priors")
    }

    @Test func theChainCarriesTheWidthAfterTheChainColumn() throws {
        let dir = try Self.simulated()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fit = try CommandLineRunner.run(
            ["fit", "sim.fits", "--seeing", "0.88:0.088", "--sampling", "cauchy", "--iterations", "40", "--chains", "1",
             "--no-plots", "-o", "f"], in: dir)
        #expect(fit.status == 0, "\(fit.stderr)")
        let chainPath = dir.appendingPathComponent("f_chain.dat").path
        let header = try String(contentsOfFile: chainPath, encoding: .utf8).split(separator: "\n")[0]
            .split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        #expect(Array(header.suffix(4)) == ["reduced_chi", "weight", "chain", "psf_fwhm"])
        let chains = try ChainFile.read(path: chainPath)
        #expect(chains[0].column(.psfFWHM).allSatisfy { $0 >= 0.44 && $0 <= 1.32 })
    }

    @Test func combinationsThatCannotWorkAreRefused() throws {
        let dir = try Self.simulated()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FITSWriter.write([0, 1, 0, 1, 4, 1, 0, 1, 0], shape: [3, 3], to: dir.appendingPathComponent("psf.fits").path)
        let carma = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/carma_NGC4047_crop.fits").path
        let cases: [([String], [String])] = [
            (["fit", "sim.fits", "--seeing", "0.8:0"], ["--seeing", "SIGMA", "(0, 3600]"]),
            (["fit", "sim.fits", "--seeing", "0.8:-0.1"], ["--seeing", "SIGMA"]),
            (["fit", "sim.fits", "--seeing", "0.8:x"], ["--seeing", "VALUE:SIGMA"]),
            (["fit", "sim.fits", "--seeing", "0.8:0.1", "--psf", "none"], ["--seeing 0.8:0.1", "--psf none"]),
            (["fit", "sim.fits", "--seeing", "0.8:0.1", "--psf", "psf.fits"], ["--seeing 0.8:0.1", "PSF image"]),
            (["fit", "sim.fits", "--seeing", "0.8:0.1", "--prior", "psf_fwhm=0.8:0.1"], ["--prior psf_fwhm", "--seeing VALUE:SIGMA"]),
            (["fit", "sim.fits", "--fix", "psf_fwhm=0.8"], ["psf_fwhm", "--seeing VALUE:SIGMA"]),
            (["fit", carma, "--instrument", "alma", "--seeing", "7:0.5"], ["BMAJ", "drop --seeing", "fixed --seeing"]),
            (["simulate", "--shape", "10,10,10", "--params", Self.truth, "--seeing", "0.8:0.1", "-o", "s.fits"],
             ["fixed FWHM", "VALUE:SIGMA"]),
        ]
        for (arguments, words) in cases {
            let run = try CommandLineRunner.run(arguments + (arguments[0] == "fit" ? ["--no-plots", "-o", "r"] : []), in: dir)
            let lines = run.stderr.split(separator: "\n").filter { $0.hasPrefix("galpak: error") || $0.hasPrefix("Error") }
            #expect(run.status == 2 && words.allSatisfy { run.stderr.contains($0) } && lines.count == 1,
                    "\(arguments.joined(separator: " ")): \(run.status) \(run.stderr)")
        }
    }
}
