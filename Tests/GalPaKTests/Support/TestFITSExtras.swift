import CCFITSIO
import Foundation
@testable import GalPaK

extension TestFITS {
    /// Writes one tile-compressed image (cfitsio's `fits_set_compression_type`: an empty primary
    /// HDU, then the image stored as a compressed binary table) with `cards` on it.
    /// `algorithm` is a cfitsio compression code (`RICE_1`, `GZIP_1`, `GZIP_2`, …); float images
    /// are compressed losslessly (quantisation off) unless `quantized` (cfitsio's default:
    /// dithered quantisation, lossy). cfitsio converts no type when writing a
    /// compressed image, so the values are handed over in the C type of `bitpix` (integer
    /// images: the values must be integers in range) and no BSCALE/BZERO may be among the cards.
    static func writeCompressed(_ hdu: HDU, algorithm: Int32, quantized: Bool = false, to path: String) throws {
        var file: UnsafeMutablePointer<fitsfile>?
        var status: Int32 = 0
        ffdkinit(&file, path, &status)
        fits_set_compression_type(file, algorithm, &status)
        if hdu.bitpix < 0, !quantized { fits_set_quantize_level(file, 0, &status) }
        var sizes = hdu.shape
        ffcrim(file, hdu.bitpix, Int32(hdu.shape.count), &sizes, &status)
        for card in hdu.cards {
            let text = "\(card.name.padding(toLength: 8, withPad: " ", startingAt: 0))= \(card.value)"
            ffucrd(file, card.name, text, &status)
        }
        let n = Int64(hdu.values.count)
        switch hdu.bitpix {
        case 8: var v = hdu.values.map { UInt8($0) }; ffppr(file, TBYTE, 1, n, &v, &status)
        case 16: var v = hdu.values.map { Int16($0) }; ffppr(file, TSHORT, 1, n, &v, &status)
        case 32: var v = hdu.values.map { Int32($0) }; ffppr(file, TINT, 1, n, &v, &status)
        case -32: var v = hdu.values.map { Float($0) }; ffppr(file, TFLOAT, 1, n, &v, &status)
        default: var v = hdu.values; ffppr(file, TDOUBLE, 1, n, &v, &status)
        }
        ffclos(file, &status)
        guard status == 0 else { throw GalpakError.badInput(path, "test file not written (cfitsio status \(status))") }
    }

    /// Compresses `path` with the `gzip` program into `path.gz` (kept beside it); returns the new path.
    static func gzip(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-k", "-f", path]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw GalpakError.badInput(path, "gzip failed") }
        return path + ".gz"
    }

    /// The flat index of voxel (i, j, k) in a cube `nx` wide and `ny` high.
    static func index(_ i: Int, _ j: Int, _ k: Int, nx: Int, ny: Int) -> Int { (k * ny + j) * nx + i }

    /// Rewrites the value of the first card named `name` in the file's raw bytes (no cfitsio:
    /// the point is to make headers cfitsio would never write).
    static func patchCard(_ name: String, value: String, in path: String) throws {
        let url = URL(fileURLWithPath: path)
        var bytes = FITSBytes(try Data(contentsOf: url))
        guard let index = bytes.cardIndex(named: name) else {
            throw GalpakError.badInput(path, "test file has no \(name) card")
        }
        bytes.setCard(index, FITSBytes.card(name, value))
        try bytes.data.write(to: url)
    }
}

/// A FITS file as raw bytes, seen as 80-character header records: for building broken files.
struct FITSBytes {
    var bytes: [UInt8]

    init(_ data: Data) { bytes = [UInt8](data) }

    var data: Data { Data(bytes) }

    static let recordLength = 80

    /// Number of whole 80-byte records in the file.
    var recordCount: Int { bytes.count / Self.recordLength }

    /// The text of record `n` (0-based).
    func record(_ n: Int) -> String {
        String(decoding: bytes[n * Self.recordLength..<(n + 1) * Self.recordLength], as: UTF8.self)
    }

    /// Replaces record `n` with `text`, padded or cut to 80 bytes.
    mutating func setCard(_ n: Int, _ text: String) {
        let start = n * Self.recordLength
        let utf8 = Array(text.utf8.prefix(Self.recordLength))
        for k in 0..<Self.recordLength { bytes[start + k] = k < utf8.count ? utf8[k] : 0x20 }
    }

    /// The keyword of record `n` (its first 8 characters, trimmed).
    func keyword(_ n: Int) -> String {
        let start = n * Self.recordLength
        return String(decoding: bytes[start..<start + 8], as: UTF8.self).trimmingCharacters(in: .whitespaces)
    }

    /// Indices of the records that look like header cards: printable ASCII with a keyword.
    var headerRecords: [Int] {
        (0..<recordCount).filter { n in
            let record = bytes[n * Self.recordLength..<(n + 1) * Self.recordLength]
            return record.allSatisfy { $0 >= 0x20 && $0 < 0x7F } && record.prefix(8).contains { $0 != 0x20 }
        }
    }

    /// The index of the first record whose keyword is `name`.
    func cardIndex(named name: String) -> Int? {
        (0..<recordCount).first { keyword($0) == name }
    }

    /// A card `NAME    = value` (value as FITS text, right-aligned in 20 columns when short).
    static func card(_ name: String, _ value: String) -> String {
        let padding = String(repeating: " ", count: max(0, 20 - value.count))
        return "\(name.padding(toLength: 8, withPad: " ", startingAt: 0))= \(padding)\(value)"
    }
}
