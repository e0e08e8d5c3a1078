import CCairo
import Foundation

/// A white raster drawing surface (cairo image surface, ARGB32) with the few drawing
/// operations the figures need; written as PNG. Coordinates are device pixels, y downwards.
/// Text uses cairo's toy text API with the system's sans-serif font (DejaVu Sans on Debian).
final class Canvas {
    let width: Int
    let height: Int
    private let surface: OpaquePointer
    private let cr: OpaquePointer

    /// How text is placed relative to its anchor point.
    enum Anchor {
        case left, centre, right
    }

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height))
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

    /// Writes the canvas as a PNG file, atomically.
    /// - Throws: ``GalpakError`` `.badInput` naming `path` when it cannot be written.
    func writePNG(to path: String) throws {
        cairo_surface_flush(surface)
        try AtomicFile.write(to: path) { temp in
            let status = cairo_surface_write_to_png(surface, temp)
            guard status == CAIRO_STATUS_SUCCESS else {
                throw GalpakError(.badInput, "\(path): cannot be written (\(String(cString: cairo_status_to_string(status))))")
            }
        }
    }
}
