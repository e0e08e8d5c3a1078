import Foundation
import Testing
@testable import GalPaK

/// Two runs never write the same outputs at once: a second `galpak fit` on a prefix, or a
/// second `galpak batch` on an output directory, is refused with status 2 naming the running
/// one's PID and leaves its files alone; a holder killed outright does not block the next run;
/// the lock file goes when its run ends.
@Suite struct ConcurrentWriterTests {
    typealias Background = BatchCommandTests.Background

    /// Starts `galpak arguments` and waits until `log` (default: its stderr) says it is sampling.
    static func startSampling(_ arguments: [String], in dir: URL, log: URL? = nil) throws -> Background {
        let run = try Background(arguments, in: dir)
        let sampling = BatchCommandTests.waitFor(60) {
            (try? String(contentsOf: log ?? run.stderr, encoding: .utf8))?.contains("galpak: sampling") == true
        }
        #expect(sampling, "galpak \(arguments) never started sampling")
        return run
    }

    /// Checks a refusal by the lock: status 2, one error line naming the lock file and the PID.
    static func expectLockedOut(_ outcome: CommandLineRunner.Outcome, lock: String, holder: Background,
                                sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(outcome.status == 2, "\(outcome.stderr)", sourceLocation: sourceLocation)
        let errors = outcome.stderr.split(separator: "\n").filter { $0.hasPrefix("galpak: error: ") }
        #expect(errors.count == 1 && errors[0].contains("\(lock): another galpak run (PID \(holder.process.processIdentifier))"),
                "\(outcome.stderr)", sourceLocation: sourceLocation)
    }

    @Test func aSecondFitOnAPrefixIsRefusedAndADeadHolderDoesNotBlock() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try BatchCommandTests.writeCube(dir.appendingPathComponent("g.fits").path, seed: 1)
        let long = ["fit", "g.fits", "--seeing", "0.7", "--iterations", "20000", "--sampling", "cauchy", "--no-plots"]
        let short = ["fit", "g.fits", "--seeing", "0.7", "--iterations", "5", "--sampling", "cauchy", "--no-plots", "--overwrite"]
        let lock = dir.appendingPathComponent("g.lock").path

        let first = try Self.startSampling(long, in: dir)
        #expect(FileManager.default.fileExists(atPath: lock))
        let before = try AllOrNothingOutputTests.contents(dir)
        Self.expectLockedOut(try CommandLineRunner.run(short, in: dir), lock: "g.lock", holder: first)
        #expect(try AllOrNothingOutputTests.contents(dir).keys.sorted() == before.keys.sorted(), "the refused fit wrote")
        kill(first.process.processIdentifier, SIGTERM)
        #expect(first.wait(timeout: 60).status == 143)
        #expect(!FileManager.default.fileExists(atPath: lock), "the lock file outlived its fit")

        // A holder killed outright leaves its lock file, which blocks nothing.
        let killed = try Self.startSampling(long + ["--overwrite"], in: dir)
        kill(killed.process.processIdentifier, SIGKILL)
        _ = killed.wait(timeout: 60)
        #expect(FileManager.default.fileExists(atPath: lock))
        let next = try CommandLineRunner.run(short, in: dir)
        #expect(next.status == 0, "\(next.stderr)")
        #expect(!FileManager.default.fileExists(atPath: lock))
        #expect(FitState(of: FitOutputs(prefix: dir.appendingPathComponent("g").path)).record != nil)
    }

    @Test func aSecondBatchOnAnOutputDirectoryIsRefused() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try BatchCommandTests.writeCube(dir.appendingPathComponent("g.fits").path, seed: 1)
        let batch = ["batch", "g.fits", "--seeing", "0.7", "--sampling", "cauchy", "-j", "1", "--outdir", "out"]
        let first = try Self.startSampling(batch + ["--iterations", "20000"], in: dir,
                                           log: dir.appendingPathComponent("out/g/g.log"))
        let second = try CommandLineRunner.run(batch + ["--iterations", "5"], in: dir)
        Self.expectLockedOut(second, lock: "out/summary.lock", holder: first)
        first.process.interrupt()
        #expect(first.wait(timeout: 60).status == 130)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/summary.lock").path))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/g/g.lock").path))
    }
}
