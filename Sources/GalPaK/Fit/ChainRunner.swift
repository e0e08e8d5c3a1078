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
/// **Proposals** (``SamplingMethod``): with `tuned`, each chain first tunes its own jumps
/// (``ScaleTuner``: correlated Cauchy jumps shaped by the posterior's curvature, scaled to
/// ~40 % acceptance, half of them in log coordinates for the positive scale-like parameters:
/// ``SpaceMixtureProposal``)
/// and its main run starts where the tuning ended. Given the mode's curvature
/// (``Setup/curvature``), every chain takes the shape from it and only tunes the scale, and the
/// main run mixes those jumps with independence draws around the mode (``ChainTuning``,
/// ``TunedProposal``). `cauchy` and `adaptive` are the reference's untuned proposals.
///
/// **Segments.** All chains advance to the same number of accepted steps (the first
/// checkpoint at ``firstCheckpoint``, then every ``checkpointGrowth`` of the length so far, at
/// least ``minCheckpointInterval``), then wait for each other. At each checkpoint:
/// 1. with `tuned`, a chain whose acceptance over the last segment left
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
/// Threads: `DispatchQueue.concurrentPerform`, i.e. at most one chain per core at a time; with
/// more chains than cores the extra ones wait. Events from the chains are serialised (a lock)
/// before they reach the caller's handler, and progress is reported summed over the chains.
public struct ChainRunner: Sendable {
    /// What every chain shares.
    public struct Setup: Sendable {
        /// Makes one chain's χ² function (called once per chain, on that chain's thread).
        public var objective: @Sendable () -> (GalaxyParameters) -> Double
        public var constraints: ParameterConstraints
        /// Base half-widths: reference scales × random scale, 0 for fixed parameters.
        public var scales: ProposalScales
        /// The per-parameter random scale (NaN = 1), which also multiplies adaptive half-widths.
        public var randomScale: GalaxyParameters
        public var sampling: SamplingMethod
        public var degreesOfFreedom: Int
        /// Stop conditions; `iterations` is the length of every chain (with ``convergence``,
        /// the most accepted steps a chain may take).
        public var settings: SamplerSettings
        /// Stop as soon as the chains meet this (nil: run every chain to its length).
        public var convergence: ConvergenceTarget?
        /// Percentage of each chain (after ``burn``) the estimate, and so the convergence check, uses.
        public var fraction: Double = 60
        /// Iterations dropped at the start of every chain before the estimate.
        public var burn = 0
        public var seed: UInt64
        public var chainCount: Int
        /// Where chain 0 starts.
        public var start: GalaxyParameters
        /// Polled before every proposal and every tuning evaluation of every chain; true stops
        /// them all (SIGINT, SIGTERM, SIGHUP).
        public var isCancelled: @Sendable () -> Bool = { false }
        /// Where the chains and their state are kept at every checkpoint and when stopped.
        public var sink: (any ChainSink)?
        /// What a sink kept of an earlier run with this setup: the chains continue from there.
        public var resume: Resume?
        /// With `tuned` sampling: the posterior's mode and its Laplace covariance, measured once
        /// for all chains (``ChainTuning``); nil: each chain measures its own shape, with no
        /// independence draws. A resumed run uses the one its state kept.
        public var curvature: ModeCurvature?

        /// The coordinates the jumps are made in: log for the positive scale-like free
        /// parameters with `tuned` (``SamplingSpace``), the parameters themselves otherwise
        /// (the reference's proposals).
        public var samplingSpace: SamplingSpace {
            sampling == .tuned ? SamplingSpace(bounds: constraints.bounds, free: scales.values.map { $0 > 0 }) : .linear
        }

