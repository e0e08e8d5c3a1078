import CCairo
import Foundation

/// A PNG file read back for the figure tests: its header, and its pixels through cairo.
struct PNGReader {
    let width: Int
    let height: Int
    /// Pixels as 0xRRGGBB, row by row from the top.
    let pixels: [UInt32]

    /// The PNG signature and IHDR chunk: (width, height), or nil when `data` is not a PNG.
    static func headerSize(_ data: Data) -> (Int, Int)? {
        let bytes = [UInt8](data.prefix(24))
        guard bytes.count == 24, bytes[0..<8] == [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
              String(decoding: bytes[12..<16], as: UTF8.self) == "IHDR" else { return nil }
        func be32(_ i: Int) -> Int { bytes[i..<i + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (be32(16), be32(20))
    }

    /// Decodes `path` with cairo; nil when cairo cannot read it.
    init?(path: String) {
        guard let surface = cairo_image_surface_create_from_png(path) else { return nil }
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS,
              let base = cairo_image_surface_get_data(surface) else { return nil }
        width = Int(cairo_image_surface_get_width(surface))
        height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        var pixels: [UInt32] = []
        pixels.reserveCapacity(width * height)
        for row in 0..<height {
            let line = (base + row * stride).withMemoryRebound(to: UInt32.self, capacity: width) { $0 }
            for column in 0..<width { pixels.append(line[column] & 0xffffff) }
        }
        self.pixels = pixels
    }

    /// Standard deviation of the grey level (0…255) over all pixels.
    var greyStandardDeviation: Double {
        let grey: [Double] = pixels.map { p in
            let sum = Int((p >> 16) & 0xff) + Int((p >> 8) & 0xff) + Int(p & 0xff)
            return Double(sum) / 3
        }
        let mean = grey.reduce(0, +) / Double(grey.count)
        let squares = grey.reduce(0.0) { $0 + ($1 - mean) * ($1 - mean) }
        return (squares / Double(grey.count)).squareRoot()
    }

    /// Number of distinct colours.
    var colourCount: Int { Set(pixels).count }

    /// Number of pixels within `tolerance` (per channel, 0…255) of `rgb` (0xRRGGBB).
    func count(near rgb: UInt32, tolerance: Int = 12) -> Int {
        pixels.reduce(0) { total, p in
            let close = [16, 8, 0].allSatisfy { shift in
                abs(Int((p >> UInt32(shift)) & 0xff) - Int((rgb >> UInt32(shift)) & 0xff)) <= tolerance
            }
            return total + (close ? 1 : 0)
        }
    }
}
