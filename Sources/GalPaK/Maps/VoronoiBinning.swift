import Foundation

/// Adaptive spatial binning of a map to a target signal-to-noise ratio T with Voronoi
/// tessellations (Cappellari & Copin 2003, MNRAS 342, 345, §5.1, as the Python package vorbin
/// does it, with vorbin's default weighted tessellation of Diehl & Statler 2006, MNRAS 368, 497):
///
/// 1. A spaxel with a finite signal `s_i`, a positive variance `v_i` and `s_i/√v_i ≥ T` is a
///    bin of its own, left alone.
/// 2. The spaxels with `minimumSpaxelSNR ≤ s_i/√v_i < T` are split into 4-connected regions,
///    binned one region at a time (vorbin's advice for maps where many spaxels hold noise but
///    virtually no signal: select the spaxels above a minimum S/N, bin each connected set
///    separately). Spaxels below ``minimumSpaxelSNR`` are never binned.
/// 3. Bin accretion (CC03 steps i–v): a bin starts from the spaxel of highest S/N (later: the
///    unbinned spaxel nearest the centroid of all binned ones) and takes the unbinned spaxel
///    nearest its centroid while that spaxel touches it (within 1.2 px), the bin stays round
///    (CC03 eq. 5, ``maximumRoundness``) and the S/N rises towards T. A bin that stops with
///    S/N above ``successFraction``·T succeeds. Accretion ends when the unbinned spaxels
///    together fall below T (vorbin 3.2).
/// 4. The spaxels of failed bins go to the successful bin with the nearest centroid (vi).
/// 5. Weighted Voronoi tessellation (vii, Diehl & Statler): every spaxel belongs to the
///    generator minimising `distance / scale`; each generator moves to its bin's centroid and
///    its scale becomes `√(n / S/N)`, until the generators move less than 0.1 px in all
///    (`√Σ Δ²`) or by exactly as much as in an earlier iteration (a cycle), at most once per bin.
///
/// A region without a successful bin stays unbinned (``notBinned``).
///
/// **S/N of a bin** B: `Σ_B s_i / √(Σ_{i,j ∈ B} ρ(x_i − x_j, y_i − y_j) √(v_i v_j))`, with ρ the
/// spatial correlation of the noise (``NoiseCorrelation/spatialValue(dx:dy:)``, 1 at lag 0);
/// for white noise vorbin's `Σ s / √Σ v`. Bins are numbered 0, 1, … in the order of their first
/// spaxel (x fastest).
public struct VoronoiBinning: Sendable, Equatable {
    /// The bin number of a spaxel in no bin.
    public static let notBinned = -1
    /// Spaxels of lower S/N are never binned.
    public static let minimumSpaxelSNR = 1.0
    /// A bin succeeds when accretion stops with its S/N above this fraction of the target (CC03).
    public static let successFraction = 0.8
    /// The most a bin may deviate from a disk while it accretes (CC03 eq. 5).
    public static let maximumRoundness = 0.3
    /// The targets a user may give (`--voronoi-snr`).
    public static let targetRange = ValidRange(.open(0), .none)

    /// One bin.
    public struct Bin: Sendable, Equatable {
        /// Its spaxels (`j·nx + i`), ascending.
        public var spaxels: [Int]
        /// Its centroid weighted by the signal, pixels (0-based).
        public var x: Double, y: Double
        /// `Σ s_i` over its spaxels.
        public var signal: Double
        /// The variance of ``signal``, the noise's spatial correlation folded in.
        public var variance: Double

        /// `signal / √variance`.
        public var signalToNoise: Double { signal / variance.squareRoot() }
    }

    public let nx: Int, ny: Int
    /// The target S/N.
    public let target: Double
    /// The bin of every spaxel (`ny·nx`, x fastest), ``notBinned`` where none.
    public private(set) var binOfSpaxel: [Int]
    /// The bins, by number.
    public private(set) var bins: [Bin]

