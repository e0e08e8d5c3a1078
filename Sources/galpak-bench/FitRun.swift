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

    /// Runs `galpak ARGUMENTS` (the binary next to this benchmark) and reads the fit's JSON.
    init(cubePath: String, prefix: String, extraArguments: [String]) throws {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("galpak").path
        let arguments = [binary, "fit", cubePath, "--seeing", "0.7", "--quiet", "--overwrite",
                         "-o", prefix] + extraArguments
        let start = Stopwatch.now()
        let usage = try Self.spawnAndWait(arguments)
        seconds = Stopwatch.now() - start
        peakResidentMB = Double(usage.ru_maxrss) / 1024   // Linux reports kilobytes
        let json = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: prefix + "_galaxy_parameters.json"))) as! [String: Any]
        accepted = json["accepted"] as! Int
        evaluations = json["model_evaluations"] as! Int
        fitSeconds = json["seconds"] as! Double
        chains = json["chains"] as? Int
    }

    /// posix_spawn + wait4, which (unlike Foundation's Process) reports the child's rusage.
    private static func spawnAndWait(_ arguments: [String]) throws -> rusage {
        var pid: pid_t = 0
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var devnull: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&devnull)
        posix_spawn_file_actions_addopen(&devnull, 1, "/dev/null", O_WRONLY, 0)
        defer { posix_spawn_file_actions_destroy(&devnull) }
        guard posix_spawn(&pid, arguments[0], &devnull, nil, argv, environ) == 0 else {
            throw GalpakError(.fitFailed, "cannot start \(arguments[0]); run `make bench`, which builds it")
        }
        var status: Int32 = 0
        var usage = rusage()
        wait4(pid, &status, 0, &usage)
        guard status == 0 else {
            throw GalpakError(.fitFailed, "galpak fit exited with status \(status >> 8)")
        }
        return usage
    }
}
