import Foundation

/// The first guess of `z` for a set of lines: the set's template fitted to the galaxy's
/// integrated spectrum, so that `z` lands on the z-line and not on whichever line is brightest.
///
/// For a trial z (every quarter channel of the cube) and line width σ (in the z-line's
/// channels: 0.7, 1, 1.5, 2.2, 3.3 or 5; line i gets the same velocity width, σ·|dv_z/dv_i|
/// channels) the template is `m(k) = Σ_p A_p c_p(k)`, one column per independent amplitude:
/// c_0 holds the lines whose flux is a number (line i with weight a_i/a_z) and the lines tied
/// to them, each free line its own column with the lines tied to it (weight 1/k). Each line is
/// a unit-flux Gaussian at its channel k_i(z) (``LineGrid``) over ±6.07 widths. The amplitudes
/// are the weighted least-squares solution (weights 1/variance), and the trial of least χ²
/// with A_0 > 0 wins; z and ln(width) are refined by parabolas through its neighbours (kept if
/// χ² is no worse). Then F_z = A_0, a free
/// line's ratio is `max(A_p, 0) / A_0`, and the total flux `Σ_i (its amplitude · weight)`.
///
/// Cost: (4 nz) × 6 trials of a few dozen channels per line; no model renders.
struct LineTemplateFit {
    /// The z-line's channel.
    var z: Double
    /// Its width σ, channels.
    var width: Double
    /// The free lines' ratios F(line)/F(z-line).
    var ratios: [(name: ParameterName, value: Double)]
    /// The fitted total flux over all lines.
    var totalFlux: Double
    /// The channels within 3 σ of the z-line, and no nearer than half-way to another line.
    var zLineWindow: ClosedRange<Int>
    /// The channels within 3 σ of any line.
    var span: ClosedRange<Int>

    /// The trial widths, in the z-line's channels.
    static let trialWidths = [0.7, 1, 1.5, 2.2, 3.3, 5]
    /// Trial z values per channel.
    static let stepsPerChannel = 4

