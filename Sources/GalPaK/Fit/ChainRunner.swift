import Foundation

/// Runs a fit's independent Metropolis chains in parallel threads.
///
/// Chain c (0-based) has its own ``ForwardModel`` (the model and convolver are not
/// thread-safe; the kernel and the χ² data are shared, read-only) and its own
/// ``SeededGenerator`` seeded with `seed + c`, so a run is reproducible whatever the thread
/// scheduling. Chain 0 starts at the first guess; chain c > 0 starts at a dispersed point:
/// each free parameter moved by a uniform draw within ±10 % of its bounds' width (clamped into
/// the bounds; e.g. ±1 px in x for a 30-px cube, ±34 km/s in Vmax, ±44° in PA), so that
/// chains that end up disagreeing reveal a poorly converged or multimodal posterior (R̂).
/// With auto-scale, each chain tunes its own proposal (``ScaleTuner``: for Cauchy sampling, jumps
/// shaped by the parameters' covariance, ``CorrelatedCauchyProposal``; for adaptive sampling,
/// one multiplier) first, and its main run starts where the tuning ended.
///
/// Threads: `DispatchQueue.concurrentPerform`, i.e. at most one chain per core at a time; with
/// more chains than cores the extra ones wait. Events from the chains are serialised (a lock)
/// before they reach the caller's handler, and progress is reported summed over the chains.
public struct ChainRunner: Sendable {
    /// What every chain shares.
    public struct Setup: Sendable {
        public var cube: Cube
        public var model: ModelConfiguration
        public var kernel: Kernel3D
        public var chiSquare: ChiSquare
        /// The measured noise spectrum: each chain's data term is then a ``CorrelatedChiSquare``.
        public var noise: NoisePowerSpectrum?
        public var constraints: ParameterConstraints
        /// Base half-widths: reference scales × random scale, 0 for fixed parameters.
        public var scales: ProposalScales
        /// The per-parameter random scale (NaN = 1), which also multiplies adaptive half-widths.
        public var randomScale: GalaxyParameters
        public var sampling: SamplingMethod
        public var autoScale: Bool
        public var degreesOfFreedom: Int
        public var settings: SamplerSettings
        public var seed: UInt64
        public var chainCount: Int
        /// Where chain 0 starts.
        public var start: GalaxyParameters
        /// Polled before every proposal of every chain; true stops them all (SIGINT/SIGTERM).
        public var isCancelled: @Sendable () -> Bool = { false }

        public init(cube: Cube, model: ModelConfiguration, kernel: Kernel3D, chiSquare: ChiSquare,
                    constraints: ParameterConstraints, scales: ProposalScales, randomScale: GalaxyParameters,
                    sampling: SamplingMethod, autoScale: Bool, degreesOfFreedom: Int,
                    settings: SamplerSettings, seed: UInt64, chainCount: Int, start: GalaxyParameters) {
            self.cube = cube
            self.model = model
            self.kernel = kernel
            self.chiSquare = chiSquare
            self.constraints = constraints
            self.scales = scales
            self.randomScale = randomScale
            self.sampling = sampling
            self.autoScale = autoScale
            self.degreesOfFreedom = degreesOfFreedom
            self.settings = settings
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
        /// The main run.
        public var result: SamplerResult
        /// The tuning, with `--auto-scale`.
        public var tuning: ScaleTuner.Outcome?
        /// Each parameter's jump half-width in the main run (the base ones without auto-scale).
        public var scales: [Double]
    }

    /// Fraction of each bound's width within which chains c > 0 are moved from the start.
    public static let dispersion = 0.1

    /// Runs the chains; results in chain order.
    /// - Throws: the first error any chain threw (``GalpakError``).
    public static func run(_ setup: Setup, events: (FitEvent) -> Void) throws -> [Run] {
        let board = ProgressBoard(chains: setup.chainCount, target: setup.settings.iterations * setup.chainCount)
        withoutActuallyEscaping(events) { events in
            let sink = EventSink(events)
            DispatchQueue.concurrentPerform(iterations: setup.chainCount) { index in
                let outcome = Result { try runChain(index, setup, board: board, sink: sink) }
                board.store(outcome, at: index)
            }
        }
        return try board.results()
    }

    /// Chain `index`'s start: the shared start for chain 0, else dispersed by `generator`.
    public static func start<G: RandomNumberGenerator>(of index: Int, from start: GalaxyParameters,
                                                       bounds: ParameterBounds, fixed: GalaxyParameters,
                                                       using generator: inout G) -> GalaxyParameters {
        guard index > 0 else { return start }
        var p = start
        for name in ParameterName.allCases where fixed[name].isNaN {
            let lo = bounds.min[name], hi = bounds.max[name]
            let u = 2 * generator.nextOpenUnitInterval() - 1
            p[name] = Swift.min(Swift.max(start[name] + u * dispersion * (hi - lo), lo), hi)
        }
        return p
    }

