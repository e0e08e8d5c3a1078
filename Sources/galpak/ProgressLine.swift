/// One progress line on stderr: redrawn in place on a terminal, or written as a plain line at
/// most every few seconds when stderr is a file or pipe (logs). Shared by a fit's and a
/// dataset's progress (``ProgressPrinter``, ``DatasetProgress``).
struct ProgressLine {
    private var lastPrint = -Double.infinity
    private var lineOpen = false

    /// Whether a line is due `elapsed` seconds into the work (0.25 s after the last on a
    /// terminal, 5 s in a log; always when `last`); if so, counts it as shown.
    mutating func isDue(elapsed: Double, last: Bool) -> Bool {
        let interval = Terminal.stderrIsTerminal ? 0.25 : 5.0
        guard elapsed - lastPrint >= interval || last else { return false }
        lastPrint = elapsed
        return true
    }

    /// Shows `line`: in place of the previous one on a terminal, else as a line of its own.
    mutating func show(_ line: String) {
        if Terminal.stderrIsTerminal {
            Terminal.redrawError(line)
            lineOpen = true
        } else {
            Terminal.writeError(line + "\n")
        }
    }

    /// Ends an in-place line so that what follows starts on a fresh line.
    mutating func end() {
        if lineOpen {
            Terminal.writeError("\n")
            lineOpen = false
        }
    }
}
