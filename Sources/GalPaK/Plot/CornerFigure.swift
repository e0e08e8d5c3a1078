import Foundation

/// `PREFIX_corner.*`: the posterior of the free parameters from the chain entries the
/// estimate uses (weighted): 1-D histograms on the diagonal, 2-D densities below it (white =
/// empty, dark blue = densest bin), the estimate in red and the credible interval dashed blue.
/// Units are in the diagonal titles. Each range is the estimate ± 4 stdev (the reference's `nsigma = 4`), within the sample's extent.
/// Parameters that never move (fixed) are left out; PA is unwrapped around its estimate. The
/// bottom row's tick labels are turned 45°, so that those of neighbouring panels do not run
/// into each other.
enum CornerFigure {
    static let cell = 160.0, gap = 8.0, gapY = 22.0, left = 95.0, top = 80.0, bottom = 80.0
    /// Bins of the 1-D histograms and of each axis of the 2-D densities.
    static let bins = 30, densityBins = 20

    static func draw(_ inputs: FigureInputs) -> Canvas {
        let sample = PosteriorSample(inputs)
        let names = sample.free
        let size = Double(Swift.max(names.count, 1))
        let canvas = Canvas(width: Int(left + size * (cell + gap) + 20), height: Int(top + size * (cell + gapY) + bottom))
        canvas.title("\(inputs.name): posterior", x: left)
        canvas.text("\(sample.total) chain entries, those the estimate uses (method \(inputs.method.rawValue), "
                    + String(format: "fraction %.0f%%", inputs.fraction) + (inputs.burn > 0 ? ", burn-in \(inputs.burn)" : "")
                    + String(format: "); red: the estimate, dashed: %.0f%% interval", inputs.percentile),
                    x: left, y: 48, size: Axes.tickSize)
        guard !names.isEmpty else {
            canvas.text("no free parameter moved in the chain", x: left, y: top + 20, size: Axes.labelSize)
            return canvas
        }
        let ranges = names.map { sample.range(of: $0) }
        let e = inputs.estimate
        for (row, yName) in names.enumerated() {
            for (column, xName) in names.enumerated() where column <= row {
                let isBottom = row == names.count - 1, isLeft = column == 0
                let x = left + Double(column) * (cell + gap), y = top + Double(row) * (cell + gapY)
                let xLabel = isBottom ? xName.key : ""
                if column == row {
                    let (edges, counts) = sample.histogram(xName, range: ranges[column], bins: bins)
                    let axes = Axes(x: x, y: y, width: cell, height: cell, xRange: ranges[column],
                                    yRange: 0...((counts.max() ?? 1) * 1.1))
                    axes.histogram(canvas, edges: edges, counts: counts, color: .band)
                    axes.vertical(canvas, sample.unwrapped(e.lower[xName], xName), color: .band, dash: [4, 3])
                    axes.vertical(canvas, sample.unwrapped(e.upper[xName], xName), color: .band, dash: [4, 3])
                    axes.vertical(canvas, e.value[xName], color: .highlight, width: 1.5)
                    axes.drawFrame(canvas, xLabel: xLabel,
                                   title: "\(xName.formatted(e.value[xName])) ± \(xName.formatted(e.stdev[xName])) \(xName.jsonUnit)",
                                   xTickLabels: isBottom, yTickLabels: false, xTicks: 3, yTicks: 3, turnedXTickLabels: true)
                } else {
                    let density = sample.density(xName, yName, xRange: ranges[column], yRange: ranges[row], bins: densityBins)
                    let peak = density.max() ?? 1
                    let axes = Axes(x: x, y: y, width: cell, height: cell, xRange: ranges[column], yRange: ranges[row])
                    canvas.image(density.map { ColorMap.density.color(at: peak > 0 ? $0 / peak : 0) },
                                 columns: densityBins, rows: densityBins, x: x, y: y, width: cell, height: cell)
                    axes.vertical(canvas, e.value[xName], color: .highlight, width: 1)
                    axes.horizontal(canvas, e.value[yName], color: .highlight, width: 1)
                    axes.drawFrame(canvas, xLabel: xLabel, yLabel: isLeft ? yName.key : "",
                                   xTickLabels: isBottom, yTickLabels: isLeft, xTicks: 3, yTicks: 3, turnedXTickLabels: true)
                }
            }
        }
        return canvas
    }
}

