import Foundation
import Testing
@testable import GalPaK

/// Where the cubes of a batch write, and how an earlier run's files are judged.
@Suite struct BatchPlanTests {
    @Test func eachCubeGetsItsOwnFolderOrItsOutputColumn() throws {
        let manifest = BatchManifest(entries: [
            .init(index: 0, cube: "/data/field1/g12.fits", origin: "t"),
            .init(index: 1, cube: "g13.fits.gz", settings: [.init(name: "output", value: "special/g13b")], origin: "t"),
            .init(index: 2, cube: "g14.fits", settings: [.init(name: "output", value: "/abs/g14")], origin: "t"),
        ])
        let plan = try BatchPlan(manifest: manifest, outdir: "out")
        #expect(plan.items.map(\.prefix) == ["out/g12/g12", "out/special/g13b", "/abs/g14"])
        #expect(plan.items[0].log == "out/g12/g12.log")
        #expect(try BatchPlan(manifest: manifest, outdir: ".").items[0].prefix == "g12/g12")
    }

    @Test func twoCubesWritingTheSamePrefixAreRefusedBeforeAnythingRuns() throws {
        let manifest = BatchManifest(entries: [
            .init(index: 0, cube: "field1/cube.fits", origin: "m.csv line 2"),
            .init(index: 1, cube: "field2/cube.fits", origin: "m.csv line 3"),
        ])
        do {
            _ = try BatchPlan(manifest: manifest, outdir: "out")
            Issue.record("two cubes were given the same prefix")
        } catch let error as GalpakError {
            #expect(error.message.contains("m.csv line 2") && error.message.contains("m.csv line 3"))
            #expect(error.message.contains("output column"))
        }
    }

    @Test func theStateOfAFitIsReadFromItsFiles() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let outputs = FitOutputs(prefix: dir.appendingPathComponent("g").path)
        #expect(FitState(of: outputs) == .absent)
        try "partial".write(toFile: outputs.chain, atomically: true, encoding: .utf8)
        #expect(FitState(of: outputs) == .partial)
        try "chain so far".write(toFile: outputs.incompleteChain, atomically: true, encoding: .utf8)
        #expect(FitState(of: outputs) == .interrupted)
        for path in outputs.all { try "x".write(toFile: path, atomically: true, encoding: .utf8) }
        // Every file present but the parameters unreadable: not complete.
        #expect(FitState(of: outputs) == .interrupted)
        let parameters = ParameterName.reference.map {
            "\"\($0.key)\": {\"value\": 1.5, \"stdev\": 0.1, \"lower\": 1.3, \"upper\": 1.7, \"rhat\": 1.01, \"ess\": \($0 == .pa ? 399 : 400)}"
        }.joined(separator: ", ")
        let json = "{\"parameters\": {\(parameters)}, \"reduced_chi2\": 1.1, \"accepted\": 40, \"stop_reason\": \"completed\""
        // The parameters readable but no list of the files: not a completion record.
        try (json + "}").write(toFile: outputs.parametersJSON, atomically: true, encoding: .utf8)
        #expect(FitState(of: outputs) == .interrupted)
        let listed = outputs.all.filter { $0 != outputs.parametersJSON }.map { OutputSet.File(path: $0, bytes: 1) }
        try (json + ", \"files\": \(CompletionRecord.json(listed))}").write(toFile: outputs.parametersJSON, atomically: true, encoding: .utf8)
        let record = try #require(FitState(of: outputs).record)
        #expect(record.parameters["velocity_dispersion"] == FitRecord.Estimate(value: 1.5, stdev: 0.1, lower: 1.3, upper: 1.7))
        #expect(record.reducedChi2 == 1.1)
        #expect(record.accepted == 40)
        #expect(record.maxRHat == 1.01)
        // Converged needs R-hat <= 1.01 and ESS >= 400 for every free parameter: pa's 399 fails.
        #expect(record.minESS == 399)
        #expect(record.convergence == "not converged")
        var enough = record
        enough.minESS = 400
        #expect(enough.convergence == "converged")
        enough.maxRHat = 1.011
        #expect(enough.convergence == "not converged")

        // A record is valid only while it lists every required file and each has its size.
        #expect(CompletionRecord.isComplete(record: outputs.parametersJSON, requiring: outputs.all))
        #expect(!CompletionRecord.isComplete(record: outputs.parametersJSON, requiring: outputs.all + [outputs.figure(.mcmcFigure, .png)]))
        try "xy".write(toFile: outputs.rotationCurve, atomically: true, encoding: .utf8)
        #expect(!CompletionRecord.isComplete(record: outputs.parametersJSON, requiring: outputs.all))
        try FileManager.default.removeItem(atPath: outputs.rotationCurve)
        #expect(!CompletionRecord.isComplete(record: outputs.parametersJSON, requiring: outputs.all))
    }
}
