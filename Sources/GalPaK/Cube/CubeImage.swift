import CCFITSIO
import Foundation

/// A 3-D image found in a FITS file: which HDU, its shape, header and voxels.
struct CubeImage {
    /// 1-based HDU number.
    let hdu: Int
    /// EXTNAME ("" when absent).
    let name: String
    /// (nx, ny, nz) = (NAXIS1, NAXIS2, NAXIS3).
    let shape: (Int, Int, Int)
    let cards: [HeaderCard]
    /// Voxels, x fastest, BSCALE/BZERO applied, blank integer pixels and infinite values as NaN.
    let data: [Double]
    /// How many voxels were infinite in the file (now NaN in ``data``).
    let infiniteCount: Int

    /// The first image HDU for which `accept(hdu, extname)` holds and that is a cube (see
    /// ``cubeLayout(_:)``); an error listing what the file holds when there is none.
    static func locate(in file: FITSFile, accepting accept: (Int, String) -> Bool,
                       purpose: String) throws -> CubeImage {
        if let image = try locateOptional(in: file, accepting: accept) { return image }
        let found = try inventory(file).joined(separator: "; ")
        throw GalpakError.badInput(file.path, "no 3-D image found (\(found)); galpak needs \(purpose)")
    }

    /// As ``locate(in:accepting:purpose:)`` but nil when there is no such HDU.
    static func locateOptional(in file: FITSFile, accepting accept: (Int, String) -> Bool) throws -> CubeImage? {
        for hdu in 1...max(1, try file.hduCount()) {
            guard try file.moveTo(hdu: hdu) == IMAGE_HDU else { continue }
            let name = try file.string("EXTNAME") ?? ""
            guard accept(hdu, name), let layout = cubeLayout(try file.imageShape()) else { continue }
            var cards = try file.cards()
            if layout.spectralAxis != 3 {
                cards = WCSCards.swappingAxes(cards, 3, layout.spectralAxis)
            }
            var data = try file.readImage()
            var infinite = 0
            for n in data.indices where data[n].isInfinite {
                data[n] = .nan
                infinite += 1
            }
            return CubeImage(hdu: hdu, name: name, shape: layout.shape, cards: cards, data: data, infiniteCount: infinite)
        }
        return nil
    }

    /// The cube an image of `axes` (NAXIS1 first) holds: (nx, ny, nz) and the FITS axis number
    /// of the channels; nil when it is not a cube.
    ///
    /// A cube has NAXIS1, NAXIS2 and one more axis; further axes of length 1 (a Stokes axis) are
    /// ignored wherever they stand. The channels are the one axis beyond the second longer than
    /// 1 (axis 4 in `nx × ny × 1 × nz`, as some radio cubes are written), or axis 3 when all are
    /// of length 1. Dropping length-1 axes leaves the voxel order unchanged, so the data need
    /// no reordering; only the header's axis numbers do (see ``WCSCards/swappingAxes(_:_:_:)``).
    static func cubeLayout(_ axes: [Int]) -> (shape: (Int, Int, Int), spectralAxis: Int)? {
        guard axes.count >= 3, axes.allSatisfy({ $0 > 0 }) else { return nil }
        let long = (3...axes.count).filter { axes[$0 - 1] > 1 }
        guard long.count <= 1 else { return nil }
        let spectral = long.first ?? 3
        return ((axes[0], axes[1], axes[spectral - 1]), spectral)
    }

    /// "30×28×40 (x×y×channels)".
    static func describe(_ shape: (Int, Int, Int)) -> String {
        "\(shape.0)×\(shape.1)×\(shape.2) (x×y×channels)"
    }

    /// One line per HDU: "HDU 1: empty", "HDU 2 'DATA': 2-D image 30×30", "HDU 3: binary table";
    /// then, when whole FITS blocks follow the last HDU cfitsio can read, a line saying so
    /// (an HDU whose header is corrupt is not counted by cfitsio).
    static func inventory(_ file: FITSFile) throws -> [String] {
        var lines = try (1...max(1, try file.hduCount())).map { hdu in
            let type = try file.moveTo(hdu: hdu)
            let name = try file.string("EXTNAME").map { " '\($0)'" } ?? ""
            guard type == IMAGE_HDU else { return "HDU \(hdu)\(name): a table" }
            let axes = try file.imageShape()
            if axes.isEmpty || axes.contains(0) { return "HDU \(hdu)\(name): no image" }
            return "HDU \(hdu)\(name): \(axes.count)-D image \(axes.map(String.init).joined(separator: "×"))"
        }
        let block: Int64 = 2880
        let end = (try file.byteRange().dataEnd + block - 1) / block * block
        if let size = file.fileSize, size - end >= block {
            lines.append("then \(size - end) bytes that are not a readable HDU: a corrupt header?")
        }
        return lines
    }
}
