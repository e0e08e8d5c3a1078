import Foundation
import Testing
@testable import GalPaK

/// `galpak chain` on a fit's chain writes the fit's whole set of products for the re-derived
/// parameters (so that `galpak plot` shows one fit, not new titles over old maps), under the
/// fit's prefix or another; a chain without a fit beside it gets its parameter files only.
@Suite struct ChainRederivationTests {
    /// A short fit of the simulated 20×20×24 cube `dir/sim.fits` into `dir/run/galaxy`
    /// (no figures); returns its outputs.
    private func fit(in dir: URL) throws -> FitOutputs {
        _ = try TestSupport.simulatedCube(in: dir)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("run"), withIntermediateDirectories: true)
        let outcome = try CommandLineRunner.run(
            ["fit", "sim.fits", "--seeing", "0.7", "--iterations", "300", "--sampling", "cauchy", "--chains", "1",
             "-o", "run/galaxy", "--no-plots", "--quiet"], in: dir)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        return FitOutputs(prefix: dir.appendingPathComponent("run/galaxy").path)
    }

    private func contents(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    @Test func aNewMethodRederivesTheModelProductsFromTheCube() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let outputs = try fit(in: dir)
        let oldModel = try FITSImage(path: outputs.convolvedCube).values
        let oldCurve = try RotationCurveFile.read(path: outputs.rotationCurve, pixscale: 0.2).rotation
        let chain = try contents(outputs.chain)
        let identity = FileIdentity(path: outputs.chain)

        let outcome = try CommandLineRunner.run(["chain", "run/galaxy_chain.dat", "--method", "map", "--overwrite",
                                                 "--figure-format", "png"], in: dir)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let estimate = try ParameterFiles.readTable(path: outputs.parametersTable).value
        // The products are those of the new estimate, rendered from the cube the fit named.
        let cube = try CubeReader.read(path: dir.appendingPathComponent("sim.fits").path,
                                       defaults: Instrument.museWFM.defaults, warn: { _ in })
        let model = DiskModel(cube: cube, configuration: ModelConfiguration())
        let forward = ForwardModel(disk: model, kernel: try Kernel3D(instrument: Instrument.museWFM.withSeeing(0.7), cube: cube),
                                   chiSquare: ChiSquare(cube: cube, statistic: .gaussian))
        let newModel = try FITSImage(path: outputs.convolvedCube).values
        #expect(relativeL2(newModel, forward.convolvedCube(estimate)) < 1e-9)
        #expect(relativeL2(newModel, oldModel) > 1e-6, "the model cube is the old fit's")
        let profile = try RotationCurveFile.read(path: outputs.rotationCurve, pixscale: 0.2)
        let scales = model.rotationScales(for: estimate.sanitized())
        let expected = profile.radius.map { ($0 < 0 ? -1 : 1) * model.configuration.rotationCurve.speed(abs($0), scales) }
        #expect(relativeL2(profile.rotation, expected) < 1e-9)
        #expect(relativeL2(profile.rotation, oldCurve) > 1e-6, "the rotation curve is the old fit's")
        // The set is whole again: its record lists the chain, which is the same file, untouched.
        #expect(FitState(of: outputs).record != nil, "not a complete set")
        #expect(FileIdentity(path: outputs.chain) == identity)
        #expect(try contents(outputs.chain) == chain)
        let json = try #require(try JSONSerialization.jsonObject(with: contents(outputs.parametersJSON)) as? [String: Any])
        #expect(json["method"] as? String == "map")
        #expect((json["warnings"] as? [String])?.first?.contains("re-derived by galpak chain") == true)
        #expect(try String(contentsOfFile: outputs.options, encoding: .utf8).contains("method = map"))
        // Its figures were drawn, and galpak plot redraws the set, which stays complete.
        #expect(outputs.figures([.mapsFigure]).allSatisfy { !$0.hasSuffix(".png") || FileManager.default.fileExists(atPath: $0) })
        let plot = try CommandLineRunner.run(["plot", "run/galaxy", "--overwrite"], in: dir)
        #expect(plot.status == 0, "\(plot.stderr)")
        #expect(FitState(of: outputs).record != nil)
    }

    /// Without --fraction, a tuned fit's chain is re-derived with the fit's own fraction (all of
    /// each chain: 100), so the parameters are the fit's; a --fraction given wins.
    @Test func aTunedFitsChainKeepsItsOwnFraction() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try TestSupport.simulatedCube(in: dir)
        let fit = try CommandLineRunner.run(["fit", "sim.fits", "--seeing", "0.7", "--iterations", "300", "--chains", "2",
                                             "-o", "tuned", "--no-plots", "--quiet"], in: dir)
        #expect(fit.status == 0, "\(fit.stderr)")
        func json(_ prefix: String) throws -> [String: Any] {
            try JSONSerialization.jsonObject(with: contents(dir.appendingPathComponent(prefix + "_galaxy_parameters.json").path))
                as! [String: Any]
        }
        func value(_ j: [String: Any], _ name: String) -> Double? {
            ((j["parameters"] as? [String: [String: Any]])?[name])?["value"] as? Double
        }
        let original = try json("tuned")
        #expect(original["sampling"] as? String == "tuned" && original["fraction"] as? Double == 100)
        let same = try CommandLineRunner.run(["chain", "tuned_chain.dat", "-o", "same", "--no-plots"], in: dir)
        #expect(same.status == 0, "\(same.stderr)")
        let rederived = try json("same")
        #expect(rederived["fraction"] as? Double == 100)
        #expect(value(rederived, "radius") == value(original, "radius") && value(rederived, "radius") != nil)
        let part = try CommandLineRunner.run(["chain", "tuned_chain.dat", "-o", "part", "--fraction", "60", "--no-plots"], in: dir)
        #expect(part.status == 0, "\(part.stderr)")
        #expect(try json("part")["fraction"] as? Double == 60)
    }

    @Test func anotherPrefixGetsACompleteSetThatPlots() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let outputs = try fit(in: dir)
        let outcome = try CommandLineRunner.run(["chain", "run/galaxy_chain.dat", "-o", "again", "--no-plots"], in: dir)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let again = FitOutputs(prefix: dir.appendingPathComponent("again").path)
        #expect(FitState(of: again).record != nil, "not a complete set")
        #expect(try contents(again.chain) == contents(outputs.chain))
        // The same method gives the fit's model again.
        #expect(relativeL2(try FITSImage(path: again.convolvedCube).values,
                           try FITSImage(path: outputs.convolvedCube).values) < 1e-9)
        let plot = try CommandLineRunner.run(["plot", "again", "--figure-format", "png"], in: dir)
        #expect(plot.status == 0, "\(plot.stderr)")
        #expect(again.figures([.mcmcFigure, .rotationCurveFigure]).filter { $0.hasSuffix(".png") }
            .allSatisfy { FileManager.default.fileExists(atPath: $0) })
    }

    @Test func aMissingCubeIsOneLineNamingIt() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try fit(in: dir)
        try FileManager.default.moveItem(at: dir.appendingPathComponent("sim.fits"), to: dir.appendingPathComponent("moved.fits"))
        let outcome = try CommandLineRunner.run(["chain", "run/galaxy_chain.dat", "-o", "again"], in: dir)
        #expect(outcome.status == 2)
        #expect(outcome.stderr.split(separator: "\n").count == 1 && outcome.stderr.contains("sim.fits")
                && outcome.stderr.contains("--cube"), "\(outcome.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).allSatisfy { !$0.hasPrefix("again") })
        let given = try CommandLineRunner.run(["chain", "run/galaxy_chain.dat", "-o", "again", "--cube", "moved.fits",
                                               "--no-plots"], in: dir)
        #expect(given.status == 0, "\(given.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(
            with: contents(dir.appendingPathComponent("again_galaxy_parameters.json").path)) as? [String: Any])
        #expect(json["input"] as? String == "moved.fits")
    }
}
