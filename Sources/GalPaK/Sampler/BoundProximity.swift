import Foundation

/// Which parameters' posteriors pile against one of their bounds.
///
/// A bound is a hard edge of the prior: a posterior cut by it has a value and an interval that
/// say more about the bound than about the galaxy (σ0 = 0.09 ± 0.08 km/s with a minimum of 0,
/// a turnover radius 5.43 against a maximum of 5.44). Over the draws the estimate uses, a
/// free parameter is *at* its minimum when
/// - the lower end of its credible interval lies within the outer ``edgeFraction`` of the range,
///   `lower ≤ min + edgeFraction · (max − min)`, or
/// - more than ``pileFraction`` of its draws lie there,
/// and likewise at its maximum. PA is periodic (its bounds only keep the chain's numbers
/// finite) and is never reported; nor is a fixed parameter.
public enum BoundProximity {
    /// Which bound.
    public enum Side: String, Sendable, Equatable {
        case min
        case max
    }

    /// The outer part of the range that counts as "at the bound" (1 %).
    public static let edgeFraction = 0.01
    /// Share of the draws in that outer part that flags a bound even when the interval does not
    /// reach it (5 %: a posterior merely near a bound puts a small fraction there).
    public static let pileFraction = 0.05

    /// The bound `values` (with multiplicities `counts`) pile against, if any.
    /// - Parameters:
    ///   - lower, upper: the ends of the credible interval.
    ///   - min, max: the bounds; nothing is reported for an empty range.
    public static func side(values: [Double], counts: [Int], lower: Double, upper: Double,
                            min: Double, max: Double) -> Side? {
        let range = max - min
        guard range > 0, range.isFinite, !values.isEmpty else { return nil }
        let lowEdge = min + edgeFraction * range, highEdge = max - edgeFraction * range
        var total = 0, low = 0, high = 0
        for (v, c) in zip(values, counts) {
            total += c
            if v <= lowEdge { low += c }
            if v >= highEdge { high += c }
        }
        let share = { (n: Int) in Double(n) / Double(Swift.max(total, 1)) }
        let atMin = lower <= lowEdge || share(low) > pileFraction
        let atMax = upper >= highEdge || share(high) > pileFraction
        switch (atMin, atMax) {
        case (true, false): return .min
        case (false, true): return .max
        case (true, true): return share(low) >= share(high) ? .min : .max
        case (false, false): return nil
        }
    }

    /// Every free parameter of `summary` (angles excepted) that piles against a bound of `bounds`,
    /// over the draws of `chains` the summary used.
    public static func sides(chains: [Chain], summary: ChainSummary, bounds: ParameterBounds,
                             fixed: GalaxyParameters) -> [ParameterName: Side] {
        var result: [ParameterName: Side] = [:]
        let counts = summary.selection.map(\.count)
        guard !counts.isEmpty else { return result }
        for name in bounds.names where name.period == nil && fixed[name].isNaN {
            let values = summary.selection.map { chains[$0.chain].value(name, at: $0.row) }
            let e = summary.estimate
            if let side = side(values: values, counts: counts, lower: e.lower[name], upper: e.upper[name],
                               min: bounds.min[name], max: bounds.max[name]) {
                result[name] = side
            }
        }
        return result
    }

    /// The free parameters (angles aside) whose Laplace interval `value ∓ z σ` of `summary` crosses a
    /// bound, with the interval cut at that bound: the interval of a positive quantity never
    /// reaches below its minimum, and, as for chains, an interval that touches a bound reports
    /// the parameter there (its value is then a limit, not a measurement).
    public static func sides(cuttingLaplaceIntervalsOf summary: inout ChainSummary, bounds: ParameterBounds,
                             fixed: GalaxyParameters) -> [ParameterName: Side] {
        var result: [ParameterName: Side] = [:]
        for name in bounds.names where name.period == nil && fixed[name].isNaN {
            if summary.estimate.lower[name] <= bounds.min[name] {
                summary.estimate.lower[name] = bounds.min[name]
                result[name] = .min
            }
            if summary.estimate.upper[name] >= bounds.max[name] {
                summary.estimate.upper[name] = bounds.max[name]
                result[name] = result[name] ?? .max
            }
        }
        return result
    }

    /// One warning sentence for `name` at `side` of `bounds`, naming the option that moves it.
    public static func warning(_ name: ParameterName, at side: Side, bounds: ParameterBounds,
                               summary: ChainSummary) -> String {
        let estimate = summary.estimate
        let bound = side == .min ? bounds.min[name] : bounds.max[name]
        let option = side == .min ? "--min" : "--max"
        let meaning = side == .min ? "an upper limit" : "a lower limit"
        return "\(name.key) piles against its \(side == .min ? "minimum" : "maximum") \(format(bound)) "
            + "(\(format(summary.percentile))% interval \(format(estimate.lower[name]))…\(format(estimate.upper[name]))): "
            + "its value is \(meaning) set by the bound; if the bound is not physical, widen it with \(option) \(name.key)=…"
    }

    /// The warning for a free parameter whose mode (``PosteriorMode``) lies on its bound.
    public static func warning(_ name: ParameterName, modeAt side: Side, bounds: ParameterBounds) -> String {
        let bound = side == .min ? bounds.min[name] : bounds.max[name]
        let option = side == .min ? "--min" : "--max"
        return "\(name.key) reaches its \(side == .min ? "minimum" : "maximum") \(format(bound)) at the mode: "
            + "its value is a limit set by the bound and has no error; if the bound is not physical, widen it with \(option) \(name.key)=…"
    }

    private static func format(_ v: Double) -> String {
        v == 0 ? "0" : abs(v) >= 1e4 || abs(v) < 1e-3 ? String(format: "%.3g", v) : String(format: "%.4g", v)
    }
}
