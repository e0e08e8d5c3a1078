/// A proposal that makes its jumps in a ``SamplingSpace``: the current state is carried to u,
/// `Base` jumps there, and the result is carried back to p.
///
/// The proposal density ratio in p is the base's in u times the Jacobian's,
/// `log q(p′→p) − log q(p→p′) = r_u + Σ [log(p′ᵢ + cᵢ) − log(pᵢ + cᵢ)] = r_u + Σ (u′ᵢ − uᵢ)` over the
/// log-scaled coordinates, which ``propose(from:into:within:using:)`` returns; `r_u` is the
/// base's own ratio (for a symmetric base, only that of the stored states' images, which
/// differ in coordinates u leaves linear: ``StateImages``). Adaptive bases learn from accepted
/// states in u. Nothing is allocated per proposal (two scratch buffers).
public struct LogScaledProposal<Base: Proposal>: Proposal {
    /// The jumps in u.
    public private(set) var base: Base
    public let space: SamplingSpace
    private var u: [Double]
    private var uProposed: [Double]

    public init(_ base: Base, space: SamplingSpace) {
        self.base = base
        self.space = space
        u = [Double](repeating: 0, count: space.offsets.count)
        uProposed = u
    }

    public mutating func propose<G: RandomNumberGenerator>(
        from current: [Double], into proposed: inout [Double], within bounds: ParameterBounds, using generator: inout G
    ) -> Double {
        for i in 0..<current.count { u[i] = space.forward(current[i], i) }
        var logRatio = base.propose(from: u, into: &uProposed, within: bounds, using: &generator)
        for i in 0..<current.count {
            proposed[i] = space.backward(uProposed[i], i)
            if space.offset(i) != nil { logRatio += uProposed[i] - u[i] }
        }
        return logRatio
    }

    public mutating func accepted(_ state: [Double]) {
        for i in 0..<state.count { u[i] = space.forward(state[i], i) }
        base.accepted(u)
    }
}
