import Foundation
import Testing
@testable import GalPaK

/// The whole fit on simulated noisy cubes: known parameters must be recovered.
@Suite struct FitPipelineTests {
    @Test func recoversKnownParametersFromASimulatedCube() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var options = FitOptions(cubePath: try TestSupport.simulatedCube(in: dir),
                                 outputPrefix: dir.appendingPathComponent("fit").path)
        options.instrument = Instrument.museWFM.withSeeing(0.7)
        options.iterations = 2000
        options.chains = 2
        let result = try FitPipeline.run(options)
        let e = result.summary.estimate
        // Each parameter within 4σ (or a small absolute floor) of the truth.
        for name in ParameterName.reference {
            let tolerance = Swift.max(4 * e.stdev[name], 0.02 * Swift.abs(TestSupport.truth[name]))
            #expect(Swift.abs(e.value[name] - TestSupport.truth[name]) < tolerance,
                    "\(name.key): \(e.value[name]) ± \(e.stdev[name]) vs true \(TestSupport.truth[name])")
        }
        #expect(abs(result.statistics.reducedChi2AtEstimate - 1) < 0.05)
        #expect(result.sampling.progress.accepted == 4000)
        #expect(result.runs.allSatisfy { $0.result.progress.accepted == 2000 })
        // Every output exists and the JSON parses with all ten parameters.
        for path in FitOutputs(prefix: options.outputPrefix).all {
            #expect(FileManager.default.fileExists(atPath: path), "\(path) missing")
        }
        let json = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: options.outputPrefix + "_galaxy_parameters.json"))) as! [String: Any]
        let parameters = json["parameters"] as! [String: [String: Any]]
        #expect(Set(parameters.keys) == Set(ParameterName.reference.map(\.key)))
        #expect(json["accepted"] as? Int == 4000)
        #expect(json["chains"] as? Int == 2)
        // Tuned chains (the default) use all their draws: they record them only once tuned.
        #expect(json["sampling"] as? String == "tuned" && json["fraction"] as? Double == 100 && result.summary.fraction == 100)
        #expect(parameters["x"]?["rhat"] is Double && parameters["x"]?["ess"] is Double)
        // The chains agree on this well-constrained cube.
        for name in [ParameterName.x, .y, .z, .inclination, .pa] {
            #expect(result.convergence.rHat[name] < 1.2, "\(name.key) R-hat \(result.convergence.rHat[name])")
        }
    }
}
