import Foundation

/// The raw states that a Metropolis chain's stored state stands for, and a move's proposal
/// density summed over them: what makes a move's Hastings ratio exact (``Proposal``).
///
/// A chain (``MetropolisRun``) admits a raw proposal x when it lies within its
/// ``ParameterBounds`` (an angle circularly) and stores it sanitised
/// (``GalaxyParameters/sanitize()``): a negative inclination reflected, an angle θ of period T
/// wrapped into [0, T). A stored state s is therefore reached from each of its **images**, the
/// admitted raw states that sanitise to s; along the coordinates a move changes (it copies the
/// others) they are
///
///     x_incl ∈ {s_incl, −s_incl},   x_θ ∈ {s_θ + m·T : m an integer},
///
/// each where the bounds admit it. With the default bounds (inclination ≥ −5°; PA in
/// [−40°, 400°], circularly: raw PA in [−400°, 760°]) an inclination below 5° has two images,
/// a PA three (four within 40° of 0°). A move's density to s is the sum of its densities to
/// s's images, `q(s → s′) = Σ_{x ∈ img(s′)} q(s → x)`.
///
/// Only the folded coordinates (inclination and the angles, which no ``SamplingSpace``
/// log-scales) are read or changed, so the same images serve a move made in a
/// ``SamplingSpace``'s coordinates u. Images are visited in a fixed order (inclination `+s`
/// then `−s`; each angle's `m` rising), so sums repeat bit for bit. Nothing is allocated per
/// call (three buffers of the state's size, made once).
public struct StateImages: Sendable, Codable, Equatable {
    /// The image being visited.
    private var image: [Double]
    /// The proposed state sanitised, s′.
    private var stored: [Double]
    /// Scratch for the density (e.g. a triangular solve).
    private var work: [Double]

    /// Buffers for states of `count` coordinates.
    public init(count: Int) {
        image = [Double](repeating: 0, count: count)
        stored = image
        work = image
    }

    private enum CodingKeys: String, CodingKey { case count }

    /// Scratch only: a proposal's state keeps the buffers' size, not their contents.
    public init(from decoder: any Decoder) throws {
        self.init(count: try decoder.container(keyedBy: CodingKeys.self).decode(Int.self, forKey: .count))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(image.count, forKey: .count)
    }

    /// Equal when made for states of the same size (the buffers are scratch).
    public static func == (a: StateImages, b: StateImages) -> Bool { a.image.count == b.image.count }

    /// `ln Σ_{x ∈ img(s)} exp(logDensity(x))` over the images of the stored state of `state`
    /// (raw or stored: its folded coordinates are sanitised first) along the coordinates i
    /// with `moves(i)`; −∞ when the bounds admit none. `logDensity` gets each image and a
    /// scratch buffer of the state's size.
    public mutating func logSum(of state: [Double], within bounds: ParameterBounds, moves: (Int) -> Bool,
                                _ logDensity: (_ image: [Double], _ work: inout [Double]) -> Double) -> Double {
        let names = bounds.names
        for i in state.indices { image[i] = Self.sanitised(state[i], at: i, in: names, moves: moves) }
        var largest = -Double.infinity, sum = 0.0
        visit(from: 0, within: bounds, moves: moves, density: logDensity) { l in
            if l > largest {
                sum = sum * Foundation.exp(largest - l) + 1
                largest = l
            } else {
                sum += Foundation.exp(l - largest)
            }
        }
        return largest + Foundation.log(sum)
    }

