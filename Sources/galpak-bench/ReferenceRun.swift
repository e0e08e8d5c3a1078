import Foundation

/// The reference Python GalPaK3D timed on the same cube by `bench/reference_timing.py`,
/// when `python3 -c "import galpak"` works (or `$GALPAK_PYTHON` names a Python that has it).
struct ReferenceRun {
    let evaluationMs: Double
    let acceptedStepMs: Double
    let iterations: Int
    let version: String

    /// nil (with the reason) when the reference is not installed.
    static func run(cubePath: String, iterations: Int) -> (ReferenceRun?, String) {
        let python = ProcessInfo.processInfo.environment["GALPAK_PYTHON"] ?? "python3"
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../bench/reference_timing.py").standardized.path
        guard capture([python, "-c", "import galpak"]) != nil else {
            return (nil, "reference GalPaK3D not found (`pip install galpak`, or set GALPAK_PYTHON): skipped")
        }
        guard let output = capture([python, script, cubePath, String(BenchCube.seeing), String(iterations)]),
              let line = output.split(separator: "\n").last,
              let json = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
              let evaluation = json["evaluation_ms_median"] as? Double,
              let step = json["accepted_step_ms"] as? Double
        else {
            return (nil, "reference timing script failed: skipped")
        }
        return (ReferenceRun(evaluationMs: evaluation, acceptedStepMs: step, iterations: iterations,
                             version: json["galpak_version"] as? String ?? "?"), "")
    }

    /// Runs a command, returning its stdout, or nil if it failed.
    private static func capture(_ arguments: [String]) -> String? {
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