        /// The chains of a fit: each chain's χ² is a ``ForwardModel`` of its own on `region`
        /// (the whole cube or a crop, with the data term for correlated noise when the region
        /// has a noise spectrum: ``CorrelatedChiSquare``).
        public init(region: FitRegion, constraints: ParameterConstraints, scales: ProposalScales, randomScale: GalaxyParameters,
                    sampling: SamplingMethod, degreesOfFreedom: Int, settings: SamplerSettings,
                    convergence: ConvergenceTarget?, seed: UInt64, chainCount: Int, start: GalaxyParameters) {
            self.init(objective: {
                let forward = region.forwardModel()
                return { forward.chi2($0) }
            }, constraints: constraints, scales: scales, randomScale: randomScale, sampling: sampling,
                      degreesOfFreedom: degreesOfFreedom, settings: settings, convergence: convergence, seed: seed,
                      chainCount: chainCount, start: start)
        }

        /// Chains over any χ² function that `objective` makes.
        public init(objective: @escaping @Sendable () -> (GalaxyParameters) -> Double,
                    constraints: ParameterConstraints, scales: ProposalScales, randomScale: GalaxyParameters,
                    sampling: SamplingMethod, degreesOfFreedom: Int, settings: SamplerSettings,
                    convergence: ConvergenceTarget?, seed: UInt64, chainCount: Int, start: GalaxyParameters) {
            self.objective = objective
            self.constraints = constraints
            self.scales = scales
            self.randomScale = randomScale
            self.sampling = sampling
            self.degreesOfFreedom = degreesOfFreedom
            self.settings = settings
            self.convergence = convergence
            self.seed = seed
            self.chainCount = chainCount
            self.start = start
        }
    }

    /// One chain's run.
    public struct Run: Sendable {
        /// Chain index.
        public var index: Int
        /// Where it started (before any tuning).
        public var start: GalaxyParameters
        /// The main run (after the last retune).
        public var result: SamplerResult
        /// The tuning, with `tuned` sampling; its proposals and evaluations include every
        /// retune and the draws a retune dropped.
        public var tuning: ScaleTuner.Outcome?
        /// How many times the chain was retuned (acceptance outside ``ChainRunner/acceptanceBand``,
        /// or jumps narrower than ``ChainRunner/minWidthRatio`` of the draws' spread).
        public var retunes: Int
        /// Each parameter's jump half-width in the main run (the base ones when untuned).
        public var scales: [Double]
    }

    /// An earlier run's chains and state, as its ``Setup/sink`` kept them.
    public struct Resume: Sendable {
        /// The state (``ChainSink/keep(_:state:)``'s `state`).
        public var state: Data
        /// Every chain's rows, in chain order (empty for a chain with none yet).
        public var chains: [Chain]
        /// Names where they were read from, in errors.
        public var source: String

        public init(state: Data, chains: [Chain], source: String) {
            self.state = state
            self.chains = chains
            self.source = source
        }
    }

    /// What the chains produced.
    public struct Outcome: Sendable {
        /// Every chain's run, in chain order.
        public var runs: [Run]
        /// Whether the chains met ``Setup/convergence`` (nil without a target).
        public var converged: Bool?
    }

    /// Fraction of each bound's width within which chains c > 0 are moved from the start.
    public static let dispersion = 0.1
    /// Accepted steps per chain at the first checkpoint.
    public static let firstCheckpoint = 1000
    /// Smallest number of accepted steps between checkpoints.
    public static let minCheckpointInterval = 500
    /// Checkpoints come every this fraction of the length so far (so a run overshoots its
    /// convergence point by at most ~10 %, with ~25 checks up to 10⁵ steps).
    public static let checkpointGrowth = 0.1
    /// A tuned chain whose acceptance over a segment leaves this band is retuned.
    public static let acceptanceBand = 0.15...0.60
    /// Most retunes per chain.
    public static let maxRetunes = 3
    /// A tuned chain whose jump half-width along a free parameter is below this fraction of
    /// the parameter's standard deviation over the pooled draws is retuned. Tuned to 40 %
    /// acceptance the ratio is ~0.3 for every parameter; a chain whose curvature was measured
    /// where the posterior is locally sharp can be 20 times narrower in one direction, and
    /// then crawls along it with an acceptance that looks normal.
    public static let minWidthRatio = 0.1

