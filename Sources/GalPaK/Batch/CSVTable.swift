import Foundation

/// A comma-separated table as spreadsheets and scripts write it (RFC 4180, leniently).
///
/// Reading accepts a UTF-8 byte-order mark; `\n`, `\r\n` or `\r` line ends; cells in double
/// quotes holding commas, line breaks and doubled quotes (`"a ""b"", c"`); spaces and tabs
/// around cells (trimmed; a quoted cell keeps those inside its quotes); blank lines and comment
/// lines whose first non-blank character is `#` (both skipped).
public struct CSVTable: Equatable, Sendable {
    /// One record: its cells and the line it starts on (1-based, for error messages).
    public struct Record: Equatable, Sendable {
        public var cells: [String]
        public var line: Int

        public init(cells: [String], line: Int) {
            self.cells = cells
            self.line = line
        }
    }

    /// The records in file order, without comments and blank lines.
    public var records: [Record]

    /// The first record (the header, when the file has one).
    public var header: Record? { records.first }
    /// Every record after the first.
    public var rows: ArraySlice<Record> { records.dropFirst() }

    /// Parses `text`; `source` names it in errors.
    /// - Throws: ``GalpakError`` `.badInput` for a quoted cell never closed or text after a
    ///   closing quote.
    public init(parsing text: String, source: String) throws {
        let input = Array(text.unicodeScalars)
        let n = input.count
        var pos = input.first == "\u{FEFF}" ? 1 : 0
        var line = 1
        var records: [Record] = []

        func isBlank(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" }
        func isLineEnd(_ c: Unicode.Scalar) -> Bool { c == "\n" || c == "\r" }
        /// Consumes one line end at `pos` (`\r\n` counts once).
        func consumeLineEnd() {
            if input[pos] == "\r", pos + 1 < n, input[pos + 1] == "\n" { pos += 1 }
            pos += 1
            line += 1
        }

        while pos < n {
            let start = line
            var lead = pos
            while lead < n, isBlank(input[lead]) { lead += 1 }
            if lead < n, input[lead] == "#" {
                pos = lead
                while pos < n, !isLineEnd(input[pos]) { pos += 1 }
                if pos < n { consumeLineEnd() }
                continue
            }
            var cells: [String] = []
            var hasContent = false
            while true {
                var p = pos
                while p < n, isBlank(input[p]) { p += 1 }
                if p < n, input[p] == "\"" {
                    hasContent = true
                    pos = p + 1
                    var value = String.UnicodeScalarView()
                    while true {
                        guard pos < n else {
                            throw GalpakError.badInput(source, "line \(start): a quoted cell is never closed")
                        }
                        let c = input[pos]
                        if c == "\"" {
                            if pos + 1 < n, input[pos + 1] == "\"" {
                                value.append("\"")
                                pos += 2
                                continue
                            }
                            pos += 1
                            break
                        }
                        if c == "\n" || (c == "\r" && !(pos + 1 < n && input[pos + 1] == "\n")) { line += 1 }
                        value.append(c)
                        pos += 1
                    }
                    while pos < n, isBlank(input[pos]) { pos += 1 }
                    if pos < n, input[pos] != ",", !isLineEnd(input[pos]) {
                        throw GalpakError.badInput(source,
                            "line \(line): text after a closing quote; inside a quoted cell write a quote as \"\"")
                    }
                    cells.append(String(value))
                } else {
                    var value = String.UnicodeScalarView()
                    while pos < n, input[pos] != ",", !isLineEnd(input[pos]) {
                        value.append(input[pos])
                        pos += 1
                    }
                    let cell = String(value).trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
                    if !cell.isEmpty { hasContent = true }
                    cells.append(cell)
                }
                if pos < n, input[pos] == "," {
                    hasContent = true
                    pos += 1
                    continue
                }
                if pos < n { consumeLineEnd() }
                break
            }
            if hasContent { records.append(Record(cells: cells, line: start)) }
        }
        self.records = records
    }

    /// Checks that every row has as many cells as the header.
    /// - Throws: ``GalpakError`` `.badInput` naming the first line that does not.
    public func requireRectangular(source: String) throws {
        guard let header else { return }
        for row in rows where row.cells.count != header.cells.count {
            throw GalpakError.badInput(source,
                "line \(row.line) has \(row.cells.count) cells but the header has \(header.cells.count) columns (put cells that contain commas in double quotes)")
        }
    }

    /// One CSV line (ending in `\n`), quoting the cells that would otherwise read back
    /// differently: those holding a comma, a quote or a line break, with spaces at either end,
    /// or starting with `#`.
    public static func line(_ cells: [String]) -> String {
        cells.map { cell in
            let special = cell.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
                || cell.first == " " || cell.last == " " || cell.first == "\t" || cell.last == "\t"
                || cell.first == "#"
            return special ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
        }.joined(separator: ",") + "\n"
    }
}
