import Foundation

/// The fitted parameters, with their spread.
public struct ParameterEstimate: Equatable, Sendable {
    /// Best estimate (median; circular median for PA).
    public var value: GalaxyParameters
    /// Population standard deviation.
    public var stdev: GalaxyParameters
    /// Lower end of the credible interval (all NaN when unknown).
    public var lower: GalaxyParameters
    /// Upper end of the credible interval (all NaN when unknown).
    public var upper: GalaxyParameters

    public init(value: GalaxyParameters, stdev: GalaxyParameters,
                lower: GalaxyParameters = .missing, upper: GalaxyParameters = .missing) {
        self.value = value
        self.stdev = stdev
        self.lower = lower
        self.upper = upper
    }
}

/// Best parameters from one or several chains (reference §7.2 `best_parameters_from_chain`),
/// generalised to weighted chains, to several chains and to a burn-in.
///
/// Each chain is treated as *expanded*: each row repeated `weight` times (the textbook
/// Metropolis chain). With one chain of weight 1 on every row — a reference chain — and no
/// burn-in, every number equals the reference's. First the `burn` first entries of every chain
/// are dropped; then entries are selected by ``Method`` with `fraction`, and pooled; then per
/// parameter:
/// - value = median (``Method/map``: the centre of the fullest of 25 histogram bins),
///   stdev = population standard deviation (ddof 0),
/// - lower / upper = numpy linear-interpolation percentiles at `50 ∓ percentile/2`.
///
/// Position angle (taken mod 360 first) is circular, for every method:
/// - value = `atan2(median sin PA, median cos PA)` in degrees, mapped to (0, 360] as in the
///   reference;
/// - stdev = std of `PA − value` **wrapped to (−180, 180]**. The reference does not wrap, so
///   a chain straddling 0/360 gets a stdev of ~180° there; on a chain that does not straddle,
///   both agree;
/// - lower / upper = percentiles of `value + wrap(PA − value)`, i.e. of the PA values unwrapped
///   around the best value. They may fall below 0 or above 360 (e.g. value 2, lower −5) so
///   that `lower ≤ value ≤ upper` holds across 0/360. The reference takes percentiles of the
///   raw 0…360 values, which gives a meaningless interval there; elsewhere both agree.
public struct ChainSummary: Equatable, Sendable {
    /// Which part of the chains the estimates use. W is a chain's number of entries after the
    /// burn-in; n = `Int(W · fraction / 100)`, at least 1.
    public enum Method: String, NamedChoice {
        /// The last n entries of every chain (the reference default).
        case last
        /// The `fraction` % of all chains' entries with the smallest reduced χ².
        case chiSorted = "chi_sorted"
        /// In every chain, a window of n entries centred on the first entry of that chain's
        /// minimum reduced χ²: `[max(0, i − n/2), min(W, i + n/2))`, clipped at the ends as in
        /// the reference (just the minimum if that is empty).
        case chiMin = "chi_min"
        /// The reference's `MAP`: the entries of ``last``; each parameter's value is the centre of
        /// the fullest of 25 equal bins between its smallest and largest value (numpy
        /// `histogram`; the first such bin on a tie). PA keeps its circular median, as in the
        /// reference.
        case map
    }

    /// Entries of one chain row in the selection.
    public struct Selected: Equatable, Sendable {
        /// Index of the chain.
        public var chain: Int
        /// Row in that chain.
        public var row: Int
        /// How many of the row's expanded copies are selected.
        public var count: Int
    }

    /// The estimates.
    public var estimate: ParameterEstimate
    /// The method used.
    public var method: Method
    /// Percentage of each chain (after burn-in) used.
    public var fraction: Double
    /// Width of the credible interval, in percent.
    public var percentile: Double
    /// Entries dropped at the start of every chain.
    public var burn: Int
    /// The rows the estimates use, and how many copies of each.
    public var selection: [Selected]
    /// Number of expanded entries the estimates use.
    public var sampleCount: Int
    /// Smallest reduced χ² of the whole chains (reference `best_chi2`).
    public var bestReducedChi2: Double
    /// Population standard deviation of the reduced χ² over the entries used (feeds the
    /// reference's effective number of parameters, pD = 2·var(−½·χ²)).
    public var reducedChi2Spread: Double

