import CCFITSIO
import Foundation

/// A FITS file opened through cfitsio: a thin, throwing wrapper over the C handle.
///
/// Every cfitsio failure becomes a ``GalpakError`` of kind `.badInput` whose message names the
/// file and carries cfitsio's own explanation. The file is closed when the object goes away.
/// Not thread-safe: use one instance per thread.
public final class FITSFile {
    /// The path as given by the caller (used in every error message).
    public let path: String
    /// The cfitsio handle (nil once closed).
    private(set) var handle: UnsafeMutablePointer<fitsfile>?
    /// True for a file this object created (``close()`` then flushes it first).
    private let created: Bool

    /// Opens an existing file read-only.
    public init(reading path: String) throws {
        self.path = path
        created = false
        if try InputFile.checkRegular(path, what: "a FITS file") == 0 {
            throw GalpakError.badInput(path, "is empty (0 bytes), not a FITS file")
        }
        try FITSPrecheck.check(path: path)
        var status: Int32 = 0
        // ffdkopn, not ffopen: cfitsio's "extended file name" syntax would treat brackets in a
        // name as a filter; a plain path is what the user means.
        ffdkopn(&handle, path, READONLY, &status)
        if status != 0 {
            throw Self.error(path, status, "is not a readable FITS file, or is incomplete")
        }
    }

    /// Creates a new, empty file (fails if it exists: write to a fresh temporary name).
    public init(creating path: String) throws {
        self.path = path
        created = true
        var status: Int32 = 0
        // ffdkinit, not ffinit: no extended-file-name parsing ("!" prefix, brackets).
        ffdkinit(&handle, path, &status)
        if status != 0 { throw Self.error(path, status, "cannot be created") }
    }

    deinit {
        if handle != nil {
            var status: Int32 = 0
            ffclos(handle, &status)
        }
    }

    /// Closes the file, reporting any error. A created file is flushed first (`ffflus`), whose
    /// status is checked: cfitsio's close does not report a failure of the last buffered write
    /// (a full disk would leave a short file and no error).
    public func close() throws {
        guard handle != nil else { return }
        var status: Int32 = 0
        if created { ffflus(handle, &status) }
        let flushed = status
        ffclos(handle, &status)
        handle = nil
        if flushed != 0 { throw Self.error(path, flushed, "cannot be written to the end") }
        if status != 0 { throw Self.error(path, status, "could not be closed") }
    }

    // MARK: - Navigation

    /// Number of HDUs in the file.
    public func hduCount() throws -> Int {
        var n: Int32 = 0
        var status: Int32 = 0
        ffthdu(handle, &n, &status)
        try check(status, "cannot count its HDUs")
        return Int(n)
    }

    /// Moves to HDU number `hdu` (1-based: 1 is the primary) and returns its cfitsio type
    /// (`IMAGE_HDU`, `ASCII_TBL`, `BINARY_TBL`).
    @discardableResult
    public func moveTo(hdu: Int) throws -> Int32 {
        var type: Int32 = 0
        var status: Int32 = 0
        ffmahd(handle, Int32(hdu), &type, &status)
        try check(status, "has no readable HDU \(hdu)")
        return type
    }

    // MARK: - Header

    /// The raw value text of keyword `name` in the current HDU, or nil when it is absent.
    public func rawValue(_ name: String) throws -> String? {
        var value = [CChar](repeating: 0, count: Int(FLEN_VALUE))
        var comment = [CChar](repeating: 0, count: Int(FLEN_COMMENT))
        var status: Int32 = 0
        ffgkey(handle, name, &value, &comment, &status)
        if status == KEY_NO_EXIST { return nil }
        try check(status, "has an unreadable \(name) card")
        return Self.text(value).trimmingCharacters(in: .whitespaces)
    }

    /// Keyword `name` as a number, nil when absent; an error when present but not numeric.
    public func double(_ name: String) throws -> Double? {
        guard let raw = try rawValue(name), !raw.isEmpty else { return nil }
        let text = Self.unquoted(raw).replacingOccurrences(of: "D", with: "E")
        guard let v = Double(text.trimmingCharacters(in: .whitespaces)) else {
            throw GalpakError.badInput(path, "header card \(name) = \(raw) is not a number")
        }
        return v
    }

    /// Keyword `name` as a string (quotes and trailing blanks removed), nil when absent.
    public func string(_ name: String) throws -> String? {
        guard let raw = try rawValue(name) else { return nil }
        return Self.unquoted(raw)
    }

