import Foundation
import Testing
@testable import GalPaK

/// `galpak compare`: fits of one simulated cube with the true and a wrong flux profile are
/// ranked by BIC with the true one preferred, and fits whose χ² are not sums over the same terms
/// (other voxels, another noise model) are refused with a message naming what differs.
@Suite struct CompareCommandTests {
    static let truth = "x=9.6,y=10.3,z=10.2,flux=800,radius=3.5,inclination=55,pa=120,turnover_radius=1.2,"
        + "maximum_velocity=170,velocity_dispersion=45"

    /// A directory with `sim.fits` (an exponential disk) and the `--optimize` fits named by the
    /// keys of `fits`, each made with the extra options given.
    static func fits(_ fits: [String: [String]]) throws -> URL {
        let dir = try TestSupport.temporaryDirectory()
        let simulate = try CommandLineRunner.run(
            ["simulate", "--shape", "20,20,20", "--params", truth, "--seeing", "0.5", "--snr", "20", "--seed", "5",
             "-o", "sim.fits"], in: dir)
        #expect(simulate.status == 0, "\(simulate.stderr)")
        for (prefix, options) in fits.sorted(by: { $0.key < $1.key }) {
            let fit = try CommandLineRunner.run(
                ["fit", "sim.fits", "--seeing", "0.5", "--optimize", "--no-plots", "--quiet", "-o", prefix] + options, in: dir)
            #expect(fit.status == 0, "\(prefix): \(fit.stderr)")
        }
        return dir
    }

    @Test func theTrueProfileIsPreferredAndTheFilesNumbersAreTabulated() throws {
        let dir = try Self.fits(["exponential": [], "gaussian": ["--flux-profile", "gaussian"]])
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = try CommandLineRunner.run(["compare", "gaussian", "exponential"], in: dir)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("preferred by the BIC: exponential"), "\(text.stdout)")
        #expect(text.stdout.contains("very strong evidence for exponential"), "\(text.stdout)")
        #expect(text.stdout.contains("AIC agrees; DIC agrees"))

        let json = try CommandLineRunner.run(["compare", "gaussian", "exponential", "--json"], in: dir)
        #expect(json.status == 0, "\(json.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((report["preferred"] as? [String: Any])?["bic"] as? String == "exponential")
        let rows = try #require(report["fits"] as? [[String: Any]])
        // Each row's BIC is the one the fit wrote, and ΔBIC their difference.
        var bic: [String: Double] = [:]
        for row in rows {
            let prefix = try #require(row["prefix"] as? String)
            let data = try #require(FileManager.default.contents(atPath: dir.appendingPathComponent("\(prefix)_galaxy_parameters.json").path))
            let fit = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let statistics = try #require(fit["statistics"] as? [String: Any])
            bic[prefix] = try #require(statistics["bic"] as? Double)
            #expect(row["bic"] as? Double == bic[prefix])
            // BIC = χ²(p̂) + k ln N, recomputed from the file's own numbers.
            let chi2 = try #require(statistics["chi2_at_estimate"] as? Double)
            let k = try #require(fit["free_parameters"] as? Int), n = try #require(statistics["voxels_total"] as? Int)
            #expect(abs(bic[prefix]! - (chi2 + Double(k) * log(Double(n)))) < 1e-6 * bic[prefix]!)
        }
        let gaussianRow = try #require(rows.first { $0["prefix"] as? String == "gaussian" })
        #expect(abs((gaussianRow["delta_bic"] as? Double ?? .nan) - (bic["gaussian"]! - bic["exponential"]!)) < 1e-9 * bic["gaussian"]!)
        #expect(gaussianRow["bic_grade"] as? String == BayesFactorScale.veryStrong.rawValue)
    }

    @Test func fitsOfOtherVoxelsOrAnotherNoiseModelAreRefused() throws {
        let dir = try Self.fits(["plain": [], "channels": ["--channels", "2:18"], "beam": ["--noise-correlation", "4"]])
        defer { try? FileManager.default.removeItem(at: dir) }
        let channels = try CommandLineRunner.run(["compare", "plain", "channels"], in: dir)
        #expect(channels.status == 2 && channels.stderr.contains("channels and plain did not fit the same data"), "\(channels.stderr)")
        let beam = try CommandLineRunner.run(["compare", "plain", "beam"], in: dir)
        #expect(beam.status == 2 && beam.stderr.contains("used different noise models"), "\(beam.stderr)")
        let once = try CommandLineRunner.run(["compare", "plain"], in: dir)
        #expect(once.status == 2 && once.stderr.contains("at least two fits"), "\(once.stderr)")
        let twice = try CommandLineRunner.run(["compare", "plain", dir.appendingPathComponent("plain").path], in: dir)
        #expect(twice.status == 2 && twice.stderr.contains("is the same fit as"), "\(twice.stderr)")
        let missing = try CommandLineRunner.run(["compare", "plain", "nothing"], in: dir)
        #expect(missing.status == 2 && missing.stderr.contains("nothing_galaxy_parameters.json: cannot be read"), "\(missing.stderr)")
        // A parameters file without statistics (as galpak chain writes) is not a fit to compare.
        let chainJSON = dir.appendingPathComponent("old_galaxy_parameters.json")
        try #"{"schema_version": 1, "parameters": {}}"#.write(to: chainJSON, atomically: true, encoding: .utf8)
        let old = try CommandLineRunner.run(["compare", "plain", "old"], in: dir)
        #expect(old.status == 2 && old.stderr.contains("has no statistics"), "\(old.stderr)")
    }
}
