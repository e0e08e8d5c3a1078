/// A table in astropy's `ascii.fixed_width` format, as GalPaK3D writes its `.dat` files:
///
/// ```
/// |    x |     y |
/// | 14.9 | 15.01 |
/// ```
///
/// An optional comment line (`# …`, as astropy reads it), a header line of column names, then
/// one line per row; every cell is right-aligned to
/// the widest cell of its column (name included) and cells are joined by ` | `, with a
/// leading `| ` and a trailing ` |`. There is no unit row. Cells are text; numbers are written
/// by the caller (``cell(_:)-(Double)`` gives Python's float spelling).
public struct FixedWidthTable: Equatable, Sendable {
    /// Column names, in order.
    public var columns: [String]
    /// Rows of cells, each `columns.count` long.
    public var rows: [[String]]
    /// A line written before the header as `# comment` (nil: none); the parser skips such lines.
    public var comment: String?

    /// - Precondition: every row has `columns.count` cells.
    public init(columns: [String], rows: [[String]] = []) {
        precondition(rows.allSatisfy { $0.count == columns.count }, "every row needs one cell per column")
        self.columns = columns
        self.rows = rows
    }

    /// A number as astropy writes a float64 cell: Python's `repr`, e.g. `8.511114208690622e-17`.
    public static func cell(_ value: Double) -> String { PythonFloat.repr(value) }

    /// An integer cell.
    public static func cell(_ value: Int) -> String { String(value) }

    /// The table as text, each line ending in `\n`.
    public var text: String {
        (comment.map { "# \($0)\n" } ?? "") + Self.text(columns: columns, rowCount: rows.count) { rows[$0] }
    }

    /// The text of a long table whose rows are produced one at a time by `row` (each
    /// `columns.count` cells), laid out as the type describes (widths counted in UTF-8 bytes,
    /// which are characters for the ASCII names and numbers these files hold). The cells are
    /// kept as the bytes of one buffer rather than as strings, so a 30000-row chain needs
    /// ~10 MB instead of ~35.
    public static func text(columns: [String], rowCount: Int, row: (Int) -> [String]) -> String {
        var bytes: [UInt8] = []
        var ends: [Int] = []   // end offset of every cell, row after row
        ends.reserveCapacity(rowCount * columns.count)
        var widths = columns.map(\.utf8.count)
        for r in 0..<rowCount {
            let cells = row(r)
            precondition(cells.count == columns.count, "every row needs one cell per column")
            for (i, cell) in cells.enumerated() {
                bytes.append(contentsOf: cell.utf8)
                ends.append(bytes.count)
                widths[i] = max(widths[i], cell.utf8.count)
            }
        }
        let lineLength = widths.reduce(0, +) + 3 * columns.count + 1
        var out: [UInt8] = []
        out.reserveCapacity((rowCount + 1) * lineLength)
        func line(_ cell: (Int) -> ArraySlice<UInt8>) {
            for i in columns.indices {
                out.append(contentsOf: i == 0 ? "| ".utf8 : " | ".utf8)
                let c = cell(i)
                out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: widths[i] - c.count))
                out.append(contentsOf: c)
            }
            out.append(contentsOf: " |\n".utf8)
        }
        let header = columns.map { Array($0.utf8) }
        line { header[$0][...] }
        for r in 0..<rowCount {
            let first = r * columns.count
            line { i in bytes[(first + i == 0 ? 0 : ends[first + i - 1])..<ends[first + i]] }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Parses a fixed-width table: the first non-blank line not starting with `#` (a comment)
    /// is the header; each following such line is a row. Lines are split on `|` and cells trimmed, so any alignment is
    /// accepted, as are lines without the outer bars.
    /// - Parameter source: the file name, for error messages.
    /// - Throws: ``GalpakError`` `.badInput` if there is no header or a row has the wrong
    ///   number of cells.
    public init(parsing text: String, source: String) throws {
        var lines = text.split(whereSeparator: \.isNewline).enumerated()
            .filter { !$0.element.allSatisfy(\.isWhitespace) && $0.element.first(where: { !$0.isWhitespace }) != "#" }
            .map { (number: $0.offset + 1, cells: Self.cells(of: $0.element)) }
        guard !lines.isEmpty else {
            throw GalpakError.badInput(source, "is empty; expected a fixed-width table with a header line")
        }
        let header = lines.removeFirst()
        if header.cells.contains(where: \.isEmpty) {
            throw GalpakError.badInput(source, "line \(header.number): the header has an empty column name")
        }
        for line in lines where line.cells.count != header.cells.count {
            throw GalpakError.badInput(source,
                "line \(line.number) has \(line.cells.count) cells, but the header has \(header.cells.count) columns")
        }
        self.init(columns: header.cells, rows: lines.map(\.cells))
    }

    /// The cells of one line: split on `|`, trimmed, dropping the empty pieces outside the
    /// leading and trailing bars.
    private static func cells(of line: Substring) -> [String] {
        var pieces = line.split(separator: "|", omittingEmptySubsequences: false)
            .map { String($0.trimmingWhitespace()) }
        let trimmed = line.trimmingWhitespace()
        if trimmed.hasPrefix("|") { pieces.removeFirst() }
        if trimmed.hasSuffix("|"), !pieces.isEmpty { pieces.removeLast() }
        return pieces
    }
}

extension Substring {
    fileprivate func trimmingWhitespace() -> Substring {
        guard let first = firstIndex(where: { !$0.isWhitespace }),
              let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return self[first...last]
    }
}
