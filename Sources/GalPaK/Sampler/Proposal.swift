/// A way of proposing the next state of a Metropolis chain from the current one.
///
/// Implementations write into a caller-owned buffer so the sampler's loop never allocates.
/// A proposal must be symmetric (q(a→b) = q(b→a)) for ``MetropolisSampler`` to sample the
/// posterior, since its acceptance test has no Hastings correction.
public protocol Proposal: Sendable {
    /// Writes a proposed state into `proposed`, given `current`.
    /// - Parameters:
    ///   - current: the current state, ``GalaxyParameters/count`` values.
    ///   - proposed: receives the proposal; has the same count as `current` on entry.
    ///   - generator: the source of randomness.
    mutating func propose<G: RandomNumberGenerator>(
        from current: [Double], into proposed: inout [Double], using generator: inout G)

    /// Told by the sampler after every acceptance, with the new current state (the row just
    /// appended to the chain). Adaptive proposals learn from it; the default does nothing.
    mutating func accepted(_ state: [Double])
}

extension Proposal {
    public mutating func accepted(_ state: [Double]) {}
}
