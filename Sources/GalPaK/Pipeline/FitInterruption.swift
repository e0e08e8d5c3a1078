import Foundation

/// What a fit does when it is asked to stop (SIGINT, SIGTERM, SIGHUP), in whatever phase it is:
/// it stops at the next check (``enter(_:)`` and ``check()`` between the steps of every phase;
/// the chains poll before every proposal and tuning evaluation; the output set before every
/// file and every rename into place) and leaves nothing under a final name, so an interrupted
/// fit can never be mistaken for a finished one. The chains and the sampler's state are in
/// `PREFIX_chain.incomplete.dat` (the chain runner's sink keeps them there at every checkpoint
/// and when the chains stop), so `--resume` continues them. Once the completion record is
/// renamed into place the fit is complete and a later stop request changes nothing.
final class FitInterruption {
    /// Whether a stop was asked for.
    let isCancelled: @Sendable () -> Bool
    /// What the fit is doing ("reading the cube", "sampling", …), for the message.
    private(set) var phase = "starting"
    /// The chains of the last sampling of this run (complete or not), once there are any: the
    /// sink has then written them to `PREFIX_chain.incomplete.dat`.
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

    /// The `.interrupted` error the fit throws once it stopped; `target` is the accepted steps
    /// the chains were to make in all.
    func stopped(target: Int, outputs: FitOutputs) -> GalpakError {
        guard let sampling else {
            return GalpakError(.interrupted, "interrupted while \(phase), before sampling; no file was written")
        }
        let resume = "no other output was written; run the same command with --resume to continue it"
        guard !sampling.chain.isEmpty else {
            return GalpakError(.interrupted,
                "interrupted while \(phase), before the first accepted step; the sampler's state is in \(outputs.incompleteChain), \(resume)")
        }
        let accepted = sampling.progress.accepted
        let steps = sampling.stopReason == .cancelled ? "\(accepted) of \(target)" : "\(accepted)"
        return GalpakError(.interrupted,
            "interrupted while \(phase) after \(steps) accepted steps; the chain so far is in \(outputs.incompleteChain), \(resume)")
    }

    /// Removes the chain an earlier interrupted run left, once a fit under the same prefix has
    /// completed (it is superseded by `PREFIX_chain.dat`).
    static func removeStaleChain(_ outputs: FitOutputs) {
        try? FileManager.default.removeItem(atPath: outputs.incompleteChain)
    }
}
