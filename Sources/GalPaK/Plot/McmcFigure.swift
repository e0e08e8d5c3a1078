import Foundation

/// `PREFIX_mcmc.*`: the trace of every parameter against the accepted step, one colour per
/// chain, with the best value (red), ± stdev (black dashed) and the credible interval (blue
/// dotted); the part of the chain the estimate leaves out is shaded grey (method `last`).
/// The last panel is log₁₀(reduced χ² − its minimum), so both the burn-in and the plateau show.
enum McmcFigure {
    static let columns = 2
    static let panelWidth = 620.0, panelHeight = 165.0
    static let left = 80.0, top = 60.0, gapX = 90.0, gapY = 62.0

    static func draw(_ inputs: FigureInputs) -> Canvas {
        let panels = ParameterName.allCases.count + 1
        let rows = (panels + columns - 1) / columns
        let canvas = Canvas(width: Int(left + Double(columns) * (panelWidth + gapX)),
                            height: Int(top + Double(rows) * (panelHeight + gapY) + 10))
        let traces = ChainTraces(inputs)
        canvas.text("\(inputs.name): chain", x: left, y: 28, size: 17, bold: true)
        canvas.text(traces.caption(inputs), x: left, y: 47, size: Axes.tickSize)

        for (n, name) in ParameterName.allCases.enumerated() {
            let e = inputs.estimate
            let values = inputs.chain.column(name)
            let axes = panel(n, rows: rows, xMax: traces.length, yRange: Axes.range(of: values))
            traces.shadeUnused(canvas, axes)
            traces.draw(canvas, axes, values)
            axes.horizontal(canvas, e.lower[name], color: .band, width: 1.2, dash: [2, 3])
            axes.horizontal(canvas, e.upper[name], color: .band, width: 1.2, dash: [2, 3])
            axes.horizontal(canvas, e.value[name] - e.stdev[name], color: .black, dash: [6, 4])
            axes.horizontal(canvas, e.value[name] + e.stdev[name], color: .black, dash: [6, 4])
            axes.horizontal(canvas, e.value[name], color: .highlight, width: 1.5)
            axes.drawFrame(canvas, xLabel: n / columns == rows - 1 ? "accepted step" : "", yLabel: name.jsonUnit,
                           title: "\(name.key) = \(name.formatted(e.value[name])) ± \(name.formatted(e.stdev[name]))"
                               + "  [\(name.formatted(e.lower[name])), \(name.formatted(e.upper[name]))]")
        }

        let chi = inputs.chain.reducedChi2s
        let floor = chi.filter(\.isFinite).min() ?? 0
        let excess = chi.map { log10(Swift.max($0 - floor, 1e-6 * Swift.max(floor, 1e-300))) }
        let n = ParameterName.allCases.count
        let axes = panel(n, rows: rows, xMax: traces.length, yRange: Axes.range(of: excess))
        traces.shadeUnused(canvas, axes)
        traces.draw(canvas, axes, excess)
        var title = String(format: "log₁₀(reduced χ² − %.5f)", floor)
        if let chi2 = inputs.reducedChi2 { title += String(format: "; reduced χ² at the estimate %.5f", chi2) }
        axes.drawFrame(canvas, xLabel: "accepted step", yLabel: "dex", title: title)
        return canvas
    }

    private static func panel(_ n: Int, rows: Int, xMax: Int, yRange: ClosedRange<Double>) -> Axes {
        let column = n % columns, row = n / columns
        return Axes(x: left + Double(column) * (panelWidth + gapX), y: top + 20 + Double(row) * (panelHeight + gapY),
                    width: panelWidth, height: panelHeight, xRange: 0...Double(Swift.max(xMax - 1, 1)), yRange: yRange)
    }
}

/// The rows of a chain file split by chain, with the steps each run of rows covers.
struct ChainTraces {
    /// Rows of each chain, in file order.
    let rowsByChain: [[Int]]
    /// The longest chain, in rows.
    let length: Int
    /// Within-chain index of the first row the estimate uses, for method `last` on one chain.
    let firstUsedStep: Int?

    init(_ inputs: FigureInputs) {
        let index = inputs.chainIndex ?? [Int](repeating: 0, count: inputs.chain.count)
        var groups: [Int: [Int]] = [:]
        for (row, c) in index.enumerated() { groups[c, default: []].append(row) }
        rowsByChain = groups.keys.sorted().map { groups[$0]! }
        length = rowsByChain.map(\.count).max() ?? 0
        if rowsByChain.count == 1, inputs.method == .last {
            firstUsedStep = ChainSummary.selection(in: inputs.chain, method: .last, fraction: inputs.fraction).first?.row
        } else {
            firstUsedStep = nil
        }
    }

    /// One line per chain of `values` (one value per row) against the step within the chain.
    func draw(_ canvas: Canvas, _ axes: Axes, _ values: [Double]) {
        for (c, rows) in rowsByChain.enumerated() {
            axes.line(canvas, rows.indices.map(Double.init), rows.map { values[$0] }, color: .chain(c), width: 1)
        }
    }

    /// Greys the steps before the part the estimate uses.
    func shadeUnused(_ canvas: Canvas, _ axes: Axes) {
        guard let first = firstUsedStep, first > 0 else { return }
        axes.shadeColumns(canvas, from: axes.xRange.lowerBound, to: Double(first), color: .grey, alpha: 0.15)
    }

    /// A one-line description of the chains and of what the estimate uses.
    func caption(_ inputs: FigureInputs) -> String {
        let chains = rowsByChain.count == 1 ? "1 chain" : "\(rowsByChain.count) chains (one colour each)"
        var text = "\(chains), \(inputs.chain.count) accepted steps; estimate: method \(inputs.method.rawValue), "
            + String(format: "%.0f%% of the chain", inputs.fraction)
        if firstUsedStep != nil { text += " (unshaded part)" }
        return text + String(format: "; red: best, black dashed: ± stdev, blue dotted: %.0f%% interval", inputs.percentile)
    }
}
