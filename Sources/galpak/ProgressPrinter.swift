import Foundation
import GalPaK

/// Shows a fit's progress on stderr: one line redrawn in place on a terminal, or a plain line
/// every few seconds when stderr is a file or pipe (batch logs). Silent with `--quiet`.
final class ProgressPrinter {
    private let quiet: Bool
    private var line = ProgressLine()

    init(quiet: Bool) {
        self.quiet = quiet
    }

    /// Handles one event of a running fit.
    func handle(_ event: FitEvent) {
        switch event {
        case .warning(let message):
            endLine()
            Terminal.warning(message)
        case .stage(let what):
            guard !quiet else { return }
            endLine()
            Terminal.writeError("galpak: \(what)\n")
        case .progress(let p, let target, let isCheckpoint):
            guard !quiet else { return }
            guard line.isDue(elapsed: p.elapsedSeconds, last: p.accepted >= target) else { return }
            let remaining = p.accepted > 0
                ? p.elapsedSeconds * Double(target - p.accepted) / Double(p.accepted) : .nan
            let eta = remaining.isFinite ? String(format: "~%.0f s", remaining) : "?"
            line.show(String(
                format: "galpak: %d%@ accepted  acceptance %.1f%%  reduced chi2 %.5f (best %.5f)  %.1f s elapsed, %@",
                p.accepted, isCheckpoint ? "" : "/\(target)", 100 * p.acceptanceRate, p.currentReducedChi2,
                p.bestReducedChi2, p.elapsedSeconds,
                isCheckpoint ? "convergence check at \(target) (\(eta))" : "\(eta) left"))
        }
    }

    /// Ends an in-place progress line so the next output starts on a fresh line.
    func endLine() { line.end() }
}
