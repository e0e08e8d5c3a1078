import Foundation

/// `PREFIX_geweke.*`, the reference's `plot_geweke(Nsigma=2, Nintervals=25)`: for every free
/// parameter, the Geweke z-scores of each chain (one colour per chain, as in `PREFIX_mcmc`) at
/// the 25 start points of ``ConvergenceDiagnostics/gewekeZScores(_:intervals:first:last:)``
/// (the mean of the first 10 % of the chain from that point against the mean of its last
/// 50 %), with the bounds ±2 (red dashed). The chains are those the convergence scores examine
/// (``ConvergenceReport``: after the burn-in, the last `fraction` % of each, expanded by weight),
/// and each panel's title gives the score of `PREFIX_galaxy_parameters_convergence.dat`, the
/// fraction of points within ±2 averaged over the chains. Not drawn for a Laplace fit (no chain).
enum GewekeFigure {
    static let columns = 2
    static let panelWidth = 620.0, panelHeight = 165.0
    static let left = 80.0, top = 60.0, gapX = 90.0, gapY = 62.0

    static func draw(_ inputs: FigureInputs) -> Canvas {
        let segments = ConvergenceReport.examined(inputs.chains, fraction: inputs.fraction, burn: inputs.burn)
        let panels = inputs.estimate.value.names.compactMap { name -> (ParameterName, [[Double]])? in
            let series = ConvergenceReport.series(name, of: inputs.chains, segments: segments,
                                                    centre: inputs.estimate.value[name])
            return series.contains { x in x.contains { $0 != x[0] } } ? (name, series) : nil
        }
        let rows = Swift.max((panels.count + columns - 1) / columns, 1)
        let canvas = Canvas(width: Int(left + Double(columns) * (panelWidth + gapX)),
                            height: Int(top + Double(rows) * (panelHeight + gapY) + 10))
        let bound = ConvergenceDiagnostics.gewekeSigmas
        canvas.title("\(inputs.name): Geweke convergence diagnostic", x: left)
        let chains = segments.count == 1 ? "1 chain" : "\(segments.count) chains (one colour each)"
        canvas.text(String(format: "%@, each after %d burn-in iterations, last %.0f%%; z = (mean of the first 10%% − mean of the last 50%%) / σ from each start point; red dashed: ±%g",
                           chains, inputs.burn, inputs.fraction, bound),
                    x: left, y: 47, size: Axes.tickSize)
        if panels.isEmpty {
            canvas.text("no free parameter moved along the chains", x: left, y: top + 40, size: Axes.labelSize)
        }
        for (n, (name, series)) in panels.enumerated() {
            let scores = series.map { ConvergenceDiagnostics.gewekeZScores($0) }
            let starts = scores.flatMap { $0.map { Double($0.start) } }
            let zs = scores.flatMap { $0.map(\.z) }
            let zRange = Axes.range(of: zs + [-bound - 1, bound + 1], margin: 0.05)
            let column = n % columns, row = n / columns
            let axes = Axes(x: left + Double(column) * (panelWidth + gapX), y: top + 20 + Double(row) * (panelHeight + gapY),
                            width: panelWidth, height: panelHeight,
                            xRange: 0...Swift.max(starts.max() ?? 1, 1), yRange: zRange)
            axes.horizontal(canvas, 0, color: .grey, width: 0.8)
            axes.horizontal(canvas, bound, color: .highlight, width: 1.2, dash: [6, 4])
            axes.horizontal(canvas, -bound, color: .highlight, width: 1.2, dash: [6, 4])
            for (c, points) in scores.enumerated() {
                let x = points.map { Double($0.start) }, z = points.map(\.z)
                axes.line(canvas, x, z, color: .chain(c), width: 1)
                axes.points(canvas, x, z, color: .chain(c), radius: 2.5)
            }
            let perChain = series.map { ConvergenceDiagnostics.gewekeScore($0) }.filter { !$0.isNaN }
            let score = perChain.isEmpty ? "-" : String(format: "%.2f", perChain.reduce(0, +) / Double(perChain.count))
            axes.drawFrame(canvas, xLabel: n + columns >= panels.count ? "start iteration" : "", yLabel: "z",
                           title: "\(name.key): Geweke score \(score) (fraction within ±\(String(format: "%g", bound)))")
        }
        return canvas
    }
}