    /// The Hastings term of a random walk with a symmetric step density f (`f(d) = f(−d)`)
    /// from the stored state `current` to the raw proposal `proposed` (stored as s′):
    ///
    ///     ln q(s′ → s) − ln q(s → s′) = ln Σ_{y ∈ img(s)} f(y − s′) − ln Σ_{x ∈ img(s′)} f(x − s),
    ///
    /// exactly 0 when each state is its own only image (then both sums are the one term
    /// `f(±(s′ − s))`), and 0 for a proposal the bounds do not admit (rejected unused).
    /// `logStep(from, to, work)` is ln f(to − from) up to a constant.
    public mutating func randomWalkLogRatio(
        from current: [Double], to proposed: [Double], within bounds: ParameterBounds, moves: (Int) -> Bool,
        logStep: (_ from: [Double], _ to: [Double], _ work: inout [Double]) -> Double
    ) -> Double {
        var alone = true
        let names = bounds.names
        for i in proposed.indices where Self.folds(i, in: names) && moves(i) {
            let s = Self.sanitised(proposed[i], at: i, in: names, moves: moves)
            guard bounds.contains(proposed[i], at: i) else { return 0 }
            stored[i] = s
            alone = alone && Self.isOnlyImage(s, at: i, within: bounds)
                && Self.isOnlyImage(current[i], at: i, within: bounds)
        }
        if alone { return 0 }
        for i in proposed.indices where !(Self.folds(i, in: names) && moves(i)) { stored[i] = proposed[i] }
        let sPrime = stored
        let backward = logSum(of: current, within: bounds, moves: moves) { y, work in logStep(sPrime, y, &work) }
        let forward = logSum(of: sPrime, within: bounds, moves: moves) { x, work in logStep(current, x, &work) }
        return backward - forward
    }

    /// Whether coordinate `i` is folded: the inclination (reflected) or an angle (wrapped).
    @inline(__always)
    static func folds(_ i: Int, in names: [ParameterName]) -> Bool {
        i == ParameterName.inclination.knownIndex! || ParameterName.period(at: i, in: names) != nil
    }

    /// Coordinate `i` of `v` as the chain stores it when it is folded and moved, else as it is.
    @inline(__always)
    private static func sanitised(_ v: Double, at i: Int, in names: [ParameterName], moves: (Int) -> Bool) -> Double {
        guard moves(i) else { return v }
        if i == ParameterName.inclination.knownIndex! { return abs(v) }
        if let period = ParameterName.period(at: i, in: names) { return wrapPeriod(v, period) }
        return v
    }

    /// Whether the stored value `s` of the folded coordinate `i` is admitted and its only image.
    private static func isOnlyImage(_ s: Double, at i: Int, within bounds: ParameterBounds) -> Bool {
        guard bounds.contains(s, at: i) else { return false }
        if let period = ParameterName.period(at: i, in: bounds.names) {
            return !bounds.contains(s - period, at: i) && !bounds.contains(s + period, at: i)
        }
        return s == 0 || !bounds.contains(-s, at: i)
    }

    /// Visits every image from coordinate `first` on (the earlier ones set in ``image``),
    /// handing `density`'s value at each to `add`.
    private mutating func visit(from first: Int, within bounds: ParameterBounds, moves: (Int) -> Bool,
                                density: (_ image: [Double], _ work: inout [Double]) -> Double,
                                add: (Double) -> Void) {
        var i = first
        let names = bounds.names
        while i < image.count, !(Self.folds(i, in: names) && moves(i)) { i += 1 }
        guard i < image.count else {
            add(density(image, &work))
            return
        }
        let s = image[i]
        if let period = ParameterName.period(at: i, in: bounds.names) {
            let lo = bounds.min.values[i], hi = bounds.max.values[i]
            let low = Int(((lo - period - s) / period).rounded(.up))
            let high = Int(((hi + period - s) / period).rounded(.down))
            for m in low <= high ? low...high : 0...0 {
                let x = s + period * Double(m)
                guard bounds.contains(x, at: i) else { continue }
                image[i] = x
                visit(from: i + 1, within: bounds, moves: moves, density: density, add: add)
            }
        } else {
            for sign in 0..<(s == 0 ? 1 : 2) {
                let x = sign == 0 ? s : -s
                guard bounds.contains(x, at: i) else { continue }
                image[i] = x
                visit(from: i + 1, within: bounds, moves: moves, density: density, add: add)
            }
        }
        image[i] = s
    }
}
