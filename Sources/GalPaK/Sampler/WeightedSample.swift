/// A sample given as distinct values with multiplicities, answering order statistics as if
/// every value were repeated `count` times — with numpy's exact conventions, so a sample
/// with all counts 1 gives numpy's results.
struct WeightedSample {
    /// The values, ascending.
    private var sorted: [Double]
    /// `cumulative[i]` = total count of `sorted[0...i]`.
    private var cumulative: [Int]
    /// Size of the expanded sample.
    let total: Int
    /// Mean of the expanded sample.
    let mean: Double
    /// Population (ddof 0) standard deviation of the expanded sample.
    let std: Double

    /// - Precondition: same lengths, counts ≥ 1, at least one value.
    init(values: [Double], counts: [Int]) {
        precondition(values.count == counts.count && !values.isEmpty)
        var sum = 0.0
        var total = 0
        for (v, c) in zip(values, counts) {
            sum += v * Double(c)
            total += c
        }
        let mean = sum / Double(total)
        var squares = 0.0
        for (v, c) in zip(values, counts) {
            let d = v - mean
            squares += d * d * Double(c)
        }
        let order = values.indices.sorted { values[$0] < values[$1] }
        var running = 0
        sorted = order.map { values[$0] }
        cumulative = order.map { running += counts[$0]; return running }
        self.total = total
        self.mean = mean
        self.std = (squares / Double(total)).squareRoot()
    }

    /// The `k`-th smallest element (0-based) of the expanded sample.
    func element(_ k: Int) -> Double {
        var lo = 0, hi = cumulative.count - 1
        while lo < hi {  // first i with cumulative[i] > k
            let mid = (lo + hi) / 2
            if cumulative[mid] > k { hi = mid } else { lo = mid + 1 }
        }
        return sorted[lo]
    }

    /// numpy `median`: the middle element, or the mean `(a + b) / 2` of the two middle ones.
    var median: Double {
        let half = total / 2
        return total % 2 == 1 ? element(half) : (element(half - 1) + element(half)) / 2
    }

    /// numpy `percentile(…, q, method='linear')`: virtual index `i = (n − 1) · q/100`,
    /// interpolated between elements ⌊i⌋ and ⌊i⌋ + 1 with numpy's two-sided lerp
    /// (`a + (b − a)·t` for t < 0.5, `b − (b − a)·(1 − t)` otherwise), so results agree
    /// with numpy to the last bit for the same data.
    func percentile(_ q: Double) -> Double {
        let index = Double(total - 1) * (q / 100)
        if index >= Double(total - 1) { return element(total - 1) }
        if index <= 0 { return element(0) }
        let below = index.rounded(.down)
        let t = index - below
        let a = element(Int(below)), b = element(Int(below) + 1)
        let diff = b - a
        return t >= 0.5 ? b - diff * (1 - t) : a + diff * t
    }

    /// The reference's MAP value: the centre of the fullest bin of numpy
    /// `histogram(sample, bins)` (equal bins from the smallest to the largest value, ±0.5 when
    /// they are equal; each value counted `count` times; the first bin on a tie). Bin
    /// assignment and centres follow numpy's arithmetic step by step.
    func histogramMode(bins: Int) -> Double {
        var first = sorted[0], last = sorted[sorted.count - 1]
        if first == last {
            first -= 0.5
            last += 0.5
        }
        let step = (last - first) / Double(bins)
        var edges = (0...bins).map { Double($0) * step + first }
        edges[bins] = last
        var histogram = [Int](repeating: 0, count: bins)
        var previous = 0
        for (v, c) in zip(sorted, cumulative) {
            var index = Int((v - first) / (last - first) * Double(bins))
            if index == bins { index -= 1 }
            if v < edges[index] { index -= 1 }
            if index != bins - 1 && v >= edges[index + 1] { index += 1 }
            histogram[index] += c - previous
            previous = c
        }
        let fullest = histogram.indices.max { (histogram[$0], -$0) < (histogram[$1], -$1) }!
        return edges[fullest] + 0.5 * (edges[1] - edges[0])
    }
}
