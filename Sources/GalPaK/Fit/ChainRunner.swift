import Foundation

/// Runs a fit's independent Metropolis chains in parallel threads, in lockstep segments, until
/// they have converged or reached their length.
///
/// Chain c (0-based) has its own objective, made by ``Setup/objective`` (for a fit, its own
/// ``ForwardModel``: the model and convolver are not thread-safe; the kernel and the χ² data
/// are shared, read-only) and its own
/// ``SeededGenerator`` seeded with `seed + c`, so a run is reproducible whatever the thread
/// scheduling. Chain 0 starts at the first guess; chain c > 0 starts at a dispersed point:
/// each free parameter moved by a uniform draw within ±10 % of its bounds' width (clamped into
/// the bounds; e.g. ±1 px in x for a 30-px cube, ±34 km/s in Vmax, ±44° in PA), so that
/// chains that end up disagreeing reveal a poorly converged or multimodal posterior (R̂).
///
/// **Moves** (``MetropolisChains``, one type per `--sampling` method): every chain starts with
/// the moves' untuned proposal. Tuned moves (``TunedChains``) first tune each chain's jumps
/// (``ScaleTuner``: correlated Cauchy jumps shaped by the posterior's curvature, scaled to
/// ~40 % acceptance, half of them in log coordinates for the positive scale-like parameters:
/// ``SpaceMixtureProposal``)
/// and its main run starts where the tuning ended. Given the mode's curvature
/// (``Setup/curvature``), every chain takes shape and scale from it after a round of
/// independence draws around the mode, and the main run mixes those jumps with such draws
/// (``ChainTuning``, ``TunedProposal``). ``CauchyChains`` and ``AdaptiveChains`` are the reference's untuned proposals.
///
/// **Segments.** All chains advance to the same number of accepted steps (the first
/// checkpoint at ``firstCheckpoint``, then every ``checkpointGrowth`` of the length so far, at
/// least ``minCheckpointInterval``), then wait for each other. At each checkpoint:
/// 1. with tuned moves, a chain whose acceptance over the last segment left
///    ``acceptanceBand`` (or that stopped for too low an acceptance), or whose jumps along some
///    parameter are narrower than ``minWidthRatio`` of the draws' spread, is **retuned**: its jumps
///    are reshaped by the covariance of the draws of all chains (their second halves) and
///    rescaled to the target, its draws so far are dropped (counted as tuning), and it starts
///    again from where it was — at most ``maxRetunes`` times;
/// 2. with a ``Setup/convergence`` target, the chains stop as soon as every free parameter
///    meets it (``ConvergenceReport`` over the draws the estimate uses, the numbers the outputs
///    report), or at the settings' iterations, unconverged.
/// Without a target the chains run to the settings' iterations.
///
/// **Storage and resuming.** With a ``Setup/sink``, the chains and their state
/// (``ChainRunnerState``: generators, tuned proposals, counts) are handed to it after every
/// checkpoint's decisions and when the chains are stopped, so an interrupted or killed run has
/// its chains on disk up to its last checkpoint at least. A run given that state back
/// (``Setup/resume``) continues from it and makes exactly the chains the uninterrupted run
/// would have made (bit for bit: same generator states, same segment boundaries).
///
/// Threads: ``forEachConcurrently(_:workers:_:)`` (`DispatchQueue.concurrentPerform`), i.e. at
/// most one chain per core at a time; with more chains than cores the extra ones wait. Events
/// from the chains are serialised (a lock) before they reach the caller's handler, and progress
/// is reported summed over the chains.
public struct ChainRunner: Sendable {
    /// Fraction of each bound's width within which chains c > 0 are moved from the start.
    public static let dispersion = 0.1
    /// Accepted steps per chain at the first checkpoint. Tuned chains whose steps are mostly
    /// independence draws reach ESS ≥ 400 in a few hundred steps on the CO cube (ESS 475–592 at
    /// 300–700 steps per chain, seeds 1–3), where a first check at 1000 ran them 2–3× too long.
    /// A convergence check costs ~1 ms (R-hat and Geyer's ESS over ≤ 10⁵ draws).
    public static let firstCheckpoint = 300
    /// Smallest number of accepted steps between checkpoints.
    public static let minCheckpointInterval = 100
    /// Checkpoints come every this fraction of the length so far (so a run overshoots its
    /// convergence point by at most ~10 %, with ~25 checks up to 10⁵ steps).
    public static let checkpointGrowth = 0.1
    /// A tuned random walk whose acceptance over a segment leaves this band is retuned (beyond
    /// its binomial noise: ``leavesAcceptanceBand(_:proposals:independentWeight:)``).
    public static let acceptanceBand = 0.15...0.60

