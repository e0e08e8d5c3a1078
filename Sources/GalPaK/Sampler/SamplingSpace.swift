import Foundation

/// Coordinates for jumps: the parameters themselves, except the positive scale-like ones
/// (flux, radius, turnover radius, maximum velocity, velocity dispersion), which are moved in
/// `u = log(p + c)`. The tuned chains make half their jumps in these coordinates
/// (``SpaceMixtureProposal``).
///
/// Why: those posteriors are skewed when a quantity is barely resolved. A turnover radius of
/// 1.5 px with a 95 % interval of 0.85–3.2 px is symmetric in log (−0.6, +0.7) but not in p;
/// maximum velocity and turnover radius lie along a funnel (only Vmax/rt is constrained) whose
/// width grows with rt. One jump scale in p then fits neither end, and the chain crawls along
/// the tail (measured: ESS 229 for rt against ~2000 for the other parameters after 2 × 50 000
/// steps in p).
///
/// The posterior sampled is unchanged: a jump symmetric in u is, in p, a proposal with
/// `q(p′→p) / q(p→p′) = Π (p′ + c)/(p + c)` over the log coordinates (the Jacobian of the
/// map), and ``LogScaledProposal`` returns that ratio for the Metropolis–Hastings test.
/// Bounds, priors and the chain stay in p.
///
/// A parameter is log-scaled when it is free, of those five, and its lower bound is ≥ 0
/// (a user's negative minimum keeps it linear). The softening c is 0 when the lower bound is
/// positive and 10⁻³ of the bounds' width when it is 0 (flux, σ0), so a state at the bound
/// itself is still finite in u.
public struct SamplingSpace: Sendable, Equatable, Codable {
    /// Parameters that are positive by nature.
    public static let scaleLike: Set<ParameterName> = [.flux, .radius, .turnoverRadius, .maximumVelocity, .velocityDispersion]
    /// The softening of a parameter whose lower bound is 0, as a fraction of its bounds' width.
    public static let softening = 1e-3

    /// Per parameter, `c` when it is moved in `log(p + c)`, nil when it is moved in p; a
    /// parameter past the end of the list is moved in p.
    public let offsets: [Double?]

    /// Every parameter moved as it is.
    public static let linear = SamplingSpace(offsets: [])

    public init(offsets: [Double?]) {
        self.offsets = offsets
    }

    /// `c` of parameter `i`, nil when it is moved in p.
    @inline(__always)
    public func offset(_ i: Int) -> Double? { i < offsets.count ? offsets[i] : nil }

    /// The space for a fit within `bounds` whose free parameters are `free` (by index).
    public init(bounds: ParameterBounds, free: [Bool]) {
        offsets = bounds.names.enumerated().map { k, name in
            let lo = bounds.min[name], hi = bounds.max[name]
            guard free[k], Self.scaleLike.contains(name), lo >= 0, hi > lo else { return nil }
            return lo > 0 ? 0 : Self.softening * (hi - lo)
        }
    }

    /// u of parameter `i` at p.
    @inline(__always)
    public func forward(_ p: Double, _ i: Int) -> Double {
        guard let c = offset(i) else { return p }
        return Foundation.log(p + c)
    }

    /// p of parameter `i` at u.
    @inline(__always)
    public func backward(_ u: Double, _ i: Int) -> Double {
        guard let c = offset(i) else { return u }
        return Foundation.exp(u) - c
    }

    /// dp/du of parameter `i` at p (1 when linear).
    @inline(__always)
    public func derivative(at p: Double, _ i: Int) -> Double {
        guard let c = offset(i) else { return 1 }
        return p + c
    }

    /// All coordinates of `p` in u.
    public func forward(_ p: GalaxyParameters) -> [Double] {
        p.values.indices.map { forward(p.values[$0], $0) }
    }

    /// A covariance (n × n for p's n parameters, row-major) of p near `p` carried to u to first order:
    /// `Σᵤ[i][j] = Σₚ[i][j] / (dpᵢ/duᵢ · dpⱼ/duⱼ)`.
    public func covarianceInU(_ covariance: [Double], at p: GalaxyParameters) -> [Double] {
        let n = p.values.count
        let d = (0..<n).map { derivative(at: p.values[$0], $0) }
        return (0..<(n * n)).map { covariance[$0] / (d[$0 / n] * d[$0 % n]) }
    }

    /// Half-widths in u carried to p at `p` (first order): `sᵢ · dpᵢ/duᵢ`.
    public func widthsInP(_ widths: [Double], at p: GalaxyParameters) -> [Double] {
        widths.indices.map { widths[$0] * derivative(at: p.values[$0], $0) }
    }

    /// Half-widths in p carried to u at `p` (first order): `sᵢ / (dpᵢ/duᵢ)`.
    public func widthsInU(_ widths: [Double], at p: GalaxyParameters) -> [Double] {
        widths.indices.map { widths[$0] / derivative(at: p.values[$0], $0) }
    }
}
