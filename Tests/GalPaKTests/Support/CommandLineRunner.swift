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
    }

    /// The `galpak` binary next to the test bundle in the build directory.
    static var executable: URL { product("galpak") }

    /// The executable product `name` (e.g. `galpak-calibrate`) next to the test bundle in the
    /// build directory.
    static func product(_ name: String) -> URL {
        Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent(name)
    }

    /// Runs `program arguments…` (by default `galpak`) in `directory`, with `environment` added
    /// to this process's environment, and waits for it; after `timeLimit` seconds the process is
    /// killed (and reported as `signalled`).
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
        process.standardOutput = out
        process.standardError = err
        try process.run()
        if let timeLimit {
            DispatchQueue.global().asyncAfter(deadline: .now() + timeLimit) { [process] in
                if process.isRunning { process.terminate() }
            }
        }
        // Read before waiting so a large output cannot fill the pipe and block the child.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus,
                       stdout: String(decoding: stdout, as: UTF8.self),
                       stderr: String(decoding: stderr, as: UTF8.self),
                       signalled: process.terminationReason == .uncaughtSignal)
    }
}
