import CCFITSIO
import Foundation

/// A point spread function given as an image (`--psf FILE.fits`), e.g. a star observed in the
/// same field or an adaptive-optics model PSF, sampled at the cube's pixel scale.
///
/// The image may have any size: ``placed(nx:ny:)`` moves its brightest pixel onto the kernel
/// centre `(ny/2, nx/2)` by a whole-pixel shift, crops or zero-pads it to the cube's
/// `ny × nx`, and normalises it to unit sum. (The reference requires the image to have the
/// cube's spatial shape with its centre already there.)
public struct PSFImage: Sendable, Equatable {
    /// The file it was read from.
    public let path: String
    /// Columns and rows.
    public let nx: Int, ny: Int
    /// The pixel values, x fastest (`j·nx + i`), negative values kept.
    public let values: [Double]
    /// The pixel scale its header states (arcsec), nil when it states none.
    public let pixscale: Double?
    /// The brightest pixel (column, row), the PSF's centre.
    public let peak: (i: Int, j: Int)

    public static func == (a: PSFImage, b: PSFImage) -> Bool {
        a.path == b.path && a.nx == b.nx && a.ny == b.ny && a.values == b.values && a.pixscale == b.pixscale
    }

    /// Builds a PSF image from values (x fastest).
    /// - Throws: ``GalpakError`` (`.badInput`) when the image has NaN or infinite pixels, or
    ///   no positive flux.
    public init(values: [Double], nx: Int, ny: Int, pixscale: Double? = nil, path: String = "PSF image") throws {
        precondition(values.count == nx * ny, "PSF image does not match nx × ny")
        if let bad = values.firstIndex(where: { !$0.isFinite }) {
            throw GalpakError.badInput(path, "the PSF image has a NaN or infinite pixel (x \(bad % nx), y \(bad / nx)); "
                + "replace them (e.g. by 0) so the PSF is fully defined")
        }
        guard let top = values.indices.max(by: { values[$0] < values[$1] }), values[top] > 0,
              values.reduce(0, +) > 0 else {
            throw GalpakError.badInput(path, "the PSF image has no positive flux; give an image of the PSF")
        }
        self.path = path
        self.nx = nx
        self.ny = ny
        self.values = values
        self.pixscale = pixscale
        self.peak = (top % nx, top / nx)
    }

    /// Reads the PSF from the first HDU holding a 2-D image (or a 3-D one with a single plane).
    /// - Throws: ``GalpakError`` (`.badInput`) naming the file when it cannot be read or its
    ///   shape cannot be used as a PSF (1-D, several planes, empty).
    public static func read(path: String) throws -> PSFImage {
        let file = try FITSFile(reading: path)
        var found: [String] = []
        for hdu in 1...max(1, try file.hduCount()) {
            guard try file.moveTo(hdu: hdu) == IMAGE_HDU else { continue }
            let axes = try file.imageShape()
            guard !axes.isEmpty, !axes.contains(0) else { continue }
            let significant = axes.filter { $0 > 1 }
            guard axes.count >= 2, significant.count <= 2, axes.dropFirst(2).allSatisfy({ $0 == 1 }) else {
                found.append("HDU \(hdu): \(axes.count)-D image \(axes.map(String.init).joined(separator: "×"))")
                continue
            }
            let header = FITSHeader(cards: try file.cards(), path: path)
            let scale = try PixelScale.headerSteps(header)?.y
            return try PSFImage(values: try file.readImage(), nx: axes[0], ny: axes[1], pixscale: scale, path: path)
        }
        let what = found.isEmpty ? "no image" : found.joined(separator: "; ")
        throw GalpakError.badInput(path, "no 2-D image to use as a PSF (\(what)); give a 2-D image "
            + "(a wavelength-dependent PSF cube is not supported)")
    }

    /// The image on a `ny × nx` grid with its brightest pixel at `(ny/2, nx/2)`, cropped or
    /// zero-padded, normalised to unit sum.
    /// - Throws: ``GalpakError`` (`.badInput`) when the image's pixel scale (from its header)
    ///   differs from the cube's by more than 1 %, or when the crop leaves no positive flux.
    public func placed(nx cubeNX: Int, ny cubeNY: Int, pixscale cubeScale: Double) throws -> [Double] {
        if let pixscale, abs(pixscale - cubeScale) > 0.01 * cubeScale {
            throw GalpakError.badInput(path, "the PSF image has \(pixscale)″ pixels but the cube \(cubeScale)″; "
                + "resample the PSF image to the cube's pixel scale")
        }
        let shiftX = peak.i - cubeNX / 2, shiftY = peak.j - cubeNY / 2
        var out = [Double](repeating: 0, count: cubeNX * cubeNY)
        var total = 0.0
        for j in 0..<cubeNY {
            let sj = j + shiftY
            guard sj >= 0, sj < ny else { continue }
            for i in 0..<cubeNX {
                let si = i + shiftX
                guard si >= 0, si < nx else { continue }
                out[j * cubeNX + i] = values[sj * nx + si]
                total += values[sj * nx + si]
            }
        }
        guard total > 0 else {
            throw GalpakError.badInput(path, "the PSF image cropped to the cube's \(cubeNX)×\(cubeNY) pixels has no positive flux")
        }
        for n in out.indices { out[n] /= total }
        return out
    }
}
