import Foundation

/// What a fit does when it is asked to stop (SIGINT, SIGTERM, SIGHUP), in whatever phase it is:
/// it stops at the next check (``enter(_:)`` and ``check()`` between the steps of every phase;
/// the chains poll before every proposal and tuning evaluation; the output set before every
/// file and every rename into place), keeps the chain so far in `PREFIX_chain.incomplete.dat`,
/// and leaves nothing under a final name, so an interrupted fit can never be mistaken for a
/// finished one. Once the completion record is renamed into place the fit is complete and a
/// later stop request changes nothing.
final class FitInterruption {
    /// Whether a stop was asked for.
    let isCancelled: @Sendable () -> Bool
    /// What the fit is doing ("reading the cube", "sampling", …), for the message.
    private(set) var phase = "starting"
    /// The chains of the last sampling (complete or not), once there are any.
    var sampling: SamplerResult?

    init(isCancelled: @escaping @Sendable () -> Bool) {
        self.isCancelled = isCancelled
    }

    /// Stops (throws ``StopRequested``) if a stop was asked for; otherwise notes that the fit
    /// is now `phase`.
    func enter(_ phase: String) throws {
        try check()
        self.phase = phase
    }

    /// Throws ``StopRequested`` if a stop was asked for.
    func check() throws {
        try StopRequested.check(isCancelled)
    }

    /// Writes the chain so far (if it has rows) to `outputs.incompleteChain`, atomically, and
    /// returns the `.interrupted` error the fit then throws; `target` is the accepted steps
    /// the chains were to make.
    func keepChain(target: Int, outputs: FitOutputs) throws -> GalpakError {
        guard let sampling, !sampling.chain.isEmpty else {
            return GalpakError(.interrupted, "interrupted while \(phase), before the first accepted step; no file was written")
        }
        try AtomicFile.write(text: ChainFile.text(for: sampling.chain), to: outputs.incompleteChain)
        let steps = sampling.stopReason == .cancelled ? "\(sampling.progress.accepted) of \(target)" : "\(sampling.progress.accepted)"
        return GalpakError(.interrupted,
            "interrupted while \(phase) after \(steps) accepted steps; the chain so far is in \(outputs.incompleteChain), no other output was written; run the command again to fit from the start")
    }

    /// Removes the chain an earlier interrupted run left, once a fit under the same prefix has
    /// completed (it is superseded by `PREFIX_chain.dat`).
    static func removeStaleChain(_ outputs: FitOutputs) {
        try? FileManager.default.removeItem(atPath: outputs.incompleteChain)
    }
}
