import Foundation

/// The reference's `AdaptiveCauchy` jump (doc §6.2): a ``CauchyProposal`` whose half-widths
/// follow the spread of the most recent accepted states.
///
/// With L accepted states so far, the half-width of parameter i is
///
/// | L | half-width |
/// |---|---|
/// | ≤ 50 | the base scale (``ProposalScales``, random scale and fixed parameters included) |
/// | 51 … 500 | 0.5 · std(last 50) / 10 |
/// | 501 … 1500 | 0.8 · std(last 250) / 10 |
/// | 1501 … 2500 | std(last 750) / 10 |
/// | > 2500 | std(last 1500) / 10 |
///
/// std is the population standard deviation of the parameter over those accepted states.
/// Differences from the reference, on purpose: the per-parameter random scale multiplies the
/// adaptive half-widths too (the reference applies it only during the first 50 steps, which is
/// why its `autorun` tuning barely worked); a fixed parameter (base scale 0) never moves; an
/// angle's spread is taken on differences wrapped to half its period (PA: (−180°, 180°]), so a
/// window straddling 0°/360° does not inflate it. A parameter whose window spread is 0 keeps its base scale.
///
/// Each step's Hastings term is ``CauchyProposal``'s with the half-widths in force (the
/// stored states' images). The adaptation never stops, so the chain is not strictly Markov;
/// ``CauchyProposal`` is. Memory is fixed at init (a ring of 1500 states); nothing is allocated per step.
public struct AdaptiveCauchyProposal: Proposal {
    /// Half-widths used while L ≤ 50, and the parameters they leave free (non-zero).
    public let baseScales: [Double]
    /// Per-parameter multiplier of the adaptive half-widths (the random scale; 1 = none).
    public let factors: [Double]
    /// Per-parameter period of an angle (PA, bar angle), nil for the others.
    let periods: [Double?]
    /// Half-widths in force now.
    public private(set) var scales: [Double]
    /// Accepted states seen so far (L).
    public private(set) var acceptedCount = 0

    /// The largest window: the last 1500 accepted states.
    static let capacity = 1500
    private var ring: [Double]
    private var spread: [Double]
    private var images: StateImages

    /// - Parameters:
    ///   - baseScales: one finite, non-negative half-width per parameter for the first 50 steps;
    ///     0 fixes a parameter.
    ///   - names: the parameters, one per scale (their angles' spreads are taken on wrapped offsets).
    ///   - factors: one positive multiplier per parameter of the adaptive half-widths (NaN means
    ///     1; nil: all 1).
    public init(baseScales: [Double], names: [ParameterName], factors: [Double]? = nil) {
        let factors = factors ?? [Double](repeating: 1, count: baseScales.count)
        precondition(factors.count == baseScales.count && names.count == baseScales.count, "one factor and name per scale")
        periods = ParameterName.periods(of: names)
        precondition(baseScales.allSatisfy { $0.isFinite && $0 >= 0 }, "scales must be finite and >= 0")
        self.baseScales = baseScales
        self.factors = factors.map { $0.isNaN ? 1 : $0 }
        scales = baseScales
        ring = [Double](repeating: 0, count: Self.capacity * baseScales.count)
        spread = [Double](repeating: 0, count: baseScales.count)
        images = StateImages(count: baseScales.count)
    }

    public mutating func propose<G: RandomNumberGenerator>(
        from current: [Double], into proposed: inout [Double], within bounds: ParameterBounds, using generator: inout G
    ) -> Double {
        CauchyProposal.jump(from: current, into: &proposed, scales: scales, using: &generator)
        return CauchyProposal.logRatio(from: current, to: proposed, scales: scales, within: bounds, images: &images)
    }

    public mutating func accepted(_ state: [Double]) {
        let width = baseScales.count
        let slot = acceptedCount % Self.capacity
        for i in 0..<width { ring[slot * width + i] = state[i] }
        acceptedCount += 1
        guard let (window, gain) = Self.stage(acceptedCount) else { return }
        windowSpread(last: window)
        for i in 0..<width where baseScales[i] > 0 {
            scales[i] = spread[i] > 0 ? gain * spread[i] / 10 * factors[i] : baseScales[i]
        }
    }

    /// The window length and gain for L accepted states, nil while the base scales apply.
    static func stage(_ accepted: Int) -> (window: Int, gain: Double)? {
        switch accepted {
        case ...50: nil
        case ...500: (50, 0.5)
        case ...1500: (250, 0.8)
        case ...2500: (750, 1)
        default: (1500, 1)
        }
    }

    /// Population std of each parameter over the last `n` accepted states, into `spread`,
    /// from offsets to the newest state (no cancellation; an angle's offsets wrapped to half its period).
    private mutating func windowSpread(last n: Int) {
        let width = baseScales.count
        let newest = (acceptedCount - 1) % Self.capacity
        for i in 0..<width {
            let reference = ring[newest * width + i]
            var sum = 0.0, squares = 0.0
            for back in 0..<n {
                let slot = (acceptedCount - 1 - back) % Self.capacity
                var v = ring[slot * width + i] - reference
                if let period = periods[i] { v = wrapHalfPeriod(v, period) }
                sum += v
                squares += v * v
            }
            let mean = sum / Double(n)
            spread[i] = Swift.max(0, squares / Double(n) - mean * mean).squareRoot()
        }
    }
}
