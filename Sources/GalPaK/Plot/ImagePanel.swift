/// A 2-D sky map drawn as an image with a colour bar, the part of the field its view's window
/// holds, with the beam in the bottom-left corner and the north and east arrows in the
/// bottom-right one when the view has them (``SkyMapView``). Axes are offsets from the view's
/// centre in arcsec (pixel i spans `[(i − 0.5 − x0)·s, (i + 0.5 − x0)·s]`), x to the right and
/// y up as the FITS pixel axes run; NaN spaxels are light grey.
struct ImagePanel {
    /// The map, `ny·nx` of the view's field, x fastest.
    var values: [Double]
    var view: SkyMapView
    var colorMap: ColorMap
    /// Values mapped to the ends of the colour map (clamped beyond).
    var range: ClosedRange<Double>
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
        let (columns, rows, s, c) = (view.window.columns, view.window.rows, view.pixscale, view.centre)
        let imageWidth = width - (colorBar ? Self.colorBarSpace : 0)
        let scale = Swift.min(imageWidth / Double(columns.count), height / Double(rows.count))
        let w = scale * Double(columns.count), h = scale * Double(rows.count)
        let axes = Axes(x: x + (imageWidth - w) / 2, y: y + (height - h) / 2, width: w, height: h,
                        xRange: ((Double(columns.lowerBound) - 0.5 - c.x) * s)...((Double(columns.upperBound) + 0.5 - c.x) * s),
                        yRange: ((Double(rows.lowerBound) - 0.5 - c.y) * s)...((Double(rows.upperBound) + 0.5 - c.y) * s))
        let span = Axes.nonEmpty(range)
        let colors = view.window.cut(values, nx: view.nx).map {
            colorMap.color(at: ($0 - span.lowerBound) / (span.upperBound - span.lowerBound))
        }
        canvas.image(colors, columns: columns.count, rows: rows.count, x: axes.x, y: axes.y, width: w, height: h)
        view.beam?.draw(canvas, on: axes)
        view.compass?.draw(canvas, on: axes)
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

    /// A colour range data and a model share, one that covers both: from the data's 0.5th
    /// percentile to the larger of its 99.5th percentile and the model's peak (the model has no
    /// noise, so its peak is robust; on the data's range alone a model peaking above the data's
    /// 99.5th percentile saturates).
    static func sharedRange(data: [Double], model: [Double]) -> ClosedRange<Double> {
        let robust = percentileRange(data)
        let peak = model.filter(\.isFinite).max() ?? robust.upperBound
        return Axes.nonEmpty(robust.lowerBound...Swift.max(robust.upperBound, peak))
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
