import Foundation

/// Shows a dataset's progress on stderr, as ``ProgressPrinter`` does a fit's: one line redrawn
/// in place on a terminal, a plain line every few seconds otherwise (logs), and the last count
/// always. Silent with `--quiet`. Called by the writing threads one at a time
/// (``SimulatedDataset/write(provenance:isCancelled:progress:)``).
final class DatasetProgress: @unchecked Sendable {
    private let total: Int
    private let quiet: Bool
    private let start = ContinuousClock.now
    private var line = ProgressLine()

    init(total: Int, quiet: Bool) {
        self.total = total
        self.quiet = quiet
    }

    /// `written` cubes of the total are written.
    func written(_ written: Int) {
        guard !quiet else { return }
        let elapsed = (ContinuousClock.now - start).inSeconds
        guard line.isDue(elapsed: elapsed, last: written == total) else { return }
        let left = elapsed * Double(total - written) / Double(written)
        line.show(String(format: "galpak: %d/%d cubes written, %.1f s elapsed, ~%.0f s left", written, total, elapsed, left))
    }

    /// Ends an in-place line so that what follows starts on a fresh line.
    func end() { line.end() }
}
