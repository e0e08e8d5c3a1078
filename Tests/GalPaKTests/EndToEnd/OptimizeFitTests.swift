import Foundation
import Testing
@testable import GalPaK

/// `galpak fit --optimize` on a simulated noisy cube: the mode recovers the truth, its Laplace
/// errors match the posterior's spread, and its outputs say what they are.
@Suite struct OptimizeFitTests {
    /// The parameters the cube constrains well (the turnover radius of a 3-px disk is not one).
    static let main: [ParameterName] = [.x, .y, .z, .flux, .radius, .inclination, .pa, .maximumVelocity, .velocityDispersion]

    @Test func theModeRecoversTheTruthWithErrorsLikeThePosteriors() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var options = FitOptions(cubePath: try TestSupport.simulatedCube(in: dir),
                                 outputPrefix: dir.appendingPathComponent("opt").path)
        options.instrument = Instrument.museWFM.withSeeing(0.7)
        options.estimator = .laplace
        options.plots = false
        let laplace = try FitPipeline.run(options)
        let e = laplace.summary.estimate
        for name in Self.main {
            #expect(abs(e.value[name] - TestSupport.truth[name]) < 3 * e.stdev[name],
                    "\(name.key): \(e.value[name]) ± \(e.stdev[name]) vs true \(TestSupport.truth[name])")
        }
        #expect(laplace.runs.isEmpty && laplace.mode?.covariance != nil)

        // The posterior of the same cube, sampled by the default MCMC (a fixed length, for test time).
        options.estimator = .mcmc
        options.iterations = 2000
        options.chains = 2
        options.outputPrefix = dir.appendingPathComponent("mcmc").path
        let mcmc = try FitPipeline.run(options)
        for name in Self.main {
            let ratio = e.stdev[name] / mcmc.summary.estimate.stdev[name]
            #expect(abs(ratio - 1) < 0.3, "\(name.key): Laplace σ \(e.stdev[name]) vs MCMC σ \(mcmc.summary.estimate.stdev[name])")
        }
    }

    @Test func theDefaultFitStartsItsChainsAtTheModeReproducibly() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var options = FitOptions(cubePath: try TestSupport.simulatedCube(in: dir),
                                 outputPrefix: dir.appendingPathComponent("a").path)
        options.instrument = Instrument.museWFM.withSeeing(0.7)
        options.iterations = 100
        options.chains = 2
        options.noiseCorrelation = .none
        options.plots = false
        let first = try FitPipeline.run(options)
        // Chain 0 starts at the mode, not at the first guess; its start is where --optimize ends.
        #expect(first.runs[0].start != first.initialParameters)
        options.estimator = .laplace
        options.outputPrefix = dir.appendingPathComponent("l").path
        let mode = try #require(try FitPipeline.run(options).mode)
        for name in Self.main {
            #expect(abs(first.runs[0].start[name] - mode.mode[name]) < 0.5 * mode.stdev[name], "\(name.key)")
        }
        // The same seed gives the same chains.
        options.estimator = .mcmc
        options.outputPrefix = dir.appendingPathComponent("b").path
        #expect(try FitPipeline.run(options).chains == first.chains)
    }

    @Test func theOutputsHaveNoChainAndSayTheyAreNotAPosterior() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cube = try TestSupport.simulatedCube(in: dir)
        // An MCMC fit's chain files (its chain figures in every format) under the same prefix go
        // when --optimize replaces the set.
        for name in ["g_chain.dat", "g_mcmc.svg", "g_corner.pdf", "g_geweke.png"] {
            try "old".write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let outcome = try CommandLineRunner.run(["fit", cube, "--seeing", "0.7", "--optimize", "--overwrite", "-o", "g"], in: dir)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("NOT a posterior sample"))
        #expect(outcome.stdout.contains("±1.96σ 95%:") && !outcome.stdout.contains("CI 95%"))
        let outputs = FitOutputs(prefix: dir.appendingPathComponent("g").path)
        let fm = FileManager.default
        for path in outputs.files(plots: true, estimator: .laplace) {
            #expect(fm.fileExists(atPath: path), "\(path) missing")
        }
        let chainFigures = FitOutputs(prefix: outputs.prefix, figureFormats: FigureFormat.allCases).figures([.mcmcFigure, .cornerFigure, .gewekeFigure])
        for path in [outputs.chain, outputs.convergence] + chainFigures {
            #expect(!fm.fileExists(atPath: path), "\(path) written")
        }
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: outputs.parametersJSON))) as! [String: Any]
        #expect(json["estimator"] as? String == "laplace")
        let x = (json["parameters"] as! [String: [String: Any]])["x"]!
        #expect(x["rhat"] is NSNull && x["ess"] is NSNull && x["stdev"] is Double)
        #expect((json["laplace"] as? [String: Any])?["covariance"] is [[Double]])
        let label = try #require(Estimator.laplace.label)
        for path in [outputs.parametersText, outputs.parametersTable, outputs.statistics, outputs.rotationCurve, outputs.runParameters] {
            #expect(try String(contentsOfFile: path, encoding: .utf8).contains(label), "\(path) not labelled")
        }
        let fits = try FITSFile(reading: outputs.convolvedCube)
        _ = try fits.moveTo(hdu: 2)
        #expect(try fits.string("ESTIMATR") == "laplace")
        #expect(try fits.cards().contains { $0.name == "COMMENT" && $0.comment.contains("NOT a posterior") })
        // The labelled tables still read back; the set is complete for a batch.
        #expect(try ParameterFiles.readTable(path: outputs.parametersTable).value[.x] == (x["value"] as! Double))
        #expect(FitState(of: outputs).record?.estimator == .laplace)
        // The figures can be redrawn from the files.
        let plot = try CommandLineRunner.run(["plot", "g", "--overwrite"], in: dir)
        #expect(plot.status == 0, "\(plot.stderr)")
    }

    @Test func aBatchFitsWithOptimizeAndARerunSkipsTheCompleteFits() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["a", "b"] {
            let sub = dir.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
            try FileManager.default.moveItem(atPath: try TestSupport.simulatedCube(in: sub),
                                             toPath: dir.appendingPathComponent("\(name).fits").path)
        }
        let command = ["batch", "a.fits", "b.fits", "--seeing", "0.7", "--optimize", "--no-plots", "-j", "1", "--outdir", "out"]
        let first = try CommandLineRunner.run(command, in: dir)
        #expect(first.status == 0, "\(first.stdout)\n\(first.stderr)")
        for name in ["a", "b"] {
            let outputs = FitOutputs(prefix: dir.appendingPathComponent("out/\(name)/\(name)").path)
            #expect(FitState(of: outputs).record?.estimator == .laplace, "\(name)")
            #expect(!FileManager.default.fileExists(atPath: outputs.chain))
        }
        let again = try CommandLineRunner.run(command, in: dir)
        #expect(again.status == 0)
        let summary = try String(contentsOf: dir.appendingPathComponent("out/summary.csv"), encoding: .utf8)
        #expect(summary.components(separatedBy: "skipped").count == 3, "\(summary)")
    }
}
