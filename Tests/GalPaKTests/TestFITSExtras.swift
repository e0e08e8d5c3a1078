import CCFITSIO
import Foundation
@testable import GalPaK

extension TestFITS {
    /// Writes one tile-compressed image (cfitsio's `fits_set_compression_type`: an empty primary
    /// HDU, then the image stored as a compressed binary table) with `cards` on it.
    /// `algorithm` is a cfitsio compression code (`RICE_1`, `GZIP_1`, `GZIP_2`, …); float images
    /// are compressed losslessly (quantisation off). cfitsio converts no type when writing a
    /// compressed image, so the values are handed over in the C type of `bitpix` (integer
    /// images: the values must be integers in range) and no BSCALE/BZERO may be among the cards.
    static func writeCompressed(_ hdu: HDU, algorithm: Int32, to path: String) throws {
        var file: UnsafeMutablePointer<fitsfile>?
        var status: Int32 = 0
        ffdkinit(&file, path, &status)
        fits_set_compression_type(file, algorithm, &status)
        if hdu.bitpix < 0 { fits_set_quantize_level(file, 0, &status) }
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
    var data: Data

    init(_ data: Data) { self.data = data }

    static let recordLength = 80

    /// Number of whole 80-byte records in the file.
    var recordCount: Int { data.count / Self.recordLength }

    /// The text of record `n` (0-based).
    func record(_ n: Int) -> String {
        let start = data.startIndex + n * Self.recordLength
        return String(decoding: data[start..<start + Self.recordLength], as: UTF8.self)
    }

    /// Replaces record `n` with `text`, padded or cut to 80 bytes.
    mutating func setCard(_ n: Int, _ text: String) {
        let bytes = Array(text.utf8.prefix(Self.recordLength))
            + [UInt8](repeating: 0x20, count: max(0, Self.recordLength - text.utf8.count))
        let start = data.startIndex + n * Self.recordLength
        data.replaceSubrange(start..<start + Self.recordLength, with: bytes)
    }

    /// The keyword of record `n` (its first 8 characters, trimmed).
    func keyword(_ n: Int) -> String {
        String(record(n).prefix(8)).trimmingCharacters(in: .whitespaces)
    }

    /// Indices of the records that look like header cards: everything before each `END`
    /// within the header blocks, found by walking the file (data blocks are skipped by looking
    /// for the next `XTENSION`).
    var headerRecords: [Int] {
        (0..<recordCount).filter { n in
            let text = record(n)
            return text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F } && text.prefix(8).contains { $0 != " " }
        }
    }

    /// The index of the first record whose keyword is `name`.
    func cardIndex(named name: String) -> Int? {
        (0..<recordCount).first { keyword($0) == name }
    }

    /// A card `NAME    = value` (value as FITS text).
    static func card(_ name: String, _ value: String) -> String {
        "\(name.padding(toLength: 8, withPad: " ", startingAt: 0))= \(value.count < 20 ? String(repeating: " ", count: 20 - value.count) : "")\(value)"
    }
}
