import Foundation

/// `PREFIX_pv.*`: the position–velocity diagrams along the major (left) and minor (right)
/// axes (``PositionVelocityDiagram``, as written in `PREFIX_pv_major.fits` and `_pv_minor.fits`):
/// the data in colour on one range for both (viridis, the 0.5–99.5 percentiles), the convolved
/// model's contours (white) at ``ContourLines/modelFractions`` of its peak over both, offsets
/// along the slit (arcsec) to the right and velocities relative to systemic (km/s) upwards,
/// dashed lines at offset 0 and at the systemic velocity. The channels shown are those of the
/// line (``MomentMaps/lineWindow(model:nx:ny:nz:)`` of the convolved model) and half as many
/// again on either side, within the cube.
enum PositionVelocityFigure {
    static let panelWidth = 560.0, panelHeight = 430.0, left = 80.0, top = 85.0

    static func draw(_ inputs: FigureInputs, major: PositionVelocityDiagram, minor: PositionVelocityDiagram) -> Canvas {
        let canvas = Canvas(width: Int(left + 2 * panelWidth + 10), height: Int(top + panelHeight + 60))
        canvas.title("\(inputs.name): position–velocity diagrams" + inputs.titleNote, x: left)
        canvas.text(String(format: "slit %.2f″ wide (the mean of %d lines 1 pixel apart) through the fitted centre (x, y) = (%.2f, %.2f); ",
                           major.width, major.linesAcross, major.axis.x, major.axis.y)
                    + "data in colour, model contours at \(ContourLines.modelFractionsText) of its peak",
                    x: left, y: 48, size: Axes.tickSize)
        let range = ImagePanel.percentileRange(major.data + minor.data)
        let levels = ContourLines.modelLevels(major.model + minor.model)
        let unit = UnitLabel.label("flux", unit: inputs.fluxUnit)
        let shown = shownChannels(inputs)
        let panels = [
            (major, String(format: "major axis, PA = %.1f°", major.axis.pa), "offset along the major axis (arcsec), receding side > 0"),
            (minor, String(format: "minor axis, PA + 90° = %.1f°", minor.axis.pa), "offset along the minor axis (arcsec), receding side turned 90° anticlockwise > 0"),
        ]
        for (n, (diagram, title, xLabel)) in panels.enumerated() {
            drawPanel(canvas, diagram, x: left + Double(n) * panelWidth, y: top, width: panelWidth - 20, height: panelHeight,
                      channels: shown, range: range, levels: levels, title: title, xLabel: xLabel, yLabel: n == 0, unit: unit)
        }
        return canvas
    }

    /// The line's channels and half as many again on either side, within the cube.
    static func shownChannels(_ inputs: FigureInputs) -> ClosedRange<Int> {
        let line = MomentMaps.lineWindow(model: inputs.convolved, nx: inputs.nx, ny: inputs.ny, nz: inputs.nz)
        let margin = (line.count + 1) / 2
        return Swift.max(line.lowerBound - margin, 0)...Swift.min(line.upperBound + margin, inputs.nz - 1)
    }

    /// One diagram's `channels` in the box (x, y, width, height), its colour bar on the right;
    /// velocities increase upwards whatever the sign of the velocity step.
    static func drawPanel(_ canvas: Canvas, _ diagram: PositionVelocityDiagram, x: Double, y: Double, width: Double, height: Double,
                          channels: ClosedRange<Int>, range: ClosedRange<Double>, levels: [Double], title: String, xLabel: String,
                          yLabel: Bool, unit: String) {
        let columns = diagram.offsets.count, rows = channels.count
        let ps = diagram.pixscale, dv = Swift.abs(diagram.velocityStep)
        let upwards = diagram.velocityStep >= 0 ? Array(channels) : Array(channels.reversed())
        let lowest = diagram.velocity(channel: upwards[0])
        let axes = Axes(x: x, y: y, width: width - ImagePanel.colorBarSpace, height: height,
                        xRange: ((diagram.offsets[0] - 0.5) * ps)...((diagram.offsets[columns - 1] + 0.5) * ps),
                        yRange: (lowest - dv / 2)...(lowest + (Double(rows) - 0.5) * dv))
        func display(_ values: [Double]) -> [Double] { upwards.flatMap { values[($0 * columns)..<(($0 + 1) * columns)] } }
        let span = Axes.nonEmpty(range)
        let colors = display(diagram.data).map { ColorMap.viridis.color(at: ($0 - span.lowerBound) / (span.upperBound - span.lowerBound)) }
        canvas.image(colors, columns: columns, rows: rows, x: axes.x, y: axes.y, width: axes.width, height: axes.height)
        ContourLines(display(diagram.model), columns: columns, rows: rows)
            .draw(canvas, on: axes, levels: levels, x0: diagram.offsets[0] * ps, dx: ps, y0: lowest, dy: dv, color: .white, width: 1.2)
        axes.horizontal(canvas, 0, color: .grey, width: 1, dash: [5, 4])
        axes.vertical(canvas, 0, color: .grey, width: 1, dash: [5, 4])
        axes.drawFrame(canvas, xLabel: xLabel, yLabel: yLabel ? "velocity relative to systemic (km/s)" : "", title: title)
        ColorBar(colorMap: .viridis, range: span, label: unit).draw(canvas, x: axes.x + axes.width + 8, y: axes.y, height: axes.height)
    }
}