/// The weighted chain entries an estimate uses, per parameter.
struct PosteriorSample {
    let estimate: ParameterEstimate
    /// Values per parameter (PA unwrapped around its estimate), one per selected row.
    let values: [ParameterName: [Double]]
    /// Multiplicity of each selected row.
    let counts: [Double]
    /// Size of the expanded sample.
    let total: Int
    /// Parameters that vary in the sample, in reference order.
    let free: [ParameterName]

    init(_ inputs: FigureInputs) {
        estimate = inputs.estimate
        let selection = inputs.estimateRows
        var values: [ParameterName: [Double]] = [:]
        for name in inputs.estimate.value.names {
            let column = selection.map { inputs.chain.value(name, at: $0.row) }
            values[name] = column.map { Self.unwrapped($0, name, around: inputs.estimate.value[name]) }
        }
        self.values = values
        counts = selection.map { Double($0.count) }
        total = selection.reduce(0) { $0 + $1.count }
        free = inputs.estimate.value.names.filter { name in
            let v = values[name]!.filter(\.isFinite)
            return (v.max() ?? 0) > (v.min() ?? 0)
        }
    }

    /// An angle's value (a draw, a bound) brought within half a period of the estimate, next
    /// to the unwrapped sample; other values unchanged.
    func unwrapped(_ v: Double, _ name: ParameterName) -> Double {
        Self.unwrapped(v, name, around: estimate.value[name])
    }

    /// `v` within half a period of `centre` for an angle (PA, bar angle), else `v`.
    static func unwrapped(_ v: Double, _ name: ParameterName, around centre: Double) -> Double {
        guard let period = name.period else { return v }
        return centre + wrapHalfPeriod(v - centre, period)
    }

    /// The estimate ± 4 stdev, within the sample's extent.
    func range(of name: ParameterName) -> ClosedRange<Double> {
        let v = values[name]!.filter(\.isFinite)
        let low = v.min() ?? 0, high = v.max() ?? 1
        let best = estimate.value[name], spread = 4 * estimate.stdev[name]
        guard spread.isFinite, spread > 0 else { return Axes.nonEmpty(low...high) }
        return Axes.nonEmpty(Swift.max(low, best - spread)...Swift.min(high, best + spread))
    }

    private func bin(_ v: Double, _ r: ClosedRange<Double>, _ bins: Int) -> Int? {
        guard v.isFinite, v >= r.lowerBound, v <= r.upperBound else { return nil }
        return Swift.min(Int((v - r.lowerBound) / (r.upperBound - r.lowerBound) * Double(bins)), bins - 1)
    }

    /// Weighted histogram of `name` over `range`: bin edges and counts.
    func histogram(_ name: ParameterName, range: ClosedRange<Double>, bins: Int) -> ([Double], [Double]) {
        var counts = [Double](repeating: 0, count: bins)
        for (v, w) in zip(values[name]!, self.counts) {
            if let b = bin(v, range, bins) { counts[b] += w }
        }
        let edges = (0...bins).map { range.lowerBound + Double($0) / Double(bins) * (range.upperBound - range.lowerBound) }
        return (edges, counts)
    }

    /// Weighted 2-D histogram, `bins × bins`, row 0 at the bottom of `yRange`.
    func density(_ xName: ParameterName, _ yName: ParameterName, xRange: ClosedRange<Double>,
                 yRange: ClosedRange<Double>, bins: Int) -> [Double] {
        var grid = [Double](repeating: 0, count: bins * bins)
        for n in counts.indices {
            if let i = bin(values[xName]![n], xRange, bins), let j = bin(values[yName]![n], yRange, bins) {
                grid[j * bins + i] += counts[n]
            }
        }
        return grid
    }
}
