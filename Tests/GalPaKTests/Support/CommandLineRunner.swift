import Foundation

/// Runs the built `galpak` executable, as a user would, and captures what it prints.
struct CommandLineRunner {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
        /// True when the process ended by a signal (a crash, or killed at the time limit)
        /// rather than by exiting; `status` is then the signal number.
        var signalled = false
        /// True when the process was still running at the time limit and was stopped
        /// (SIGTERM, then SIGKILL ``killGrace`` seconds later): a hang, whatever `status` says.
        var timedOut = false
    }

    /// Seconds between the SIGTERM at the time limit and the SIGKILL if the process is still there.
    static let killGrace = 5.0

    /// The `galpak` binary next to the test bundle in the build directory.
    static var executable: URL { product("galpak") }

    /// The executable product `name` (e.g. `galpak-calibrate`) next to the test bundle in the
    /// build directory.
    static func product(_ name: String) -> URL {
        Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent(name)
    }

    /// Runs `program arguments…` (by default `galpak`) in `directory`, with `environment` added
    /// to this process's environment and stdin empty (`/dev/null`), and waits for it; after
    /// `timeLimit` seconds the process is stopped (and reported as `timedOut`).
    static func run(_ arguments: [String], program: URL = executable, in directory: URL? = nil,
                    environment: [String: String] = [:], timeLimit: Double? = nil) throws -> Outcome {
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let out = Pipe(), err = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let timedOut = Flag()
        if let timeLimit {
            let pid = process.processIdentifier
            // The timers hold the process weakly: held until its deadline, each finished run's
            // pipes stayed open, and a suite of quick runs under a long limit passed 1024
            // descriptors (glibc then aborts in Foundation's select: "buffer overflow detected").
            DispatchQueue.global().asyncAfter(deadline: .now() + timeLimit) { [weak process] in
                guard let process, process.isRunning else { return }
                timedOut.set()
                process.terminate()
                DispatchQueue.global().asyncAfter(deadline: .now() + killGrace) { [weak process] in
                    if process?.isRunning == true { kill(pid, SIGKILL) }
                }
            }
        }
        // Both pipes are read to their end before waiting, stderr on a thread of its own: read
        // one after the other, more than a pipe's buffer on stderr would block the child
        // while stdout is still being read.
        let stderrReader = PipeReader(err.fileHandleForReading)
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = stderrReader.data()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus,
                       stdout: String(decoding: stdout, as: UTF8.self),
                       stderr: String(decoding: stderr, as: UTF8.self),
                       signalled: process.terminationReason == .uncaughtSignal,
                       timedOut: timedOut.isSet)
    }

    /// Reads a pipe to its end on a thread of its own.
    private final class PipeReader: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private var bytes = Data()

        init(_ handle: FileHandle) {
            Thread.detachNewThread { [self] in
                bytes = handle.readDataToEndOfFile()
                done.signal()
            }
        }

        /// Everything read, once the pipe has ended.
        func data() -> Data {
            done.wait()
            return bytes
        }
    }

    /// A flag set once from another thread.
    private final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false

        var isSet: Bool { lock.withLock { value } }
        func set() { lock.withLock { value = true } }
    }
}
