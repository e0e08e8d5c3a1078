import Foundation

/// The reference Python GalPaK3D timed on the same cube by `bench/reference_timing.py`, when
/// ``ReferencePython`` has it.
struct ReferenceRun {
    let evaluationMs: Double
    let acceptedStepMs: Double
    let iterations: Int
    let version: String

    /// nil (with the reason) when the reference is not installed.
    static func run(cubePath: String, iterations: Int) -> (ReferenceRun?, String) {
        guard ReferencePython.isInstalled else { return (nil, ReferencePython.missing) }
        guard let json = ReferencePython.run(script: "reference_timing.py",
                                             [cubePath, String(BenchCube.seeing), String(iterations)]),
              let evaluation = json["evaluation_ms_median"] as? Double,
              let step = json["accepted_step_ms"] as? Double
        else {
            return (nil, "reference timing script failed: skipped")
        }
        return (ReferenceRun(evaluationMs: evaluation, acceptedStepMs: step, iterations: iterations,
                             version: json["galpak_version"] as? String ?? "?"), "")
    }
}
