import Foundation

/// The Python that runs the reference GalPaK3D for the benchmark's scripts in `bench/`:
/// `$GALPAK_PYTHON` when set (`make bench` sets it to `.venv-bench/bin/python` once
/// `make bench-reference` has made that venv), else `python3`; usable when `import galpak` works.
/// galpak itself never runs Python.
enum ReferencePython {
    static let executable = ProcessInfo.processInfo.environment["GALPAK_PYTHON"] ?? "python3"

    /// The reason to print when the reference is not installed.
    static let missing = "reference GalPaK3D not found (`make bench-reference`, `pip install galpak`, or set GALPAK_PYTHON): skipped"

    /// Whether `import galpak` works in ``executable``.
    static var isInstalled: Bool { capture([executable, "-c", "import galpak"]) != nil }

    /// Runs `bench/SCRIPT ARGUMENTS` and parses the last line of its standard output as a JSON
    /// object; nil when the script failed or printed no such line.
    static func run(script: String, _ arguments: [String]) -> [String: Any]? {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../bench/\(script)").standardized.path
        guard let output = capture([executable, path] + arguments),
              let line = output.split(separator: "\n").last else { return nil }
        return (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
    }

    /// Runs a command, returning its stdout, or nil if it failed.
    static func capture(_ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : nil
    }
}
