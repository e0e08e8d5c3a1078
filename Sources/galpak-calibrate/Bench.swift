import ArgumentParser
import Foundation

/// `galpak-calibrate`: slow checks of the fitter's statistics, kept out of `swift test`.
@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "galpak-calibrate",
        abstract: "Benchmarks of galpak's posteriors: interval coverage on simulated cubes, and the iterations the first guess saves.",
        subcommands: [CalibrateCommand.self, TableCommand.self, FirstGuessCommand.self])
}

/// Writes a line to stdout at once (progress of a long benchmark must show in a log file).
func say(_ line: String = "") {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
