import Foundation
import GalPaK

/// A whole `galpak fit` run as a user would start it, with its wall time and peak memory.
struct FitRun {
    let seconds: Double
    let peakResidentMB: Double
    let accepted: Int
    let evaluations: Int
    let fitSeconds: Double
    let chains: Int?
    /// The whole `PREFIX_galaxy_parameters.json` (docs/json-schema.md).
    let json: [String: Any]

    /// Runs `galpak fit CUBE --quiet --overwrite -o PREFIX ARGUMENTS` (the binary next to this
    /// benchmark) and reads the fit's JSON.
    init(cubePath: String, prefix: String, extraArguments: [String]) throws {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("galpak").path
        let arguments = [binary, "fit", cubePath, "--quiet", "--overwrite", "-o", prefix] + extraArguments
        let start = Stopwatch.now()
        let (status, usage) = ChildRun.spawn(arguments)
        guard status == 0 else {
            throw GalpakError(.fitFailed, "galpak fit exited with status \(status) (is it built? run `make bench`)")
        }
        seconds = Stopwatch.now() - start
        peakResidentMB = Double(usage.ru_maxrss) / 1024   // Linux reports kilobytes
        json = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: prefix + "_galaxy_parameters.json"))) as! [String: Any]
        accepted = json["accepted"] as! Int
        evaluations = json["model_evaluations"] as! Int
        fitSeconds = json["seconds"] as! Double
        chains = json["chains"] as? Int
    }
}
