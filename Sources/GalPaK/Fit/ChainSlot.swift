import Foundation

/// One chain's model, generator, tuning and run, owned by one thread at a time.
final class ChainSlot<P: Proposal>: @unchecked Sendable {
    let index: Int
    let setup: ChainRunner.Setup
    /// Made on first use, on the chain's own thread.
    lazy var objective: (GalaxyParameters) -> Double = setup.objective()
    var generator: SeededGenerator
    let start: GalaxyParameters
    let logPrior: (GalaxyParameters) -> Double
    private var initialProposal: P
    private var run: MetropolisRun<P>?
    private var tuning: ScaleTuner.Outcome?
    private var scales: [Double]
    private(set) var retunes = 0
    /// Why the run ended before the target (nil: it reached it, or has not started).
    private(set) var stopReason: SamplerResult.StopReason?
    /// A retune is due before the next segment: with this L (empty: tune from scratch).
    var pendingShape: [Double]?
    private var segmentStart = (proposals: 0, accepted: 0)

    init(index: Int, setup: ChainRunner.Setup, generator: SeededGenerator, start: GalaxyParameters,
         proposal: P, scales: [Double]) {
        self.index = index
        self.setup = setup
        self.generator = generator
        self.start = start
        let priors = setup.constraints.priors
        logPrior = priors.isEmpty ? { _ in 0 } : { priors.logDensity($0) }
        initialProposal = proposal
        self.scales = scales
    }

    /// The chain `saved` describes, with its rows `chain` (``state`` and ``chain`` of the
    /// slot it was taken from); `proposal` is the untuned one, for a chain not started yet.
    convenience init(index: Int, setup: ChainRunner.Setup, restoring saved: ChainRunnerState<P>.Slot, chain: Chain,
                     proposal: P) {
        self.init(index: index, setup: setup, generator: saved.generator, start: saved.start, proposal: proposal,
                  scales: saved.scales)
        retunes = saved.retunes
        stopReason = saved.stopReason
        pendingShape = saved.pendingShape
        segmentStart = (saved.segmentStartProposals, saved.segmentStartAccepted)
        tuning = saved.tuning
        run = saved.run.map { MetropolisRun(sampler($0.proposal), resuming: $0, chain: chain) }
    }

    /// Everything the chain is, but its rows (``chain``); a stop by cancellation is not kept.
    var state: ChainRunnerState<P>.Slot {
        ChainRunnerState<P>.Slot(
            generator: generator, start: start, scales: scales, retunes: retunes,
            stopReason: stopReason == .cancelled ? nil : stopReason, pendingShape: pendingShape,
            segmentStartProposals: segmentStart.proposals, segmentStartAccepted: segmentStart.accepted,
            tuning: tuning, run: run?.snapshot, rows: chain.count)
    }

    /// The rows so far (none before the run started).
    var chain: Chain { run?.chain ?? Chain() }

    var accepted: Int { run?.counts.accepted ?? 0 }
    /// The tuned shape L of the current run (in the tuning's sampling space), nil when untuned.
    var tunedMatrix: [Double]? { tuning?.matrix }
    /// The fraction of the run's steps that are independence draws (0 before a run).
    var independentWeight: Double { run?.proposal.independentWeight ?? 0 }
    var currentParameters: GalaxyParameters { run?.currentParameters ?? start }
    var segmentProposals: Int { (run?.counts.proposals ?? 0) - segmentStart.proposals }
    var segmentAcceptance: Double {
        let proposals = segmentProposals
        return proposals == 0 ? 0 : Double(accepted - segmentStart.accepted) / Double(proposals)
    }

    var result: SamplerResult {
        run!.result(stopReason: stopReason ?? .completed)
    }

    var runRecord: ChainRunner.Run {
        ChainRunner.Run(index: index, start: start, result: result, tuning: tuning, retunes: retunes, scales: scales)
    }

