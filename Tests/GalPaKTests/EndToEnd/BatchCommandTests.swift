import Foundation
import Testing
@testable import GalPaK

/// `galpak batch` and the signal handling of `galpak fit`, run as a user runs them.
@Suite struct BatchCommandTests {
    // MARK: - Helpers

    /// A `galpak` process running in the background, its stdout and stderr in files.
    struct Background {
        let process = Process()
        let stdout: URL
        let stderr: URL

        init(_ arguments: [String], in dir: URL, environment: [String: String] = [:]) throws {
            let id = UUID().uuidString
            stdout = dir.appendingPathComponent(".galpak-\(id).out")
            stderr = dir.appendingPathComponent(".galpak-\(id).err")
            FileManager.default.createFile(atPath: stdout.path, contents: nil)
            FileManager.default.createFile(atPath: stderr.path, contents: nil)
            process.executableURL = CommandLineRunner.executable
            process.arguments = arguments
            process.currentDirectoryURL = dir
            process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("SLURM_") }
                .merging(environment) { $1 }
            process.standardOutput = try FileHandle(forWritingTo: stdout)
            process.standardError = try FileHandle(forWritingTo: stderr)
            try process.run()
        }

        /// Waits for the end (killing the process after `timeout` seconds, which fails the test);
        /// returns status, stdout and stderr, and removes the capture files.
        func wait(timeout: Double = 120) -> CommandLineRunner.Outcome {
            if !BatchCommandTests.waitFor(timeout, { !process.isRunning }) {
                Issue.record("galpak \(process.arguments ?? []) still running after \(timeout) s: killed")
                kill(process.processIdentifier, SIGKILL)
            }
            process.waitUntilExit()
            defer {
                try? FileManager.default.removeItem(at: stdout)
                try? FileManager.default.removeItem(at: stderr)
            }
            return CommandLineRunner.Outcome(
                status: process.terminationStatus,
                stdout: (try? String(contentsOf: stdout, encoding: .utf8)) ?? "",
                stderr: (try? String(contentsOf: stderr, encoding: .utf8)) ?? "")
        }
    }

    /// Runs `galpak arguments…` to the end.
    static func run(_ arguments: [String], in dir: URL, environment: [String: String] = [:]) throws -> CommandLineRunner.Outcome {
        try Background(arguments, in: dir, environment: environment).wait()
    }

    /// Polls `condition` every 20 ms for up to `seconds`.
    static func waitFor(_ seconds: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            usleep(20_000)
        }
        return condition()
    }

    /// Writes a small simulated cube (16×16×20, peak S/N 15) whose PA depends on `seed`.
    static func writeCube(_ path: String, seed: UInt64) throws {
        let truth = GalaxyParameters(x: 7.6, y: 8.2, z: 9.5, flux: 400, radius: 3, inclination: 55,
                                     pa: 40 * Double(seed), turnoverRadius: 1.2, maximumVelocity: 160,
                                     velocityDispersion: 45)
        let spec = SimulationSpec(nx: 16, ny: 16, nz: 20,
                                  spectral: SpectralAxis(crval: 6552, crpix: 1, cdelt: 1.25, unit: .angstrom),
                                  pixscale: 0.2, parameters: truth, instrument: Instrument.museWFM.withSeeing(0.7),
                                  noise: .peakSNR(15), seed: seed)
        let sim = try SimulatedCube(spec)
        try FITSWriter.write(sim.data, shape: [16, 16, 20], cards: sim.cards, variance: sim.variance, to: path)
    }

    /// Modification dates of every file under `dir`, by path.
    static func modificationDates(under dir: URL) throws -> [String: Date] {
        var dates: [String: Date] = [:]
        let fm = FileManager.default
        for case let path as String in fm.enumerator(atPath: dir.path)! {
            let attributes = try fm.attributesOfItem(atPath: dir.appendingPathComponent(path).path)
            if attributes[.type] as? FileAttributeType == .typeRegular {
                dates[path] = attributes[.modificationDate] as? Date
            }
        }
        return dates
    }

    /// Paths of temporary files (AtomicFile's `.name.pid.n.tmp`) left under `dir`.
    static func temporaryFiles(under dir: URL) -> [String] {
        (FileManager.default.enumerator(atPath: dir.path)?.allObjects as? [String] ?? [])
            .filter { URL(fileURLWithPath: $0).lastPathComponent.hasSuffix(".tmp") }
    }

    // MARK: - Tests

    @Test func aBatchFitsEveryGoodCubeNamesItsFailuresAndARerunFitsNothingTwice() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("cubes"), withIntermediateDirectories: true)
        for i in 0..<8 { try Self.writeCube(dir.appendingPathComponent("cubes/g\(i).fits").path, seed: UInt64(i + 1)) }
        try Data("SIMPLE  = this is not FITS".utf8).write(to: dir.appendingPathComponent("cubes/corrupt.fits"))
        var manifest = "\u{FEFF}# eight simulated galaxies, a corrupt file and a missing one\ncube,seeing,iterations\n"
        // g3's seeing is known to ±10 %: its fit has the optional parameter psf_fwhm, the others not.
        for i in 0..<8 { manifest += i == 3 ? "\"cubes/g3.fits\", 0.7:0.07 ,80\n" : "cubes/g\(i).fits,,\n" }
        manifest += "\ncubes/corrupt.fits,0.7,\ncubes/missing.fits,,\n"
        try manifest.write(to: dir.appendingPathComponent("manifest.csv"), atomically: true, encoding: .utf8)
        // The reference's untuned jumps (no tuning phase): these tests are about the batch, not the sampler.
        let command = ["batch", "manifest.csv", "--seeing", "0.7", "--iterations", "60", "--sampling", "cauchy",
                       "-j", "2", "--outdir", "out"]

        let first = try Self.run(command, in: dir)
        #expect(first.status == 1, "\(first.stderr)")
        #expect(first.stderr.contains("2 of 10 cubes failed: cubes/corrupt.fits, cubes/missing.fits"))
        #expect(first.stdout.contains("10 cubes: 8 ok, 2 failed"))
        #expect(first.stdout.contains("failed: cubes/corrupt.fits"))
        #expect(first.stdout.contains("failed: cubes/missing.fits"))
        #expect(!first.stderr.contains("Fatal error"))

        let out = dir.appendingPathComponent("out")
        let summary = try BatchSummary.read(path: out.appendingPathComponent("summary.json").path)
        #expect(summary.totalCubes == 10)
        #expect(summary.rows.map(\.cube) == (0..<8).map { "cubes/g\($0).fits" } + ["cubes/corrupt.fits", "cubes/missing.fits"])
        #expect(summary.rows.map(\.status) == Array(repeating: .ok, count: 8) + [.failed, .failed])
        // -j 2 shares the cores: each fit runs max(2, cores/2) chains (accepted counts all of them).
        let chains = Swift.max(2, ProcessInfo.processInfo.activeProcessorCount / 2)
        for row in summary.rows.prefix(8) {
            let fit = try #require(row.fit)
            #expect(abs((fit.parameters["x"]?.value ?? .nan) - 7.6) < 1.5, "\(row.cube) x")
            #expect(abs((fit.parameters["z"]?.value ?? .nan) - 9.5) < 1.5, "\(row.cube) z")
            #expect(fit.parameters.values.allSatisfy { $0.stdev != nil && $0.lower != nil && $0.upper != nil })
            #expect(fit.reducedChi2 != nil)
            #expect(fit.accepted == chains * (row.cube == "cubes/g3.fits" ? 80 : 60), "per-cube iterations ignored")
            #expect((row.wallSeconds ?? 0) > 0)
            for path in FitOutputs(prefix: out.appendingPathComponent(row.prefix.dropFirst("out/".count).description).path).all {
                #expect(FileManager.default.fileExists(atPath: path), "\(path) missing")
            }
        }
        #expect(summary.rows[8].error?.contains("cubes/corrupt.fits") == true)
        #expect(summary.rows[9].error?.contains("cubes/missing.fits") == true)
        let log = try String(contentsOfFile: dir.appendingPathComponent(summary.rows[3].log).path, encoding: .utf8)
        #expect(log.hasPrefix("$ "))
        #expect(log.contains("--seeing 0.7:0.07 --iterations 80"), "the row's values do not replace the defaults")
        let csv = try CSVTable(parsing: String(contentsOf: out.appendingPathComponent("summary.csv"), encoding: .utf8),
                               source: "summary.csv")
        #expect(csv.rows.count == 10)
        // The reference's columns first and unchanged, then those of the optional parameter one fit has.
        let header = try #require(csv.header).cells
        #expect(header == BatchSummary.csvColumns + ["psf_fwhm", "psf_fwhm_stdev", "psf_fwhm_lower", "psf_fwhm_upper"])
        let psf = header.firstIndex(of: "psf_fwhm")!
        let cells = csv.rows.map { $0.cells[psf] }
        #expect(cells.indices.allSatisfy { ($0 == 3) != cells[$0].isEmpty }, "psf_fwhm cells \(cells)")
        #expect(abs((Double(cells[3]) ?? .nan) - 0.7) < 0.35)
        #expect(summary.rows[3].fit?.parameters["psf_fwhm"]?.stdev != nil && summary.rows[0].fit?.parameters["psf_fwhm"] == nil)

        let before = try Self.modificationDates(under: out)
        let second = try Self.run(command, in: dir)
        #expect(second.status == 1)
        #expect(second.stdout.contains("10 cubes: 8 skipped, 2 failed"))
        let again = try BatchSummary.read(path: out.appendingPathComponent("summary.json").path)
        #expect(again.rows.map(\.status) == Array(repeating: .skipped, count: 8) + [.failed, .failed])
        #expect(again.rows.prefix(8).map { $0.fit?.parameters["pa"] } == summary.rows.prefix(8).map { $0.fit?.parameters["pa"] })
        let after = try Self.modificationDates(under: out)
        for (path, date) in before where path.hasPrefix("g") {
            #expect(after[path] == date, "\(path) was rewritten by the rerun")
        }
        #expect(Self.temporaryFiles(under: dir).isEmpty)
    }

    @Test func anInterruptedBatchKeepsTheChainAndTheRerunCompletesIt() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (i, name) in ["a", "b", "c"].enumerated() { try Self.writeCube(dir.appendingPathComponent("\(name).fits").path, seed: UInt64(i + 1)) }
        // b runs long enough to be interrupted while sampling.
        try "cube,iterations\na.fits,40\nb.fits,600\nc.fits,40\n".write(
            to: dir.appendingPathComponent("m.csv"), atomically: true, encoding: .utf8)
        let command = ["batch", "m.csv", "--seeing", "0.7", "--sampling", "cauchy", "-j", "1", "--outdir", "out"]
        let out = dir.appendingPathComponent("out")
        let bLog = out.appendingPathComponent("b/b.log").path

        let batch = try Background(command, in: dir)
        // A progress line with accepted steps: b has a chain to keep.
        let sampling = Self.waitFor(90) {
            (try? String(contentsOfFile: bLog, encoding: .utf8))?
                .range(of: "galpak: [1-9][0-9]*/[0-9]+ accepted", options: .regularExpression) != nil
        }
        #expect(sampling, "b never started sampling")
        batch.process.interrupt()
        let stopped = batch.wait(timeout: 60)
        #expect(stopped.status == 130, "\(stopped.stderr)")
        #expect(stopped.stderr.contains("run the same command again"))
        let summary = try BatchSummary.read(path: out.appendingPathComponent("summary.json").path)
        #expect(summary.rows.map(\.status) == [.ok, .interrupted, .pending])
        let b = FitOutputs(prefix: out.appendingPathComponent("b/b").path)
        for path in b.all { #expect(!FileManager.default.fileExists(atPath: path), "\(path) written by an interrupted fit") }
        let kept = try ChainFile.read(path: b.incompleteChain)
        #expect(kept.count > 0 && kept.count < 600)
        #expect(try String(contentsOfFile: bLog, encoding: .utf8).contains("interrupted while sampling after"))

        let aDates = try Self.modificationDates(under: out.appendingPathComponent("a"))
        let rerun = try Self.run(command, in: dir)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        let done = try BatchSummary.read(path: out.appendingPathComponent("summary.json").path)
        #expect(done.rows.map(\.status) == [.skipped, .ok, .ok])
        #expect(done.rows[1].fit?.accepted == 600 * Swift.max(2, ProcessInfo.processInfo.activeProcessorCount))
        // b was resumed, not refitted: its chains go on from the rows kept when it was stopped.
        #expect(try String(contentsOfFile: bLog, encoding: .utf8).contains("resuming from"))
        let final = try ChainFile.read(path: b.chain)
        for (c, chain) in kept.enumerated() where chain.count > 1 {
            #expect((0..<(chain.count - 1)).allSatisfy { final[c].parameters(at: $0) == chain.parameters(at: $0)
                                                       && final[c].weight(at: $0) == chain.weight(at: $0) }, "chain \(c)")
        }
        #expect(try Self.modificationDates(under: out.appendingPathComponent("a")) == aDates, "a was fitted twice")
        #expect(!FileManager.default.fileExists(atPath: b.incompleteChain))
        #expect(Self.temporaryFiles(under: dir).isEmpty)
    }

    @Test func anInterruptedFitKeepsItsChainUnderAnIncompleteName() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.writeCube(dir.appendingPathComponent("g.fits").path, seed: 1)
        let fit = try Background(["fit", "g.fits", "--seeing", "0.7", "--iterations", "20000", "--sampling", "cauchy"], in: dir)
        let sampling = Self.waitFor(90) {
            (try? String(contentsOf: fit.stderr, encoding: .utf8))?
                .range(of: "galpak: [1-9][0-9]*/[0-9]+ accepted", options: .regularExpression) != nil
        }
        #expect(sampling)
        kill(fit.process.processIdentifier, SIGTERM)
        let outcome = fit.wait(timeout: 60)
        #expect(outcome.status == 143, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("g_chain.incomplete.dat"))
        for path in FitOutputs(prefix: dir.appendingPathComponent("g").path).all {
            #expect(!FileManager.default.fileExists(atPath: path), "\(path) written by an interrupted fit")
        }
        #expect(try ChainFile.read(path: dir.appendingPathComponent("g_chain.incomplete.dat").path).count > 0)
        #expect(Self.temporaryFiles(under: dir).isEmpty)
    }

    @Test func theFitsOfABatchStopWithItHoweverItIsStopped() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.writeCube(dir.appendingPathComponent("a.fits").path, seed: 1)
        let command = ["batch", "a.fits", "--seeing", "0.7", "--sampling", "cauchy", "--chains", "2",
                       "--iterations", "20000", "--no-plots", "-j", "1", "--outdir", "out"]
        let cube = dir.appendingPathComponent("out/a")
        let a = FitOutputs(prefix: cube.appendingPathComponent("a").path)

        // SIGKILL (nothing can be passed on), then SIGHUP (passed on to the fit's process group).
        for signal in [SIGKILL, SIGHUP] {
            try? FileManager.default.removeItem(at: cube.appendingPathComponent("a.log"))  // the last run's
            let batch = try Background(command, in: dir)
            // A progress line with accepted steps: the fit has a chain to keep.
            let sampling = Self.waitFor(90) {
                (try? String(contentsOfFile: cube.appendingPathComponent("a.log").path, encoding: .utf8))?
                    .range(of: "galpak: [1-9][0-9]*/[0-9]+ accepted", options: .regularExpression) != nil
            }
            #expect(sampling, "a never started sampling: \((try? String(contentsOfFile: cube.appendingPathComponent("a.log").path, encoding: .utf8)) ?? "no log")")
            let child = try #require(Int32(String(contentsOfFile: a.lock, encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines)), "no PID in \(a.lock)")
            #expect(getpgid(child) == child, "the fit is not in a process group of its own")
            kill(batch.process.processIdentifier, signal)
            let stopped = batch.wait(timeout: 60)

            if signal == SIGKILL {
                #expect(stopped.status == SIGKILL && batch.process.terminationReason == .uncaughtSignal)
            } else {
                #expect(stopped.status == 129, "\(stopped.stderr)")
                #expect(stopped.stderr.contains("batch interrupted: 1 fits stopped, 0 not started"), "\(stopped.stderr)")
            }
            // The fit ends too, promptly: its lock is released and removed.
            #expect(Self.waitFor(30) { !FileManager.default.fileExists(atPath: a.lock) }, "the fit outlived its batch")
            #expect((try? OutputLock(path: a.lock))?.release() != nil, "the fit still holds its lock")
            let log = try String(contentsOfFile: cube.appendingPathComponent("a.log").path, encoding: .utf8)
            #expect(log.contains("galpak: error: interrupted while sampling after "), "\(log)")
            let left = Set(try FileManager.default.contentsOfDirectory(atPath: cube.path))
            #expect(left == ["a.log", "a_chain.incomplete.dat"], "\(left)")
        }
        let summary = try BatchSummary.read(path: dir.appendingPathComponent("out/summary.json").path)
        #expect(summary.rows.map(\.status) == [.interrupted])
    }

    @Test func badManifestsAndOptionsStopTheBatchBeforeAnythingRuns() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "cube,seeing,colour\na.fits,0.7,red\n".write(to: dir.appendingPathComponent("m.csv"), atomically: true, encoding: .utf8)
        try "cube\na.fits\n".write(to: dir.appendingPathComponent("ok.csv"), atomically: true, encoding: .utf8)
        // Found by the manifest fuzz: a duplicate cube was refused after the output directory
        // was made (and left); a header of 200 001 empty columns listed them all.
        try "cube\na.fits\na.fits\n".write(to: dir.appendingPathComponent("dup.csv"), atomically: true, encoding: .utf8)
        try (String(repeating: ",", count: 200_000) + "\na.fits\n").write(to: dir.appendingPathComponent("wide.csv"),
                                                                          atomically: true, encoding: .utf8)
        let cases: [([String], String)] = [
            (["batch", "dup.csv", "--outdir", "out"], "would both write"),
            (["batch", "wide.csv", "--outdir", "out"], ", … (200001 in all))"),
            (["batch", "m.csv", "--outdir", "out"], "'colour'"),
            (["batch", "ok.csv", "--colour", "red", "--outdir", "out"], "--colour"),
            (["batch", "ok.csv", "--seeing", "-1", "--outdir", "out"], "--seeing"),
            (["batch", "ok.csv", "--output", "x", "--outdir", "out"], "--outdir"),
            (["batch", "ok.csv", "--shard", "2/2", "--outdir", "out"], "--shard"),
            (["batch", "nothing/*.fits", "--outdir", "out"], "nothing"),
        ]
        for (arguments, mention) in cases {
            let outcome = try Self.run(arguments, in: dir)
            #expect(outcome.status == 2, "\(arguments): \(outcome.stderr)")
            #expect(outcome.stderr.contains(mention), "\(arguments): \(outcome.stderr.prefix(500))")
            #expect(outcome.stderr.count < 1000, "\(arguments): a message of \(outcome.stderr.count) characters")
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path), "\(arguments) ran")
        }
        let help = try Self.run(["batch", "--help"], in: dir)
        for word in ["lsf_fwhm", "seeing", "variance", "--shard", "--merge", "-j", "SLURM_ARRAY_TASK_ID"] {
            #expect(help.stdout.contains(word), "batch --help does not mention \(word)")
        }
    }

    @Test func shardsChosenByOptionOrSlurmMergeIntoOneSummary() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Missing cubes fail at once: enough to see which shard ran which cube.
        try ((0..<5).map { "m\($0).fits" }.joined(separator: "\n") + "\n")
            .write(to: dir.appendingPathComponent("list.txt"), atomically: true, encoding: .utf8)
        let first = try Self.run(["batch", "list.txt", "--shard", "0/2", "--outdir", "out", "--quiet"], in: dir)
        #expect(first.status == 1)
        let second = try Self.run(["batch", "list.txt", "--outdir", "out", "--quiet"], in: dir,
                                  environment: ["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_MIN": "1",
                                                "SLURM_ARRAY_TASK_COUNT": "2"])
        #expect(second.status == 1)
        let out = dir.appendingPathComponent("out")
        #expect(try BatchSummary.read(path: out.appendingPathComponent("summary-0-of-2.json").path).rows.map(\.cube) == ["m0.fits", "m1.fits"])
        #expect(try BatchSummary.read(path: out.appendingPathComponent("summary-1-of-2.json").path).rows.map(\.cube) == ["m2.fits", "m3.fits", "m4.fits"])

        let merged = try Self.run(["batch", "--merge", "out"], in: dir)
        #expect(merged.status == 1)
        #expect(merged.stdout.contains("merged 2 summaries of a batch of 5 cubes"))
        let summary = try BatchSummary.read(path: out.appendingPathComponent("summary.json").path)
        #expect(summary.rows.map(\.cube) == (0..<5).map { "m\($0).fits" })
        #expect(summary.rows.allSatisfy { $0.status == .failed && $0.error?.contains($0.cube) == true })

        // A missing shard is reported.
        try FileManager.default.removeItem(at: out.appendingPathComponent("summary-1-of-2.json"))
        let partial = try Self.run(["batch", "--merge", "out"], in: dir)
        #expect(partial.status == 1)
        #expect(partial.stderr.contains("3 cubes are in no summary"))
    }
}