    /// Every card of the current HDU, in order (COMMENT/HISTORY included, END excluded).
    public func cards() throws -> [HeaderCard] {
        var count: Int32 = 0
        var more: Int32 = 0
        var status: Int32 = 0
        ffghsp(handle, &count, &more, &status)
        try check(status, "has an unreadable header")
        var result: [HeaderCard] = []
        result.reserveCapacity(Int(count))
        var keyname = [CChar](repeating: 0, count: Int(FLEN_KEYWORD))
        var value = [CChar](repeating: 0, count: Int(FLEN_VALUE))
        var comment = [CChar](repeating: 0, count: Int(FLEN_COMMENT))
        for n in 1...max(Int(count), 1) where count > 0 {
            var record = [CChar](repeating: 0, count: Int(FLEN_CARD))
            ffgrec(handle, Int32(n), &record, &status)
            try check(status, "has an unreadable header card \(n)")
            var length: Int32 = 0
            ffgknm(&record, &keyname, &length, &status)
            ffpsvc(&record, &value, &comment, &status)
            if status != 0 { status = 0; continue }
            result.append(HeaderCard(
                name: Self.text(keyname),
                value: Self.text(value).trimmingCharacters(in: .whitespaces),
                comment: Self.text(comment)))
        }
        return result
    }

    /// The current HDU's header as cfitsio's `fits_hdr2str` gives it — for a tile-compressed
    /// image, `fits_convert_hdr2str`: the header of the image it holds — the 80-character
    /// records one after the other (NUL-terminated, END excluded) and their number; what
    /// wcslib's `wcspih` parses. Malformed records are blanked (see the body).
    public func headerRecords() throws -> (text: [CChar], count: Int) {
        var header: UnsafeMutablePointer<CChar>?
        var count: Int32 = 0
        var status: Int32 = 0
        if try isCompressedImage() {
            ffcnvthdr2str(handle, 0, nil, 0, &header, &count, &status)
        } else {
            ffhdr2str(handle, 0, nil, 0, &header, &count, &status)
        }
        defer {
            var freed: Int32 = 0
            if header != nil { fffree(header, &freed) }
        }
        try check(status, "has an unreadable header")
        guard let header else { return ([0], 0) }
        let raw = Array(UnsafeBufferPointer(start: header, count: Int(count) * 80))
        // wcspih's scanner overruns its buffers on a malformed card (a stray byte, a string
        // without its closing quote), so every keyword card is rewritten as cfitsio reads it
        // (ffgknm, ffpsvc, then ffmkky); a card cfitsio cannot read, or without a value, is
        // left blank (commentary cards say nothing about coordinates).
        var text: [CChar] = []
        text.reserveCapacity(raw.count + 1)
        for start in stride(from: 0, to: raw.count, by: 80) {
            var record = raw[start..<start + 80].map { (32...126).contains($0) ? $0 : 32 } + [0]
            var name = [CChar](repeating: 0, count: Int(FLEN_KEYWORD))
            var value = [CChar](repeating: 0, count: Int(FLEN_VALUE))
            var comment = [CChar](repeating: 0, count: Int(FLEN_COMMENT))
            var card = [CChar](repeating: 0, count: Int(FLEN_CARD))
            var length: Int32 = 0
            var parsed: Int32 = 0
            ffgknm(&record, &name, &length, &parsed)
            ffpsvc(&record, &value, &comment, &parsed)
            if parsed == 0, value[0] != 0 { ffmkky(name, &value, "", &card, &parsed) }
            let made = parsed == 0 && value[0] != 0 ? card.prefix { $0 != 0 } : []
            text += made.prefix(80) + Array(repeating: 32, count: 80 - min(made.count, 80))
        }
        return (text + [0], Int(count))
    }

    // MARK: - Images

    /// The axis lengths of the image in the current HDU, NAXIS1 first (empty for no image).
    public func imageShape() throws -> [Int] {
        var naxis: Int32 = 0
        var status: Int32 = 0
        ffgidm(handle, &naxis, &status)
        try check(status, "has an unreadable image header")
        guard naxis > 0 else { return [] }
        var sizes = [Int](repeating: 0, count: Int(naxis))
        ffgisz(handle, naxis, &sizes, &status)
        try check(status, "has an unreadable image size")
        return sizes
    }

    /// Whether the current HDU is a tile-compressed image (stored as a binary table; cfitsio
    /// presents it as an image and decompresses it on reading).
    public func isCompressedImage() throws -> Bool {
        var status: Int32 = 0
        let compressed = fits_is_compressed_image(handle, &status)
        try check(status, "has an unreadable HDU header")
        return compressed != 0
    }

