/// Contour lines of a grid of values by marching squares, and their drawing on ``Axes``.
///
/// The grid holds `columns × rows` values (column fastest, row 0 first) at integer grid
/// coordinates (column, row). Each cell between four neighbouring values is crossed by the
/// level on the edges whose ends lie on either side of it (a value ≥ the level is inside),
/// at the point interpolated linearly along the edge; the crossings of a cell are joined by
/// straight segments. A saddle cell (two opposite corners inside) is resolved by the mean of
/// its four corners: when it is inside, the segments cut off the outside corners, otherwise
/// the inside ones. Cells with a value that is not finite have no segment.
struct ContourLines {
    /// One straight piece of a contour, in grid coordinates.
    struct Segment: Equatable {
        var from: (x: Double, y: Double)
        var to: (x: Double, y: Double)

        static func == (a: Segment, b: Segment) -> Bool {
            a.from == b.from && a.to == b.to
        }
    }

    /// The fractions of the model's peak at which the figures contour a model (PV diagrams,
    /// channel maps), one octave apart so that the faint outskirts show as well as the core.
    static let modelFractions = [0.05, 0.1, 0.2, 0.4, 0.8]

    /// ``modelFractions`` as a caption: "5, 10, 20, 40, 80 %".
    static var modelFractionsText: String {
        modelFractions.map { String(format: "%g", $0 * 100) }.joined(separator: ", ") + " %"
    }

    /// The levels of ``modelFractions`` of the peak of the finite `model` values (none when
    /// it has no positive peak).
    static func modelLevels(_ model: [Double]) -> [Double] {
        let peak = model.lazy.filter(\.isFinite).max() ?? 0
        return peak > 0 ? modelFractions.map { $0 * peak } : []
    }

    let values: [Double]
    let columns: Int, rows: Int

    init(_ values: [Double], columns: Int, rows: Int) {
        precondition(values.count == columns * rows, "contour values do not match the grid")
        self.values = values
        self.columns = columns
        self.rows = rows
    }

    /// The segments of the contour at `level` (no allocation per cell: a channel-map figure
    /// contours ~10⁶ cells).
    func segments(at level: Double) -> [Segment] {
        guard columns > 1, rows > 1 else { return [] }
        var segments: [Segment] = []
        values.withUnsafeBufferPointer { values in
            for j in 0..<(rows - 1) {
                for i in 0..<(columns - 1) {
                    // Corners anticlockwise from the bottom left: 0 (i, j), 1 (i+1, j), 2 (i+1, j+1), 3 (i, j+1).
                    let below = j * columns + i, above = below + columns
                    let v = SIMD4(values[below], values[below + 1], values[above + 1], values[above])
                    guard v[0].isFinite, v[1].isFinite, v[2].isFinite, v[3].isFinite else { continue }
                    let inside = v .>= SIMD4(repeating: level)
                    if !any(inside) || all(inside) { continue }
                    // Edge e runs from corner e to corner e + 1 (bottom, right, top, left).
                    func crossing(_ e: Int) -> (x: Double, y: Double) {
                        let f = (e + 1) % 4
                        let t = (level - v[e]) / (v[f] - v[e])
                        let (px, py) = (i + Self.cornerX[e], j + Self.cornerY[e])
                        let (qx, qy) = (i + Self.cornerX[f], j + Self.cornerY[f])
                        return (Double(px) + t * Double(qx - px), Double(py) + t * Double(qy - py))
                    }
                    var crossed = (first: -1, second: -1), count = 0
                    for e in 0..<4 where inside[e] != inside[(e + 1) % 4] {
                        if count == 0 { crossed.first = e } else if count == 1 { crossed.second = e }
                        count += 1
                    }
                    if count == 2 {
                        segments.append(Segment(from: crossing(crossed.first), to: crossing(crossed.second)))
                    } else if count == 4 {
                        // A saddle: cut off each corner on the side the cell's mean is not on. Corner
                        // k lies between edges k − 1 and k.
                        let centreInside = (v[0] + v[1] + v[2] + v[3]) / 4 >= level
                        for k in 0..<4 where inside[k] != centreInside {
                            segments.append(Segment(from: crossing((k + 3) % 4), to: crossing(k)))
                        }
                    }
                }
            }
        }
        return segments
    }

    /// The corners' offsets from a cell's bottom-left grid point, anticlockwise from it.
    private static let cornerX = SIMD4(0, 1, 1, 0), cornerY = SIMD4(0, 0, 1, 1)

    /// Draws the contours at `levels` on `axes`, grid coordinate (i, j) at the data coordinates
    /// `(x0 + i·dx, y0 + j·dy)`, clipped to the axes.
    func draw(_ canvas: Canvas, on axes: Axes, levels: [Double], x0: Double, dx: Double, y0: Double, dy: Double,
              color: Color, width: Double) {
        canvas.setColor(color)
        canvas.setLine(width: width)
        axes.clipped(canvas) {
            for level in levels {
                for s in segments(at: level) {
                    canvas.polyline([(axes.px(x0 + s.from.x * dx), axes.py(y0 + s.from.y * dy)),
                                     (axes.px(x0 + s.to.x * dx), axes.py(y0 + s.to.y * dy))])
                }
            }
        }
    }
}
