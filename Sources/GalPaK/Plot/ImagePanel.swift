/// A 2-D map drawn as an image with a colour bar. Axes are offsets from a centre in arcsec
/// (pixel i spans `[(i − 0.5 − x0)·s, (i + 0.5 − x0)·s]`), x to the right and y up as the FITS
/// pixel axes run; NaN spaxels are light grey.
struct ImagePanel {
    /// The map, `ny·nx`, x fastest.
    var values: [Double]
    var nx: Int, ny: Int
    var colorMap: ColorMap
    /// Values mapped to the ends of the colour map (clamped beyond).
    var range: ClosedRange<Double>
    /// Arcsec per pixel.
    var pixscale: Double
    /// Centre of the offsets, 0-based pixels.
    var centre: (x: Double, y: Double)
    var title: String
    /// Label of the colour bar (quantity and unit).
    var unit: String

    /// Space the colour bar and its labels take to the right of the image, pixels.
    static let colorBarSpace = 78.0

    /// Draws the panel in the box (x, y, width, height), keeping square pixels, with its colour
    /// bar on the right unless `colorBar` is false (panels that share one); returns the
    /// image's axes so that callers can draw on top (e.g. the major axis).
    @discardableResult
    func draw(_ canvas: Canvas, x: Double, y: Double, width: Double, height: Double,
              xLabel: Bool = true, yLabel: Bool = true, colorBar: Bool = true) -> Axes {
        let imageWidth = width - (colorBar ? Self.colorBarSpace : 0)
        let scale = Swift.min(imageWidth / Double(nx), height / Double(ny))
        let w = scale * Double(nx), h = scale * Double(ny)
        let axes = Axes(x: x + (imageWidth - w) / 2, y: y + (height - h) / 2, width: w, height: h,
                        xRange: ((-0.5 - centre.x) * pixscale)...((Double(nx) - 0.5 - centre.x) * pixscale),
                        yRange: ((-0.5 - centre.y) * pixscale)...((Double(ny) - 0.5 - centre.y) * pixscale))
        let span = Axes.nonEmpty(range)
        let colors = values.map { colorMap.color(at: ($0 - span.lowerBound) / (span.upperBound - span.lowerBound)) }
        canvas.image(colors, columns: nx, rows: ny, x: axes.x, y: axes.y, width: w, height: h)
        axes.drawFrame(canvas, xLabel: xLabel ? "Δx (arcsec)" : "", yLabel: yLabel ? "Δy (arcsec)" : "",
                       title: title, xTicks: 4, yTicks: 4)
        if colorBar {
            ColorBar(colorMap: colorMap, range: span, label: unit).draw(canvas, x: axes.x + w + 8, y: axes.y, height: h)
        }
        return axes
    }

    /// The range between the `low` and `high` percentiles of the finite values (robust to a
    /// few extreme spaxels); 0…1 when there are none.
    static func percentileRange(_ values: [Double], low: Double = 0.5, high: Double = 99.5) -> ClosedRange<Double> {
        let finite = values.filter(\.isFinite).sorted()
        guard !finite.isEmpty else { return 0...1 }
        func at(_ q: Double) -> Double { finite[Swift.min(finite.count - 1, Int(q / 100 * Double(finite.count - 1) + 0.5))] }
        return Axes.nonEmpty(at(low)...at(high))
    }

    /// A range symmetric about 0 covering the `percent` percentile of |value|.
    static func symmetricRange(_ values: [Double], percent: Double = 99) -> ClosedRange<Double> {
        let r = percentileRange(values.map { Swift.abs($0) }, low: 0, high: percent).upperBound
        return r > 0 ? -r...r : -1...1
    }
}

/// A vertical colour bar with ticks and a label on its right.
struct ColorBar {
    var colorMap: ColorMap
    var range: ClosedRange<Double>
    var label: String

    static let barWidth = 12.0

    func draw(_ canvas: Canvas, x: Double, y: Double, height: Double) {
        let steps = 128
        let colors = (0..<steps).map { colorMap.color(at: (Double($0) + 0.5) / Double(steps)) }
        canvas.image(colors, columns: 1, rows: steps, x: x, y: y, width: Self.barWidth, height: height)
        canvas.setColor(.black)
        canvas.setLine(width: 1)
        canvas.strokeRectangle(x: x, y: y, width: Self.barWidth, height: height)
        let ticks = Ticks.values(range.lowerBound, range.upperBound, target: 4)
        var widest = 0.0
        for (v, text) in zip(ticks, Ticks.labels(ticks)) {
            let d = y + height - (v - range.lowerBound) / (range.upperBound - range.lowerBound) * height
            canvas.polyline([(x + Self.barWidth - 3, d), (x + Self.barWidth, d)])
            canvas.text(text, x: x + Self.barWidth + 3, y: d + 4, size: Axes.tickSize)
            widest = Swift.max(widest, canvas.textWidth(text, size: Axes.tickSize))
        }
        canvas.text(label, x: x + Self.barWidth + widest + 16, y: y + height / 2, size: Axes.tickSize,
                    anchor: .centre, angle: -Double.pi / 2)
    }
}
