import Foundation
import GalPaK

/// Each sampler of `galpak fit --sampling` on the demo cube (`data/demo_cube.fits`, the fit of
/// `make demo`): wall time, model evaluations, independent draws per second (the JSON's
/// `ess_per_second`: smallest ESS over the free parameters for chains, Kish's for nested
/// sampling) and, for nested sampling, ln Z with its error and the evaluations it took.
struct SamplerBench {
    static let cubePath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../data/demo_cube.fits").standardized.path
    static let samplers: [SamplingMethod] = [.tuned, .ensemble, .nested]

    struct Row {
        let sampling: SamplingMethod
        let seconds: Double
        let evaluations: Int
        let essPerSecond: Double
        let converged: Bool?
        /// ln Z and its error (nested sampling).
        let evidence: (value: Double, error: Double)?
    }

    let rows: [Row]

    init(in directory: URL, log: (String) -> Void) throws {
        rows = try Self.samplers.map { sampling in
            log("galpak-bench: the demo cube with --sampling \(sampling.rawValue)…")
            let fit = try FitRun(cubePath: Self.cubePath, prefix: directory.appendingPathComponent("sampler-\(sampling.rawValue)").path,
                                 extraArguments: ["--instrument", "musewfm", "--seeing", "0.8", "--no-plots",
                                                  "--sampling", sampling.rawValue])
            let evidence = (fit.json["evidence"] as? [String: Any]).flatMap { e -> (Double, Double)? in
                guard let v = e["value"] as? Double, let s = e["error"] as? Double else { return nil }
                return (v, s)
            }
            return Row(sampling: sampling, seconds: fit.fitSeconds, evaluations: fit.evaluations,
                       essPerSecond: fit.json["ess_per_second"] as? Double ?? .nan,
                       converged: fit.json["converged"] as? Bool, evidence: evidence)
        }
    }

    var lines: [String] {
        func f(_ v: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", v) }
        return ["Samplers on the demo cube (data/demo_cube.fits, musewfm, seeing 0.8; each run alone):"] + rows.map { r in
            var line = "  --sampling \(r.sampling.rawValue): \(f(r.seconds, 1)) s, \(r.evaluations) model evaluations, \(f(r.essPerSecond, 1)) independent draws/s"
            if let converged = r.converged { line += converged ? ", converged" : ", NOT converged" }
            if let e = r.evidence { line += ", ln Z \(f(e.value, 2)) ± \(f(e.error, 2)) (\(r.evaluations) evaluations per ln Z)" }
            return line
        }
    }

    var json: [[String: Any]] {
        rows.map { r in
            var row: [String: Any] = ["sampling": r.sampling.rawValue, "seconds": r.seconds, "model_evaluations": r.evaluations,
                                      "ess_per_second": r.essPerSecond]
            if let converged = r.converged { row["converged"] = converged }
            if let e = r.evidence { row["log_evidence"] = e.value; row["log_evidence_error"] = e.error }
            return row
        }
    }
}
