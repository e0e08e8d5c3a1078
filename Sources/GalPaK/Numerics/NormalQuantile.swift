import Foundation

/// The standard normal distribution's quantile, Φ⁻¹.
public enum NormalQuantile {
    /// z with Φ(z) = q, Φ(z) = ½ erfc(−z/√2), found by bisection on [−40, 40] to the last bit
    /// (e.g. 1.959964 for q = 0.975, 0 for q = 0.5).
    /// - Precondition: 0 < q < 1.
    public static func z(_ q: Double) -> Double {
        precondition(q > 0 && q < 1, "a normal quantile needs 0 < q < 1")
        var lo = -40.0, hi = 40.0
        for _ in 0..<200 {
            let mid = (lo + hi) / 2
            if mid == lo || mid == hi { break }
            if 0.5 * erfc(-mid / 2.0.squareRoot()) < q { lo = mid } else { hi = mid }
        }
        return (lo + hi) / 2
    }

    /// The half-width, in standard deviations, of the central interval holding `percentile` % of
    /// a normal distribution: `Φ⁻¹(½ + percentile/200)` (1.96 for 95, 1 for 68.27); +∞ for 100.
    /// - Precondition: 0 < percentile ≤ 100.
    public static func halfWidth(percentile: Double) -> Double {
        precondition(percentile > 0 && percentile <= 100, "a percentile is in (0, 100]")
        return percentile == 100 ? .infinity : z(0.5 + percentile / 200)
    }
}
