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
    /// Voxels, x fastest, BSCALE/BZERO applied, blank integer pixels as NaN.
    let data: [Double]

    /// The first image HDU for which `accept(hdu, extname)` holds and that is 3-D (or 4-D with a
    /// 4th axis of length 1); an error listing what the file holds when there is none.
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
            guard accept(hdu, name), let shape = cubeShape(try file.imageShape()) else { continue }
            return CubeImage(hdu: hdu, name: name, shape: shape, cards: try file.cards(),
                             data: try file.readImage())
        }
        return nil
    }

    /// (nx, ny, nz) for a 3-D image or a 4-D one with NAXIS4 = 1; nil otherwise.
    static func cubeShape(_ axes: [Int]) -> (Int, Int, Int)? {
        guard axes.count == 3 || (axes.count == 4 && axes[3] == 1), axes.prefix(3).allSatisfy({ $0 > 0 })
        else { return nil }
        return (axes[0], axes[1], axes[2])
    }

    /// "30×28×40 (x×y×channels)".
    static func describe(_ shape: (Int, Int, Int)) -> String {
        "\(shape.0)×\(shape.1)×\(shape.2) (x×y×channels)"
    }

    /// One line per HDU: "HDU 1: empty", "HDU 2 'DATA': 2-D image 30×30", "HDU 3: binary table".
    static func inventory(_ file: FITSFile) throws -> [String] {
        try (1...max(1, try file.hduCount())).map { hdu in
            let type = try file.moveTo(hdu: hdu)
            let name = try file.string("EXTNAME").map { " '\($0)'" } ?? ""
            guard type == IMAGE_HDU else { return "HDU \(hdu)\(name): a table" }
            let axes = try file.imageShape()
            if axes.isEmpty || axes.contains(0) { return "HDU \(hdu)\(name): no image" }
            return "HDU \(hdu)\(name): \(axes.count)-D image \(axes.map(String.init).joined(separator: "×"))"
        }
    }
}
