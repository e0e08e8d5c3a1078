import CCFITSIO
import Foundation

extension FITSFile {
    /// Checks that every gzip-compressed tile of the tile-compressed image in the current HDU
    /// inflates completely to at most the size of one uncompressed tile.
    ///
    /// cfitsio (4.2) decompresses a gzip tile into a buffer it grows by 28 800 bytes for as long
    /// as zlib asks for room; on a truncated or corrupt stream zlib keeps asking, and the read
    /// never ends (it only stops when the address space runs out). This inflates each stream
    /// first through cfitsio's own `uncompress2mem_from_mem` with no reallocation allowed, into a
    /// buffer one tile large (8 bytes per pixel, the widest pixel type, plus slack), which fails
    /// instead. Tiles checked: the `COMPRESSED_DATA` column of a `GZIP_1`/`GZIP_2` image and the
    /// `GZIP_COMPRESSED_DATA` column (tiles cfitsio could not compress otherwise) of any image.
    /// Costs one extra decompression of the gzip tiles.
    /// - Throws: ``GalpakError`` `.badInput` naming the file and the tile.
    func verifyGzipTiles() throws {
        let algorithm = (try string("ZCMPTYPE") ?? "").uppercased()
        var columns = ["GZIP_COMPRESSED_DATA"]
        if algorithm.hasPrefix("GZIP") { columns.append("COMPRESSED_DATA") }
        let tileBytes = try tilePixels() * 8 + 1024
        let size = fileSize ?? Int64.max
        var rows: Int64 = 0
        var status: Int32 = 0
        ffgnrwll(handle, &rows, &status)
        try check(status, "has an unreadable compressed-image table")
        for name in columns {
            var column: Int32 = 0
            var template = Array(name.utf8CString)
            ffgcno(handle, CASEINSEN, &template, &column, &status)
            if status != 0 { status = 0; ffcmsg(); continue }
            var row: Int64 = 1
            while row <= rows {
                var length: Int64 = 0, heapOffset: Int64 = 0
                ffgdesll(handle, column, row, &length, &heapOffset, &status)
                try check(status, "has an unreadable compressed tile \(row)")
                guard length <= size else {
                    throw GalpakError.badInput(path, "compressed tile \(row) claims \(length) bytes, more than the file holds; the file is corrupt")
                }
                if length > 0 { try inflateTile(row: row, column: column, length: Int(length), capacity: tileBytes) }
                row += 1
            }
        }
    }

    /// Pixels in one tile: the product of ZTILEn (ZTILE1 defaults to ZNAXIS1, others to 1).
    private func tilePixels() throws -> Int {
        let axes = Int(try double("ZNAXIS") ?? 0)
        var pixels = 1
        for n in 1...max(1, axes) {
            let tile = try double("ZTILE\(n)") ?? (n == 1 ? try double("ZNAXIS1") ?? 1 : 1)
            guard tile >= 1, tile < 1e12 else {
                throw GalpakError.badInput(path, "tile size ZTILE\(n) = \(tile) is not usable; the file is corrupt")
            }
            let (product, overflow) = pixels.multipliedReportingOverflow(by: Int(tile))
            guard !overflow, product <= 1 << 40 else {
                throw GalpakError.badInput(path, "compressed tiles of \(product) pixels are not usable; the file is corrupt")
            }
            pixels = product
        }
        return pixels
    }

    private func inflateTile(row: Int64, column: Int32, length: Int, capacity: Int) throws {
        var compressed = [UInt8](repeating: 0, count: length)
        var anyNull: Int32 = 0
        var status: Int32 = 0
        ffgcvb(handle, column, row, 1, Int64(length), 0, &compressed, &anyNull, &status)
        try check(status, "compressed tile \(row) cannot be read, the file may be truncated")
        let output = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 8)
        defer { output.deallocate() }
        var buffer: UnsafeMutablePointer<CChar>? = output.assumingMemoryBound(to: CChar.self)
        var bufferSize = capacity
        var inflated = 0
        compressed.withUnsafeMutableBytes { bytes in
            _ = uncompress2mem_from_mem(bytes.baseAddress?.assumingMemoryBound(to: CChar.self), length,
                                        &buffer, &bufferSize, nil, &inflated, &status)
        }
        if status != 0 {
            ffcmsg()
            throw GalpakError.badInput(path, "compressed tile \(row) is corrupt: its gzip data do not inflate to one tile")
        }
    }
}
