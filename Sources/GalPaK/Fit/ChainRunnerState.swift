import Foundation

/// What ``ChainRunner`` hands its ``ChainSink`` besides the chains: everything continuing the
/// run needs, so that a run resumed from it (``ChainRunner/Setup/resume``) makes exactly the
/// chains the uninterrupted run would have made — every chain's generator state, tuned
/// proposal (with what an adaptive one has learnt), counts, retunes and current state, and
/// where the run was among its checkpoints. Kept as JSON (``encoded()``); NaN and ±∞ are
/// spelled `"nan"`, `"inf"`, `"-inf"`.
struct ChainRunnerState<P: Proposal>: Codable {
    /// One chain's state, apart from its rows.
    struct Slot: Codable {
        var generator: SeededGenerator
        /// Where the chain started (before any tuning).
        var start: GalaxyParameters
        var scales: [Double]
        var retunes: Int
        /// Why the chain stopped for good (nil: it goes on; a cancelled chain goes on).
        var stopReason: SamplerResult.StopReason?
        /// A retune due before the next segment, with this L (empty: from scratch).
        var pendingShape: [Double]?
        /// Proposals and accepted steps at the start of the current segment.
        var segmentStartProposals: Int
        var segmentStartAccepted: Int
        var tuning: ScaleTuner.Outcome?
        /// The run, nil before it started.
        var run: MetropolisRun<P>.Snapshot?
        /// Rows of its chain, to check the chain read back against.
        var rows: Int
    }

    /// The accepted count of the current (or last) checkpoint.
    var target: Int
    /// False when the chains were stopped before all of them reached ``target``.
    var segmentDone: Bool
    /// True when the run is over (converged, or every chain at its end): nothing is left to sample.
    var finished: Bool
    /// Whether the chains met the convergence target (nil without one).
    var converged: Bool?
    /// The mode's curvature the tuned chains' proposals were built from (``ChainRunner/Setup/curvature``).
    var curvature: ModeCurvature?
    /// Every chain, in chain order.
    var chains: [Slot]

    /// The state as JSON.
    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(self)
    }

    /// The state `data` (from ``encoded()``) holds, for `chains` chains whose rows are `rows`.
    /// - Throws: ``GalpakError`` `.badInput` when `data` is not such a state, or is for another
    ///   number of chains or other rows (`source` names where it came from).
    static func decoded(_ data: Data, chains: [Chain], source: String) throws -> Self {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        guard let state = try? decoder.decode(Self.self, from: data) else {
            throw GalpakError.badInput(source, "its sampler state is unreadable or is for another sampling method")
        }
        guard state.chains.count == chains.count else {
            throw GalpakError.badInput(source, "its sampler state is for \(state.chains.count) chains, its rows for \(chains.count)")
        }
        for (index, slot) in state.chains.enumerated() where slot.rows != chains[index].count {
            throw GalpakError.badInput(source, "chain \(index) has \(chains[index].count) rows, its sampler state says \(slot.rows)")
        }
        return state
    }
}
