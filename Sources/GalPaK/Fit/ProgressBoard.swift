import Foundation

/// The chains' latest progress, shared between their threads under a lock.
final class ProgressBoard: @unchecked Sendable {
    private let lock = NSLock()
    private var latest: [SamplerProgress?]
    /// Accepted steps of all chains at the coming checkpoint.
    private var target = 0
    /// Whether the target is a convergence check rather than the end of the run.
    private let checkpoints: Bool

    init(chains: Int, checkpoints: Bool) {
        latest = Array(repeating: nil, count: chains)
        self.checkpoints = checkpoints
    }

    func setTarget(_ value: Int) { lock.withLock { target = value } }

    /// Records chain `index`'s progress and reports the sum over the chains.
    func update(_ index: Int, _ progress: SamplerProgress, sink: EventSink) {
        let (combined, target): (SamplerProgress, Int) = lock.withLock {
            latest[index] = progress
            let known = latest.compactMap { $0 }
            return (SamplerProgress(
                proposals: known.reduce(0) { $0 + $1.proposals },
                evaluations: known.reduce(0) { $0 + $1.evaluations },
                accepted: known.reduce(0) { $0 + $1.accepted },
                currentReducedChi2: known.map(\.currentReducedChi2).min() ?? .nan,
                bestReducedChi2: known.map(\.bestReducedChi2).min() ?? .nan,
                elapsedSeconds: known.map(\.elapsedSeconds).max() ?? 0), self.target)
        }
        sink.send(.progress(combined, target: target, isCheckpoint: checkpoints))
    }
}
