import Foundation

/// A look at a FITS file's headers in its raw bytes, before cfitsio opens it, for the corrupt
/// values on which cfitsio (4.2) crashes instead of reporting an error.
///
/// cfitsio divides by the tile sizes of a tile-compressed image (`ZTILEn`) as soon as it reads
/// that header, so a `ZTILEn` that is not a positive integer (`0`, `'abc'`, `1E400`) kills the
/// process with a floating-point exception while the file is being opened. This walks the HDUs
/// (header blocks up to `END`, then a data part sized by BITPIX, NAXISn, PCOUNT and GCOUNT) and
/// refuses a compressed-image header (`ZIMAGE = T`) whose integer parameters are out of range
/// (see ``checkCompressed(_:hdu:path:)``); a zero Rice block size or a negative dither offset
/// crash cfitsio the same way when it decompresses. Everything else is left to cfitsio, which
/// reports it; the walk stops quietly at the first header it cannot follow.
enum FITSPrecheck {
    static let blockLength = 2880
    static let recordLength = 80
    /// Bounds on the walk, so that a garbage file cannot make it slow.
    static let maximumHDUs = 1000, maximumHeaderBlocks = 10_000

    /// - Throws: ``GalpakError`` `.badInput` naming the file, the HDU and the card.
    static func check(path: String) throws {
        guard let file = FileHandle(forReadingAtPath: path) else { return }
        defer { try? file.close() }
        let size = try file.seekToEnd()
        var offset: UInt64 = 0
        for hdu in 1...maximumHDUs where offset < size {
            try file.seek(toOffset: offset)
            guard let (cards, blocks) = try header(from: file) else { return }
            if cards.contains(where: { $0.key == "ZIMAGE" && $0.value.hasPrefix("T") }) {
                try checkCompressed(cards, hdu: hdu, path: path)
            }
            guard let bytes = dataBytes(cards), bytes <= size else { return }
            let padded = (bytes + UInt64(blockLength) - 1) / UInt64(blockLength) * UInt64(blockLength)
            offset += UInt64(blocks * blockLength) + padded
        }
    }

    /// The (keyword, value text) cards of the header starting at the file's position and the
    /// number of blocks it spans; nil when the file ends first. A last block cut short is read
    /// as far as it goes (cfitsio reads such a header too).
    private static func header(from file: FileHandle) throws -> ([(key: String, value: String)], Int)? {
        var cards: [(key: String, value: String)] = []
        for blocks in 1...maximumHeaderBlocks {
            guard let data = try file.read(upToCount: blockLength), data.count >= recordLength else { return nil }
            let bytes = [UInt8](data)
            for start in stride(from: 0, through: bytes.count - recordLength, by: recordLength) {
                let record = bytes[start..<start + recordLength]
                let key = String(decoding: record.prefix(8), as: UTF8.self).trimmingCharacters(in: .whitespaces)
                if key == "END" { return (cards, blocks) }
                guard record[start + 8] == UInt8(ascii: "="), record[start + 9] == UInt8(ascii: " ") else { continue }
                let value = String(decoding: record.dropFirst(10), as: UTF8.self)
                cards.append((key, value.trimmingCharacters(in: .whitespaces)))
            }
            if bytes.count < blockLength { return (cards, blocks) }
        }
        return nil
    }

    /// The integer a card's value states (comment after `/` ignored), nil if it is not one.
    private static func integer(_ value: String) -> Int? {
        let text = value.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return Int(text.trimmingCharacters(in: .whitespaces))
    }

    /// The integer cards of a compressed-image header cfitsio divides by or indexes with, and
    /// their valid values: ZNAXIS, ZNAXISn (ZTILE1 defaults to ZNAXIS1, so a zero length divides
    /// too), ZTILEn; ZDITHER0 (an index into a table of 10 000
    /// random numbers); and the compression parameters ZVALn named BLOCKSIZE (Rice block
    /// length) or BYTEPIX (bytes per pixel) by ZNAMEn.
    private static func checkCompressed(_ cards: [(key: String, value: String)], hdu: Int, path: String) throws {
        let parameterNames = Dictionary(cards.filter { $0.key.hasPrefix("ZNAME") }.map {
            ($0.key.dropFirst(5), $0.value.uppercased())
        }, uniquingKeysWith: { first, _ in first })
        for (key, value) in cards {
            let valid: ClosedRange<Int>
            if key == "ZNAXIS" {
                valid = 0...999
            } else if key.hasPrefix("ZNAXIS"), Int(key.dropFirst(6)) != nil {
                valid = 1...Int.max
            } else if key.hasPrefix("ZTILE"), Int(key.dropFirst(5)) != nil {
                valid = 1...Int.max
            } else if key == "ZDITHER0" {
                valid = 1...10_000
            } else if key.hasPrefix("ZVAL"), let name = parameterNames[key.dropFirst(4)],
                      name.contains("BLOCKSIZE") || name.contains("BYTEPIX") {
                valid = name.contains("BYTEPIX") ? 1...8 : 1...Int.max
            } else {
                continue
            }
            guard let n = integer(value), valid.contains(n) else {
                let shown = String((value.split(separator: "/", maxSplits: 1).first ?? "").prefix(30)
                    .map { (0x20...0x7E).contains($0.unicodeScalars.first?.value ?? 0) ? $0 : "?" })
                    .trimmingCharacters(in: .whitespaces)
                let range = valid.upperBound == Int.max ? "an integer of at least \(valid.lowerBound)"
                    : "an integer from \(valid.lowerBound) to \(valid.upperBound)"
                throw GalpakError.badInput(path, "HDU \(hdu) is a tile-compressed image whose \(key) = \(shown) "
                    + "is not \(range); the header is corrupt")
            }
        }
    }

    /// Size in bytes of the data part: |BITPIX|/8 · GCOUNT · (PCOUNT + NAXIS1 · … · NAXISn),
    /// nil when the cards do not state it or it overflows.
    private static func dataBytes(_ cards: [(key: String, value: String)]) -> UInt64? {
        func first(_ key: String) -> Int? { cards.first { $0.key == key }.flatMap { integer($0.value) } }
        guard let bitpix = first("BITPIX"), [8, 16, 32, 64, -32, -64].contains(bitpix),
              let naxis = first("NAXIS"), (0...999).contains(naxis) else { return nil }
        guard naxis > 0 else { return 0 }
        var count: UInt64 = 1
        for n in 1...naxis {
            guard let length = first("NAXIS\(n)"), length >= 0 else { return nil }
            let (product, overflow) = count.multipliedReportingOverflow(by: UInt64(length))
            guard !overflow else { return nil }
            count = product
        }
        let pcount = first("PCOUNT") ?? 0, gcount = first("GCOUNT") ?? 1
        guard pcount >= 0, gcount >= 0 else { return nil }
        let (elements, o1) = count.addingReportingOverflow(UInt64(pcount))
        let (groups, o2) = elements.multipliedReportingOverflow(by: UInt64(gcount))
        let (bytes, o3) = groups.multipliedReportingOverflow(by: UInt64(abs(bitpix) / 8))
        return o1 || o2 || o3 ? nil : bytes
    }
}
