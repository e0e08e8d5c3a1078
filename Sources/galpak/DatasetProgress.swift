import Foundation

/// Shows a dataset's progress on stderr, as ``ProgressPrinter`` does a fit's: one line redrawn
/// in place on a terminal, a plain line every few seconds otherwise (logs), and the last count
/// always. Silent with `--quiet`. Called by the writing threads one at a time
/// (``SimulatedDataset/write(provenance:isCancelled:progress:)``).
final class DatasetProgress: @unchecked Sendable {
    private let total: Int
    private let quiet: Bool
    private let start = ContinuousClock.now
    private var lastPrint = -Double.infinity
    private var lineOpen = false

    init(total: Int, quiet: Bool) {
        self.total = total
        self.quiet = quiet
    }

    /// `written` cubes of the total are written.
    func written(_ written: Int) {
        guard !quiet else { return }
        let elapsed = (ContinuousClock.now - start).inSeconds
        let interval = Terminal.stderrIsTerminal ? 0.25 : 5.0
        guard elapsed - lastPrint >= interval || written == total else { return }
        lastPrint = elapsed
        let left = elapsed * Double(total - written) / Double(written)
        let line = String(format: "galpak: %d/%d cubes written, %.1f s elapsed, ~%.0f s left", written, total, elapsed, left)
        if Terminal.stderrIsTerminal {
            Terminal.redrawError(line)
            lineOpen = true
        } else {
            Terminal.writeError(line + "\n")
        }
    }

    /// Ends an in-place line so that what follows starts on a fresh line.
    func end() {
        if lineOpen {
            Terminal.writeError("\n")
            lineOpen = false
        }
    }
}