    /// Tunes (before the first segment with `tuned`, or when a retune is pending) and starts
    /// the run with `tuning`'s proposals: the random walk is shaped by the draws of all chains
    /// at a retune, else by the mode's curvature when there is one, else by the chain's own
    /// burn-in (``ScaleTuner``).
    func prepare(tuning plan: ChainTuning<P>?, sink: EventSink) throws {
        guard let plan else {
            guard run == nil else { return }
            run = try MetropolisRun(sampler(initialProposal), from: start, objective: objective, logPrior: logPrior)
            return
        }
        guard run == nil || pendingShape != nil else { return }
        let from = currentParameters
        let dropped = run?.counts
        let tuner = ScaleTuner()
        // A stop asked for while tuning ends it at the next evaluation; the chain keeps the
        // draws it had (none before its first tuning: an empty run then). The tuning is then
        // redone in full when the chains are resumed, from the generator state it started
        // with, so that the resumed chains are those of the uninterrupted run.
        let generatorBeforeTuning = generator
        let stoppable: (GalaxyParameters) throws -> Double = { [setup] p in
            try StopRequested.check(setup.isCancelled)
            return self.objective(p)
        }
        let outcome: ScaleTuner.Outcome
        do {
            let pooled = pendingShape.flatMap { $0.isEmpty ? nil : $0 }
            let known = pooled.map { (matrix: $0, source: ScaleTuner.Outcome.ShapeSource.pooledDraws, anchor: from) }
                ?? plan.shape.map { (matrix: $0, source: .modeCurvature, anchor: plan.mode!) }
            outcome = try tuner.tune(
                bounds: setup.constraints.bounds, degreesOfFreedom: setup.degreesOfFreedom, scales: setup.scales.values,
                proposal: plan.randomWalk, from: from, shape: known, burnIn: tuning == nil ? plan.burnIn : nil,
                space: plan.space, using: &generator, objective: stoppable, logPrior: logPrior)
        } catch is StopRequested {
            generator = generatorBeforeTuning
            if run == nil {
                run = try MetropolisRun(sampler(initialProposal), from: start, objective: objective, logPrior: logPrior)
                pendingShape = []
            }
            stopReason = .cancelled
            return
        }
        var record = outcome
        if let previous = tuning {
            record.proposals += previous.proposals + (dropped?.proposals ?? 0)
            record.evaluations += previous.evaluations + (dropped?.evaluations ?? 0)
            record.rounds += previous.rounds
            retunes += 1
        }
        tuning = record
        scales = outcome.scales
        pendingShape = nil
        stopReason = nil
        segmentStart = (0, 0)
        if outcome.multiplierTuned {
            sink.send(.stage(String(
                format: "chain %d: jumps %@ to %.0f%% acceptance (target %.0f±%.0f%%; shape from the %@; %d rounds, %d proposals)",
                index, retunes > 0 ? "retuned" : "tuned", 100 * outcome.acceptance, 100 * tuner.target,
                100 * tuner.tolerance, outcome.shapeSource.rawValue, outcome.rounds, outcome.proposals)))
        } else {
            sink.send(.stage(String(
                format: "chain %d: jumps shaped and scaled by the %@ (%d independence draws first, %.0f%% accepted)",
                index, outcome.shapeSource.rawValue, outcome.proposals, 100 * outcome.acceptance)))
        }
        run = try MetropolisRun(sampler(plan.main(outcome.matrix, outcome.anchor)), from: outcome.finalParameters,
                                objective: objective, logPrior: logPrior)
    }

    /// Advances the run to `target` accepted steps, unless it already stopped; a `fresh`
    /// segment starts here (else an interrupted one goes on, its start kept).
    func advance(to target: Int, fresh: Bool, board: ProgressBoard, sink: EventSink) throws {
        guard stopReason == nil, var current = run else { return }
        if fresh { segmentStart = (current.counts.proposals, current.counts.accepted) }
        let reason = current.advance(toAccepted: target, using: &generator, objective: objective,
                                     logPrior: logPrior, progress: { board.update(self.index, $0, sink: sink) },
                                     isCancelled: setup.isCancelled)
        run = current
        board.update(index, current.counts, sink: sink)
        if reason != .completed || current.counts.accepted >= setup.settings.iterations {
            stopReason = reason
        }
    }

    private func sampler(_ proposal: P) -> MetropolisSampler<P> {
        MetropolisSampler(bounds: setup.constraints.bounds, proposal: proposal,
                          degreesOfFreedom: setup.degreesOfFreedom, settings: setup.settings)
    }
}
