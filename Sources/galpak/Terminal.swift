import Foundation

/// Writing to the terminal: results to stdout, everything else (progress, warnings, errors)
/// to stderr so that stdout can be piped.
enum Terminal {
    /// True when stderr is an interactive terminal (progress is then redrawn in place).
    static let stderrIsTerminal = isatty(STDERR_FILENO) != 0

    static func error(_ message: String) {
        writeError("galpak: error: \(message)\n")
    }

    static func warning(_ message: String) {
        writeError("galpak: warning: \(message)\n")
    }

    static func writeError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
