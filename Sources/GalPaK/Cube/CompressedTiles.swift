import CCFITSIO
import Foundation

extension FITSFile {
    /// Checks the tiles of the tile-compressed image in the current HDU that cfitsio (4.2)
    /// would mishandle if they are corrupt, before it decompresses them:
    ///
    /// - gzip tiles (the `COMPRESSED_DATA` column of a `GZIP_1`/`GZIP_2` image, and the
    ///   `GZIP_COMPRESSED_DATA` column, tiles cfitsio could not compress otherwise, of any image):
    ///   cfitsio grows its output buffer by 28 800 bytes for as long as zlib asks for room, and on
    ///   a truncated or corrupt stream zlib keeps asking, so the read never ends. Each stream is
    ///   inflated first through cfitsio's own `uncompress2mem_from_mem` with no reallocation
    ///   allowed, into one tile's worth of bytes (8 per pixel, the widest type, plus slack),
    ///   which fails instead. Costs one extra decompression of the gzip tiles.
    /// - HCOMPRESS tiles: cfitsio decodes as many pixels as the stream's own header states into
    ///   a buffer sized for the tile, so a stream claiming more (a corrupt ZNAXISn or stream)
    ///   overwrites the heap. The nx·ny each stream states must not exceed its tile's pixels.
    ///
    /// - Throws: ``GalpakError`` `.badInput` naming the file and the tile.
    func verifyCompressedTiles() throws {
        let algorithm = (try string("ZCMPTYPE") ?? "").uppercased()
        let grid = try tileGrid()
        var rows: Int64 = 0
        var status: Int32 = 0
        ffgnrwll(handle, &rows, &status)
        try check(status, "has an unreadable compressed-image table")
        let capacity = grid.tile.reduce(1, *) * 8 + 1024
        for name in ["COMPRESSED_DATA", "GZIP_COMPRESSED_DATA"] {
            let gzip = name.hasPrefix("GZIP") || algorithm.hasPrefix("GZIP")
            guard gzip || algorithm.hasPrefix("HCOMPRESS"), let column = try column(named: name) else { continue }
            var row: Int64 = 1
            while row <= rows {
                let bytes = try tileBytes(row: row, column: column)
                if bytes.isEmpty {
                    // An empty tile: nothing to check (cfitsio reads it from another column).
                } else if gzip {
                    try inflate(bytes, row: row, capacity: capacity)
                } else {
                    try checkHcompressHeader(bytes, row: row, pixels: grid.pixels(ofTile: Int(row) - 1))
                }
                row += 1
            }
        }
    }

    /// The image size (ZNAXISn) and tile size (ZTILEn: ZTILE1 defaults to ZNAXIS1, the others
    /// to 1) of the compressed image.
    private func tileGrid() throws -> TileGrid {
        let axes = Int(try double("ZNAXIS") ?? 0)
        var image: [Int] = [], tile: [Int] = []
        for n in 1...max(1, axes) {
            let length = try double("ZNAXIS\(n)") ?? 1
            let size = try double("ZTILE\(n)") ?? (n == 1 ? length : 1)
            guard length >= 0, length < 1e12, size >= 1, size < 1e12 else {
                throw GalpakError.badInput(path, "compressed image axis \(n) (ZNAXIS\(n) = \(length), ZTILE\(n) = \(size)) "
                    + "is not usable; the file is corrupt")
            }
            image.append(Int(length))
            tile.append(Int(size))
        }
        let (pixels, overflow) = tile.reduce((1, false)) { acc, n in
            let (p, o) = acc.0.multipliedReportingOverflow(by: n)
            return (p, acc.1 || o)
        }
        guard !overflow, pixels <= 1 << 40 else {
            throw GalpakError.badInput(path, "compressed tiles of \(tile.map(String.init).joined(separator: "×")) pixels "
                + "are not usable; the file is corrupt")
        }
        return TileGrid(image: image, tile: tile)
    }

    /// The number of column `name` in the current table, nil when there is none.
    private func column(named name: String) throws -> Int32? {
        var column: Int32 = 0
        var template = Array(name.utf8CString)
        var status: Int32 = 0
        ffgcno(handle, CASEINSEN, &template, &column, &status)
        if status != 0 { ffcmsg(); return nil }
        return column
    }

    /// The compressed bytes of tile `row` in `column`, after checking that their stated length
    /// fits in the file.
    private func tileBytes(row: Int64, column: Int32) throws -> [UInt8] {
        var length: Int64 = 0, heapOffset: Int64 = 0
        var status: Int32 = 0
        ffgdesll(handle, column, row, &length, &heapOffset, &status)
        try check(status, "has an unreadable compressed tile \(row)")
        guard length >= 0, length <= fileSize ?? Int64.max else {
            throw GalpakError.badInput(path, "compressed tile \(row) claims \(length) bytes, more than the file holds; the file is corrupt")
        }
        guard length > 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: Int(length))
        var anyNull: Int32 = 0
        ffgcvb(handle, column, row, 1, length, 0, &bytes, &anyNull, &status)
        try check(status, "compressed tile \(row) cannot be read, the file may be truncated")
        return bytes
    }

    private func inflate(_ compressed: [UInt8], row: Int64, capacity: Int) throws {
        var input = compressed
        let output = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 8)
        defer { output.deallocate() }
        var buffer: UnsafeMutablePointer<CChar>? = output.assumingMemoryBound(to: CChar.self)
        var bufferSize = capacity
        var inflated = 0
        var status: Int32 = 0
        input.withUnsafeMutableBytes { bytes in
            _ = uncompress2mem_from_mem(bytes.baseAddress?.assumingMemoryBound(to: CChar.self), bytes.count,
                                        &buffer, &bufferSize, nil, &inflated, &status)
        }
        if status != 0 {
            ffcmsg()
            throw GalpakError.badInput(path, "compressed tile \(row) is corrupt: its gzip data do not inflate to one tile")
        }
    }

    /// An HCOMPRESS stream starts with the magic bytes DD 99 and its nx, ny as big-endian
    /// 32-bit integers.
    private func checkHcompressHeader(_ bytes: [UInt8], row: Int64, pixels: Int) throws {
        func int32(at i: Int) -> Int { Int(Int32(bitPattern: bytes[i...i + 3].reduce(UInt32(0)) { $0 << 8 | UInt32($1) })) }
        guard bytes.count >= 10, bytes[0] == 0xDD, bytes[1] == 0x99 else {
            throw GalpakError.badInput(path, "compressed tile \(row) is not an HCOMPRESS stream; the file is corrupt")
        }
        let (nx, ny) = (int32(at: 2), int32(at: 6))
        let (stated, overflow) = nx.multipliedReportingOverflow(by: ny)
        guard nx > 0, ny > 0, !overflow, stated <= pixels else {
            throw GalpakError.badInput(path, "compressed tile \(row) states \(nx)×\(ny) pixels but the tile holds \(pixels); "
                + "the file is corrupt")
        }
    }
}

/// How a tile-compressed image is cut into tiles (tiles at the far edges are clipped).
private struct TileGrid {
    /// ZNAXISn.
    let image: [Int]
    /// ZTILEn.
    let tile: [Int]

    /// Pixels in tile `index` (0-based, in table-row order: axis 1 fastest).
    func pixels(ofTile index: Int) -> Int {
        var rest = index
        var pixels = 1
        for (length, size) in zip(image, tile) {
            let count = max(1, (length + size - 1) / size)
            let position = rest % count
            rest /= count
            pixels *= max(0, min(size, length - position * size))
        }
        return pixels
    }
}
