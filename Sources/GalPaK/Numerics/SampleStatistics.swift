/// Order statistics and spread of a list of numbers, as numpy computes them. NaN in the input
/// is ordered as `sorted()` orders it (unspecified), so callers pass finite values.
public enum SampleStatistics {
    /// numpy's `median`: the middle value of the sorted values for an odd count, the mean of
    /// the two middle values for an even count (`[3, 1, 2, 10]` → 2.5); NaN when empty.
    /// Found by selection (``orderStatistic(_:_:)``), not a full sort.
    public static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return .nan }
        var copy = values
        let mid = copy.count / 2
        let upper = orderStatistic(&copy, mid)
        guard copy.count % 2 == 0 else { return upper }
        // The values before `mid` are now the lower half: the lower middle value is their largest.
        let lower = copy[0..<mid].max()!
        return (lower + upper) / 2
    }

    /// The sorted values' element at index ⌊n/2⌋: the median for an odd count, the upper of
    /// the two middle values for an even count (`[3, 1, 2, 10]` → 3), always one of the values.
    /// - Precondition: `values` is not empty.
    public static func upperMedian(_ values: [Double]) -> Double {
        precondition(!values.isEmpty, "the upper median of no values")
        var copy = values
        return orderStatistic(&copy, copy.count / 2)
    }

    /// The element that `values.sorted()[k]` would be, found by Hoare's selection
    /// (quickselect, median-of-three pivots): expected O(n) against a sort's O(n log n), which
    /// matters for the medians of whole cubes (~4·10⁵ values: ~40 ms sorted). `values` is
    /// reordered so that every element before k is ≤ it and every one after is ≥ it. After
    /// 2·log₂ n + 8 partitions (an adversarial order) the remaining range is sorted instead.
    /// - Precondition: `0 ≤ k < values.count`; the values are not NaN.
    static func orderStatistic(_ values: inout [Double], _ k: Int) -> Double {
        precondition(k >= 0 && k < values.count, "order statistic \(k) of \(values.count) values")
        let limit = 2 * (Int.bitWidth - values.count.leadingZeroBitCount) + 8
        return values.withUnsafeMutableBufferPointer { a in
            var lo = 0, hi = a.count - 1, rounds = 0
            while hi > lo {
                if rounds == limit {
                    var rest = UnsafeMutableBufferPointer(rebasing: a[lo...hi])
                    rest.sort()
                    return a[k]
                }
                rounds += 1
                let (first, middle, last) = (a[lo], a[lo + (hi - lo) / 2], a[hi])
                let pivot = Swift.max(Swift.min(first, middle), Swift.min(Swift.max(first, middle), last))
                var i = lo, j = hi
                while i <= j {
                    while a[i] < pivot { i += 1 }
                    while a[j] > pivot { j -= 1 }
                    if i <= j {
                        a.swapAt(i, j)
                        i += 1
                        j -= 1
                    }
                }
                // Now a[lo...j] ≤ pivot, a[i...hi] ≥ pivot, and any element between equals it.
                if k <= j { hi = j } else if k >= i { lo = i } else { return a[k] }
            }
            return a[k]
        }
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
