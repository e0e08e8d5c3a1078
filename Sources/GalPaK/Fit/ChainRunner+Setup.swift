import Foundation

extension ChainRunner {
    /// What every chain shares.
    public struct Setup: Sendable {
        /// Makes one chain's χ² function (called once per chain, on that chain's thread).
        public var objective: @Sendable () -> (GalaxyParameters) -> Double
        public var constraints: ParameterConstraints
        /// Base half-widths: reference scales × random scale, 0 for fixed parameters.
        public var scales: ProposalScales
        /// The per-parameter random scale (NaN = 1), which also multiplies adaptive half-widths.
        public var randomScale: GalaxyParameters
        public var degreesOfFreedom: Int
        /// Stop conditions; `iterations` is the length of every chain (with ``convergence``,
        /// the most accepted steps a chain may take).
        public var settings: SamplerSettings
        /// Stop as soon as the chains meet this (nil: run every chain to its length).
        public var convergence: ConvergenceTarget?
        /// Percentage of each chain (after ``burn``) the estimate, and so the convergence check, uses.
        public var fraction = SamplerDefaults.fraction
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
        /// With tuned moves: the posterior's mode and its Laplace covariance, measured once
        /// for all chains (``ChainTuning``); nil: each chain measures its own shape, with no
        /// independence draws. A resumed run uses the one its state kept.
        public var curvature: ModeCurvature?

        /// Chains over any χ² function that `objective` makes (for a fit, a ``ForwardModel``
        /// of its own per chain on the ``FitRegion``).
        public init(objective: @escaping @Sendable () -> (GalaxyParameters) -> Double,
                    constraints: ParameterConstraints, scales: ProposalScales, randomScale: GalaxyParameters,
                    degreesOfFreedom: Int, settings: SamplerSettings,
                    convergence: ConvergenceTarget?, seed: UInt64, chainCount: Int, start: GalaxyParameters) {
            self.objective = objective
            self.constraints = constraints
            self.scales = scales
            self.randomScale = randomScale
            self.degreesOfFreedom = degreesOfFreedom
            self.settings = settings
            self.convergence = convergence
            self.seed = seed
            self.chainCount = chainCount
            self.start = start
        }
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
}
