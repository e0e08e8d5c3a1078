import Foundation

/// Arrows towards north and east on a sky map, labelled N and E, drawn in its bottom-right
/// corner on a translucent white box: the directions the cube's celestial WCS gives at the
/// fitted centre (``LocalSkyFrame``), so they follow any rotated, skewed or flipped CD/PC matrix.
struct Compass: Equatable {
    /// Unit pixel directions (x right, y up, as the pixel axes run) towards north and east.
    var north: SIMD2<Double>, east: SIMD2<Double>

    /// Arrow length as a fraction of the panel's smaller side.
    static let lengthFraction = 0.14
    /// Gap between the labels and the arrows' tips, and between the box and the frame, device pixels.
    static let gap = 5.0
    static let labelSize = 11.0

    /// The directions of `frame` (which maps a sky offset to a pixel displacement), normalised.
    init(_ frame: LocalSkyFrame) {
        func unit(_ v: SIMD2<Double>) -> SIMD2<Double> { v / (v * v).sum().squareRoot() }
        (north, east) = (unit(frame.north), unit(frame.east))
    }

    /// A pixel direction as a unit device direction (y down) on `axes`, whose pixels may not be square.
    private static func device(_ d: SIMD2<Double>, on axes: Axes) -> SIMD2<Double> {
        let v = SIMD2(d.x * axes.width / (axes.xRange.upperBound - axes.xRange.lowerBound),
                      -d.y * axes.height / (axes.yRange.upperBound - axes.yRange.lowerBound))
        return v / (v * v).sum().squareRoot()
    }

    /// Where the compass goes on a panel, device pixels: the arrows' common origin, their tips
    /// and the centres of their labels.
    struct Layout {
        var origin: SIMD2<Double>
        var north: SIMD2<Double>, east: SIMD2<Double>
        var northLabel: SIMD2<Double>, eastLabel: SIMD2<Double>

        var points: [SIMD2<Double>] { [origin, north, east, northLabel, eastLabel] }
    }

    /// The layout on `axes`: arrows ``lengthFraction`` of the panel's smaller side long, the
    /// labels ``gap`` past the tips, everything (padded by half a label and a gap) kept in the
    /// frame's bottom-right corner.
    func layout(on axes: Axes) -> Layout {
        let length = Self.lengthFraction * Swift.min(axes.width, axes.height)
        let (n, e) = (Self.device(north, on: axes) * length, Self.device(east, on: axes) * length)
        let label = 1 + (Self.gap + Self.labelSize / 2) / length
        let reach = [SIMD2<Double>(0, 0), n, e, n * label, e * label]
        let pad = Self.gap + Self.labelSize / 2
        let origin = SIMD2(axes.x + axes.width - Self.gap - pad - reach.map(\.x).max()!,
                           axes.y + axes.height - Self.gap - pad - reach.map(\.y).max()!)
        return Layout(origin: origin, north: origin + n, east: origin + e,
                      northLabel: origin + n * label, eastLabel: origin + e * label)
    }

    func draw(_ canvas: Canvas, on axes: Axes) {
        let at = layout(on: axes)
        let pad = Self.gap + Self.labelSize / 2
        let low = SIMD2(at.points.map(\.x).min()!, at.points.map(\.y).min()!) - pad
        let high = SIMD2(at.points.map(\.x).max()!, at.points.map(\.y).max()!) + pad
        axes.clipped(canvas) {
            canvas.setColor(.white, alpha: 0.6)
            canvas.fillRectangle(x: low.x, y: low.y, width: high.x - low.x, height: high.y - low.y)
            canvas.setColor(.black)
            canvas.setLine(width: 1.5)
            for tip in [at.north, at.east] {
                canvas.polyline([(at.origin.x, at.origin.y), (tip.x, tip.y)])
                let along = tip - at.origin
                let back = -along / (along * along).sum().squareRoot() * 7, side = SIMD2(-back.y, back.x) * 0.45
                canvas.fillPolygon([(tip.x, tip.y), (tip.x + back.x + side.x, tip.y + back.y + side.y),
                                    (tip.x + back.x - side.x, tip.y + back.y - side.y)])
            }
            for (text, centre) in [("N", at.northLabel), ("E", at.eastLabel)] {
                canvas.text(text, x: centre.x, y: centre.y + Self.labelSize * 0.4, size: Self.labelSize,
                            anchor: .centre, bold: true)
            }
        }
    }
}
