import Foundation

/// What a fit does when it is asked to stop (SIGINT, SIGTERM) while sampling: the chain so
/// far is kept in `PREFIX_chain.incomplete.dat` and nothing is written under a final name, so
/// an interrupted fit can never be mistaken for a finished one.
enum FitInterruption {
    /// Writes the chain of `sampling` (if it has rows) to `outputs.incompleteChain`, atomically,
    /// and returns the `.interrupted` error the fit then throws.
    static func keepChain(of sampling: SamplerResult, target: Int, outputs: FitOutputs) throws -> GalpakError {
        let accepted = sampling.progress.accepted
        guard !sampling.chain.isEmpty else {
            return GalpakError(.interrupted, "interrupted before the first accepted step; no file was written")
        }
        try AtomicFile.write(text: ChainFile.text(for: sampling.chain), to: outputs.incompleteChain)
        return GalpakError(.interrupted,
            "interrupted after \(accepted) of \(target) accepted steps; the chain so far is in \(outputs.incompleteChain), no other output was written; run the command again to fit from the start")
    }

    /// Removes the chain an earlier interrupted run left, once a fit under the same prefix has
    /// completed (it is superseded by `PREFIX_chain.dat`).
    static func removeStaleChain(_ outputs: FitOutputs) {
        try? FileManager.default.removeItem(atPath: outputs.incompleteChain)
    }
}
