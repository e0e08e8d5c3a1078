import CCairo
import Foundation

/// A white drawing surface with the few drawing operations the figures need, written in any
/// ``FigureFormat``. Coordinates are device pixels, y downwards. Text uses cairo's toy text API
/// with the system's sans-serif font (DejaVu Sans on Debian).
///
/// The drawing is recorded (a cairo recording surface) and replayed into each file: a PNG of
/// `width × height` pixels (ARGB32), or a PDF or SVG page of ``pointsPerPixel`` points per
/// pixel whose text and lines stay vectors (fonts embedded) and whose images are embedded
/// rasters, their pixels sharp-edged.
final class Canvas {
    let width: Int
    let height: Int
    private let surface: OpaquePointer
    private let cr: OpaquePointer

    /// Size of a pixel in the vector formats, in points: the PNG is the page at 100 dpi.
    static let pointsPerPixel = 0.72

    /// How text is placed relative to its anchor point.
    enum Anchor {
        case left, centre, right
    }

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        var extents = cairo_rectangle_t(x: 0, y: 0, width: Double(width), height: Double(height))
        surface = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents)
        cr = cairo_create(surface)
        cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
        setColor(.white)
        cairo_paint(cr)
        setColor(.black)
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
    }

    deinit {
        cairo_destroy(cr)
        cairo_surface_destroy(surface)
    }

    func setColor(_ c: Color, alpha: Double = 1) {
        cairo_set_source_rgba(cr, c.red, c.green, c.blue, alpha)
    }

    /// Line width in pixels and an optional dash pattern (on, off lengths).
    func setLine(width: Double, dash: [Double] = []) {
        cairo_set_line_width(cr, width)
        cairo_set_dash(cr, dash, Int32(dash.count), 0)
    }

    /// Strokes the polyline through `points`, broken wherever a point is not finite.
    func polyline(_ points: [(Double, Double)]) {
        var open = false
        for (x, y) in points {
            guard x.isFinite, y.isFinite else { open = false; continue }
            if open { cairo_line_to(cr, x, y) } else { cairo_move_to(cr, x, y); open = true }
        }
        cairo_stroke(cr)
    }

    /// Fills the polygon through `points` (all finite).
    func fillPolygon(_ points: [(Double, Double)]) {
        guard let first = points.first else { return }
        cairo_move_to(cr, first.0, first.1)
        for (x, y) in points.dropFirst() { cairo_line_to(cr, x, y) }
        cairo_close_path(cr)
        cairo_fill(cr)
    }

    func fillRectangle(x: Double, y: Double, width: Double, height: Double) {
        cairo_rectangle(cr, x, y, width, height)
        cairo_fill(cr)
    }

    func strokeRectangle(x: Double, y: Double, width: Double, height: Double) {
        cairo_rectangle(cr, x, y, width, height)
        cairo_stroke(cr)
    }

    func fillCircle(x: Double, y: Double, radius: Double) {
        cairo_new_sub_path(cr)
        cairo_arc(cr, x, y, radius, 0, 2 * Double.pi)
        cairo_fill(cr)
    }

    /// Restricts drawing to a rectangle until ``unclip()``.
    func clip(x: Double, y: Double, width: Double, height: Double) {
        cairo_save(cr)
        cairo_rectangle(cr, x, y, width, height)
        cairo_clip(cr)
    }

    func unclip() {
        cairo_restore(cr)
    }

    /// Width of `text` at `size` pixels.
    func textWidth(_ text: String, size: Double) -> Double {
        cairo_set_font_size(cr, size)
        var extents = cairo_text_extents_t()
        cairo_text_extents(cr, text, &extents)
        return extents.x_advance
    }

    /// Draws `text` with its baseline's anchor point at (x, y), rotated by `angle` radians
    /// (−π/2 reads upwards, for y-axis labels).
    func text(_ text: String, x: Double, y: Double, size: Double, anchor: Anchor = .left,
              angle: Double = 0, bold: Bool = false) {
        cairo_save(cr)
        cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL,
                               bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        let w = textWidth(text, size: size)
        cairo_translate(cr, x, y)
        cairo_rotate(cr, angle)
        let dx: Double = switch anchor {
        case .left: 0
        case .centre: -w / 2
        case .right: -w
        }
        cairo_move_to(cr, dx, 0)
        cairo_show_text(cr, text)
        cairo_restore(cr)
    }

    /// A figure's title: bold, 17 px, its baseline at y = 28 from `x`, made smaller (down to
    /// 11 px) when it would otherwise run past the right edge (a long name or estimator note).
    func title(_ text: String, x: Double) {
        cairo_save(cr)
        cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD)
        let room = Double(width) - x - 10, full = textWidth(text, size: 17)
        cairo_restore(cr)
        let size = full > room ? max(11, 17 * room / full) : 17
        self.text(text, x: x, y: 28, size: size, bold: true)
    }

    /// Paints `pixels` (`columns × rows` colours, row 0 first) into the device rectangle, row 0
    /// at the bottom (FITS orientation), each pixel a sharp-edged block.
    func image(_ pixels: [Color], columns: Int, rows: Int, x: Double, y: Double, width: Double, height: Double) {
        precondition(pixels.count == columns * rows, "image pixels do not match its size")
        guard let raster = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(columns), Int32(rows)) else { return }
        defer { cairo_surface_destroy(raster) }
        cairo_surface_flush(raster)
        let stride = Int(cairo_image_surface_get_stride(raster))
        guard let base = cairo_image_surface_get_data(raster) else { return }
        for row in 0..<rows {
            let line = (base + (rows - 1 - row) * stride).withMemoryRebound(to: UInt32.self, capacity: columns) { $0 }
            for column in 0..<columns {
                let c = pixels[row * columns + column]
                line[column] = UInt32(c.red * 255 + 0.5) << 16 | UInt32(c.green * 255 + 0.5) << 8 | UInt32(c.blue * 255 + 0.5)
            }
        }
        cairo_surface_mark_dirty(raster)
        cairo_save(cr)
        cairo_translate(cr, x, y)
        cairo_scale(cr, width / Double(columns), height / Double(rows))
        cairo_set_source_surface(cr, raster, 0, 0)
        cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_NEAREST)
        cairo_rectangle(cr, 0, 0, Double(columns), Double(rows))
        cairo_fill(cr)
        cairo_restore(cr)
    }

    /// Writes the canvas to `path` in `format`, atomically.
    /// - Throws: ``GalpakError`` `.badInput` naming `path` when it cannot be written.
    func write(to path: String, format: FigureFormat) throws {
        cairo_surface_flush(surface)
        try AtomicFile.write(to: path) { temp in
            let scale = format == .png ? 1 : Self.pointsPerPixel
            let (w, h) = (Double(width) * scale, Double(height) * scale)
            let target: OpaquePointer? = switch format {
            case .png: cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height))
            case .pdf: cairo_pdf_surface_create(temp, w, h)
            case .svg: cairo_svg_surface_create(temp, w, h)
            }
            guard let target else { throw GalpakError.badInput(path, "cannot be written (cairo has no surface)") }
            defer { cairo_surface_destroy(target) }
            let replay = cairo_create(target)
            cairo_scale(replay, scale, scale)
            cairo_set_source_surface(replay, surface, 0, 0)
            cairo_paint(replay)
            cairo_destroy(replay)
            if format == .png {
                try Self.check(cairo_surface_write_to_png(target, temp), path)
            }
            cairo_surface_finish(target)
            try Self.check(cairo_surface_status(target), path)
        }
    }

    /// Throws unless `status` is success.
    private static func check(_ status: cairo_status_t, _ path: String) throws {
        guard status == CAIRO_STATUS_SUCCESS else {
            throw GalpakError(.badInput, "\(path): cannot be written (\(String(cString: cairo_status_to_string(status))))")
        }
    }
}