    /// Computes the estimates from one chain.
    /// - Throws: see ``init(chains:method:fraction:percentile:burn:)``.
    public init(chain: Chain, method: Method = SamplerDefaults.method, fraction: Double = SamplerDefaults.fraction,
                percentile: Double = SamplerDefaults.percentile, burn: Int = SamplerDefaults.burn) throws {
        try self.init(chains: [chain], method: method, fraction: fraction, percentile: percentile, burn: burn)
    }

    /// Computes the estimates from several chains, pooled after the burn-in.
    /// - Parameters:
    ///   - fraction: percent of each chain (after burn-in) to use, in (0, 100].
    ///   - percentile: credible-interval width in percent, in (0, 100].
    ///   - burn: entries (iterations) dropped at the start of every chain, ≥ 0.
    /// - Throws: ``GalpakError`` `.badInput` for no chain, empty chains, an out-of-range
    ///   setting, or a burn-in that leaves nothing.
    public init(chains: [Chain], method: Method = SamplerDefaults.method, fraction: Double = SamplerDefaults.fraction,
                percentile: Double = SamplerDefaults.percentile, burn: Int = SamplerDefaults.burn) throws {
        guard !chains.isEmpty, chains.allSatisfy({ !$0.isEmpty }) else {
            throw GalpakError(.badInput, "the chain is empty: no parameters can be estimated")
        }
        guard fraction > 0 && fraction <= 100 else {
            throw GalpakError(.badInput, "chain fraction must be in (0, 100] percent (got \(fraction))")
        }
        guard percentile > 0 && percentile <= 100 else {
            throw GalpakError(.badInput, "percentile must be in (0, 100] (got \(percentile))")
        }
        guard burn >= 0 else {
            throw GalpakError(.badInput, "the burn-in must be 0 or more iterations (got \(burn))")
        }
        let views = chains.indices.map { ChainView(chains[$0], index: $0, burn: burn) }.filter { $0.total > 0 }
        guard !views.isEmpty else {
            let longest = chains.map(\.totalWeight).max() ?? 0
            throw GalpakError(.badInput,
                "a burn-in of \(burn) iterations leaves nothing: the longest chain has \(longest); use a smaller --burn")
        }
        let selection = Self.select(method, fraction: fraction, from: views, chains: chains)
        let counts = selection.map(\.count)
        func column(_ name: ParameterName) -> [Double] {
            selection.map { chains[$0.chain].value(name, at: $0.row) }
        }

        let names = chains[views[0].index].names
        var value = GalaxyParameters.missing(names), stdev = value, lower = value, upper = value
        let (qLow, qHigh) = (50 - percentile / 2, 50 + percentile / 2)
        for name in names where name.period == nil {
            let sample = WeightedSample(values: column(name), counts: counts)
            value[name] = method == .map ? sample.histogramMode(bins: 25) : sample.median
            stdev[name] = sample.std
            lower[name] = sample.percentile(qLow)
            upper[name] = sample.percentile(qHigh)
        }

        for name in names {
            guard let period = name.period else { continue }
            let angle = column(name).map { wrapPeriod($0, period) }
            let best = Self.circularMedian(angle, period: period, counts: counts)
            let offsets = WeightedSample(values: angle.map { wrapHalfPeriod($0 - best, period) }, counts: counts)
            let unwrapped = WeightedSample(values: angle.map { best + wrapHalfPeriod($0 - best, period) }, counts: counts)
            value[name] = best
            stdev[name] = offsets.std
            lower[name] = unwrapped.percentile(qLow)
            upper[name] = unwrapped.percentile(qHigh)
        }

        estimate = ParameterEstimate(value: value, stdev: stdev, lower: lower, upper: upper)
        self.method = method
        self.fraction = fraction
        self.percentile = percentile
        self.burn = burn
        self.selection = selection
        sampleCount = counts.reduce(0, +)
        bestReducedChi2 = chains.map { $0.reducedChi2s.min()! }.min()!
        reducedChi2Spread = WeightedSample(
            values: selection.map { chains[$0.chain].reducedChi2(at: $0.row) }, counts: counts).std
    }

