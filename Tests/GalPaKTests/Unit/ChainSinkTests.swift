import Foundation
import Testing
@testable import GalPaK

/// The chain runner's sink: the incomplete-chain file holds every draw so far after each
/// checkpoint, and a run resumed from it makes the uninterrupted run's chains, draw for draw.
@Suite struct ChainSinkTests {
    /// A file sink that, after every keep, reads its file back and records whether it held
    /// exactly the chains it was given.
    final class CheckedSink: ChainSink, @unchecked Sendable {
        let file: IncompleteChainFile
        private let lock = NSLock()
        private(set) var keeps: [(rows: [Int], matched: Bool)] = []

        init(path: String) { file = IncompleteChainFile(path: path, context: Data("{}".utf8)) }

        func keep(_ chains: [Chain], state: Data) throws {
            try file.keep(chains, state: state)
            let read = try IncompleteChainFile.read(path: file.path)
            let matched = chains.indices.allSatisfy { (read.chains[$0] ?? Chain()) == chains[$0] } && read.state == state
            lock.withLock { keeps.append((chains.map(\.count), matched)) }
        }
    }

    static func setup(iterations: Int, convergence: ConvergenceTarget? = nil) throws -> ChainRunner.Setup {
        try ConvergenceStoppingTests.setup(iterations: iterations, convergence: convergence)
    }

    static func run(_ setup: ChainRunner.Setup, _ sampling: SamplingMethod) throws -> SampledPosterior {
        try ConvergenceStoppingTests.run(setup, sampling)
    }

    @Test func theFileHoldsEveryDrawSoFarAfterEveryCheckpoint() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sink = CheckedSink(path: dir.appendingPathComponent("t_chain.incomplete.dat").path)
        var setup = try Self.setup(iterations: 2500)
        setup.sink = sink
        let outcome = try Self.run(setup, .cauchy)
        // Checkpoints at 300, 400, …, 1000, 1100, 1210, … (a tenth more each time, at least
        // 100), 2500 accepted steps per chain.
        var checkpoints = [Int]()
        while checkpoints.last ?? 0 < 2500 { checkpoints.append(ChainRunner.nextCheckpoint(after: checkpoints.last ?? 0, cap: 2500)) }
        #expect(checkpoints.prefix(3) == [300, 400, 500] && checkpoints.contains(1100) && checkpoints.last == 2500)
        #expect(sink.keeps.map(\.rows) == checkpoints.map { [$0, $0] })
        #expect(sink.keeps.allSatisfy { $0.matched })
        let onDisk = try ChainFile.read(path: sink.file.path)
        #expect(onDisk == outcome.runs.map(\.result.chain))
    }

    /// Stops the chains after `polls` polls of every chain together, keeping them in `path`.
    static func interrupted(_ setup: ChainRunner.Setup, _ sampling: SamplingMethod, after polls: Int,
                            path: String) throws -> ChainRunner.Resume {
        var stopping = setup
        let counter = Counter()
        stopping.isCancelled = { counter.next() > polls }
        stopping.sink = IncompleteChainFile(path: path, context: Data("{}".utf8))
        let stopped = try Self.run(stopping, sampling)
        #expect(stopped.runs.contains { $0.result.stopReason == .cancelled })
        let contents = try IncompleteChainFile.read(path: path)
        return ChainRunner.Resume(state: contents.state, chains: (0..<setup.chainCount).map { contents.chains[$0] ?? Chain() },
                                  source: path)
    }

    /// With `tuned`, with and without the mode's curvature (shared shape, independence draws).
    @Test(arguments: [(SamplingMethod.tuned, false), (.tuned, true), (.adaptive, false)])
    func aResumedRunMakesTheUninterruptedChains(sampling: SamplingMethod, curvature: Bool) throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var setup = try Self.setup(iterations: 2000, convergence: .standard)
        if curvature { setup.curvature = ConvergenceStoppingTests.curvature }
        let whole = try Self.run(setup, sampling)
        let path = dir.appendingPathComponent("t_chain.incomplete.dat").path
        // The stops poll before every proposal and every tuning evaluation of every chain.
        let tuningPolls = whole.runs.map { $0.tuning?.evaluations ?? 0 }.reduce(0, +)
        var resumed = setup
        if sampling == .tuned {
            // Stopped while tuning: no draws yet; the tuning is redone in full on resuming.
            resumed.resume = try Self.interrupted(setup, sampling, after: tuningPolls / 4, path: path)
            let counts = resumed.resume!.chains.map(\.count)
            #expect(counts.allSatisfy { $0 == 0 }, "\(counts)")
        }
        // Stopped within the first segment (both chains poll, and accept at most every proposal),
        // then again within a later one.
        resumed.resume = try Self.interrupted(resumed, sampling, after: tuningPolls + ChainRunner.firstCheckpoint, path: path)
        let firstStop = resumed.resume!.chains
        #expect(firstStop.contains { $0.count > 0 } && firstStop.contains { $0.count < ChainRunner.firstCheckpoint },
                "\(firstStop.map(\.count))")
        resumed.resume = try Self.interrupted(resumed, sampling, after: 400, path: path)
        let continued = try Self.run(resumed, sampling)
        for (c, run) in continued.runs.enumerated() {
            #expect(run.result.chain == whole.runs[c].result.chain, "chain \(c)")
            #expect(run.result.progress.proposals == whole.runs[c].result.progress.proposals)
            #expect(run.retunes == whole.runs[c].retunes)
            #expect(run.tuning == whole.runs[c].tuning)
        }
        #expect(continued.converged == whole.converged)
    }

    @Test func aStateForOtherChainsIsRefusedNamingTheFile() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("t_chain.incomplete.dat").path
        var setup = try Self.setup(iterations: 3000)
        setup.resume = try Self.interrupted(setup, .tuned, after: 500, path: path)
        let error = #expect(throws: GalpakError.self) { _ = try Self.run(setup, .cauchy) }
        #expect(error?.kind == .badInput && error?.message.hasPrefix(path) == true)
    }

    @Test func theGeneratorContinuesItsStreamAfterARoundTrip() throws {
        var generator = SeededGenerator(seed: 0xFFFF_FFFF_FFFF_FFF0)
        for _ in 0..<17 { _ = generator.next() }
        var copy = try JSONDecoder().decode(SeededGenerator.self, from: try JSONEncoder().encode(generator))
        #expect((0..<100).map { _ in generator.next() } == (0..<100).map { _ in copy.next() })
    }
}
