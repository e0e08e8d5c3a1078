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

/// Best parameters from a chain (reference §7.2 `best_parameters_from_chain`), generalised
/// to weighted chains.
///
/// The chain is treated as *expanded*: each row repeated `weight` times (the textbook
/// Metropolis chain). With weight 1 on every row — a reference chain — every number equals
/// the reference's. `n = Int(W · fraction / 100)` entries of the expanded chain (W = total
/// weight, at least 1 entry) are selected by ``Method``, then per parameter:
/// - value = median, stdev = population standard deviation (ddof 0),
/// - lower / upper = numpy linear-interpolation percentiles at `50 ∓ percentile/2`.
///
/// Position angle (taken mod 360 first) is circular:
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
    /// Which part of the chain the estimates use.
    public enum Method: String, CaseIterable, Sendable {
        /// The last `fraction` % of the expanded chain (the reference default).
        case last
        /// The `fraction` % of expanded entries with the smallest reduced χ².
        case chiSorted = "chi_sorted"
        /// A window of `fraction` % of the expanded chain centred on the first entry of the
        /// global minimum of reduced χ²: `[max(0, i − n/2), min(W, i + n/2))`, clipped at the
        /// ends as in the reference (just the minimum if that is empty).
        case chiMin = "chi_min"
    }

    /// The estimates.
    public var estimate: ParameterEstimate
    /// The method used.
    public var method: Method
    /// Percentage of the expanded chain used.
    public var fraction: Double
    /// Width of the credible interval, in percent.
    public var percentile: Double
    /// Number of expanded entries the estimates use.
    public var sampleCount: Int
    /// Smallest reduced χ² of the whole chain (reference `best_chi2`).
    public var bestReducedChi2: Double
    /// Population standard deviation of the reduced χ² over the entries used (feeds the
    /// reference's effective number of parameters, pD = 2·var(−½·χ²)).
    public var reducedChi2Spread: Double

    /// Computes the estimates.
    /// - Parameters:
    ///   - fraction: percent of the expanded chain to use, in (0, 100]; default 60.
    ///   - percentile: credible-interval width in percent, in (0, 100]; default 95.
    /// - Throws: ``GalpakError`` `.badInput` for an empty chain or an out-of-range setting.
    public init(chain: Chain, method: Method = .last, fraction: Double = 60, percentile: Double = 95) throws {
        guard !chain.isEmpty else {
            throw GalpakError(.badInput, "the chain is empty: no parameters can be estimated")
        }
        guard fraction > 0 && fraction <= 100 else {
            throw GalpakError(.badInput, "chain fraction must be in (0, 100] percent (got \(fraction))")
        }
        guard percentile > 0 && percentile <= 100 else {
            throw GalpakError(.badInput, "percentile must be in (0, 100] (got \(percentile))")
        }
        let selection = Self.selection(in: chain, method: method, fraction: fraction)
        let rows = selection.map(\.row)
        let counts = selection.map(\.count)

        var value = GalaxyParameters.missing, stdev = GalaxyParameters.missing
        var lower = GalaxyParameters.missing, upper = GalaxyParameters.missing
        let (qLow, qHigh) = (50 - percentile / 2, 50 + percentile / 2)
        for name in ParameterName.allCases where name != .pa {
            let sample = WeightedSample(values: rows.map { chain.value(name, at: $0) }, counts: counts)
            value[name] = sample.median
            stdev[name] = sample.std
            lower[name] = sample.percentile(qLow)
            upper[name] = sample.percentile(qHigh)
        }

        let pa = rows.map { wrapDegrees(chain.value(.pa, at: $0)) }
        let toRadians = Double.pi / 180
        let sinMedian = WeightedSample(values: pa.map { sin($0 * toRadians) }, counts: counts).median
        let cosMedian = WeightedSample(values: pa.map { cos($0 * toRadians) }, counts: counts).median
        let circular = atan2(sinMedian, cosMedian) * (180 / Double.pi)
        let best = circular > 0 ? circular : circular + 360
        let offsets = WeightedSample(values: pa.map { Self.wrapHalfTurn($0 - best) }, counts: counts)
        let unwrapped = WeightedSample(values: pa.map { best + Self.wrapHalfTurn($0 - best) }, counts: counts)
        value[.pa] = best
        stdev[.pa] = offsets.std
        lower[.pa] = unwrapped.percentile(qLow)
        upper[.pa] = unwrapped.percentile(qHigh)

        estimate = ParameterEstimate(value: value, stdev: stdev, lower: lower, upper: upper)
        self.method = method
        self.fraction = fraction
        self.percentile = percentile
        sampleCount = counts.reduce(0, +)
        bestReducedChi2 = chain.reducedChi2s.min()!
        reducedChi2Spread = WeightedSample(values: rows.map { chain.reducedChi2(at: $0) }, counts: counts).std
    }

    /// The chain entries the estimates use: rows, and how many of each row's expanded copies
    /// are selected (`n = Int(W · fraction / 100)` entries in all, at least 1). For figures
    /// and derived quantities that must use the same sample as the estimates.
    public static func selection(in chain: Chain, method: Method, fraction: Double) -> [(row: Int, count: Int)] {
        select(method, n: Swift.max(1, Int(Double(chain.totalWeight) * fraction / 100)), from: chain)
    }

    /// The selected rows and how many of each row's expanded copies are in the selection.
    private static func select(_ method: Method, n: Int, from chain: Chain) -> [(row: Int, count: Int)] {
        switch method {
        case .last:
            var picked: [(row: Int, count: Int)] = []
            var remaining = n
            for row in stride(from: chain.count - 1, through: 0, by: -1) where remaining > 0 {
                let take = Swift.min(chain.weight(at: row), remaining)
                picked.append((row, take))
                remaining -= take
            }
            return picked.reversed()
        case .chiSorted:
            let order = (0..<chain.count).sorted {
                (chain.reducedChi2(at: $0), $0) < (chain.reducedChi2(at: $1), $1)
            }
            var picked: [(row: Int, count: Int)] = []
            var remaining = n
            for row in order where remaining > 0 {
                let take = Swift.min(chain.weight(at: row), remaining)
                picked.append((row, take))
                remaining -= take
            }
            return picked
        case .chiMin:
            let chi = chain.reducedChi2s
            let minRow = chi.indices.min { (chi[$0], $0) < (chi[$1], $1) }!
            let centre = chain.weights[..<minRow].reduce(0, +)
            var window = Swift.max(0, centre - n / 2)..<Swift.min(chain.totalWeight, centre + n / 2)
            if window.isEmpty { window = centre..<centre + 1 }
            var picked: [(row: Int, count: Int)] = []
            var start = 0
            for row in 0..<chain.count {
                let rowRange = start..<start + chain.weight(at: row)
                let overlap = rowRange.clamped(to: window)
                if !overlap.isEmpty { picked.append((row, overlap.count)) }
                start = rowRange.upperBound
            }
            return picked
        }
    }

    /// An angle difference in degrees wrapped to (−180, 180].
    static func wrapHalfTurn(_ d: Double) -> Double {
        var r = d.truncatingRemainder(dividingBy: 360)
        if r > 180 { r -= 360 } else if r <= -180 { r += 360 }
        return r
    }
}
