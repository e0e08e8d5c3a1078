import Foundation

/// A textbook Metropolis sampler over the ten disk parameters (reference §6.2, made honest).
///
/// Each iteration:
/// 1. proposes a new state with ``proposal`` (one "proposal", whatever happens next);
/// 2. if any component is outside ``bounds`` the proposal is rejected **without evaluating
///    the objective**;
/// 3. otherwise sanitises it (``GalaxyParameters/sanitized()``: negative inclination reflected,
///    PA mod 360), asks the log-prior hook (−∞ rejects without evaluating), then evaluates the
///    objective **once** to get χ²;
/// 4. accepts if `u < exp((lp_new − χ²_new/2) − (lp_cur − χ²_cur/2) + log q)`, `u ~ Uniform[0, 1)`,
///    with `log q` the proposal's density ratio (``Proposal``; 0 for the symmetric ones).
///    A NaN χ² is never accepted.
///
/// Acceptance appends a chain row (sanitised parameters, χ²/``degreesOfFreedom``, weight 1);
/// rejection adds 1 to the weight of the last row, so the weighted chain is the full Markov
/// chain. The initial state is not stored (as in the reference), so rejections before the
/// first acceptance are not in any weight (see ``SamplerResult/unstoredProposals``).
///
/// Differences from the reference, on purpose: the objective is evaluated once per in-bounds
/// proposal (not twice or three times); rejected states are counted through weights;
/// the acceptance rate is accepted / proposals, updated at every proposal and only checked
/// after ``SamplerSettings/gracePeriod`` proposals (the reference only updates it on
/// acceptance and can loop forever); a hard cap on proposals guarantees termination;
/// χ² < 1e-3 does not end the process.
public struct MetropolisSampler<P: Proposal>: Sendable {
    /// The box of allowed states.
    public var bounds: ParameterBounds
    /// How new states are proposed.
    public var proposal: P
    /// Ndegree: reduced χ² = χ² / Ndegree (reference §5.3).
    public var degreesOfFreedom: Int
    /// Stop conditions and reporting interval.
    public var settings: SamplerSettings

    /// - Precondition: `degreesOfFreedom > 0`.
    public init(bounds: ParameterBounds, proposal: P, degreesOfFreedom: Int,
                settings: SamplerSettings = SamplerSettings()) {
        precondition(degreesOfFreedom > 0, "degreesOfFreedom must be positive")
        self.bounds = bounds
        self.proposal = proposal
        self.degreesOfFreedom = degreesOfFreedom
        self.settings = settings
    }

    /// Runs the chain from `initial`.
    ///
    /// One ``MetropolisRun`` from `initial` to `settings.iterations` accepted steps. The loop
    /// allocates nothing per iteration (two parameter buffers are swapped, the chain reserves
    /// its rows up front) apart from whatever the closures do.
    ///
    /// - Parameters:
    ///   - initial: starting state; must be inside ``bounds``. It is sanitised, evaluated once,
    ///     and not stored in the chain.
    ///   - generator: randomness for proposals and acceptance draws.
    ///   - objective: χ² of a (sanitised) state. Errors it throws end the run and propagate.
    ///   - logPrior: log prior density up to a constant, added to −χ²/2; 0 by default
    ///     (flat within the bounds). Returning −∞ rejects the state without evaluating it.
    ///   - progress: called every ``SamplerSettings/progressInterval`` proposals.
    ///   - isCancelled: polled before every proposal; returning true ends the run with
    ///     ``SamplerResult/StopReason/cancelled`` and the chain so far.
    /// - Throws: ``GalpakError`` `.badInput` if `initial` is outside the bounds, `.fitFailed`
    ///   if χ² at `initial` is not finite; and anything `objective` throws.
    public func run<G: RandomNumberGenerator>(
        from initial: GalaxyParameters,
        using generator: inout G,
        objective: (GalaxyParameters) throws -> Double,
        logPrior: (GalaxyParameters) -> Double = { _ in 0 },
        progress: (SamplerProgress) -> Void = { _ in },
        isCancelled: () -> Bool = { false }
    ) throws -> SamplerResult {
        var run = try MetropolisRun(self, from: initial, objective: objective, logPrior: logPrior)
        let reason = try run.advance(toAccepted: settings.iterations, using: &generator, objective: objective,
                                     logPrior: logPrior, progress: progress, isCancelled: isCancelled)
        return run.result(stopReason: reason)
    }

    func checkInside(_ p: GalaxyParameters) throws {
        for name in bounds.names {
            let v = p[name], lo = bounds.min[name], hi = bounds.max[name]
            if !bounds.contains(v, for: name) {
                throw GalpakError(.badInput,
                    "initial \(name.key) = \(v) is outside its bounds [\(lo), \(hi)]; change the initial value or the bounds")
            }
        }
    }
}
