/// The tuned chains' proposal: each step, with probability ½, a correlated Cauchy jump in the
/// parameters themselves, else one in the log coordinates of a ``SamplingSpace``.
///
/// Neither coordinate suits every posterior of the positive parameters. A turnover radius of
/// 1.5 px with a 95 % interval of 0.85–3.2 px is symmetric in log; one of 0.4 px whose interval
/// reaches down to 0.07 px (an unresolved rise), or a σ0 running down to 0 km/s, is symmetric
/// in p and stretched into a long tail in log. Measured on simulated cubes: jumps in log only
/// took a resolved-turnover cube from not converged after 2 × 50 000 steps to converged after
/// 2 × 17 000, but an unresolved one from 2 × 13 000 to not converged; jumps in p only, the
/// reverse. A random choice between the two kernels, each a valid Metropolis–Hastings step
/// (the log one with its Jacobian ratio, ``LogScaledProposal``), leaves the posterior
/// unchanged (a mixture of kernels that each preserve it, chosen independently of the state)
/// and mixes where either would.
///
/// One shape serves both: `L` in the log coordinates (from ``ScaleTuner``), carried to p about
/// an anchor state p* as `Lₚ = D L`, `D = diag(dp/du at p*)`, so that both kernels jump as far
/// as the posterior's spread at p* allows.
public struct SpaceMixtureProposal: Proposal {
    /// Jumps in p, shape `D L`.
    public private(set) var linear: CorrelatedCauchyProposal
    /// Jumps in u, shape `L`.
    public private(set) var logScaled: LogScaledProposal<CorrelatedCauchyProposal>

    /// - Parameters:
    ///   - matrix: L (n × n for the anchor's n parameters, row-major) in `space`'s coordinates.
    ///   - anchor: the state p* about which L is carried to p.
    public init(matrix: [Double], space: SamplingSpace, anchor: GalaxyParameters) {
        let n = anchor.values.count
        let d = (0..<n).map { space.derivative(at: anchor.values[$0], $0) }
        linear = CorrelatedCauchyProposal(matrix: (0..<(n * n)).map { matrix[$0] * d[$0 / n] })
        logScaled = LogScaledProposal(CorrelatedCauchyProposal(matrix: matrix), space: space)
    }

    public mutating func propose<G: RandomNumberGenerator>(
        from current: [Double], into proposed: inout [Double], within bounds: ParameterBounds, using generator: inout G
    ) -> Double {
        generator.next() & 1 == 0
            ? linear.propose(from: current, into: &proposed, within: bounds, using: &generator)
            : logScaled.propose(from: current, into: &proposed, within: bounds, using: &generator)
    }

    /// Each parameter's half-width in p (that of the linear kernel).
    public var scales: [Double] { linear.scales }
}
