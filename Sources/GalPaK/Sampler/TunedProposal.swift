/// The tuned chains' proposal: each step, with probability ``independentWeight``, a state drawn
/// from a fixed Student t around the posterior's mode (``IndependentTProposal``), else a
/// correlated Cauchy jump from the current state (``SpaceMixtureProposal``).
///
/// The random walk alone explores the posterior step by step: on real cubes ~0.007 effective
/// draws per model evaluation. Where the Laplace approximation at the mode is good, the
/// independence draws are nearly independent of the chain's past, and the random walk still
/// moves where the t fits badly (a parameter at a bound, a skewed tail). Both kernels preserve
/// the posterior and the choice between them is made independently of the state, so the
/// mixture preserves it too. Without an independence part (no usable Laplace approximation,
/// and while ``ScaleTuner`` tunes the random walk) it is the random walk alone.
public struct TunedProposal: Proposal {
    /// The random walk.
    public private(set) var randomWalk: SpaceMixtureProposal
    /// The independence part, nil for none.
    public private(set) var independent: IndependentTProposal?
    /// The probability of an independence step (0 without one).
    public let independentWeight: Double

    /// - Parameter independentWeight: in [0, 1]; ignored without `independent`.
    public init(randomWalk: SpaceMixtureProposal, independent: IndependentTProposal? = nil, independentWeight: Double = SamplerDefaults.independentWeight) {
        precondition(independentWeight >= 0 && independentWeight <= 1, "the independence weight is a probability")
        self.randomWalk = randomWalk
        self.independent = independent
        self.independentWeight = independent == nil ? 0 : independentWeight
    }

    public mutating func propose<G: RandomNumberGenerator>(
        from current: [Double], into proposed: inout [Double], within bounds: ParameterBounds, using generator: inout G
    ) -> Double {
        if independent != nil, generator.nextOpenUnitInterval() < independentWeight {
            return independent!.propose(from: current, into: &proposed, within: bounds, using: &generator)
        }
        return randomWalk.propose(from: current, into: &proposed, within: bounds, using: &generator)
    }

    /// Each parameter's random-walk half-width in p.
    public var scales: [Double] { randomWalk.scales }
}
