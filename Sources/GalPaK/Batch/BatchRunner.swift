import Foundation

/// Runs a list of programs as child processes, at most ``concurrency`` at a time, in order.
///
/// Each job's log (and its folder) is created with the command line, then gets the child's
/// stdout and stderr. A job that cannot be started ends as ``Outcome/notStarted(_:)``. The
/// runner polls its children every ``pollInterval`` (a signal cuts the wait short) and asks
/// `stopSignal` each time: once it returns a signal, no further job starts, the signal is
/// passed on to the running children, and the runner waits for them to end.
public struct BatchRunner: Sendable {
    /// One program to run.
    public struct Job: Sendable, Equatable {
        /// The caller's name for it (a batch position).
        public var id: Int
        /// Arguments after the executable.
        public var arguments: [String]
        /// Where its output goes (replaced).
        public var log: String

        public init(id: Int, arguments: [String], log: String) {
            self.id = id
            self.arguments = arguments
            self.log = log
        }
    }

    /// How a job ended.
    public enum Outcome: Sendable, Equatable {
        /// The process ran and ended so.
        case finished(ChildProcess.Termination)
        /// It could not be started, for this reason.
        case notStarted(String)
    }

    /// The program every job runs.
    public var executable: String
    /// Most jobs running at once (at least 1).
    public var concurrency: Int
    /// How often running jobs are checked, microseconds.
    public var pollInterval: UInt32 = 50_000

    public init(executable: String, concurrency: Int) {
        self.executable = executable
        self.concurrency = Swift.max(1, concurrency)
    }

    /// Runs `jobs`; `started` and `finished` (with the wall time in seconds) are called on the
    /// calling thread as jobs start and end.
    /// - Returns: the ids of the jobs never started because `stopSignal` asked to stop.
    public func run(_ jobs: [Job], stopSignal: () -> Int32?,
                    started: (Job) -> Void = { _ in },
                    finished: (Job, Outcome, Double) -> Void) -> [Int] {
        var queue = jobs[...]
        var running: [(job: Job, child: ChildProcess, start: ContinuousClock.Instant)] = []
        var forwarded = false
        let clock = ContinuousClock()
        while true {
            let stop = stopSignal()
            if let stop, !forwarded {
                for r in running { r.child.send(stop) }
                forwarded = true
            }
            while stop == nil, running.count < concurrency, let job = queue.popFirst() {
                do {
                    let dir = URL(fileURLWithPath: job.log).deletingLastPathComponent()
                    do {
                        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
                    } catch {
                        throw GalpakError.badInput(dir.path, "folder cannot be created (\(error.localizedDescription))")
                    }
                    try AtomicFile.write(text: "$ " + Self.commandLine([executable] + job.arguments) + "\n", to: job.log)
                    let child = try ChildProcess.start(executable: executable, arguments: job.arguments, log: job.log)
                    started(job)
                    running.append((job, child, clock.now))
                } catch {
                    finished(job, .notStarted(String(describing: error)), 0)
                }
            }
            if running.isEmpty { break }
            usleep(pollInterval)
            running.removeAll { r in
                guard let end = r.child.poll() else { return false }
                let d = r.start.duration(to: clock.now)
                finished(r.job, .finished(end), d.inSeconds)
                return true
            }
        }
        return queue.map(\.id)
    }

    /// `words` as a shell would need them typed (single quotes where needed), for logs.
    public static func commandLine(_ words: [String]) -> String {
        words.map { word in
            let plain = !word.isEmpty && word.allSatisfy { $0.isLetter || $0.isNumber || "-_./=,:+@%".contains($0) }
            return plain ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }.joined(separator: " ")
    }
}
