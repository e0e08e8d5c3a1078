/// A rectangular plotting area on a ``Canvas`` with data ranges on both axes: maps data
/// coordinates to device pixels and draws the frame, ticks, labels and title.
struct Axes {
    /// Device rectangle (top-left corner, size).
    var x: Double, y: Double, width: Double, height: Double
    /// Data range along x (left to right) and y (bottom to top).
    var xRange: ClosedRange<Double>
    var yRange: ClosedRange<Double>

    /// Text sizes, pixels.
    static let labelSize = 13.0
    static let tickSize = 11.0
    static let titleSize = 13.0

    init(x: Double, y: Double, width: Double, height: Double,
         xRange: ClosedRange<Double>, yRange: ClosedRange<Double>) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
        self.xRange = Self.nonEmpty(xRange)
        self.yRange = Self.nonEmpty(yRange)
    }

    /// A range widened around its value when it has zero width (a constant series).
    static func nonEmpty(_ r: ClosedRange<Double>) -> ClosedRange<Double> {
        guard r.lowerBound.isFinite, r.upperBound.isFinite else { return 0...1 }
        if r.upperBound > r.lowerBound { return r }
        let pad = Swift.max(Swift.abs(r.lowerBound) * 1e-3, 1e-9)
        return (r.lowerBound - pad)...(r.upperBound + pad)
    }

    /// The range of the finite `values`, padded by `margin` of its width on each side.
    static func range(of values: [Double], margin: Double = 0.05) -> ClosedRange<Double> {
        let finite = values.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else { return 0...1 }
        let pad = (high - low) * margin
        return nonEmpty((low - pad)...(high + pad))
    }

    /// The longest turned x tick label the x label leaves room for, pixels (`-17.4062`).
    static let turnedLabelRoom = 45.0

    /// Device x of data x.
    func px(_ v: Double) -> Double {
        x + (v - xRange.lowerBound) / (xRange.upperBound - xRange.lowerBound) * width
    }

    /// Device y of data y.
    func py(_ v: Double) -> Double {
        y + height - (v - yRange.lowerBound) / (yRange.upperBound - yRange.lowerBound) * height
    }

    /// Clips drawing to the plotting area, runs `draw`, and unclips.
    func clipped(_ canvas: Canvas, _ draw: () -> Void) {
        canvas.clip(x: x, y: y, width: width, height: height)
        draw()
        canvas.unclip()
    }

    /// Draws the frame, ticks (labelled when asked), axis labels and the title. With
    /// `turnedXTickLabels` the x tick labels read upwards at 45°, each ending at its tick (for
    /// narrow panels side by side), and the x label goes below them, at one height for every
    /// panel of a row (room for labels of ``turnedLabelRoom`` pixels).
    func drawFrame(_ canvas: Canvas, xLabel: String = "", yLabel: String = "", title: String = "",
                   xTickLabels: Bool = true, yTickLabels: Bool = true, xTicks: Int = 5, yTicks: Int = 5,
                   turnedXTickLabels: Bool = false) {
        canvas.setColor(.black)
        canvas.setLine(width: 1)
        canvas.strokeRectangle(x: x, y: y, width: width, height: height)
        let xt = Ticks.values(xRange.lowerBound, xRange.upperBound, target: xTicks)
        let yt = Ticks.values(yRange.lowerBound, yRange.upperBound, target: yTicks)
        let xLabelOffset = !xTickLabels ? 16 : turnedXTickLabels ? 26 + Self.turnedLabelRoom * 0.71 : 30
        for (v, label) in zip(xt, Ticks.labels(xt)) {
            let d = px(v)
            canvas.polyline([(d, y + height), (d, y + height - 5)])
            canvas.polyline([(d, y), (d, y + 5)])
            guard xTickLabels else { continue }
            if turnedXTickLabels {
                canvas.text(label, x: d + 3, y: y + height + 9, size: Self.tickSize, anchor: .right, angle: -Double.pi / 4)
            } else {
                canvas.text(label, x: d, y: y + height + 14, size: Self.tickSize, anchor: .centre)
            }
        }
        var widest = 0.0
        for (v, label) in zip(yt, Ticks.labels(yt)) {
            let d = py(v)
            canvas.polyline([(x, d), (x + 5, d)])
            canvas.polyline([(x + width, d), (x + width - 5, d)])
            if yTickLabels {
                canvas.text(label, x: x - 4, y: d + 4, size: Self.tickSize, anchor: .right)
                widest = Swift.max(widest, canvas.textWidth(label, size: Self.tickSize))
            }
        }
        if !xLabel.isEmpty {
            canvas.text(xLabel, x: x + width / 2, y: y + height + xLabelOffset, size: Self.labelSize, anchor: .centre)
        }
        if !yLabel.isEmpty {
            let offset = (yTickLabels ? widest + 10 : 6) + 4
            canvas.text(yLabel, x: x - offset, y: y + height / 2, size: Self.labelSize, anchor: .centre, angle: -Double.pi / 2)
        }
        if !title.isEmpty {
            canvas.text(title, x: x + width / 2, y: y - 7, size: Self.titleSize, anchor: .centre)
        }
    }
}
