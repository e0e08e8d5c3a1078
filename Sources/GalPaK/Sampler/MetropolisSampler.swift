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
/// 4. accepts if `u < exp((lp_new − χ²_new/2) − (lp_cur − χ²_cur/2))`, `u ~ Uniform[0, 1)`.
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
    /// The loop allocates nothing per iteration (two parameter buffers are swapped, the chain
    /// reserves `settings.iterations` rows) apart from whatever the closures do.
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
        try checkInside(initial)
        let clock = ContinuousClock()
        let start = clock.now
        let nd = Double(degreesOfFreedom)

        var current = initial
        current.sanitize()
        let initialChi2 = try objective(current)
        guard initialChi2.isFinite else {
            throw GalpakError(.fitFailed, "the model's χ² at the initial parameters is \(initialChi2); check the initial parameters and the variance")
        }
        var logPriorCurrent = logPrior(current)
        var chi2Current = initialChi2
        // `proposed` and `best` get their own value buffers now, so the loop never copies one.
        var proposed = GalaxyParameters(current.values.map { $0 })
        var best = GalaxyParameters(current.values.map { $0 })
        var bestChi2 = initialChi2

        var proposal = self.proposal
        var chain = Chain(reservingCapacity: settings.iterations)
        var counts = SamplerProgress(proposals: 0, evaluations: 1, accepted: 0,
                                     currentReducedChi2: initialChi2 / nd,
                                     bestReducedChi2: initialChi2 / nd, elapsedSeconds: 0)
        var unstored = 0
        let maxProposals = settings.maxProposals
        let stopReason: SamplerResult.StopReason

        while true {
            if counts.accepted >= settings.iterations { stopReason = .completed; break }
            if counts.proposals >= maxProposals { stopReason = .proposalCap; break }
            if counts.proposals >= Swift.max(settings.gracePeriod, 1),
               counts.acceptanceRate < settings.minAcceptance { stopReason = .lowAcceptance; break }
            if isCancelled() { stopReason = .cancelled; break }

            counts.proposals += 1
            proposal.propose(from: current.values, into: &proposed.values, using: &generator)

            var accept = false
            var chi2New = Double.nan
            var logPriorNew = -Double.infinity
            if bounds.contains(values: proposed.values) {
                proposed.sanitize()
                logPriorNew = logPrior(proposed)
                if logPriorNew > -Double.infinity {
                    chi2New = try objective(proposed)
                    counts.evaluations += 1
                    let logRatio = (logPriorNew - chi2New / 2) - (logPriorCurrent - chi2Current / 2)
                    accept = Double.random(in: 0..<1, using: &generator) < exp(logRatio)
                }
            }

            if accept {
                swap(&current, &proposed)
                chi2Current = chi2New
                logPriorCurrent = logPriorNew
                counts.accepted += 1
                counts.currentReducedChi2 = chi2New / nd
                chain.append(values: current.values, reducedChi2: chi2New / nd)
                proposal.accepted(current.values)
                if chi2New < bestChi2 {
                    bestChi2 = chi2New
                    for i in 0..<GalaxyParameters.count { best.values[i] = current.values[i] }
                    counts.bestReducedChi2 = chi2New / nd
                }
            } else if chain.isEmpty {
                unstored += 1
            } else {
                chain.addWeightToLast()
            }

            if counts.proposals % settings.progressInterval == 0 {
                counts.elapsedSeconds = start.duration(to: clock.now).inSeconds
                progress(counts)
            }
        }

        counts.elapsedSeconds = start.duration(to: clock.now).inSeconds
        return SamplerResult(chain: chain, progress: counts, unstoredProposals: unstored,
                             bestParameters: best, bestChi2: bestChi2, initialChi2: initialChi2,
                             finalParameters: current, stopReason: stopReason)
    }

    private func checkInside(_ p: GalaxyParameters) throws {
        for name in ParameterName.allCases {
            let v = p[name], lo = bounds.min[name], hi = bounds.max[name]
            if !bounds.contains(v, for: name) {
                throw GalpakError(.badInput,
                    "initial \(name.key) = \(v) is outside its bounds [\(lo), \(hi)]; change the initial value or the bounds")
            }
        }
    }
}
