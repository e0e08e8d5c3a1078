/// Order statistics and spread of a list of numbers, as numpy computes them. NaN in the input
/// is ordered as `sorted()` orders it (unspecified), so callers pass finite values.
public enum SampleStatistics {
    /// numpy's `median`: the middle value of the sorted values for an odd count, the mean of
    /// the two middle values for an even count (`[3, 1, 2, 10]` → 2.5); NaN when empty.
    public static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }

    /// The sorted values' element at index ⌊n/2⌋: the median for an odd count, the upper of
    /// the two middle values for an even count (`[3, 1, 2, 10]` → 3), always one of the values.
    /// - Precondition: `values` is not empty.
    public static func upperMedian(_ values: [Double]) -> Double {
        precondition(!values.isEmpty, "the upper median of no values")
        let sorted = values.sorted()
        return sorted[sorted.count / 2]
    }

    /// Population standard deviation (numpy's `std`, ddof 0): `√(Σ (x − mean)² / n)` with
    /// `mean = Σ x / n`, two passes (no cancellation); NaN when empty, 0 for one value.
    public static func standardDeviation(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return .nan }
        let n = Double(values.count)
        let mean = values.reduce(0, +) / n
        return (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n).squareRoot()
    }

    /// The scatter of a zero-centred noise measured on its negative side only, where positive
    /// emission adds nothing: the median of |x| over the values x < 0, ÷ 0.6745 (the median of
    /// a half-normal of unit σ). Nil with fewer than 10 negative values.
    public static func negativeSideScatter(_ values: [Double]) -> Double? {
        let negative = values.compactMap { $0 < 0 ? -$0 : nil }
        guard negative.count >= 10 else { return nil }
        return median(negative) / 0.6745
    }
}
