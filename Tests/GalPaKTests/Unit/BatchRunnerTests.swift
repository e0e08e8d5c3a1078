import Foundation
import Testing
@testable import GalPaK

/// Child processes of a batch: concurrency, exit statuses, logs, and stopping on a signal.
@Suite struct BatchRunnerTests {
    private func job(_ id: Int, _ script: String, in dir: URL) -> BatchRunner.Job {
        BatchRunner.Job(id: id, arguments: ["-c", script], log: dir.appendingPathComponent("logs/job\(id).log").path)
    }

    @Test func runsAtMostNAtOnceAndReportsHowEachEnded() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let jobs = [job(0, "echo out; echo err >&2; sleep 0.2", in: dir), job(1, "sleep 0.2; exit 3", in: dir),
                    job(2, "kill -9 $$", in: dir), job(3, "sleep 0.1", in: dir)]
        var running = 0, mostRunning = 0
        var outcomes: [Int: BatchRunner.Outcome] = [:]
        var wallSeconds: [Int: Double] = [:]
        let notStarted = BatchRunner(executable: "/bin/sh", concurrency: 2).run(jobs, stopSignal: { nil }, started: { _ in
            running += 1
            mostRunning = max(mostRunning, running)
        }, finished: { job, outcome, seconds in
            running -= 1
            outcomes[job.id] = outcome
            wallSeconds[job.id] = seconds
        })
        // The wall time covers each job's sleep, and not more than a slow, shared machine adds.
        for (id, sleep) in [0: 0.2, 1: 0.2, 2: 0, 3: 0.1] {
            let seconds = try #require(wallSeconds[id])
            #expect(seconds >= sleep && seconds < sleep + 5, "job \(id): \(seconds) s")
        }
        #expect(notStarted.isEmpty)
        #expect(mostRunning == 2)
        #expect(outcomes == [0: .finished(.exited(0)), 1: .finished(.exited(3)),
                             2: .finished(.signalled(SIGKILL)), 3: .finished(.exited(0))])
        let log = try String(contentsOfFile: jobs[0].log, encoding: .utf8)
        #expect(log == "$ /bin/sh -c 'echo out; echo err >&2; sleep 0.2'\nout\nerr\n")
    }

    @Test func aStopSignalReachesRunningJobsAndNoOtherStarts() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let jobs = (0..<4).map { job($0, $0 == 0 ? "exit 0" : "sleep 20", in: dir) }
        var finishedCount = 0
        var outcomes: [Int: BatchRunner.Outcome] = [:]
        let clock = ContinuousClock()
        let start = clock.now
        let notStarted = BatchRunner(executable: "/bin/sh", concurrency: 2).run(
            jobs, stopSignal: { finishedCount >= 1 ? SIGTERM : nil },
            finished: { job, outcome, _ in
                finishedCount += 1
                outcomes[job.id] = outcome
            })
        #expect(clock.now - start < .seconds(10), "the stop did not reach the sleeping job")
        #expect(outcomes[0] == .finished(.exited(0)))
        #expect(outcomes[1] == .finished(.signalled(SIGTERM)))
        #expect(notStarted == [2, 3])
    }

    @Test func aProgramThatCannotStartFailsAlone() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var outcomes: [BatchRunner.Outcome] = []
        _ = BatchRunner(executable: dir.appendingPathComponent("no-such-program").path, concurrency: 1)
            .run([job(0, "", in: dir)], stopSignal: { nil }, finished: { _, outcome, _ in outcomes.append(outcome) })
        #expect(outcomes.count == 1)
        if case .notStarted(let reason) = outcomes.first {
            #expect(reason.contains("no-such-program"))
        } else {
            Issue.record("expected notStarted, got \(outcomes)")
        }
    }
}
