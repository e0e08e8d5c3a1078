extension ChainRunner {
    /// One chain's run: a Metropolis chain's, an ensemble walker's (``EnsembleFit``), or the
    /// nested sampler's weighted draws (``NestedFit``), as every sampler yields them.
    public struct Run: Sendable {
        /// Chain index.
        public var index: Int
        /// Where it started (before any tuning).
        public var start: GalaxyParameters
        /// The main run (after the last retune).
        public var result: SamplerResult
        /// The tuning, with tuned moves; its proposals and evaluations include every
        /// retune and the draws a retune dropped.
        public var tuning: ScaleTuner.Outcome?
        /// How many times the chain was retuned (acceptance outside ``ChainRunner/acceptanceBand``,
        /// or jumps narrower than ``ChainRunner/minWidthRatio`` of the draws' spread).
        public var retunes: Int
        /// Each parameter's jump half-width in the main run (the base ones when untuned).
        public var scales: [Double]
    }
}
