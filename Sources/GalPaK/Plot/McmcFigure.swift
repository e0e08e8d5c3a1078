import Foundation

/// `PREFIX_mcmc.*`: the trace of every parameter against the accepted step (for nested
/// sampling: the weighted draws in the sampler's order), one colour per chain, with the estimate (solid black, on a white edge, over the chains), ± stdev (black
/// dashed) and the credible interval (black dotted), lines of a colour no chain has; the part of
/// every chain the estimate leaves out (``ChainTraces/shadeUnused(_:_:)``) shaded grey. The
/// bottom panel of each column is labelled. The last panel is log₁₀(reduced χ² − its
/// minimum), so both the burn-in and the plateau show.
enum McmcFigure {
    static let columns = 2
    static let panelWidth = 620.0, panelHeight = 165.0
    static let left = 80.0, top = 60.0, gapX = 90.0, gapY = 62.0

    static func draw(_ inputs: FigureInputs) -> Canvas {
        let panels = inputs.estimate.value.names.count + 1
        let rows = (panels + columns - 1) / columns
        let canvas = Canvas(width: Int(left + Double(columns) * (panelWidth + gapX)),
                            height: Int(top + Double(rows) * (panelHeight + gapY) + 10))
        let traces = ChainTraces(inputs)
        canvas.title("\(inputs.name): chain", x: left)
        canvas.text(traces.caption(inputs), x: left, y: 47, size: Axes.tickSize)
        // The bottom panel of each column: no panel below it.
        let stepName = inputs.estimator == .nested ? "draw, in order of rising likelihood" : "accepted step"
        func xLabel(_ n: Int) -> String { n + columns >= panels ? stepName : "" }

        for (n, name) in inputs.estimate.value.names.enumerated() {
            let e = inputs.estimate
            let values = inputs.chain.column(name)
            let axes = panel(n, rows: rows, xMax: traces.length, yRange: Axes.range(of: values))
            traces.shadeUnused(canvas, axes)
            traces.draw(canvas, axes, values)
            axes.horizontal(canvas, e.lower[name], color: .black, width: 1.2, dash: [1.5, 3])
            axes.horizontal(canvas, e.upper[name], color: .black, width: 1.2, dash: [1.5, 3])
            axes.horizontal(canvas, e.value[name] - e.stdev[name], color: .black, dash: [6, 4])
            axes.horizontal(canvas, e.value[name] + e.stdev[name], color: .black, dash: [6, 4])
            axes.horizontal(canvas, e.value[name], color: .white, width: 4.5)
            axes.horizontal(canvas, e.value[name], color: .black, width: 2)
            axes.drawFrame(canvas, xLabel: xLabel(n), yLabel: name.jsonUnit,
                           title: "\(name.key) = \(name.formatted(e.value[name])) ± \(name.formatted(e.stdev[name]))"
                               + "  [\(name.formatted(e.lower[name])), \(name.formatted(e.upper[name]))]")
        }

        let chi = inputs.chain.reducedChi2s
        let floor = chi.filter(\.isFinite).min() ?? 0
        let excess = chi.map { log10(Swift.max($0 - floor, 1e-6 * Swift.max(floor, 1e-300))) }
        let n = inputs.estimate.value.names.count
        let axes = panel(n, rows: rows, xMax: traces.length, yRange: Axes.range(of: excess))
        traces.shadeUnused(canvas, axes)
        traces.draw(canvas, axes, excess)
        var title = String(format: "log₁₀(reduced χ² − %.5f)", floor)
        if let chi2 = inputs.reducedChi2 { title += String(format: "; reduced χ² at the estimate %.5f", chi2) }
        axes.drawFrame(canvas, xLabel: xLabel(n), yLabel: "dex", title: title)
        return canvas
    }

    private static func panel(_ n: Int, rows: Int, xMax: Int, yRange: ClosedRange<Double>) -> Axes {
        let column = n % columns, row = n / columns
        return Axes(x: left + Double(column) * (panelWidth + gapX), y: top + 20 + Double(row) * (panelHeight + gapY),
                    width: panelWidth, height: panelHeight, xRange: 0...Double(Swift.max(xMax - 1, 1)), yRange: yRange)
    }
}

/// The rows of a chain file split by chain, with the steps of each chain the estimate leaves out.
struct ChainTraces {
    /// Rows of each chain, in file order.
    let rowsByChain: [[Int]]
    /// The longest chain, in rows.
    let length: Int
    /// For each chain, the steps (rows within the chain) the estimate leaves out, as runs
    /// `[from, to)`: before and after the entries it uses, when those are one run of steps
    /// (methods `last`, `map`, `chi_min`); nil for `chi_sorted`, whose entries are spread.
    let unusedSteps: [[Range<Int>]]?

    init(_ inputs: FigureInputs) {
        rowsByChain = inputs.rowsByChain
        length = rowsByChain.map(\.count).max() ?? 0
        guard inputs.method != .chiSorted else {
            unusedSteps = nil
            return
        }
        let used = Set(inputs.estimateRows.map(\.row))
        unusedSteps = rowsByChain.map { rows in
            let steps = rows.indices.filter { used.contains(rows[$0]) }
            guard let first = steps.first, let last = steps.last else { return [0..<rows.count] }
            return [0..<first, (last + 1)..<rows.count].filter { !$0.isEmpty }
        }
    }

    /// One line per chain of `values` (one value per row) against the step within the chain.
    func draw(_ canvas: Canvas, _ axes: Axes, _ values: [Double]) {
        for (c, rows) in rowsByChain.enumerated() {
            axes.line(canvas, rows.indices.map(Double.init), rows.map { values[$0] }, color: .chain(c), width: 1)
        }
    }

    /// Greys the steps of each chain the estimate leaves out, each chain with the opacity that
    /// makes steps no chain uses 15 % grey: where only some chains' steps are left out, the
    /// grey is lighter.
    func shadeUnused(_ canvas: Canvas, _ axes: Axes) {
        guard let unusedSteps else { return }
        let alpha = 1 - pow(0.85, 1 / Double(Swift.max(unusedSteps.count, 1)))
        for runs in unusedSteps {
            for run in runs {
                // Step s is drawn at x = s: a run covers [from − ½, to − ½], within the axes.
                axes.shadeColumns(canvas, from: Swift.max(Double(run.lowerBound) - 0.5, axes.xRange.lowerBound),
                                  to: Swift.min(Double(run.upperBound) - 0.5, axes.xRange.upperBound), color: .grey, alpha: alpha)
            }
        }
    }

    /// A one-line description of the chains and of what the estimate uses.
    func caption(_ inputs: FigureInputs) -> String {
        if inputs.estimator == .nested {
            return "nested sampling: \(inputs.chain.count) weighted draws (dead points, then the last live points); estimate: every draw by its weight"
                + String(format: "; solid: the estimate, dashed: ± stdev, dotted: %.0f%% interval", inputs.percentile)
        }
        let chains = rowsByChain.count == 1 ? "1 chain" : "\(rowsByChain.count) chains (one colour each)"
        var text = "\(chains), \(inputs.chain.count) accepted steps; estimate: method \(inputs.method.rawValue), "
            + String(format: "fraction %.0f%%", inputs.fraction) + (inputs.burn > 0 ? ", burn-in \(inputs.burn)" : "")
        text += unusedSteps == nil ? " (the entries of lowest χ², not shaded)" : " (unshaded)"
        return text + String(format: "; solid: the estimate (%@), dashed: ± stdev, dotted: %.0f%% interval",
                             inputs.method.rawValue, inputs.percentile)
    }
}