    /// Reads the whole image of the current HDU as Double, NAXIS1 fastest, applying
    /// BSCALE/BZERO; blank (null) integer pixels become NaN. The values of a plain
    /// floating-point image are read as they are, infinities included (cfitsio's null check
    /// would turn them into NaN, hiding them from the caller).
    ///
    /// The size the header declares is checked before anything is allocated (a corrupt NAXISn
    /// must not become a giant allocation): see ``checkImageSize(_:)``; the gzip tiles of a
    /// compressed image are checked before cfitsio decompresses them (see ``verifyCompressedTiles()``).
    public func readImage() throws -> [Double] {
        let shape = try imageShape()
        guard !shape.isEmpty, !shape.contains(0) else { return [] }
        let n = try checkImageSize(shape)
        let compressed = try isCompressedImage()
        if compressed { try verifyCompressedTiles() }
        var pixels = [Double](repeating: 0, count: n)
        var bitpix: Int32 = 0
        var typeStatus: Int32 = 0
        ffgidt(handle, &bitpix, &typeStatus)
        try check(typeStatus, "has an unreadable image header")
        // A null value of 0 tells cfitsio not to check for undefined pixels.
        var nullValue = bitpix < 0 && !compressed ? 0 : Double.nan
        var anyNull: Int32 = 0
        var status: Int32 = 0
        ffgpv(handle, TDOUBLE, 1, Int64(n), &nullValue, &pixels, &anyNull, &status)
        try check(status, "image data cannot be read, the file may be truncated")
        return pixels
    }

    /// The share of the machine's memory the largest image ``readImage()`` accepts may take
    /// once converted to Double: half (a fit holds the data, the variance and a few model cubes
    /// of that size).
    public static let memoryShare = 0.5

    /// The number of voxels of an image of `shape` (the current HDU's), after checking that
    /// the count does not overflow, that its data are all there (see
    /// ``checkDataIsPresent(voxels:described:)``) and that it fits in ``memoryShare`` of the
    /// memory as Double (``MemoryBudget``).
    /// - Throws: ``GalpakError`` `.badInput` naming the file and the declared size.
    func checkImageSize(_ shape: [Int]) throws -> Int {
        let described = shape.map(String.init).joined(separator: "×")
        guard shape.allSatisfy({ $0 > 0 }), let voxels = MemoryBudget.product(shape) else {
            throw GalpakError.badInput(path, "the header declares an impossible image size \(described); the header is corrupt")
        }
        try checkDataIsPresent(voxels: voxels, described: described)
        try GalpakError.naming(path) {
            try MemoryBudget.check(bytes: MemoryBudget.product([voxels, MemoryLayout<Double>.size]), fraction: Self.memoryShare,
                                   for: "the \(described) image", advice: "crop the cube around the galaxy")
        }
        return voxels
    }

    /// Checks that the file holds the `voxels` the header declares before they are read: for a
    /// plain image, that its bytes fit in the file (a file cut short is reported with what the
    /// header promised and what is there); for a gzip'd (bzip2'd, compress'd) file, whose size
    /// says nothing, by reading the last voxel. Tile-compressed images are checked tile by tile
    /// instead (``verifyCompressedTiles()``).
    private func checkDataIsPresent(voxels: Int, described: String) throws {
        let truncated = "the file is incomplete (an interrupted copy or download?)"
        if isWholeFileCompressed {
            var last = 0.0, null = Double.nan
            var anyNull: Int32 = 0, status: Int32 = 0
            ffgpv(handle, TDOUBLE, Int64(voxels), 1, &null, &last, &anyNull, &status)
            guard status == 0 else {
                ffcmsg()
                throw GalpakError.badInput(path, "is truncated: the header declares a \(described) image but the "
                    + "compressed file ends before its last voxel; \(truncated)")
            }
        } else if !(try isCompressedImage()), let size = fileSize {
            var type: Int32 = 0
            var status: Int32 = 0
            ffgidt(handle, &type, &status)
            try check(status, "has an unreadable image header")
            let dataStart = try byteRange().dataStart
            let (bytes, overflow) = Int64(voxels).multipliedReportingOverflow(by: Int64(abs(type) / 8))
            guard !overflow, bytes <= size - dataStart else {
                throw GalpakError.badInput(path, "is truncated: the header declares a \(described) image "
                    + "(\(overflow ? "too many" : String(bytes)) bytes) but only \(max(0, size - dataStart)) bytes "
                    + "follow it; \(truncated)")
            }
        }
    }

    /// Where the current HDU lies in the file: byte offsets of its header, of its data and of
    /// the end of its data (before padding).
    func byteRange() throws -> (header: Int64, dataStart: Int64, dataEnd: Int64) {
        var headStart: Int64 = 0, dataStart: Int64 = 0, dataEnd: Int64 = 0
        var status: Int32 = 0
        ffghadll(handle, &headStart, &dataStart, &dataEnd, &status)
        try check(status, "has an unreadable HDU header")
        return (headStart, dataStart, dataEnd)
    }