    private static func runChain(_ index: Int, _ setup: Setup, board: ProgressBoard, sink: EventSink) throws -> Run {
        let forward = ForwardModel(disk: DiskModel(cube: setup.cube, configuration: setup.model),
                                   kernel: setup.kernel, chiSquare: setup.chiSquare, noise: setup.noise)
        var generator = SeededGenerator(seed: setup.seed &+ UInt64(index))
        let bounds = setup.constraints.bounds
        let start = start(of: index, from: setup.start, bounds: bounds, fixed: setup.constraints.fixed,
                          using: &generator)
        let priors = setup.constraints.priors
        let logPrior: (GalaxyParameters) -> Double = priors.isEmpty ? { _ in 0 } : { priors.logDensity($0) }
        let base = setup.scales.values
        let factors = ParameterName.allCases.map { setup.randomScale[$0].isNaN ? 1 : setup.randomScale[$0] }

        func tune<P: Proposal>(shape: Bool, _ proposal: ([Double]) -> P) throws -> ScaleTuner.Outcome {
            var tuner = ScaleTuner()
            tuner.adaptShape = shape
            let outcome = try tuner.tune(
                bounds: bounds, degreesOfFreedom: setup.degreesOfFreedom, scales: base, proposal: proposal,
                from: start, using: &generator, objective: { forward.chi2($0) }, logPrior: logPrior)
            sink.send(.stage(String(format: "chain %d: proposal tuned to %.0f%% acceptance (%@; shape from the %@; %d rounds, %d proposals)",
                                    index, 100 * outcome.acceptance, outcome.converged ? "converged" : "closest to 40%",
                                    outcome.shapeSource.rawValue, outcome.rounds, outcome.proposals)))
            return outcome
        }
        func sample<P: Proposal>(_ proposal: P, tuning: ScaleTuner.Outcome?, scales: [Double]) throws -> Run {
            let sampler = MetropolisSampler(bounds: bounds, proposal: proposal,
                                            degreesOfFreedom: setup.degreesOfFreedom, settings: setup.settings)
            let result = try sampler.run(from: tuning?.finalParameters ?? start, using: &generator,
                                         objective: { forward.chi2($0) }, logPrior: logPrior,
                                         progress: { board.update(index, $0, sink: sink) },
                                         isCancelled: setup.isCancelled)
            board.update(index, result.progress, sink: sink)
            return Run(index: index, start: start, result: result, tuning: tuning, scales: scales)
        }
        // Adaptive half-widths get the same multiplier as the base ones.
        func adaptive(_ scales: [Double]) -> AdaptiveCauchyProposal {
            AdaptiveCauchyProposal(baseScales: scales, factors: (0..<scales.count).map { i in
                factors[i] * (base[i] > 0 ? scales[i] / base[i] : 1)
            })
        }

        switch (setup.sampling, setup.autoScale) {
        case (.cauchy, false):
            return try sample(CauchyProposal(scales: base), tuning: nil, scales: base)
        case (.cauchy, true):
            let tuning = try tune(shape: true) { CorrelatedCauchyProposal(matrix: $0) }
            return try sample(CorrelatedCauchyProposal(matrix: tuning.matrix), tuning: tuning, scales: tuning.scales)
        case (.adaptive, false):
            return try sample(adaptive(base), tuning: nil, scales: base)
        case (.adaptive, true):
            let tuning = try tune(shape: false) { adaptive(CorrelatedCauchyProposal(matrix: $0).scales) }
            return try sample(adaptive(tuning.scales), tuning: tuning, scales: tuning.scales)
        }
    }
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

/// The chains' latest progress and results, shared between their threads under a lock.
private final class ProgressBoard: @unchecked Sendable {
    private let lock = NSLock()
    private var latest: [SamplerProgress?]
    private var outcomes: [Result<ChainRunner.Run, Error>?]
    private let target: Int

    init(chains: Int, target: Int) {
        latest = Array(repeating: nil, count: chains)
        outcomes = Array(repeating: nil, count: chains)
        self.target = target
    }

    /// Records chain `index`'s progress and reports the sum over the chains.
    func update(_ index: Int, _ progress: SamplerProgress, sink: EventSink) {
        let combined: SamplerProgress = lock.withLock {
            latest[index] = progress
            let known = latest.compactMap { $0 }
            return SamplerProgress(
                proposals: known.reduce(0) { $0 + $1.proposals },
                evaluations: known.reduce(0) { $0 + $1.evaluations },
                accepted: known.reduce(0) { $0 + $1.accepted },
                currentReducedChi2: known.map(\.currentReducedChi2).min() ?? .nan,
                bestReducedChi2: known.map(\.bestReducedChi2).min() ?? .nan,
                elapsedSeconds: known.map(\.elapsedSeconds).max() ?? 0)
        }
        sink.send(.progress(combined, target: target))
    }

    func store(_ outcome: Result<ChainRunner.Run, Error>, at index: Int) {
        lock.withLock { outcomes[index] = outcome }
    }

    func results() throws -> [ChainRunner.Run] {
        try lock.withLock { try outcomes.map { try $0!.get() } }
    }
}