    /// Runs the chains (or continues them from ``Setup/resume``).
    /// - Throws: the first error any chain threw or the sink threw (``GalpakError``); `.badInput`
    ///   naming the resume's source when its state does not fit this setup.
    public static func run(_ setup: Setup, events: (FitEvent) -> Void) throws -> Outcome {
        try withoutActuallyEscaping(events) { events in
            let sink = EventSink(events)
            let base = setup.scales.values
            let factors = setup.constraints.bounds.names.map { setup.randomScale[$0].isNaN ? 1 : setup.randomScale[$0] }
            switch setup.sampling {
            case .tuned:
                let space = setup.samplingSpace
                let bounds = setup.constraints.bounds
                let free = base.map { $0 > 0 }
                return try drive(setup, sink: sink,
                                 untuned: TunedProposal(randomWalk: SpaceMixtureProposal(
                                    matrix: ScaleTuner.diagonal(base), space: .linear, anchor: setup.start)),
                                 tuned: { ChainTuning(space: space, bounds: bounds, free: free, curvature: $0) })
            case .cauchy:
                return try drive(setup, sink: sink, untuned: CauchyProposal(scales: base), tuned: nil)
            case .adaptive:
                return try drive(setup, sink: sink, untuned: AdaptiveCauchyProposal(
                    baseScales: base, names: setup.constraints.bounds.names, factors: factors),
                                 tuned: nil)
            case .nested, .ensemble:
                throw GalpakError(.fitFailed, "\(setup.sampling.rawValue) sampling runs no Metropolis chains (NestedFit and EnsembleFit sample it)")
            }
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

    /// Runs every chain with proposals of type `P`: `untuned` without tuning; with `tuned`, the
    /// tuned chains' proposals given the mode's curvature (``Setup/curvature``, or the one a
    /// resumed run kept).
    private static func drive<P: Proposal>(
        _ setup: Setup, sink: EventSink, untuned: P, tuned: (@Sendable (ModeCurvature?) -> ChainTuning<P>)?
    ) throws -> Outcome {
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
            if state.finished { return Outcome(runs: slots.map(\.runRecord), converged: converged) }
        } else {
            slots = (0..<setup.chainCount).map { index -> ChainSlot<P> in
                var generator = SeededGenerator(seed: setup.seed &+ UInt64(index))
                let start = start(of: index, from: setup.start, bounds: setup.constraints.bounds,
                                  fixed: setup.constraints.fixed, using: &generator)
                return ChainSlot(index: index, setup: setup, generator: generator, start: start,
                                 proposal: untuned, scales: setup.scales.values)
            }
        }
        let tuning = tuned?(curvature)
        let board = ProgressBoard(chains: setup.chainCount, checkpoints: setup.convergence != nil)
        let cap = setup.settings.iterations
        let free = setup.constraints.bounds.names.indices.filter { setup.scales.values[$0] > 0 }.map { setup.constraints.bounds.names[$0] }

        // Each chain: tune (first time, or a retune asked for at the last checkpoint), then
        // advance; `fresh` is false when continuing a segment an interrupted run began.
        func phase(to target: Int, fresh: Bool) throws {
            board.setTarget(target * setup.chainCount)
            let errors = ErrorBox(count: slots.count)
            DispatchQueue.concurrentPerform(iterations: slots.count) { i in
                do {
                    try slots[i].prepare(tuning: tuning, sink: sink)
                    try slots[i].advance(to: target, fresh: fresh, board: board, sink: sink)
                } catch {
                    errors.store(error, at: i)
                }
            }
            if let error = errors.first { throw error }
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
            if tuning != nil { scheduleRetunes(slots, setup: setup, sink: sink) }
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
        return Outcome(runs: slots.map(\.runRecord), converged: converged)
    }

    /// Marks for a retune, shaped by the pooled draws, every tuned chain whose last segment left
    /// ``acceptanceBand`` (or that stopped on low acceptance), and every one whose jumps along
    /// some free parameter are narrower than ``minWidthRatio`` of that parameter's spread over
    /// the draws of all chains.
    private static func scheduleRetunes<P: Proposal>(_ slots: [ChainSlot<P>], setup: Setup, sink: EventSink) {
        guard slots.contains(where: { $0.retunes < maxRetunes }) else { return }
        let halves = slots.map { slot -> Chain in
            let chain = slot.result.chain
            var half = Chain(reservingCapacity: chain.count - chain.count / 2, names: chain.names)
            for row in (chain.count / 2)..<chain.count {
                half.append(chain.parameters(at: row), reducedChi2: chain.reducedChi2(at: row), weight: chain.weight(at: row))
            }
            return half
        }
        let free = setup.scales.values.map { $0 > 0 }
        let covariance = SampleCovariance.of(halves, reference: slots[0].currentParameters, space: setup.samplingSpace)
        let n = free.count
        let spread = (0..<n).map { covariance[$0 * n + $0].squareRoot() }
        var reasons: [(slot: ChainSlot<P>, reason: String)] = []
        for slot in slots where slot.retunes < maxRetunes {
            if slot.stopReason == .lowAcceptance
                || (slot.stopReason == nil && !acceptanceBand.contains(slot.segmentAcceptance)) {
                reasons.append((slot, String(format: "acceptance %.0f%% over its last %d proposals, outside %.0f-%.0f%%",
                                             100 * slot.segmentAcceptance, slot.segmentProposals,
                                             100 * acceptanceBand.lowerBound, 100 * acceptanceBand.upperBound)))
            } else if slot.stopReason == nil, let matrix = slot.tunedMatrix {
                let widths = CorrelatedCauchyProposal(matrix: matrix).scales
                let narrow = (0..<n).filter { free[$0] && spread[$0] > 0 && widths[$0] < minWidthRatio * spread[$0] }
                if let worst = narrow.min(by: { widths[$0] / spread[$0] < widths[$1] / spread[$1] }) {
                    reasons.append((slot, String(format: "jumps in %@ only %.2f of its spread over all chains' draws (below %.2f)",
                                                 setup.constraints.bounds.names[worst].key, widths[worst] / spread[worst], minWidthRatio)))
                }
            }
        }
        guard !reasons.isEmpty else { return }
        let shape = SampleCovariance.cholesky(covariance, free: free)
        for (slot, reason) in reasons {
            sink.send(.warning("chain \(slot.index): \(reason); retuned \(shape == nil ? "from scratch" : "from the draws of all chains")"))
            slot.pendingShape = shape ?? []
        }
    }
}

/// One chain's model, generator, tuning and run, owned by one thread at a time.
private final class ChainSlot<P: Proposal>: @unchecked Sendable {
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
    /// The tuned shape L of the current run (in the setup's sampling space), nil when untuned.
    var tunedMatrix: [Double]? { tuning?.matrix }
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
                space: setup.samplingSpace, using: &generator, objective: stoppable, logPrior: logPrior)
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
        sink.send(.stage(String(
            format: "chain %d: jumps %@ to %.0f%% acceptance (target %.0f±%.0f%%; shape from the %@; %d rounds, %d proposals)",
            index, retunes > 0 ? "retuned" : "tuned", 100 * outcome.acceptance, 100 * tuner.target,
            100 * tuner.tolerance, outcome.shapeSource.rawValue, outcome.rounds, outcome.proposals)))
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

/// The first error of several threads.
private final class ErrorBox: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [Error?]

    init(count: Int) { errors = Array(repeating: nil, count: count) }

    func store(_ error: Error, at index: Int) { lock.withLock { errors[index] = error } }

    var first: Error? { lock.withLock { errors.compactMap { $0 }.first } }
}

/// Serialises the events of several threads into one non-thread-safe handler.
private final class EventSink: @unchecked Sendable {
    private let lock = NSLock()
    private let handler: (FitEvent) -> Void

    init(_ handler: @escaping (FitEvent) -> Void) {
        self.handler = handler
    }

    func send(_ event: FitEvent) {
        lock.withLock { handler(event) }
    }
}

/// The chains' latest progress, shared between their threads under a lock.
private final class ProgressBoard: @unchecked Sendable {
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