    /// Bins `signal` with `variance` (each `ny·nx`, x fastest) to `target`.
    /// - Parameter correlation: the noise's correlation; only its spatial part is used.
    /// - Precondition: both maps hold `nx·ny` values; `target` is in ``targetRange``.
    public init(signal: [Double], variance: [Double], nx: Int, ny: Int, target: Double,
                correlation: NoiseCorrelation = .white) {
        precondition(signal.count == nx * ny && variance.count == nx * ny, "maps do not match the grid")
        precondition(Self.targetRange.contains(target), "target S/N out of range")
        self.nx = nx
        self.ny = ny
        self.target = target
        let noise = BinNoise(signal: signal, variance: variance, nx: nx, correlation: correlation)
        let snr = signal.indices.map { s in variance[s] > 0 && signal[s].isFinite ? signal[s] / variance[s].squareRoot() : -Double.infinity }
        var groups = snr.indices.filter { snr[$0] >= target }.map { [$0] }
        let faint = snr.map { $0 >= Self.minimumSpaxelSNR && $0 < target }
        for region in Self.regions(of: faint, nx: nx, ny: ny) {
            groups += RegionBinning(spaxels: region, snr: snr, noise: noise, target: target).bins
        }
        groups.sort { $0[0] < $1[0] }
        var binOfSpaxel = [Int](repeating: Self.notBinned, count: nx * ny)
        for (number, spaxels) in groups.enumerated() {
            for s in spaxels { binOfSpaxel[s] = number }
        }
        self.binOfSpaxel = binOfSpaxel
        bins = groups.map { spaxels in
            let (sum, v) = noise.signalAndVariance(of: spaxels)
            let x = spaxels.reduce(0) { $0 + Double($1 % nx) * signal[$1] } / sum
            let y = spaxels.reduce(0) { $0 + Double($1 / nx) * signal[$1] } / sum
            return Bin(spaxels: spaxels, x: x, y: y, signal: sum, variance: v)
        }
    }

    /// The fractional scatter of the S/N of the bins of several spaxels about the target,
    /// `std(S/N − T) / T` (ddof 1, as vorbin reports it); NaN with fewer than two such bins.
    public var fractionalScatter: Double {
        let deviations = bins.filter { $0.spaxels.count > 1 }.map { $0.signalToNoise - target }
        guard deviations.count > 1 else { return .nan }
        let mean = deviations.reduce(0, +) / Double(deviations.count)
        let sum = deviations.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return (sum / Double(deviations.count - 1)).squareRoot() / target
    }

    /// The 4-connected regions of the spaxels where `selected` is true, each ascending.
    static func regions(of selected: [Bool], nx: Int, ny: Int) -> [[Int]] {
        var label = [Bool](repeating: false, count: selected.count)
        var regions: [[Int]] = []
        for seed in selected.indices where selected[seed] && !label[seed] {
            var region: [Int] = [], stack = [seed]
            label[seed] = true
            while let s = stack.popLast() {
                region.append(s)
                let (i, j) = (s % nx, s / nx)
                for (di, dj) in [(1, 0), (-1, 0), (0, 1), (0, -1)] {
                    let (a, b) = (i + di, j + dj)
                    guard a >= 0, a < nx, b >= 0, b < ny else { continue }
                    let n = b * nx + a
                    if selected[n], !label[n] {
                        label[n] = true
                        stack.append(n)
                    }
                }
            }
            regions.append(region.sorted())
        }
        return regions
    }
}

/// The signal of a set of spaxels and the variance of that signal with the noise's spatial
/// correlation (``VoronoiBinning``'s S/N of a bin), incrementally as a bin grows.
struct BinNoise {
    let signal: [Double], variance: [Double]
    let nx: Int
    /// ρ at lags `(dx, dy)` with `|dx|, |dy| ≤ reach`, at `(dy + reach)·(2·reach + 1) + dx + reach`;
    /// beyond `reach` ρ < e⁻¹⁸ and is left out. `reach` is 0 for spatially white noise.
    private let rho: [Double]
    private let reach: Int

    init(signal: [Double], variance: [Double], nx: Int, correlation: NoiseCorrelation) {
        self.signal = signal
        self.variance = variance
        self.nx = nx
        let width = Swift.max(correlation.spatial.xx, correlation.spatial.yy).squareRoot()
        let reach = correlation.spatialValue(dx: 1, dy: 0) == 0 && correlation.spatialValue(dx: 0, dy: 1) == 0
            ? 0 : Int((6 * width).rounded(.up))
        self.reach = reach
        rho = (-reach...reach).flatMap { dy in
            (-reach...reach).map { dx in correlation.spatialValue(dx: Double(dx), dy: Double(dy)) }
        }
    }

