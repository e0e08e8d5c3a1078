import Foundation
import Testing
@testable import GalPaK

/// `galpak fit --resume`: a fit stopped by SIGINT continues from its incomplete chain, every
/// earlier draw kept (ChainSinkTests shows the continued chains are the uninterrupted ones,
/// draw for draw; two processes are not compared here, since each times its own choice of
/// convolution, which agree to ~2e-7 only); a resume from another cube, with other options, or with
/// nothing to resume is refused with status 2 and one line naming the file.
@Suite struct FitResumeTests {
    static let iterations = 1000
    static let options = ["--seeing", "0.7", "--iterations", String(iterations), "--sampling", "cauchy", "--chains", "2",
                          "--noise-correlation", "none", "--no-plots", "--quiet"]  // one sampling stage

    @Test func anInterruptedFitResumesToTheUninterruptedChain() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try BatchCommandTests.writeCube(dir.appendingPathComponent("g.fits").path, seed: 1)
        try BatchCommandTests.writeCube(dir.appendingPathComponent("other.fits").path, seed: 2)
        let incomplete = dir.appendingPathComponent("g_chain.incomplete.dat").path

        // Stopped while sampling (SIGINT, as the existing interruption tests do), once a progress
        // line (every 5 s off a terminal) reports accepted steps.
        let fit = try BatchCommandTests.Background(["fit", "g.fits"] + Self.options.filter { $0 != "--quiet" }, in: dir)
        #expect(BatchCommandTests.waitFor(300) {
            ((try? String(contentsOf: fit.stderr, encoding: .utf8)) ?? "").split(separator: "\n")
                .contains { line in  // "galpak: 81/2000 accepted ...", not the stage line "galpak: sampling ..."
                    guard line.hasPrefix("galpak: "), line.contains(" accepted ") else { return false }
                    return (Int(line.dropFirst(8).prefix { $0.isNumber }) ?? 0) > 0
                }
        })
        fit.process.interrupt()
        let stopped = fit.wait(timeout: 60)
        #expect(stopped.status == 130, "\(stopped.stderr)")
        #expect(stopped.stderr.contains("--resume"))
        // By chain index: a chain that had not started yet has no rows.
        let before = (0..<2).map { (try? IncompleteChainFile.read(path: incomplete).chains[$0]) ?? Chain() }
        let kept = try String(contentsOfFile: incomplete, encoding: .utf8)
        #expect(before.contains { $0.count > 0 } && before.allSatisfy { $0.count < Self.iterations }, "\(before.map(\.count))")

        // Refused, the incomplete chain untouched: another cube, another posterior, nothing to resume.
        let refusals: [([String], String)] = [
            (["fit", "other.fits", "-o", "g", "--resume"] + Self.options, "the cube is not the file"),
            (["fit", "g.fits", "--resume"] + Self.options + ["--seeing", "0.8"], "the instrument"),
            (["fit", "g.fits", "--resume"] + Self.options + ["--fix", "inclination=60"], "--fix differs"),
            (["fit", "g.fits", "-o", "none", "--resume"] + Self.options, "none_chain.incomplete.dat: no such file"),
        ]
        for (arguments, problem) in refusals {
            let refused = try CommandLineRunner.run(arguments, in: dir)
            #expect(refused.status == 2, "\(arguments): \(refused.stderr)")
            #expect(refused.stderr.contains(problem), "\(arguments): \(refused.stderr)")
            #expect(refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
            #expect(refused.stderr.contains("chain.incomplete.dat"))
        }
        #expect(try String(contentsOfFile: incomplete, encoding: .utf8) == kept)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("none_chain.dat").path))

        let resumed = try CommandLineRunner.run(["fit", "g.fits", "--resume"] + Self.options, in: dir)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(!FileManager.default.fileExists(atPath: incomplete))
        let after = try ChainFile.read(path: dir.appendingPathComponent("g_chain.dat").path)
        for (c, chain) in before.enumerated() where !chain.isEmpty {
            // Every draw before the interruption is there, in order (the last one held longer).
            let last = chain.count - 1
            #expect((0..<last).allSatisfy { after[c].parameters(at: $0) == chain.parameters(at: $0)
                                             && after[c].weight(at: $0) == chain.weight(at: $0) }, "chain \(c)")
            #expect(after[c].parameters(at: last) == chain.parameters(at: last) && after[c].weight(at: last) >= chain.weight(at: last))
        }
        #expect(after.map(\.count) == [Self.iterations, Self.iterations])
    }
}
