/// The test of a calibration's interval coverage: an observed coverage (the fraction of `n`
/// intervals of probability `p` that contain the truth) is nominal when
///
///     |observed − p| ≤ 2 · √(p (1 − p) / n),
///
/// within two standard deviations of the binomial count divided by `n`.
public enum NominalCoverage {
    /// `2 · √(p (1 − p) / n)`: the largest nominal departure from `p` for `n` intervals.
    public static func tolerance(probability p: Double, count n: Int) -> Double {
        precondition(n > 0 && (0...1).contains(p), "a coverage needs n > 0 intervals and 0 ≤ p ≤ 1")
        return 2 * (p * (1 - p) / Double(n)).squareRoot()
    }

    /// Whether `observed` lies within ``tolerance(probability:count:)`` of `p`.
    public static func isNominal(_ observed: Double, probability p: Double, count n: Int) -> Bool {
        abs(observed - p) <= tolerance(probability: p, count: n)
    }
}
