import Foundation

/// poppler's `pdfinfo` and `pdffonts` (Debian package `poppler-utils`, which CI installs), when installed.
enum PopplerTools {
    static let pdfinfo = ["/usr/bin/pdfinfo", "/usr/local/bin/pdfinfo"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Runs the poppler tool `name` (beside ``pdfinfo``) on `file`: its exit status and output.
    static func run(_ name: String, _ file: String) throws -> (status: Int32, output: String) {
        let directory = URL(fileURLWithPath: pdfinfo ?? "/usr/bin/pdfinfo").deletingLastPathComponent()
        let outcome = try CommandLineRunner.run([file], program: directory.appendingPathComponent(name))
        return (outcome.status, outcome.stdout + outcome.stderr)
    }

    /// `pdfinfo`'s fields of `file` (`Pages` → `1`, `Page size` → `975.6 x 878.4 pts`), nil
    /// when it fails; `output` is what it printed.
    static func info(_ file: String) throws -> (fields: [String: String]?, output: String) {
        let (status, output) = try run("pdfinfo", file)
        guard status == 0 else { return (nil, output) }
        var fields: [String: String] = [:]
        for line in output.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return (fields, output)
    }
}
