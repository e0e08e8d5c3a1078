import Foundation
import Testing
@testable import GalPaK

/// `galpak fit --sampling nested` end to end on a small simulated cube (few free parameters,
/// few live points, so that the debug build takes seconds): the truth is recovered, the JSON
/// carries the evidence and no chain diagnostics, the chain file holds the weighted draws that
/// `galpak chain` reads back, `galpak compare` ranks two models by their evidence, and the
/// options that only mean something for chains are refused.
@Suite struct NestedFitCommandTests {
    static let truth = ["x": 7.4, "y": 7.6, "z": 7.2, "flux": 600, "radius": 2.5, "inclination": 55, "pa": 120,
                        "turnover_radius": 0.8, "maximum_velocity": 170, "velocity_dispersion": 45]
    static var truthText: String { truth.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",") }
    /// The free parameters: the rest are held at the truth.
    static let free = ["flux", "radius", "maximum_velocity", "velocity_dispersion"]
    static var fixText: String {
        truth.filter { !free.contains($0.key) }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }

    static func json(_ url: URL) throws -> [String: Any] {
        let data = try #require(FileManager.default.contents(atPath: url.path))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func theDrawsRecoverTheTruthAndCarryTheEvidence() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let simulate = try CommandLineRunner.run(["simulate", "--shape", "14,14,14", "--params", Self.truthText,
                                                  "--seeing", "0.5", "--snr", "15", "--seed", "3", "-o", "sim.fits"], in: dir)
        #expect(simulate.status == 0, "\(simulate.stderr)")
        let common = ["--seeing", "0.5", "--fix", Self.fixText, "--sampling", "nested", "--live-points", "40",
                      "--no-plots", "--quiet"]
        for (prefix, profile) in [("exp", "exponential"), ("gau", "gaussian")] {
            let fit = try CommandLineRunner.run(["fit", "sim.fits", "--flux-profile", profile, "-o", prefix] + common, in: dir)
            #expect(fit.status == 0, "\(fit.stderr)")
        }
        let json = try Self.json(dir.appendingPathComponent("exp_galaxy_parameters.json"))
        #expect(json["estimator"] as? String == "nested")
        let evidence = try #require(json["evidence"] as? [String: Any])
        let lnZ = try #require(evidence["value"] as? Double), error = try #require(evidence["error"] as? Double)
        #expect(lnZ.isFinite && error > 0 && error < 2 && evidence["converged"] as? Bool == true)
        #expect((evidence["live_points"] as? Int) == 40 && (evidence["likelihood_calls"] as? Int ?? 0) > 40)
        let parameters = try #require(json["parameters"] as? [String: [String: Any]])
        for name in Self.free {
            let p = try #require(parameters[name])
            let value = try #require(p["value"] as? Double), stdev = try #require(p["stdev"] as? Double)
            #expect(abs(value - Self.truth[name]!) < 3.5 * stdev, "\(name) \(value) ± \(stdev) vs \(Self.truth[name]!)")
            #expect(p["rhat"] is NSNull && p["ess"] is NSNull)
        }
        // The chain file: the weighted draws, weights summing to NestedFit.weightUnits; no Geweke files.
        let chains = try ChainFile.read(path: dir.appendingPathComponent("exp_chain.dat").path)
        #expect(chains.count == 1 && chains[0].totalWeight == NestedFit.weightUnits)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("exp_galaxy_parameters_convergence.dat").path))

        // galpak chain reads the weighted draws back to the same estimate, and refuses --fraction.
        let rederived = try CommandLineRunner.run(["chain", "exp_chain.dat", "-o", "again"], in: dir)
        #expect(rederived.status == 0, "\(rederived.stderr)")
        let again = try #require(try Self.json(dir.appendingPathComponent("again_galaxy_parameters.json"))["parameters"] as? [String: [String: Any]])
        for name in Self.free { #expect(again[name]?["value"] as? Double == parameters[name]?["value"] as? Double, "\(name)") }
        let fraction = try CommandLineRunner.run(["chain", "exp_chain.dat", "-o", "part", "--fraction", "50"], in: dir)
        #expect(fraction.status == 2 && fraction.stderr.contains("weighted draws of a nested-sampling fit"), "\(fraction.stderr)")

        // The evidence prefers the true profile.
        let compare = try CommandLineRunner.run(["compare", "gau", "exp", "--json"], in: dir)
        #expect(compare.status == 0, "\(compare.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(compare.stdout.utf8)) as? [String: Any])
        #expect((report["preferred"] as? [String: Any])?["evidence"] as? String == "exp", "\(compare.stdout)")
        let rows = try #require(report["fits"] as? [[String: Any]])
        let gaussian = try #require(rows.first { $0["prefix"] as? String == "gau" })
        let lnB = try #require(gaussian["log_bayes_factor"] as? Double)
        let gaussianZ = try #require(try Self.json(dir.appendingPathComponent("gau_galaxy_parameters.json"))["evidence"] as? [String: Any])
        #expect(abs(lnB - (lnZ - (gaussianZ["value"] as? Double ?? .nan))) < 1e-9 * abs(lnZ))
        #expect(gaussian["jeffreys_grade"] as? String == JeffreysScale(logBayesFactor: lnB).rawValue)
        let text = try CommandLineRunner.run(["compare", "gau", "exp"], in: dir)
        #expect(text.stdout.contains("largest evidence: exp"), "\(text.stdout)")
    }

    @Test func optionsForChainsAreRefusedWithNestedSampling() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (extra, named) in [(["--method", "chi_sorted"], "--method"), (["--burn", "10"], "--burn"),
                               (["--iterations", "2000"], "--iterations"), (["--optimize"], "--optimize")] {
            let run = try CommandLineRunner.run(["fit", "nothing.fits", "--sampling", "nested"] + extra, in: dir)
            #expect(run.status == 2 && run.stderr.contains(named) && run.stderr.contains("--sampling nested"), "\(extra): \(run.stderr)")
        }
        let live = try CommandLineRunner.run(["fit", "nothing.fits", "--live-points", "100"], in: dir)
        #expect(live.status == 2 && live.stderr.contains("--live-points needs --sampling nested"), "\(live.stderr)")
        let few = try CommandLineRunner.run(["fit", "nothing.fits", "--sampling", "nested", "--live-points", "5"], in: dir)
        #expect(few.status == 2 && few.stderr.contains("--live-points"), "\(few.stderr)")
    }
}
