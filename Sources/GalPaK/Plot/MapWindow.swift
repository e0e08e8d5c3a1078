import Foundation

/// The part of the field a sky map shows (pixel columns and rows, 0-based, inclusive): the
/// whole field, or, when the galaxy is much smaller than the field, a box around its centre.
///
/// With the half-light radius r and the PSF's FWHM f (pixels), the box is zoomed when
/// `zoomRadii · r < zoomBelowFraction · min(nx, ny)` (4 r below a third of the field); it then
/// reaches `h = max(zoomRadii · r, zoomPSFWidths · f, minimumHalfWidth)` pixels from the centre
/// on each side (±4 r, at least ±3 FWHM and ±5 pixels): columns `⌊x − h⌋ … ⌈x + h⌉`, rows
/// likewise, cut to the field. A centre outside the field gives the whole field.
struct MapWindow: Equatable {
    /// Pixel columns shown.
    var columns: ClosedRange<Int>
    /// Pixel rows shown.
    var rows: ClosedRange<Int>

    /// The box's half-width in half-light radii, and the galaxy's extent that decides the zoom.
    static let zoomRadii = 4.0
    /// Zoomed when `zoomRadii` radii are below this fraction of the field's smaller side.
    static let zoomBelowFraction = 1.0 / 3
    /// The box's smallest half-width in PSF FWHMs.
    static let zoomPSFWidths = 3.0
    /// The box's smallest half-width in pixels.
    static let minimumHalfWidth = 5.0

    /// The whole `nx × ny` field.
    static func field(nx: Int, ny: Int) -> MapWindow {
        MapWindow(columns: 0...(nx - 1), rows: 0...(ny - 1))
    }

    /// The window for a galaxy centred at (`x`, `y`) with half-light radius `radius` (pixels)
    /// seen through a PSF of FWHM `psfFWHM` pixels (nil or 0: none) in an `nx × ny` field.
    static func around(x: Double, y: Double, radius: Double, psfFWHM: Double?, nx: Int, ny: Int) -> MapWindow {
        let field = field(nx: nx, ny: ny)
        guard x.isFinite, y.isFinite, radius.isFinite, (0..<Double(nx)).contains(x), (0..<Double(ny)).contains(y),
              zoomRadii * radius < zoomBelowFraction * Double(min(nx, ny)) else { return field }
        let half = max(zoomRadii * radius, zoomPSFWidths * (psfFWHM ?? 0), minimumHalfWidth)
        func span(_ centre: Double, _ n: Int) -> ClosedRange<Int> {
            max(0, Int((centre - half).rounded(.down)))...min(n - 1, Int((centre + half).rounded(.up)))
        }
        return MapWindow(columns: span(x, nx), rows: span(y, ny))
    }

    /// The values of an `nx`-wide map (`ny·nx`, x fastest) inside the window, x fastest.
    func cut(_ values: [Double], nx: Int) -> [Double] {
        rows.flatMap { j in columns.map { i in values[j * nx + i] } }
    }
}
