/// A way of proposing the next state of a Metropolis chain from the current one.
///
/// Implementations write into a caller-owned buffer so the sampler's loop never allocates,
/// and return the log ratio of the proposal densities, `log q(proposed→current) −
/// log q(current→proposed)`, which ``MetropolisSampler`` adds to its acceptance test
/// (Metropolis–Hastings): 0 for a symmetric proposal.
///
/// A proposal is `Codable`: what it has learnt is part of a chain's state, which an
/// interrupted fit keeps so that `--resume` continues the chain exactly (``MetropolisRun/Snapshot``).
public protocol Proposal: Sendable, Codable {
    /// Writes a proposed state into `proposed`, given `current`.
    /// - Parameters:
    ///   - current: the current state, one value per parameter.
    ///   - proposed: receives the proposal; has the same count as `current` on entry.
    ///   - generator: the source of randomness.
    /// - Returns: `log q(proposed→current) − log q(current→proposed)`.
    mutating func propose<G: RandomNumberGenerator>(
        from current: [Double], into proposed: inout [Double], using generator: inout G) -> Double

    /// Told by the sampler after every acceptance, with the new current state (the row just
    /// appended to the chain). Adaptive proposals learn from it; the default does nothing.
    mutating func accepted(_ state: [Double])
}

extension Proposal {
    public mutating func accepted(_ state: [Double]) {}
}