    /// The band a chain's acceptance must stay in when a fraction `w` of its steps are
    /// independence draws (``Proposal/independentWeight``): the random walk's
    /// ``acceptanceBand``, its upper end raised to `w + (1 − w) · 0.60`, the most a mixture
    /// whose random walk stays in the band can accept (independence draws from a t that fits
    /// the posterior well are nearly all accepted: a toy Gaussian's chain accepts ~80 % with
    /// w = 0.8, and that is no sign of too-short jumps). The lower end stays: below it the chain
    /// is stuck whatever moves it.
    public static func acceptanceBand(independentWeight w: Double) -> ClosedRange<Double> {
        acceptanceBand.lowerBound...(w + (1 - w) * acceptanceBand.upperBound)
    }

    /// Whether a segment's acceptance `rate` over `proposals` proposals lies outside
    /// ``acceptanceBand(independentWeight:)`` by more than two binomial standard deviations,
    /// `2 √(r(1 − r)/n)`: a short segment (a few hundred proposals, from the first checkpoints)
    /// measures its rate only to ±3–5 %.
    public static func leavesAcceptanceBand(_ rate: Double, proposals: Int, independentWeight: Double) -> Bool {
        guard proposals > 0 else { return false }
        let band = acceptanceBand(independentWeight: independentWeight)
        let noise = 2 * (rate * (1 - rate) / Double(proposals)).squareRoot()
        return rate < band.lowerBound - noise || rate > band.upperBound + noise
    }

    /// Most retunes per chain.
    public static let maxRetunes = 3
    /// A tuned chain whose jump half-width along a free parameter is below this fraction of
    /// the parameter's standard deviation over the pooled draws is retuned. Tuned to 40 %
    /// acceptance the ratio is ~0.3 for every parameter; a chain whose curvature was measured
    /// where the posterior is locally sharp can be 20 times narrower in one direction, and
    /// then crawls along it with an acceptance that looks normal.
    public static let minWidthRatio = 0.1

    /// Runs the chains with `moves` (or continues them from ``Setup/resume``);
    /// ``SampledPosterior/converged`` says whether they met ``Setup/convergence`` (nil without one).
    /// - Throws: the first error any chain threw or the sink threw (``GalpakError``); `.badInput`
    ///   naming the resume's source when its state does not fit this setup.
    static func run<M: MetropolisChains>(_ setup: Setup, moves: M, events: (FitEvent) -> Void) throws -> SampledPosterior {
        try withoutActuallyEscaping(events) { events in
            try drive(setup, sink: EventSink(events), untuned: moves.untuned(setup),
                      tuned: { moves.tuning(setup, curvature: $0) })
        }
    }

    /// Chain `index`'s start: the shared start for chain 0, else dispersed by `generator`.
    public static func start<G: RandomNumberGenerator>(of index: Int, from start: GalaxyParameters,
                                                       bounds: ParameterBounds, fixed: GalaxyParameters,
                                                       using generator: inout G) -> GalaxyParameters {
        guard index > 0 else { return start }
        var p = start
        for name in bounds.names where fixed[name].isNaN {
            let lo = bounds.min[name], hi = bounds.max[name]
            let u = 2 * generator.nextOpenUnitInterval() - 1
            p[name] = Swift.min(Swift.max(start[name] + u * dispersion * (hi - lo), lo), hi)
        }
        return p
    }

    /// The accepted count of the checkpoint after `current`, at most `cap`.
    public static func nextCheckpoint(after current: Int, cap: Int) -> Int {
        guard current > 0 else { return Swift.min(firstCheckpoint, cap) }
        let step = Swift.max(minCheckpointInterval, Int(checkpointGrowth * Double(current)))
        return Swift.min(current + step, cap)
    }