    /// The reference's circular median of angles of period `period` (360 for degrees), in
    /// (0, period]: `atan2(median sin, median cos)` of the angles as radians, +period when ≤ 0.
    static func circularMedian(_ angles: [Double], period: Double = 360, counts: [Int]) -> Double {
        let toRadians = 2 * Double.pi / period
        let sinMedian = WeightedSample(values: angles.map { sin($0 * toRadians) }, counts: counts).median
        let cosMedian = WeightedSample(values: angles.map { cos($0 * toRadians) }, counts: counts).median
        let circular = atan2(sinMedian, cosMedian) * (period / (2 * Double.pi))
        return circular > 0 ? circular : circular + period
    }

    /// A chain after the burn-in: its rows from the first kept one, with the first row's
    /// count reduced by the part of it inside the burn-in.
    struct ChainView {
        var index: Int
        var rows: [Int] = []
        var counts: [Int] = []
        var total = 0

        init(_ chain: Chain, index: Int, burn: Int) {
            self.index = index
            var start = 0
            for row in 0..<chain.count {
                let w = chain.weight(at: row)
                let kept = Swift.min(w, start + w - burn)
                start += w
                guard kept > 0 else { continue }
                rows.append(row)
                counts.append(kept)
                total += kept
            }
        }

        /// Selected copies of rows from the expanded entries [range) of this view.
        func entries(in range: Range<Int>) -> [Selected] {
            var picked: [Selected] = []
            var start = 0
            for (row, count) in zip(rows, counts) {
                let overlap = (start..<start + count).clamped(to: range)
                if !overlap.isEmpty { picked.append(Selected(chain: index, row: row, count: overlap.count)) }
                start += count
            }
            return picked
        }
    }

    /// The selected rows of every chain and how many of each row's expanded copies are in the selection.
    private static func select(_ method: Method, fraction: Double, from views: [ChainView],
                               chains: [Chain]) -> [Selected] {
        func size(_ total: Int) -> Int { Swift.max(1, Int(Double(total) * fraction / 100)) }
        switch method {
        case .last, .map:
            return views.flatMap { v in v.entries(in: (v.total - size(v.total))..<v.total) }
        case .chiSorted:
            var order: [(chi: Double, chain: Int, position: Int)] = []
            for v in views {
                for (position, row) in v.rows.enumerated() {
                    order.append((chains[v.index].reducedChi2(at: row), v.index, position))
                }
            }
            order.sort { ($0.chi, $0.chain, $0.position) < ($1.chi, $1.chain, $1.position) }
            var remaining = size(views.reduce(0) { $0 + $1.total })
            var picked: [Selected] = []
            let byChain = Dictionary(uniqueKeysWithValues: views.map { ($0.index, $0) })
            for entry in order where remaining > 0 {
                let v = byChain[entry.chain]!
                let take = Swift.min(v.counts[entry.position], remaining)
                picked.append(Selected(chain: entry.chain, row: v.rows[entry.position], count: take))
                remaining -= take
            }
            return picked
        case .chiMin:
            return views.flatMap { v -> [Selected] in
                let chi = v.rows.map { chains[v.index].reducedChi2(at: $0) }
                let minimum = chi.indices.min { (chi[$0], $0) < (chi[$1], $1) }!
                let centre = v.counts[..<minimum].reduce(0, +)
                let n = size(v.total)
                var window = Swift.max(0, centre - n / 2)..<Swift.min(v.total, centre + n / 2)
                if window.isEmpty { window = centre..<centre + 1 }
                return v.entries(in: window)
            }
        }
    }
}