    /// Whether the file on disk is a compressed FITS file (`.gz`, `.bz2`, `.Z`, `.zip`, by its
    /// first bytes), which cfitsio reads by inflating it in memory.
    var isWholeFileCompressed: Bool {
        guard let file = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? file.close() }
        let magic = [UInt8]((try? file.read(upToCount: 4)) ?? Data())
        let signatures: [[UInt8]] = [[0x1F, 0x8B], [0x1F, 0x9D], [0x1F, 0x1E], [0x42, 0x5A, 0x68], [0x50, 0x4B, 0x03, 0x04]]
        return signatures.contains { magic.starts(with: $0) }
    }

    /// The file's size in bytes (nil if it cannot be found out).
    var fileSize: Int64? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value
    }

    /// Appends an image HDU of the given shape (NAXIS1 first) and makes it current.
    /// `bitpix` is a FITS BITPIX such as `DOUBLE_IMG` (−64) or `FLOAT_IMG` (−32).
    public func appendImage(shape: [Int], bitpix: Int32 = DOUBLE_IMG) throws {
        var sizes = shape
        var status: Int32 = 0
        ffcrim(handle, bitpix, Int32(shape.count), &sizes, &status)
        try check(status, "cannot add an image HDU")
    }

    /// Writes `pixels` (NAXIS1 fastest) into the current image HDU.
    public func writeImage(_ pixels: [Double]) throws {
        guard !pixels.isEmpty else { return }
        var copy = pixels
        var status: Int32 = 0
        ffppr(handle, TDOUBLE, 1, Int64(pixels.count), &copy, &status)
        try check(status, "cannot write image data")
    }

    /// Writes (or replaces) a card with a string value.
    public func write(_ name: String, string value: String, comment: String = "") throws {
        var v = Array(value.utf8CString)
        var status: Int32 = 0
        ffukys(handle, name, &v, comment, &status)
        try check(status, "cannot write header card \(name)")
    }

    /// Writes (or replaces) a card with a numeric value (full precision).
    public func write(_ name: String, double value: Double, comment: String = "") throws {
        var status: Int32 = 0
        ffukyg(handle, name, value, 15, comment, &status)
        try check(status, "cannot write header card \(name)")
    }

    /// Writes (or replaces) a card with an integer value.
    public func write(_ name: String, int value: Int, comment: String = "") throws {
        var status: Int32 = 0
        ffukyj(handle, name, Int64(value), comment, &status)
        try check(status, "cannot write header card \(name)")
    }

    /// Appends a commentary card: `HISTORY` text, or `COMMENT` text for any other keyword.
    public func writeCommentary(_ keyword: String, _ text: String) throws {
        var status: Int32 = 0
        if keyword == "HISTORY" { ffphis(handle, text, &status) } else { ffpcom(handle, text, &status) }
        try check(status, "cannot write a \(keyword) card")
    }

    /// Copies a card kept from another header, value text as it was.
    public func write(card: HeaderCard) throws {
        let text = card.comment.isEmpty
            ? "\(card.name.padding(toLength: 8, withPad: " ", startingAt: 0))= \(card.value)"
            : "\(card.name.padding(toLength: 8, withPad: " ", startingAt: 0))= \(card.value) / \(card.comment)"
        var status: Int32 = 0
        ffucrd(handle, card.name, text, &status)
        try check(status, "cannot write header card \(card.name)")
    }

    // MARK: - Errors

    func check(_ status: Int32, _ what: String) throws {
        if status != 0 { throw Self.error(path, status, what) }
    }

    private static func error(_ path: String, _ status: Int32, _ what: String) -> GalpakError {
        var text = [CChar](repeating: 0, count: Int(FLEN_STATUS))
        ffgerr(status, &text)
        // Drop cfitsio's queued detail messages so they do not leak into the next error.
        ffcmsg()
        return GalpakError.badInput(path, "\(what) (cfitsio: \(Self.text(text)))")
    }

    /// The text of a NUL-terminated C buffer filled by cfitsio (invalid UTF-8 is repaired).
    private static func text(_ buffer: [CChar]) -> String {
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A FITS string value without its quotes ('O''Brien' → O'Brien) and trailing blanks.
    static func unquoted(_ raw: String) -> String {
        var s = raw.trimmingCharacters(in: .whitespaces)
        if s.hasPrefix("'"), s.hasSuffix("'"), s.count >= 2 {
            s = String(s.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'")
        }
        return s.trimmingCharacters(in: .whitespaces)
    }
}
