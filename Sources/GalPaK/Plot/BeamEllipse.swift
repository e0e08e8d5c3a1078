import Foundation

/// The PSF's half-maximum contour, drawn in the bottom-left corner of every sky map: an ellipse
/// of full axes `fwhm` (major) and `ba · fwhm` (minor) arcsec, its major axis at `pa` degrees
/// anticlockwise from +y (``PointSpreadFunction``'s convention), i.e. along `(−sin pa, cos pa)`
/// with x to the right and y up as the pixel axes run.
struct BeamEllipse: Equatable {
    /// FWHM along the major axis, arcsec.
    var fwhm: Double
    /// Axis ratio b/a in (0, 1].
    var ba: Double
    /// Position angle of the major axis, degrees anticlockwise from +y.
    var pa: Double

    /// Gap between the ellipse and the panel's frame, device pixels.
    static let margin = 8.0

    init(fwhm: Double, ba: Double, pa: Double) {
        (self.fwhm, self.ba, self.pa) = (fwhm, ba, pa)
    }

    /// The ellipse of a Gaussian or Moffat PSF; nil for a PSF image or none, which have no
    /// stated FWHM and orientation.
    init?(_ psf: PointSpreadFunction) {
        guard let fwhm = psf.fwhm, fwhm > 0 else { return nil }
        self.init(fwhm: fwhm, ba: psf.ellipse.ba, pa: psf.ellipse.pa)
    }

    /// Unit vectors (x right, y up) along the major and the minor axis.
    var axes: (major: SIMD2<Double>, minor: SIMD2<Double>) {
        let angle = pa * .pi / 180
        return (SIMD2(-sin(angle), cos(angle)), SIMD2(cos(angle), sin(angle)))
    }

    /// `count` points of the contour, arcsec from its centre (x right, y up):
    /// `½ fwhm (cos t · major + ba · sin t · minor)`.
    func outline(count: Int = 72) -> [SIMD2<Double>] {
        let (major, minor) = axes
        return (0..<count).map { n in
            let t = 2 * Double.pi * Double(n) / Double(count)
            return fwhm / 2 * (cos(t) * major + ba * sin(t) * minor)
        }
    }

    /// Half the width and height of the contour's bounding box, arcsec.
    var halfExtent: SIMD2<Double> {
        let (major, minor) = axes
        let (a, b) = (fwhm / 2, ba * fwhm / 2)
        return (a * a * major * major + b * b * minor * minor).squareRoot()
    }

    /// The contour in device pixels on `axes` (whose ranges are arcsec offsets), its bounding box
    /// ``margin`` pixels from the frame's bottom-left corner.
    func deviceOutline(on axes: Axes) -> [(Double, Double)] {
        let scale = SIMD2(axes.width / (axes.xRange.upperBound - axes.xRange.lowerBound),
                          axes.height / (axes.yRange.upperBound - axes.yRange.lowerBound))
        let extent = halfExtent * scale
        let centre = SIMD2(axes.x + Self.margin + extent.x, axes.y + axes.height - Self.margin - extent.y)
        return outline().map { (centre.x + $0.x * scale.x, centre.y - $0.y * scale.y) }
    }

    /// Draws the contour filled translucent white and outlined in black, clipped to `axes`.
    func draw(_ canvas: Canvas, on axes: Axes) {
        let points = deviceOutline(on: axes)
        axes.clipped(canvas) {
            canvas.setColor(.white, alpha: 0.75)
            canvas.fillPolygon(points)
            canvas.setColor(.black)
            canvas.setLine(width: 1.2)
            canvas.polyline(points + points.prefix(1))
        }
    }
}