    /// ρ between spaxels `a` and `b`.
    func correlation(_ a: Int, _ b: Int) -> Double {
        let dx = a % nx - b % nx, dy = a / nx - b / nx
        guard Swift.abs(dx) <= reach, Swift.abs(dy) <= reach else { return 0 }
        return rho[(dy + reach) * (2 * reach + 1) + dx + reach]
    }

    /// What adding spaxel `k` to the set `members` adds to the variance of its signal:
    /// `v_k + 2 Σ_i ρ(i, k) √(v_i v_k)`.
    func addedVariance<Members: Sequence>(_ k: Int, to members: Members) -> Double where Members.Element == Int {
        var added = variance[k]
        guard reach > 0 else { return added }
        for i in members { added += 2 * correlation(i, k) * (variance[i] * variance[k]).squareRoot() }
        return added
    }

    /// `Σ s_i` over `spaxels` and its variance.
    func signalAndVariance(of spaxels: [Int]) -> (signal: Double, variance: Double) {
        var sum = 0.0, v = 0.0
        for (n, k) in spaxels.enumerated() {
            sum += signal[k]
            v += addedVariance(k, to: spaxels[..<n])
        }
        return (sum, v)
    }
}

/// The binning of one connected region of faint spaxels (``VoronoiBinning`` steps 3–5).
private struct RegionBinning {
    /// The bins made, each a list of spaxels ascending; none when no bin succeeded.
    var bins: [[Int]] = []

