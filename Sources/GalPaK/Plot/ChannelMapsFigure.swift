import Foundation

/// `PREFIX_channels.*`: channel maps across the line. Up to ``maxPanels`` channels (a 4 × 4
/// grid; 3 × 3 for 9 or fewer, …) spread evenly over the channels where the convolved model
/// holds the line (``MomentMaps/lineWindow(model:nx:ny:nz:)``: its spectrum ≥ 1 % of its peak),
/// first to last. Each panel shows the data in colour on one range for all (viridis, the
/// 0.5–99.5 percentiles of the channels shown) and the convolved model's contours (white) at
/// ``ContourLines/modelFractions`` of its peak over those channels, and is labelled with the
/// channel's velocity relative to systemic. Offsets in arcsec from the fitted centre.
enum ChannelMapsFigure {
    static let maxPanels = 16
    static let panelSize = 250.0, left = 75.0, top = 85.0, gapY = 40.0

    /// - Parameter velocities: gives each channel's velocity relative to systemic (the fit's
    ///   position–velocity diagram: `(k − z)·dv`).
    static func draw(_ inputs: FigureInputs, velocities: PositionVelocityDiagram) -> Canvas {
        let shown = channels(inputs)
        let columns = Int(Double(shown.count).squareRoot().rounded(.up)), rows = (shown.count + columns - 1) / columns
        let canvas = Canvas(width: Int(left + Double(columns) * panelSize + ImagePanel.colorBarSpace + 20),
                            height: Int(top + Double(rows) * (panelSize + gapY) + 10))
        canvas.title("\(inputs.name): channel maps" + inputs.titleNote, x: left)
        canvas.text("\(shown.count) channels across the line, velocities relative to the fitted systemic channel z = "
                    + String(format: "%.2f", inputs.estimate.value.z)
                    + "; data in colour, model contours at \(ContourLines.modelFractionsText) of its peak",
                    x: left, y: 48, size: Axes.tickSize)
        let plane = inputs.nx * inputs.ny
        func channel(_ cube: [Double], _ k: Int) -> [Double] { Array(cube[(k * plane)..<((k + 1) * plane)]) }
        let range = ImagePanel.percentileRange(shown.flatMap { channel(inputs.data, $0) })
        let levels = ContourLines.modelLevels(shown.flatMap { channel(inputs.convolved, $0) })
        let view = SkyMapView(inputs)
        var drawn: [Axes] = []
        for (n, k) in shown.enumerated() {
            let (row, column) = (n / columns, n % columns)
            let axes = ImagePanel(values: channel(inputs.data, k), view: view, colorMap: .viridis, range: range,
                                  title: String(format: "v = %+.0f km/s (channel %d)", velocities.velocity(channel: k), k), unit: "")
                .draw(canvas, x: left + Double(column) * panelSize, y: top + Double(row) * (panelSize + gapY),
                      width: panelSize - 20, height: panelSize, xLabel: n + columns >= shown.count, yLabel: column == 0,
                      colorBar: false)
            ContourLines(channel(inputs.convolved, k), columns: inputs.nx, rows: inputs.ny)
                .draw(canvas, on: axes, levels: levels, x0: -view.centre.x * inputs.pixscale, dx: inputs.pixscale,
                      y0: -view.centre.y * inputs.pixscale, dy: inputs.pixscale, color: .white, width: 1)
            drawn.append(axes)
        }
        // One colour bar for all, beside the grid from its first row to its last.
        if let first = drawn.first, let last = drawn.last {
            let unit = UnitLabel.label("flux", unit: inputs.fluxUnit)
            ColorBar(colorMap: .viridis, range: Axes.nonEmpty(range), label: unit)
                .draw(canvas, x: left + Double(columns) * panelSize, y: first.y, height: last.y + last.height - first.y)
        }
        return canvas
    }

    /// The channels shown: ``maxPanels`` at most, evenly spread from the first to the last
    /// channel of the model's line window (every channel of a narrower window).
    static func channels(_ inputs: FigureInputs) -> [Int] {
        let window = MomentMaps.lineWindow(model: inputs.convolved, nx: inputs.nx, ny: inputs.ny, nz: inputs.nz)
        let n = Swift.min(window.count, maxPanels)
        guard n > 1 else { return [window.lowerBound] }
        return (0..<n).map { window.lowerBound + Int((Double($0) * Double(window.count - 1) / Double(n - 1)).rounded()) }
    }
}
