import Foundation
import Testing
@testable import GalPaK

/// `galpak fit --sampling ensemble` end to end on a small simulated cube (four free parameters,
/// so 16 walkers): every walker is a chain of the chain file with R-hat and ESS over them, the
/// truth is recovered, and the Metropolis-only options are refused.
@Suite struct EnsembleFitCommandTests {
    @Test func theWalkersAreChainsAndRecoverTheTruth() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let truth = NestedFitCommandTests.truth
        let simulate = try CommandLineRunner.run(["simulate", "--shape", "14,14,14", "--params", NestedFitCommandTests.truthText,
                                                  "--seeing", "0.5", "--snr", "15", "--seed", "4", "-o", "sim.fits"], in: dir)
        #expect(simulate.status == 0, "\(simulate.stderr)")
        let fit = try CommandLineRunner.run(["fit", "sim.fits", "--seeing", "0.5", "--fix", NestedFitCommandTests.fixText,
                                             "--sampling", "ensemble", "--iterations", "600", "--no-plots", "--quiet", "-o", "e"],
                                            in: dir)
        #expect(fit.status == 0, "\(fit.stderr)")
        let chains = try ChainFile.read(path: dir.appendingPathComponent("e_chain.dat").path)
        #expect(chains.count == 16 && chains.allSatisfy { $0.totalWeight == 600 })
        let json = try NestedFitCommandTests.json(dir.appendingPathComponent("e_galaxy_parameters.json"))
        #expect(json["sampling"] as? String == "ensemble" && json["estimator"] as? String == "mcmc")
        #expect(json["chains"] as? Int == 16 && json["fraction"] as? Double == 60)  // walkers need a burn-in
        let parameters = try #require(json["parameters"] as? [String: [String: Any]])
        for name in NestedFitCommandTests.free {
            let p = try #require(parameters[name])
            let value = try #require(p["value"] as? Double), stdev = try #require(p["stdev"] as? Double)
            #expect(abs(value - truth[name]!) < 3.5 * stdev, "\(name) \(value) ± \(stdev) vs \(truth[name]!)")
            #expect((p["rhat"] as? Double ?? .nan) < 1.5 && (p["ess"] as? Double ?? 0) > 20, "\(name): \(p)")
        }
    }

    @Test func metropolisOnlyOptionsAreRefused() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (extra, named) in [(["--max-iterations", "5000"], "--max-iterations"), (["--resume"], "--resume"),
                               (["--min-acceptance", "5"], "--min-acceptance")] {
            let run = try CommandLineRunner.run(["fit", "nothing.fits", "--sampling", "ensemble"] + extra, in: dir)
            #expect(run.status == 2 && run.stderr.contains(named) && run.stderr.contains("--sampling ensemble"), "\(extra): \(run.stderr)")
        }
    }
}
