import Foundation

/// Writing to the terminal: results to stdout, everything else (progress, warnings, errors)
/// to stderr so that stdout can be piped.
///
/// Everything written here may hold text from a file (a header value, a file or cube name, a
/// manifest cell), so control characters are escaped on the way out
/// (``Swift/String/escapingControlCharacters(keepingLineBreaks:)``): a file cannot send its
/// own escape sequences to the terminal. Only the progress line's redraw is written raw.
enum Terminal {
    /// True when stderr is an interactive terminal (progress is then redrawn in place).
    static let stderrIsTerminal = isatty(STDERR_FILENO) != 0

    /// "galpak: error: `message`", the message on one line.
    static func error(_ message: String) {
        writeError("galpak: error: \(message.escapingControlCharacters())\n")
    }

    /// "galpak: warning: `message`", the message on one line.
    static func warning(_ message: String) {
        writeError("galpak: warning: \(message.escapingControlCharacters())\n")
    }

    /// `text` on stderr, line breaks kept.
    static func writeError(_ text: String) {
        writeRawError(text.escapingControlCharacters(keepingLineBreaks: true))
    }

    /// Redraws the current stderr line in place with `line` (a terminal's carriage return and
    /// erase-line, then the line).
    static func redrawError(_ line: String) {
        writeRawError("\r\u{1B}[K" + line.escapingControlCharacters())
    }

    /// `text` and `terminator` on stdout, line breaks kept.
    static func output(_ text: String = "", terminator: String = "\n") {
        print(text.escapingControlCharacters(keepingLineBreaks: true), terminator: terminator)
    }

    private static func writeRawError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
