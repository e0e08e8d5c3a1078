import Foundation
import Testing
@testable import GalPaK

/// One rule for `galpak fit` and the signals that stop it (SIGINT, SIGTERM, SIGHUP), in every
/// phase: before the completion record is renamed into place the outputs are rolled back
/// (nothing under a final name, no staging directory, no lock), the chain so far is kept in
/// `PREFIX_chain.incomplete.dat`, and the status is 128 + the signal; after it, the fit is
/// complete and exits 0.
@Suite struct FitSignalTests {
    typealias Background = BatchCommandTests.Background

    /// Every file under `dir` but the test's own (the cube, the capture files), hidden ones included.
    static func left(in dir: URL) -> Set<String> {
        Set((FileManager.default.enumerator(atPath: dir.path)?.allObjects as? [String] ?? [])
            .filter { $0 != "g.fits" && !$0.hasPrefix(".galpak-") || $0.hasPrefix(".galpak-staging") })
    }

    /// True once `fit`'s stderr matches `pattern`.
    static func printed(_ fit: Background, _ pattern: String) -> Bool {
        ((try? String(contentsOf: fit.stderr, encoding: .utf8)) ?? "").range(of: pattern, options: .regularExpression) != nil
    }

    static let fit = ["fit", "g.fits", "--seeing", "0.7", "--sampling", "cauchy", "--chains", "2", "--no-plots"]

    @Test(arguments: [SIGINT, SIGHUP])
    func aSignalWhileSamplingKeepsTheChainAndLeavesNothingElse(signal: Int32) throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try BatchCommandTests.writeCube(dir.appendingPathComponent("g.fits").path, seed: 1)
        // A staging directory a SIGKILLed run on this prefix left, and one of another prefix.
        let stale = dir.appendingPathComponent(".galpak-staging.g.999999.7.tmp")
        let other = dir.appendingPathComponent(".galpak-staging.h.999999.7.tmp")
        for staging in [stale, other] {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
            try Data("partial".utf8).write(to: staging.appendingPathComponent("g_chain.dat"))
        }

        let run = try Background(Self.fit + ["--iterations", "20000"], in: dir)
        // A progress line with accepted steps: there is a chain to keep.
        #expect(BatchCommandTests.waitFor(90) { Self.printed(run, "galpak: [1-9][0-9]*/[0-9]+ accepted") }, "no progress")
        kill(run.process.processIdentifier, signal)
        let outcome = run.wait(timeout: 60)

        #expect(outcome.status == 128 + signal, "\(outcome.stderr)")
        let message = try #require(outcome.stderr.split(separator: "\n").last { $0.hasPrefix("galpak: error: ") })
        #expect(message.contains("interrupted while sampling after "), "\(message)")
        #expect(message.contains(" of 40000 accepted steps; the chain so far is in g_chain.incomplete.dat"), "\(message)")
        #expect(Self.left(in: dir) == ["g_chain.incomplete.dat", other.lastPathComponent,
                                       other.lastPathComponent + "/g_chain.dat"])
        let kept = try ChainFile.read(path: dir.appendingPathComponent("g_chain.incomplete.dat").path).map(\.count).reduce(0, +)
        #expect(kept > 0 && kept < 40000)
        #expect(message.contains("after \(kept) of 40000"), "\(message)")
    }

    @Test(arguments: [SIGINT, SIGHUP])
    func aSignalWhileTheOutputsAreRenamedRollsThemBack(signal: Int32) throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try BatchCommandTests.writeCube(dir.appendingPathComponent("g.fits").path, seed: 1)
        let outputs = FitOutputs(prefix: dir.appendingPathComponent("g").path)

        // Three files are renamed into place, then the fit waits for the signal.
        let run = try Background(Self.fit + ["--iterations", "40"], in: dir,
                                 environment: ["GALPAK_TEST_PAUSE_AFTER_RENAME": "3"])
        #expect(BatchCommandTests.waitFor(90) { Self.printed(run, "test pause after renaming") }, "never paused")
        let renamed = outputs.all.filter { FileManager.default.fileExists(atPath: $0) }
        #expect(renamed.count == 3, "\(renamed)")
        kill(run.process.processIdentifier, signal)
        let outcome = run.wait(timeout: 60)

        #expect(outcome.status == 128 + signal, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("galpak: error: interrupted while writing the outputs after 80 accepted steps; the chain so far is in g_chain.incomplete.dat, no other output was written"),
                "\(outcome.stderr)")
        #expect(Self.left(in: dir) == ["g_chain.incomplete.dat"])
        #expect(try ChainFile.read(path: outputs.incompleteChain).map(\.count).reduce(0, +) == 80)
    }

    @Test func aSignalAfterTheCompletionRecordIsRenamedLeavesACompleteFit() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try BatchCommandTests.writeCube(dir.appendingPathComponent("g.fits").path, seed: 1)
        let outputs = FitOutputs(prefix: dir.appendingPathComponent("g").path)

        // The record is the last rename.
        let run = try Background(Self.fit + ["--iterations", "40"], in: dir,
                                 environment: ["GALPAK_TEST_PAUSE_AFTER_RENAME": "\(outputs.all.count)"])
        #expect(BatchCommandTests.waitFor(90) { Self.printed(run, "test pause after renaming .*g_galaxy_parameters.json") })
        kill(run.process.processIdentifier, SIGINT)
        let outcome = run.wait(timeout: 60)

        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("the signal came after the outputs were complete: the fit is complete"))
        #expect(FitState(of: outputs).record != nil, "the set is not complete")
        #expect(Self.left(in: dir) == Set(outputs.all.map { URL(fileURLWithPath: $0).lastPathComponent }))
    }
}
