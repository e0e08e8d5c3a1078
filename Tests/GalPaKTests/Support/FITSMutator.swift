import Foundation
@testable import GalPaK

/// Makes broken variants of a valid FITS file for the fuzz tests: flipped bytes, truncations,
/// header cards removed, changed or added. Deterministic for a given seed.
struct FITSMutator {
    private var generator: SeededGenerator

    init(seed: UInt64) {
        generator = SeededGenerator(seed: seed)
    }

    /// Keywords whose corruption matters most: structure, scaling, calibration, compression.
    static let keywords = [
        "SIMPLE", "XTENSION", "BITPIX", "NAXIS", "NAXIS1", "NAXIS2", "NAXIS3", "NAXIS4", "EXTEND", "PCOUNT",
        "GCOUNT", "EXTNAME", "BSCALE", "BZERO", "BLANK", "CTYPE1", "CTYPE2", "CTYPE3", "CTYPE4", "CUNIT1",
        "CUNIT2", "CUNIT3", "CRVAL3", "CRPIX3", "CDELT1", "CDELT2", "CDELT3", "CD1_1", "CD2_2", "CD3_3", "PC3_3",
        "ZBITPIX", "ZNAXIS", "ZNAXIS1", "ZNAXIS3", "ZTILE1", "ZCMPTYPE", "ZIMAGE", "TFORM1", "THEAP",
        "ZNAME1", "ZVAL1", "ZNAME2", "ZVAL2", "ZQUANTIZ", "ZDITHER0", "ZBLANK", "ZSCALE", "ZZERO", "TTYPE1", "TTYPE2",
    ]

    /// Values that break assumptions: zero, negative, huge, tiny, non-numbers, wrong types.
    static let values = [
        "0", "-1", "1", "2", "3", "4", "7", "8", "16", "32", "-32", "-64", "64", "999", "999999999",
        "2147483648", "-2147483649", "9223372036854775807", "-9223372036854775808", "99999999999999999999",
        "1E308", "-1E308", "1E-308", "4.9E-324", "1E400", "NAN", "INF", "0.0", "-0.0", "1.5", "T", "F",
        "'abc'", "''", "'WAVE'", "'AWAV'", "'WAVE-LOG'", "'STOKES'", "'RA---TAN'", "'Angstrom'", "'nm'",
        "'Hz'", "'deg'", "'mas'", "'DATA'", "'STAT'", "'IMAGE'", "'BINTABLE'", "'RICE_1'", "'GZIP_1'",
        "'HCOMPRESS_1'", "'1J'", "'1PB(2880)'", "'unterminated", "= =", "",
    ]

    /// One to three mutations of `bytes`, and what was done (for reproducing a failure).
    mutating func mutate(_ bytes: Data) -> (Data, String) {
        var file = FITSBytes(bytes)
        var done: [String] = []
        for _ in 0..<Int.random(in: 1...3, using: &generator) {
            switch Int.random(in: 0..<10, using: &generator) {
            case 0, 1: done.append(flipBytes(&file))
            case 2: done.append(truncate(&file))
            case 3: done.append(removeCard(&file))
            case 4...7: done.append(changeCard(&file))
            default: done.append(addCard(&file))
            }
        }
        return (file.data, done.joined(separator: "; "))
    }

    private mutating func flipBytes(_ file: inout FITSBytes) -> String {
        guard !file.bytes.isEmpty else { return "flip: empty" }
        let headers = file.headerRecords
        var flipped: [Int] = []
        for _ in 0..<Int.random(in: 1...16, using: &generator) {
            // Mostly in header cards, where a flipped byte changes meaning; else anywhere.
            let position: Int
            if !headers.isEmpty, Bool.random(using: &generator) {
                let record = headers.randomElement(using: &generator)!
                position = record * FITSBytes.recordLength + Int.random(in: 0..<FITSBytes.recordLength, using: &generator)
            } else {
                position = Int.random(in: 0..<file.bytes.count, using: &generator)
            }
            file.bytes[position] ^= UInt8.random(in: 1...255, using: &generator)
            flipped.append(position)
        }
        return "flip bytes \(flipped)"
    }

    private mutating func truncate(_ file: inout FITSBytes) -> String {
        let length: Int
        if Bool.random(using: &generator) {
            length = Int.random(in: 0..<max(1, file.bytes.count), using: &generator)
        } else {
            // At a block boundary: what a copy interrupted between writes leaves.
            length = 2880 * Int.random(in: 0...max(0, file.bytes.count / 2880 - 1), using: &generator)
        }
        file.bytes = Array(file.bytes.prefix(length))
        return "truncate to \(length)"
    }

    private mutating func removeCard(_ file: inout FITSBytes) -> String {
        guard let n = pickCard(file) else { return "remove: no card" }
        let name = file.keyword(n)
        // Shift the rest of the header up a record and blank the freed record after END.
        var m = n
        while m + 1 < file.recordCount, file.keyword(m) != "END" {
            file.setCard(m, file.record(m + 1))
            m += 1
        }
        if m > n { file.setCard(m, "") }
        return "remove \(name)"
    }

    private mutating func changeCard(_ file: inout FITSBytes) -> String {
        guard let n = pickCard(file) else { return "change: no card" }
        let name = file.keyword(n)
        let value = Self.values.randomElement(using: &generator)!
        file.setCard(n, FITSBytes.card(name, value))
        return "\(name) = \(value)"
    }

    private mutating func addCard(_ file: inout FITSBytes) -> String {
        let ends = (0..<file.recordCount).filter { file.keyword($0) == "END" }
        guard let end = ends.randomElement(using: &generator) else { return "add: no END" }
        let card = FITSBytes.card(Self.keywords.randomElement(using: &generator)!,
                                  Self.values.randomElement(using: &generator)!)
        // Room after END in the same block: move END down. Else overwrite the last card.
        if (end + 1) % 36 != 0, end + 1 < file.recordCount {
            file.setCard(end + 1, "END")
            file.setCard(end, card)
        } else if end > 0 {
            file.setCard(end - 1, card)
        }
        return "add \(card.trimmingCharacters(in: .whitespaces))"
    }

    /// A header card, preferring the keywords that matter (structure, scaling, calibration).
    private mutating func pickCard(_ file: FITSBytes) -> Int? {
        let cards = file.headerRecords.filter { file.keyword($0) != "END" }
        if Int.random(in: 0..<10, using: &generator) < 7 {
            let important = cards.filter { Self.keywords.contains(file.keyword($0)) }
            if let n = important.randomElement(using: &generator) { return n }
        }
        return cards.randomElement(using: &generator)
    }
}