    init(spaxels: [Int], snr: [Double], noise: BinNoise, target: Double) {
        let nx = noise.nx
        let xs = spaxels.map { Double($0 % nx) }, ys = spaxels.map { Double($0 / nx) }
        let m = spaxels.count
        // Accretion: class 0 = unbinned, bins 1, 2, …
        var classOf = [Int](repeating: 0, count: m)
        var successful: [Int] = []
        var unbinned = m
        // The signal of the unbinned spaxels and its variance, as spaxels are binned.
        var (restSignal, restVariance) = noise.signalAndVariance(of: spaxels)
        func bin(_ k: Int, _ number: Int) {
            classOf[k] = number
            unbinned -= 1
            restSignal -= noise.signal[spaxels[k]]
            restVariance -= noise.addedVariance(spaxels[k], to: (0..<m).lazy.filter { classOf[$0] == 0 }.map { spaxels[$0] })
        }
        var start = (0..<m).max { snr[spaxels[$0]] < snr[spaxels[$1]] }!
        var number = 0
        func nearestUnbinned(to x: Double, _ y: Double) -> Int {
            var best = -1, distance = Double.infinity
            for n in 0..<m where classOf[n] == 0 {
                let d = (xs[n] - x) * (xs[n] - x) + (ys[n] - y) * (ys[n] - y)
                if d < distance { (best, distance) = (n, d) }
            }
            return best
        }
        while unbinned > 0 {
            number += 1
            var members = [start]
            bin(start, number)
            var sum = noise.signal[spaxels[start]], variance = noise.variance[spaxels[start]]
            var (cx, cy) = (xs[start], ys[start])
            var sn = sum / variance.squareRoot()
            while unbinned > 0 {
                let k = nearestUnbinned(to: cx, cy)
                let touching = members.contains { (xs[$0] - xs[k]) * (xs[$0] - xs[k]) + (ys[$0] - ys[k]) * (ys[$0] - ys[k]) <= 1.2 * 1.2 }
                let candidate = members + [k]
                let newSum = sum + noise.signal[spaxels[k]]
                let newVariance = variance + noise.addedVariance(spaxels[k], to: members.lazy.map { spaxels[$0] })
                let newSN = newSum / newVariance.squareRoot()
                guard touching, Self.roundness(candidate.map { xs[$0] }, candidate.map { ys[$0] }) <= VoronoiBinning.maximumRoundness,
                      Swift.abs(newSN - target) <= Swift.abs(sn - target), newSN >= sn else { break }
                members = candidate
                bin(k, number)
                (sum, variance, sn) = (newSum, newVariance, newSN)
                cx = members.reduce(0) { $0 + xs[$1] } / Double(members.count)
                cy = members.reduce(0) { $0 + ys[$1] } / Double(members.count)
            }
            if sn > VoronoiBinning.successFraction * target { successful.append(number) }
            guard unbinned > 0, restSignal / restVariance.squareRoot() >= target else { break }
            let binned = (0..<m).filter { classOf[$0] > 0 }
            start = nearestUnbinned(to: binned.reduce(0) { $0 + xs[$1] } / Double(binned.count),
                                    binned.reduce(0) { $0 + ys[$1] } / Double(binned.count))
        }
        guard !successful.isEmpty else { return }

        // Reassignment: the spaxels of failed bins go to the nearest successful centroid.
        /// The geometric centroid of every class (0..<count) of `classes` (−1: none).
        func centroids(of classes: [Int], count: Int) -> [(x: Double, y: Double)] {
            var sums = [(x: Double, y: Double, n: Double)](repeating: (0, 0, 0), count: count)
            for n in 0..<m where classes[n] >= 0 {
                sums[classes[n]].x += xs[n]
                sums[classes[n]].y += ys[n]
                sums[classes[n]].n += 1
            }
            return sums.map { ($0.x / $0.n, $0.y / $0.n) }
        }
        /// The class of every spaxel: the generator of least `distance² / scale²`.
        func tessellate(_ generators: [(x: Double, y: Double)], scales: [Double]) -> [Int] {
            (0..<m).map { n in
                var best = 0, least = Double.infinity
                for (g, p) in generators.enumerated() {
                    let d = ((xs[n] - p.x) * (xs[n] - p.x) + (ys[n] - p.y) * (ys[n] - p.y)) / (scales[g] * scales[g])
                    if d < least { (best, least) = (g, d) }
                }
                return best
            }
        }
        let index = Dictionary(uniqueKeysWithValues: successful.enumerated().map { ($1, $0) })
        var classes = classOf.map { index[$0] ?? -1 }
        let good = centroids(of: classes, count: successful.count)
        let nearest = tessellate(good, scales: [Double](repeating: 1, count: good.count))
        for n in 0..<m where classes[n] < 0 { classes[n] = nearest[n] }
        var generators = centroids(of: classes, count: good.count)
        var scales = [Double](repeating: 1, count: generators.count)

        // Weighted Voronoi tessellation (Diehl & Statler): generators to the bins' centroids,
        // scales √(n / S/N).
        var moves: Set<Double> = []
        for _ in 0..<generators.count {
            classes = tessellate(generators, scales: scales)
            var members = [[Int]](repeating: [], count: generators.count)
            for n in 0..<m { members[classes[n]].append(n) }
            var moved = 0.0
            for g in generators.indices where !members[g].isEmpty {
                let count = Double(members[g].count)
                let x = members[g].reduce(0) { $0 + xs[$1] } / count, y = members[g].reduce(0) { $0 + ys[$1] } / count
                moved += (x - generators[g].x) * (x - generators[g].x) + (y - generators[g].y) * (y - generators[g].y)
                generators[g] = (x, y)
                let (sum, variance) = noise.signalAndVariance(of: members[g].map { spaxels[$0] })
                scales[g] = (count / Swift.max(sum / variance.squareRoot(), .leastNormalMagnitude)).squareRoot()
            }
            if moved.squareRoot() < 0.1 || !moves.insert(moved.squareRoot()).inserted { break }
        }
        classes = tessellate(generators, scales: scales)
        var members = [[Int]](repeating: [], count: generators.count)
        for n in 0..<m { members[classes[n]].append(spaxels[n]) }
        bins = members.filter { !$0.isEmpty }
    }

    /// CC03 eq. 5: the largest distance from the geometric centroid over the radius of a disk
    /// of the same area, less 1 (pixels of unit size).
    static func roundness(_ xs: [Double], _ ys: [Double]) -> Double {
        let n = Double(xs.count)
        let cx = xs.reduce(0, +) / n, cy = ys.reduce(0, +) / n
        let farthest = zip(xs, ys).map { ($0 - cx) * ($0 - cx) + ($1 - cy) * ($1 - cy) }.max()!.squareRoot()
        return farthest / (n / Double.pi).squareRoot() - 1
    }
}
