import Foundation

/// Where a run's outputs came from: the galpak version, the command line that ran it and when.
/// Every output records it: FITS files as CREATOR, DATE and HISTORY cards, the JSON files as
/// `galpak_version`, `command_line` and `date`, `PREFIX_run_parameters.txt` in its first lines.
public struct Provenance: Sendable, Equatable {
    /// galpak's version: the one source of it (`galpak --version` prints it, every output records it).
    public static let version = "0.1.0"

    /// The arguments of the command, the executable first (as `CommandLine.arguments`).
    public var arguments: [String]
    /// When the run started.
    public var date: Date

    /// The provenance of the running process: its arguments, now.
    public init(arguments: [String] = CommandLine.arguments, date: Date = Date()) {
        self.arguments = arguments
        self.date = date
    }

    /// "galpak VERSION", the name software-identification cards (FITS CREATOR) carry.
    public static var creator: String { "galpak \(version)" }

    /// The command line as one line a POSIX shell runs again: every argument that holds
    /// anything but letters, digits and `_ @ % + = : , . / -` is single-quoted (a quote inside
    /// as `'\''`), an empty one is `''`.
    public var commandLine: String {
        arguments.map(Self.shellQuoted).joined(separator: " ")
    }

    /// ``date`` in UTC, ISO 8601 to the second: `2025-01-31T12:00:00Z`.
    public var dateText: String { Self.utcText(date) + "Z" }

    /// ``date`` in the FITS `DATE` format (UTC, no zone letter): `2025-01-31T12:00:00`.
    public var fitsDate: String { Self.utcText(date) }

    private static func utcText(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d",
                      c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }

    private static let plainCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_@%+=:,./-")

    private static func shellQuoted(_ argument: String) -> String {
        if !argument.isEmpty && argument.allSatisfy(plainCharacters.contains) { return argument }
        return "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
