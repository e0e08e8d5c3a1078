/// Series drawn in an ``Axes``: lines, bands, reference lines, points, histograms and a legend.
/// Everything is clipped to the plotting area; NaN values break lines and bands.
extension Axes {
    /// A line through (xs[n], ys[n]).
    func line(_ canvas: Canvas, _ xs: [Double], _ ys: [Double], color: Color, width: Double = 1.5,
              dash: [Double] = [], alpha: Double = 1) {
        clipped(canvas) {
            canvas.setColor(color, alpha: alpha)
            canvas.setLine(width: width, dash: dash)
            canvas.polyline(zip(xs, ys).map { (px($0), py($1)) })
        }
    }

    /// The area between `low` and `high` over `xs`, one polygon per run of finite values.
    func band(_ canvas: Canvas, _ xs: [Double], low: [Double], high: [Double], color: Color, alpha: Double = 0.3) {
        clipped(canvas) {
            canvas.setColor(color, alpha: alpha)
            var run: [Int] = []
            func flush() {
                if run.count > 1 {
                    canvas.fillPolygon(run.map { (px(xs[$0]), py(high[$0])) } + run.reversed().map { (px(xs[$0]), py(low[$0])) })
                }
                run = []
            }
            for n in xs.indices {
                if xs[n].isFinite, low[n].isFinite, high[n].isFinite { run.append(n) } else { flush() }
            }
            flush()
        }
    }

    /// A horizontal line across the axes at data y `value`.
    func horizontal(_ canvas: Canvas, _ value: Double, color: Color, width: Double = 1, dash: [Double] = []) {
        guard value.isFinite else { return }
        line(canvas, [xRange.lowerBound, xRange.upperBound], [value, value], color: color, width: width, dash: dash)
    }

    /// A vertical line across the axes at data x `value`.
    func vertical(_ canvas: Canvas, _ value: Double, color: Color, width: Double = 1, dash: [Double] = []) {
        guard value.isFinite else { return }
        line(canvas, [value, value], [yRange.lowerBound, yRange.upperBound], color: color, width: width, dash: dash)
    }

    /// A shaded vertical strip between data x `from` and `to`.
    func shadeColumns(_ canvas: Canvas, from: Double, to: Double, color: Color, alpha: Double) {
        clipped(canvas) {
            canvas.setColor(color, alpha: alpha)
            canvas.fillRectangle(x: px(from), y: y, width: px(to) - px(from), height: height)
        }
    }

    /// Filled dots at the finite points.
    func points(_ canvas: Canvas, _ xs: [Double], _ ys: [Double], color: Color, radius: Double = 3) {
        clipped(canvas) {
            canvas.setColor(color)
            for (a, b) in zip(xs, ys) where a.isFinite && b.isFinite {
                canvas.fillCircle(x: px(a), y: py(b), radius: radius)
            }
        }
    }

    /// A vertical error bar `ys[n] ± errors[n]` with short caps at every point where the three
    /// are finite (draw the points themselves with ``points(_:_:_:color:radius:)``).
    func errorBars(_ canvas: Canvas, _ xs: [Double], _ ys: [Double], errors: [Double], color: Color, width: Double = 1) {
        clipped(canvas) {
            canvas.setColor(color)
            canvas.setLine(width: width)
            for n in xs.indices where xs[n].isFinite && ys[n].isFinite && errors[n].isFinite {
                let x = px(xs[n]), low = py(ys[n] - errors[n]), high = py(ys[n] + errors[n])
                canvas.polyline([(x, low), (x, high)])
                canvas.polyline([(x - 3, low), (x + 3, low)])
                canvas.polyline([(x - 3, high), (x + 3, high)])
            }
        }
    }

    /// A histogram as a filled step outline: `counts[n]` over `[edges[n], edges[n + 1]]`.
    func histogram(_ canvas: Canvas, edges: [Double], counts: [Double], color: Color) {
        guard edges.count == counts.count + 1, !counts.isEmpty else { return }
        var outline: [(Double, Double)] = [(px(edges[0]), py(0))]
        for n in counts.indices {
            outline.append((px(edges[n]), py(counts[n])))
            outline.append((px(edges[n + 1]), py(counts[n])))
        }
        outline.append((px(edges[counts.count]), py(0)))
        clipped(canvas) {
            canvas.setColor(color, alpha: 0.25)
            canvas.fillPolygon(outline)
            canvas.setColor(color)
            canvas.setLine(width: 1.2)
            canvas.polyline(outline)
        }
    }

    /// One legend entry: a short line (or a dot) in the series' style, and its label.
    struct LegendEntry {
        var label: String
        var color: Color
        var dash: [Double] = []
        var dot = false
        var alpha = 1.0
    }

    /// A legend in the top-left (or top-right) corner, on a white box.
    func legend(_ canvas: Canvas, _ entries: [LegendEntry], right: Bool = false) {
        guard !entries.isEmpty else { return }
        let size = Self.tickSize
        let textWidth = entries.map { canvas.textWidth($0.label, size: size) }.max() ?? 0
        let boxWidth = textWidth + 40, boxHeight = Double(entries.count) * 16 + 6
        let left = right ? x + width - boxWidth - 6 : x + 6
        canvas.setColor(.white, alpha: 0.85)
        canvas.fillRectangle(x: left, y: y + 6, width: boxWidth, height: boxHeight)
        for (n, entry) in entries.enumerated() {
            let mid = y + 6 + 11 + Double(n) * 16
            canvas.setColor(entry.color, alpha: entry.alpha)
            if entry.dot {
                canvas.fillCircle(x: left + 16, y: mid - 4, radius: 3)
            } else {
                canvas.setLine(width: entry.alpha < 1 ? 8 : 2, dash: entry.dash)
                canvas.polyline([(left + 6, mid - 4), (left + 28, mid - 4)])
            }
            canvas.setColor(.black)
            canvas.text(entry.label, x: left + 34, y: mid, size: size)
        }
    }
}
