import Foundation

/// `PREFIX_maps.*`: flux, velocity and dispersion (rows) of the data's moments, the model
/// as observed (beam-smeared) and the intrinsic model (columns). Each row shares one colour
/// range (the flux row: data and observed model, up to the model's peak,
/// ``ImagePanel/sharedRange(data:model:)``; the intrinsic flux is more peaked and has its own), velocities on a diverging map centred on the systemic velocity with the kinematic
/// major axis dashed. Model velocity and dispersion are shown where the model's flux is at
/// least 1/50 of its peak (the reference's display mask); data maps as written (S/N mask; on
/// Voronoi bins with `--voronoi-snr`, as the caption says).
/// Offsets are in arcsec from the fitted centre (x to the right, y up, as the pixel axes run).
enum MapsFigure {
    static let panelWidth = 420.0, panelHeight = 330.0, left = 75.0, top = 80.0, gapY = 50.0
    /// The reference's display mask for model maps.
    static let displayFraction = 1.0 / 50

    static func draw(_ inputs: FigureInputs) -> Canvas {
        let canvas = Canvas(width: Int(left + 3 * panelWidth + 20), height: Int(top + 3 * (panelHeight + gapY)))
        canvas.title("\(inputs.name): kinematic maps" + inputs.titleNote, x: left)
        canvas.text("data: moments" + (inputs.voronoiSNR.map { String(format: " of Voronoi bins of S/N %g,", $0) } ?? "")
                    + " where flux S/N ≥ " + String(format: "%g", inputs.minimumSNR)
                    + "; model: where flux ≥ 1/50 of its peak; velocities relative to the fitted systemic channel z = "
                    + String(format: "%.2f", inputs.estimate.value.z), x: left, y: 48, size: Axes.tickSize)
        let columns = [("data", inputs.dataMaps),
                       ("model, observed", inputs.observed.masked(belowPeakFraction: displayFraction)),
                       ("model, intrinsic", inputs.intrinsic.masked(belowPeakFraction: displayFraction))]
        let fluxUnit = UnitLabel.label("flux", unit: inputs.fluxUnit)
        let observedFlux = ImagePanel.sharedRange(data: columns[0].1.flux, model: columns[1].1.flux)
        let velocity = ImagePanel.symmetricRange(columns.flatMap { $0.1.velocity })
        // Noisy data dispersions saturate rather than stretch the scale: the top is the model's
        // 99th percentile or the data's 90th, whichever is higher.
        let dispersion = 0...Swift.max(
            ImagePanel.percentileRange(columns[1].1.dispersion + columns[2].1.dispersion, low: 0, high: 99).upperBound,
            ImagePanel.percentileRange(columns[0].1.dispersion, low: 0, high: 90).upperBound)
        let view = SkyMapView(inputs)

        for (c, (label, maps)) in columns.enumerated() {
            let rows: [(String, [Double], ColorMap, ClosedRange<Double>, String)] = [
                ("flux", maps.flux, .viridis, c == 2 ? ImagePanel.percentileRange(maps.flux, low: 0, high: 100) : observedFlux, fluxUnit),
                ("velocity", maps.velocity, .diverging, velocity, "km/s"),
                ("dispersion", maps.dispersion, .viridis, dispersion, "km/s"),
            ]
            for (r, (quantity, values, map, range, unit)) in rows.enumerated() {
                let axes = ImagePanel(values: values, view: view, colorMap: map, range: range,
                                      title: "\(label): \(quantity)", unit: unit)
                    .draw(canvas, x: left + Double(c) * panelWidth, y: top + Double(r) * (panelHeight + gapY),
                          width: panelWidth - 30, height: panelHeight, xLabel: r == 2, yLabel: c == 0)
                if quantity == "velocity" { drawMajorAxis(canvas, axes, pa: inputs.estimate.value.pa) }
            }
        }
        return canvas
    }

    /// The kinematic major axis through the centre (offset 0, 0), dashed.
    static func drawMajorAxis(_ canvas: Canvas, _ axes: Axes, pa: Double) {
        let angle = pa * Double.pi / 180
        let (dx, dy) = (sin(angle), -cos(angle))
        let reach = 2 * Swift.max(axes.xRange.upperBound - axes.xRange.lowerBound, axes.yRange.upperBound - axes.yRange.lowerBound)
        axes.line(canvas, [-reach * dx, reach * dx], [-reach * dy, reach * dy], color: .black, width: 1, dash: [5, 4])
    }
}