    /// Runs every chain with proposals of type `P`: `untuned` before (or without) tuning;
    /// `tuned` gives the tuned chains' proposals for the mode's curvature (``Setup/curvature``,
    /// or the one a resumed run kept), nil when the chains are not tuned.
    private static func drive<P: Proposal>(
        _ setup: Setup, sink: EventSink, untuned: P, tuned: (ModeCurvature?) -> ChainTuning<P>?
    ) throws -> SampledPosterior {
        let slots: [ChainSlot<P>]
        var curvature = setup.curvature
        var target = 0
        var segmentDone = true
        var converged: Bool? = setup.convergence == nil ? nil : false
        if let resume = setup.resume {
            let state = try ChainRunnerState<P>.decoded(resume.state, chains: resume.chains, source: resume.source)
            guard state.chains.count == setup.chainCount else {
                throw GalpakError.badInput(resume.source, "it holds \(state.chains.count) chains, not \(setup.chainCount)")
            }
            slots = state.chains.enumerated().map { index, saved in
                ChainSlot(index: index, setup: setup, restoring: saved, chain: resume.chains[index], proposal: untuned)
            }
            target = state.target
            curvature = state.curvature
            segmentDone = state.segmentDone
            converged = state.converged
            if state.finished { return SampledPosterior(runs: slots.map(\.runRecord), converged: converged) }
        } else {
            slots = (0..<setup.chainCount).map { index -> ChainSlot<P> in
                var generator = SeededGenerator(seed: setup.seed &+ UInt64(index))
                let start = start(of: index, from: setup.start, bounds: setup.constraints.bounds,
                                  fixed: setup.constraints.fixed, using: &generator)
                return ChainSlot(index: index, setup: setup, generator: generator, start: start,
                                 proposal: untuned, scales: setup.scales.values)
            }
        }
        let tuning = tuned(curvature)
        let board = ProgressBoard(chains: setup.chainCount, checkpoints: setup.convergence != nil)
        let cap = setup.settings.iterations
        let free = setup.constraints.bounds.names.indices.filter { setup.scales.values[$0] > 0 }.map { setup.constraints.bounds.names[$0] }

        // Each chain: tune (first time, or a retune asked for at the last checkpoint), then
        // advance; `fresh` is false when continuing a segment an interrupted run began.
        func phase(to target: Int, fresh: Bool) throws {
            board.setTarget(target * setup.chainCount)
            try forEachConcurrently(slots.count, workers: slots.count) { _, i in
                try slots[i].prepare(tuning: tuning, sink: sink)
                try slots[i].advance(to: target, fresh: fresh, board: board, sink: sink)
            }
        }
        // Hands the chains and their state to the sink.
        func keep(finished: Bool) throws {
            guard let store = setup.sink else { return }
            let state = ChainRunnerState<P>(target: target, segmentDone: segmentDone, finished: finished,
                                            converged: converged, curvature: curvature, chains: slots.map(\.state))
            try store.keep(slots.map(\.chain), state: try state.encoded())
        }

        while true {
            if segmentDone { target = nextCheckpoint(after: target, cap: cap) }
            try phase(to: target, fresh: segmentDone)
            if slots.contains(where: { $0.stopReason == .cancelled }) {
                segmentDone = false
                try keep(finished: false)
                break
            }
            segmentDone = true
            if let tuning { scheduleRetunes(slots, setup: setup, space: tuning.space, sink: sink) }
            let waiting = slots.contains { $0.pendingShape != nil }
            if let goal = setup.convergence, !waiting, slots.allSatisfy({ $0.accepted >= firstCheckpoint || $0.stopReason != nil }) {
                let chains = slots.map { $0.result.chain }
                if chains.allSatisfy({ !$0.isEmpty }),
                   let summary = try? ChainSummary(chains: chains, fraction: setup.fraction, burn: setup.burn) {
                    let report = ConvergenceReport(chains: chains, fraction: setup.fraction, burn: setup.burn,
                                                   centre: summary.estimate.value)
                    if goal.isMet(by: report, free: free) {
                        converged = true
                        try keep(finished: true)
                        break
                    }
                }
            }
            let running = slots.filter { $0.stopReason == nil || $0.pendingShape != nil }
            let finished = running.isEmpty || (target >= cap && !waiting)
            try keep(finished: finished)
            if finished { break }
        }
        return SampledPosterior(runs: slots.map(\.runRecord), converged: converged)
    }
}
