/// A move of a Metropolis chain (as emcee's moves): from the current state, a proposed state
/// and the log ratio of the proposal densities, which the sampler adds to its acceptance test.
///
/// With s the current (stored) state and s′ the state the proposal is stored as, a chain
/// (``MetropolisSampler``) accepts s′ with probability
///
///     α = min(1, exp(Δ ln L + Δ ln π + ln q-ratio)),   ln q-ratio = ln q(s′ → s) − ln q(s → s′),
///
/// `Δ ln L = −(χ²(s′) − χ²(s))/2` and `Δ ln π` the change of the log prior, which leaves the
/// posterior unchanged whatever the move (Metropolis–Hastings). So every move is correct by
/// construction as long as it returns its own ratio: 0 only for a symmetric move. The
/// densities are those of the *stored* states: the sampler reflects a negative inclination and
/// wraps the PA, so a stored state is reached from several raw ones (``StateImages``), which
/// ``propose(from:into:within:using:)`` sums over. The moves here: ``CauchyProposal``,
/// ``AdaptiveCauchyProposal`` and ``CorrelatedCauchyProposal`` (random walks, symmetric but
/// for the images), ``LogScaledProposal`` (the Jacobian of a jump in log coordinates),
/// ``IndependentTProposal`` (an independence draw, `ln q(s) − ln q(s′)`), and the mixtures
/// ``SpaceMixtureProposal`` and ``TunedProposal`` (a kernel chosen independently of the state,
/// each with its own ratio).
///
/// Implementations write into a caller-owned buffer so the sampler's loop never allocates.
/// A proposal is `Codable`: what it has learnt is part of a chain's state, which an
/// interrupted fit keeps so that `--resume` continues the chain exactly (``MetropolisRun/Snapshot``).
public protocol Proposal: Sendable, Codable {
    /// Writes a proposed raw state into `proposed`, given `current`.
    /// - Parameters:
    ///   - current: the current (stored) state, one value per parameter.
    ///   - proposed: receives the proposal; has the same count as `current` on entry.
    ///   - bounds: the chain's bounds: which raw states it admits, and so the images
    ///     (``StateImages``) of the stored states.
    ///   - generator: the source of randomness.
    /// - Returns: `ln q(s′ → s) − ln q(s → s′)` for the stored states s (`current`) and s′
    ///   (`proposed`, sanitised); any value for a proposal outside `bounds` (rejected unused).
    mutating func propose<G: RandomNumberGenerator>(
        from current: [Double], into proposed: inout [Double], within bounds: ParameterBounds,
        using generator: inout G) -> Double

    /// Told by the sampler after every acceptance, with the new current state (the row just
    /// appended to the chain). Adaptive proposals learn from it; the default does nothing.
    mutating func accepted(_ state: [Double])

    /// The probability that a step is an independence draw (made whatever the current state,
    /// ``IndependentTProposal``) rather than a move from the current state: 0 (the default) for
    /// a random walk, ``TunedProposal/independentWeight`` for the tuned mixture. Independence
    /// draws from a good approximation are mostly accepted, so the chain's acceptance rate
    /// means something else (``ChainRunner/acceptanceBand(independentWeight:)``).
    var independentWeight: Double { get }
}

extension Proposal {
    public mutating func accepted(_ state: [Double]) {}
    public var independentWeight: Double { 0 }
}
