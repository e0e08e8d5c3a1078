import Foundation

/// What a fit does when it is asked to stop (SIGINT, SIGTERM) while sampling: the chain so
/// far and the sampler's state are in `PREFIX_chain.incomplete.dat` (the chain runner's sink
/// keeps them there when the chains stop) and nothing is written under a final name, so an
/// interrupted fit can never be mistaken for a finished one, and `--resume` continues it.
enum FitInterruption {
    /// The `.interrupted` error a fit throws once its chains, pooled in `sampling`, stopped
    /// short of `target` accepted steps in all.
    static func stopped(_ sampling: SamplerResult, target: Int, outputs: FitOutputs) -> GalpakError {
        let accepted = sampling.progress.accepted
        let resume = "no other output was written; run the same command with --resume to continue it"
        guard !sampling.chain.isEmpty else {
            return GalpakError(.interrupted, "interrupted before the first accepted step; the sampler's state is in \(outputs.incompleteChain), \(resume)")
        }
        return GalpakError(.interrupted,
            "interrupted after \(accepted) of \(target) accepted steps; the chain so far is in \(outputs.incompleteChain), \(resume)")
    }

    /// Removes the chain an earlier interrupted run left, once a fit under the same prefix has
    /// completed (it is superseded by `PREFIX_chain.dat`).
    static func removeStaleChain(_ outputs: FitOutputs) {
        try? FileManager.default.removeItem(atPath: outputs.incompleteChain)
    }
}