    /// Fits `lines` to the spectrum `flux` with per-channel `variance`; nil when no trial gives
    /// the z-line a positive flux.
    init?(flux: [Double], variance: [Double], lines: LineGrid) {
        let nz = flux.count
        guard nz > 1 else { return nil }
        let weights = variance.map { $0 > 0 && $0.isFinite ? 1 / $0 : 0 }
        let set = lines.set, zLine = lines.zLine, count = lines.count
        guard case .fixed(let az) = set.lines[zLine].flux else { return nil }
        // Column and weight of each line.
        let free = set.lines.indices.filter { set.lines[$0].flux == .free }
        var column = [Int](repeating: 0, count: count), weight = [Double](repeating: 1, count: count)
        for (i, line) in set.lines.enumerated() {
            switch line.flux {
            case .fixed(let a): (column[i], weight[i]) = (0, a / az)
            case .free: (column[i], weight[i]) = (1 + free.firstIndex(of: i)!, 1)
            case .tied: break
            }
        }
        for (i, line) in set.lines.enumerated() {
            guard case let .tied(wave, k) = line.flux, let t = set.lines.firstIndex(where: { $0.wave == wave }) else { continue }
            (column[i], weight[i]) = (column[t], weight[t] / k)
        }
        let columns = 1 + free.count
        let dataSquares = zip(flux, weights).reduce(0) { $0 + $1.1 * $1.0 * $1.0 }

        /// χ², amplitudes and line channels of one trial; nil when A_0 ≤ 0 or singular.
        func trial(z: Double, width: Double) -> (chi2: Double, amplitudes: [Double], channels: [Double], widths: [Double])? {
            var normal = [Double](repeating: 0, count: columns * columns), rhs = [Double](repeating: 0, count: columns)
            let zStep = lines.placement(z: z, line: zLine).velocityStep
            let places = (0..<count).map { lines.placement(z: z, line: $0) }
            let widths = places.map { width * Swift.abs(zStep / $0.velocityStep) }
            let profiles = (0..<count).map { i -> (range: ClosedRange<Int>, values: [Double])? in
                let c = places[i].channel, w = widths[i], reach = DiskModel.negligibleWidths * w
                let lo = Swift.max(0, Int((c - reach).rounded(.up))), hi = Swift.min(nz - 1, Int((c + reach).rounded(.down)))
                guard lo <= hi else { return nil }
                let norm = DiskModel.channelSum(centre: c, width: w)
                return (lo...hi, (lo...hi).map { k in exp(-0.5 * pow((Double(k) - c) / w, 2)) / norm })
            }
            for i in 0..<count {
                guard let pi = profiles[i] else { continue }
                let a = column[i]
                for (n, k) in pi.range.enumerated() { rhs[a] += weight[i] * weights[k] * flux[k] * pi.values[n] }
                for j in 0..<count {
                    guard let pj = profiles[j] else { continue }
                    let lo = Swift.max(pi.range.lowerBound, pj.range.lowerBound), hi = Swift.min(pi.range.upperBound, pj.range.upperBound)
                    guard lo <= hi else { continue }
                    var s = 0.0
                    for k in lo...hi {
                        s += weights[k] * pi.values[k - pi.range.lowerBound] * pj.values[k - pj.range.lowerBound]
                    }
                    normal[a * columns + column[j]] += weight[i] * weight[j] * s
                }
            }
            // A free line with no channel on the cube has amplitude 0.
            for p in 0..<columns where normal[p * columns + p] == 0 { normal[p * columns + p] = 1 }
            guard let amplitudes = Self.solve(normal, rhs, size: columns), amplitudes[0] > 0 else { return nil }
            let chi2 = dataSquares - zip(amplitudes, rhs).reduce(0) { $0 + $1.0 * $1.1 }
            return (chi2, amplitudes, places.map(\.channel), widths)
        }

        var best: (chi2: Double, z: Double, width: Double)?
        for width in Self.trialWidths {
            for step in 0...(Self.stepsPerChannel * (nz - 1)) {
                let z = Double(step) / Double(Self.stepsPerChannel)
                guard lines.hasPositiveValue(z: z), let t = trial(z: z, width: width) else { continue }
                if t.chi2 < best?.chi2 ?? .infinity { best = (t.chi2, z, width) }
            }
        }
        guard let best else { return nil }
        /// The vertex of the parabola through (−1, below), (0, centre), (1, above), within ±1.
        func vertex(_ below: Double, _ centre: Double, _ above: Double) -> Double {
            let curvature = above + below - 2 * centre
            return curvature > 0 ? Swift.min(Swift.max((below - above) / (2 * curvature), -1), 1) : 0
        }
        // Parabolas through the best trial and its neighbours: in z, then in ln(width).
        let h = 1 / Double(Self.stepsPerChannel)
        var z = best.z, width = best.width
        if let below = trial(z: z - h, width: width)?.chi2, let above = trial(z: z + h, width: width)?.chi2 {
            z += h * vertex(below, best.chi2, above)
        }
        if let j = Self.trialWidths.firstIndex(of: best.width), j > 0, j < Self.trialWidths.count - 1,
           let below = trial(z: best.z, width: Self.trialWidths[j - 1])?.chi2,
           let above = trial(z: best.z, width: Self.trialWidths[j + 1])?.chi2 {
            let t = vertex(below, best.chi2, above)
            width *= pow(t < 0 ? best.width / Self.trialWidths[j - 1] : Self.trialWidths[j + 1] / best.width, Swift.abs(t))
        }
        guard var fit = trial(z: best.z, width: best.width) else { return nil }
        if let refined = trial(z: z, width: width), refined.chi2 <= fit.chi2 { fit = refined } else { (z, width) = (best.z, best.width) }
        self.z = z
        self.width = fit.widths[zLine]
        ratios = free.enumerated().map { p, i in
            (ParameterName.lineRatio(set.lines[i].wave), Swift.max(fit.amplitudes[1 + p], 0) / fit.amplitudes[0])
        }
        totalFlux = (0..<count).reduce(0) { $0 + Swift.max(fit.amplitudes[column[$1]], 0) * weight[$1] }
        let others = (0..<count).filter { $0 != zLine }.map { Swift.abs(fit.channels[$0] - fit.channels[zLine]) }
        let half = Swift.max(1, Swift.min(3 * width, 0.5 * (others.min() ?? .infinity)))
        func clamp(_ v: Double) -> Int { Swift.min(Swift.max(Int(v.rounded()), 0), nz - 1) }
        zLineWindow = clamp(fit.channels[zLine] - half)...clamp(fit.channels[zLine] + half)
        span = clamp(zip(fit.channels, fit.widths).map { $0 - 3 * $1 }.min()!)...clamp(zip(fit.channels, fit.widths).map { $0 + 3 * $1 }.max()!)
    }

    /// The solution of the `size × size` system `a x = b` (row-major), by Gaussian elimination
    /// with partial pivoting; nil when singular.
    static func solve(_ a: [Double], _ b: [Double], size n: Int) -> [Double]? {
        var m = a, x = b
        for c in 0..<n {
            guard let p = (c..<n).max(by: { abs(m[$0 * n + c]) < abs(m[$1 * n + c]) }), m[p * n + c] != 0 else { return nil }
            if p != c {
                for k in 0..<n { m.swapAt(p * n + k, c * n + k) }
                x.swapAt(p, c)
            }
            for r in (c + 1)..<n {
                let f = m[r * n + c] / m[c * n + c]
                for k in c..<n { m[r * n + k] -= f * m[c * n + k] }
                x[r] -= f * x[c]
            }
        }
        for r in stride(from: n - 1, through: 0, by: -1) {
            var s = x[r]
            for k in (r + 1)..<n { s -= m[r * n + k] * x[k] }
            x[r] = s / m[r * n + r]
        }
        return x
    }
}
