import Foundation

/// An independence proposal: a state drawn from one fixed multivariate Student t, whatever the
/// current state, in the coordinates u of a ``SamplingSpace`` (log for the positive scale-like
/// parameters).
///
/// The t has ν degrees of freedom, centre μ and scale matrix `S = L Lᵀ` (L lower-triangular,
/// 10 × 10, row-major) over the *moved* parameters, those whose row of L is not zero:
/// `u′ = μ + L z · √(ν / w)` with z ten standard normal deviates and `w ~ χ²_ν` (the sum of
/// ν squared normal deviates). Its density, up to a constant, is
///
///     t(u) ∝ (1 + Q(u) / ν)^(−(ν + k)/2),   Q(u) = (u − μ)ᵀ S⁻¹ (u − μ) = |L⁻¹ (u − μ)|²,
///
/// k the number of moved parameters. The other parameters (fixed ones, and any the caller
/// leaves out, e.g. one whose mode lies on a bound) are copied from the current state: the
/// proposal is then an independence sampler of the moved block given them, a valid
/// Metropolis–Hastings update of the joint posterior.
///
/// **Density ratio.** In p, the proposal density of a stored state s is
/// `q(s) = J(s) · Σ_{x ∈ img(s)} t(u(x))`, with `J(s) = Π 1/(sᵢ + cᵢ) = exp(−Σ uᵢ)` over the
/// moved log-scaled coordinates (the Jacobian of u ↦ p), and the sum over the raw draws the
/// sampler stores as s (a reflected inclination, a wrapped PA: ``StateImages``).
/// ``propose(from:into:within:using:)`` returns `log q(current) − log q(proposed)`, the
/// Metropolis–Hastings correction of an independence proposal, so the acceptance is
/// `min(1, π(p′) q(p) / (π(p) q(p′)))` exactly.
///
/// **Why.** Near a well-measured mode the posterior is close to the Laplace approximation: a
/// t centred at the mode with the Laplace covariance (a little widened, heavier-tailed than the
/// posterior so that `π/q` stays bounded) proposes nearly independent draws, which a random
/// walk reaches only after many steps. Mixed with a random walk (``TunedProposal``) it leaves
/// the posterior unchanged: each kernel preserves it, and a choice between them made
/// independently of the state preserves it too.
///
/// The proposal is fixed (it learns nothing), so the chain stays a Markov chain. Nothing is
/// allocated per proposal (scratch buffers).
public struct IndependentTProposal: Proposal, Equatable {
    /// μ, in u (entries of parameters not moved are ignored).
    public let centre: [Double]
    /// L, row-major, lower-triangular: `S = L Lᵀ`; a zero row leaves its parameter unmoved.
    public let factor: [Double]
    /// ν.
    public let degreesOfFreedom: Int
    /// The coordinates u.
    public let space: SamplingSpace
    /// Every step is an independence draw (``Proposal/independentWeight``).
    public var independentWeight: Double { 1 }
    private let moved: [Bool]
    private var draws: [Double]
    private var images: StateImages

    /// - Parameters:
    ///   - centre: μ in `space`'s coordinates (n values, one per parameter).
    ///   - factor: L (n × n, row-major, lower-triangular, positive diagonal on the moved
    ///     parameters, zero rows and columns elsewhere).
    ///   - degreesOfFreedom: ν ≥ 1.
    /// - Precondition: finite values of those counts; ν ≥ 1.
    public init(centre: [Double], factor: [Double], degreesOfFreedom: Int, space: SamplingSpace) {
        let n = centre.count
        precondition(centre.count == n && factor.count == n * n && centre.allSatisfy(\.isFinite)
                     && factor.allSatisfy(\.isFinite) && degreesOfFreedom >= 1,
                     "IndependentTProposal needs a finite centre, a finite n × n factor and ν ≥ 1")
        self.centre = centre
        self.factor = factor
        self.degreesOfFreedom = degreesOfFreedom
        self.space = space
        moved = (0..<n).map { factor[$0 * n + $0] > 0 }
        draws = [Double](repeating: 0, count: n)
        images = StateImages(count: n)
    }

    public mutating func propose<G: RandomNumberGenerator>(
        from current: [Double], into proposed: inout [Double], within bounds: ParameterBounds, using generator: inout G
    ) -> Double {
        let n = centre.count
        var w = 0.0
        for _ in 0..<degreesOfFreedom {
            let g = generator.nextGaussian()
            w += g * g
        }
        let length = (Double(degreesOfFreedom) / w).squareRoot()
        for i in 0..<n { draws[i] = generator.nextGaussian() }
        for j in 0..<n {
            guard moved[j] else { proposed[j] = current[j]; continue }
            var step = 0.0
            for i in 0...j { step += factor[j * n + i] * draws[i] }
            proposed[j] = space.backward(centre[j] + length * step, j)
        }
        return logDensity(current, within: bounds) - logDensity(proposed, within: bounds)
    }

    /// `log q(s)` up to a constant (see the type's documentation), s the state stored for the
    /// raw values `p`.
    mutating func logDensity(_ p: [Double], within bounds: ParameterBounds) -> Double {
        var jacobian = 0.0
        for i in p.indices where moved[i] && space.offset(i) != nil { jacobian -= space.forward(p[i], i) }
        let (centre, factor, moved, space, nu) = (centre, factor, moved, space, Double(degreesOfFreedom))
        return images.logSum(of: p, within: bounds, moves: { moved[$0] }) { x, solved in
            Self.logT(x, centre: centre, factor: factor, moved: moved, space: space, nu: nu, solved: &solved)
        } + jacobian
    }

    /// `log t` up to a constant at u(x): `−(ν + k)/2 · log(1 + |L⁻¹ (u(x) − μ)|² / ν)`, by
    /// forward substitution into `solved`.
    private static func logT(_ x: [Double], centre: [Double], factor: [Double], moved: [Bool], space: SamplingSpace,
                             nu: Double, solved: inout [Double]) -> Double {
        let n = centre.count
        var q = 0.0, k = 0
        for j in 0..<n where moved[j] {
            var r = space.forward(x[j], j) - centre[j]
            for i in 0..<j where moved[i] { r -= factor[j * n + i] * solved[i] }
            solved[j] = r / factor[j * n + j]
            q += solved[j] * solved[j]
            k += 1
        }
        return -0.5 * (nu + Double(k)) * Foundation.log1p(q / nu)
    }
}
