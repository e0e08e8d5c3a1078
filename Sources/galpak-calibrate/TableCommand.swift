import ArgumentParser
import Foundation

/// `galpak-calibrate table`: the coverage table of the records of one or several calibration
/// runs (`calibrate --records`), e.g. classes or ranges of cubes fitted by separate processes.
struct TableCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "table",
        abstract: "Print the coverage table of calibration records (`calibrate --records`), merging several files.",
        discussion: "A cube recorded more than once (same class and number) counts once, its last record.")

    @Argument(help: ArgumentHelp("Record files written by `calibrate --records`.", valueName: "file.csv"))
    var files: [String]
    @Option(help: "Also write the table (Markdown) to this file.") var output: String?

    func run() throws {
        var latest: [String: CalibrationRecord] = [:]
        var order: [String] = []
        for file in files {
            for record in try CalibrationRecordFile.read(file) {
                let key = "\(record.noiseClass.rawValue)#\(record.cube)"
                if latest[key] == nil { order.append(key) }
                latest[key] = record
            }
        }
        let tallies = NoiseClass.allCases.compactMap { noiseClass -> ClassCoverage? in
            var tally = ClassCoverage(noiseClass)
            for key in order where latest[key]!.noiseClass == noiseClass { tally.add(latest[key]!) }
            return tally.count > 0 ? tally : nil
        }
        let table = coverageTable(tallies) + "\n\(order.count) cubes from \(files.count) record file(s)\n"
        say(table)
        if let output { try table.write(toFile: output, atomically: true, encoding: .utf8) }
    }
}
