import Foundation

/// The cubes of a batch, each with its own fit options, in a fixed order.
///
/// A batch's inputs are any mix of:
/// - a manifest: CSV (see ``CSVTable``) whose header names a `cube` column and, optionally,
///   columns named like `galpak fit` options (`seeing`, `lsf_fwhm` or `lsf-fwhm`, `output`, …);
///   an empty cell leaves that option at the batch's default;
/// - a plain list: one cube path per line (no commas), blank lines and `#` comments skipped;
/// - a cube path (`.fits`, `.fit`, `.fts`, optionally compressed), kept even if it does not
///   exist so that it fails alone, by name;
/// - a glob pattern (`cubes/*.fits`), expanded in sorted order.
///
/// Relative paths stay relative to the working directory of the batch.
public struct BatchManifest: Sendable, Equatable {
    /// One per-cube option: the long option name (`lsf-fwhm`) and its text.
    public typealias Setting = OptionSetting

    /// One cube to fit.
    public struct Entry: Sendable, Equatable {
        /// Position in the whole batch, 0-based: shards and summaries refer to it.
        public var index: Int
        /// Path of the cube.
        public var cube: String
        /// The cube's own options, in column order (empty cells left out).
        public var settings: [Setting]
        /// Where the entry comes from (`manifest.csv line 4`, `command line`), for messages.
        public var origin: String

        public init(index: Int, cube: String, settings: [Setting] = [], origin: String) {
            self.index = index
            self.cube = cube
            self.settings = settings
            self.origin = origin
        }

        /// The value of the option `name`, if this cube sets it.
        public func value(of name: String) -> String? {
            settings.last { $0.name == name }?.value
        }
    }

    /// Every cube, in input order, `index` counting from 0.
    public var entries: [Entry]

    /// The column naming the cube.
    public static let cubeColumn = "cube"

    /// A batch of these entries (their `index` is kept as given).
    public init(entries: [Entry]) {
        self.entries = entries
    }

    /// Reads the batch's `inputs`; `allowedColumns` are the long option names a manifest
    /// column may have (besides `cube`).
    /// - Throws: ``GalpakError`` `.badInput` for an unreadable manifest, an unknown or repeated
    ///   column, a row without a cube, a pattern matching nothing, or no cube at all (naming
    ///   the inputs); before anything runs.
    public init(inputs: [String], allowedColumns: Set<String>) throws {
        var entries: [Entry] = []
        for input in inputs {
            let found: [Entry]
            if Self.isPattern(input) {
                let paths = Self.expand(pattern: input)
                guard !paths.isEmpty else {
                    throw GalpakError.badInput(input, "no file matches this pattern")
                }
                found = paths.map { Entry(index: 0, cube: $0, origin: "pattern \(input)") }
            } else if Self.isCubePath(input) {
                found = [Entry(index: 0, cube: input, origin: "command line")]
            } else {
                try InputFile.checkRegular(input, what: "a manifest")
                guard let data = FileManager.default.contents(atPath: input) else {
                    throw GalpakError.badInput(input,
                        "cannot be read; give a manifest (CSV with a cube column, or one path per line), FITS cubes or a quoted pattern such as 'cubes/*.fits'")
                }
                found = try Self.parse(String(decoding: data, as: UTF8.self), source: input,
                                       allowedColumns: allowedColumns)
            }
            for var entry in found {
                entry.index = entries.count
                entries.append(entry)
            }
        }
        guard !entries.isEmpty else {
            let names = inputs.joined(separator: ", ")
            switch inputs.count {
            case 0: throw GalpakError(.badInput, "no cube to fit: give a manifest, cubes or a pattern")
            case 1: throw GalpakError.badInput(names, "lists no cube to fit (a manifest needs a row, or a line, per cube)")
            default: throw GalpakError(.badInput, "no cube to fit: none of \(names) lists one")
            }
        }
        self.entries = entries
    }

    /// The entries of one manifest's text (`index` left at 0).
    /// - Throws: ``GalpakError`` `.badInput` as for ``init(inputs:allowedColumns:)``.
    public static func parse(_ text: String, source: String, allowedColumns: Set<String>) throws -> [Entry] {
        let table = try CSVTable(parsing: text, source: source)
        guard let header = table.header else { return [] }
        let names = header.cells.map(OptionSetting.canonicalName)
        if !names.contains(cubeColumn) {
            if header.cells.count > 1 {
                throw GalpakError.badInput(source,
                    "line \(header.line): the header needs a 'cube' column (found \(listed(header.cells)))")
            }
            return plainList(text, source: source)
        }
        try table.requireRectangular(source: source)
        var seen = Set<String>()
        for (column, name) in zip(header.cells, names) {
            guard seen.insert(name).inserted else {
                throw GalpakError.badInput(source, "the column '\(column)' appears twice")
            }
        }
        let unknown = zip(header.cells, names).filter { $0.1 != cubeColumn && !allowedColumns.contains($0.1) }
        guard unknown.isEmpty else {
            let allowed = allowedColumns.sorted().map { $0.replacingOccurrences(of: "-", with: "_") }
            throw GalpakError.badInput(source,
                "unknown column(s) \(listed(unknown.map { "'\($0.0)'" })); the columns are cube and the fit options: \(allowed.joined(separator: ", "))")
        }
        let cubeIndex = names.firstIndex(of: cubeColumn)!
        return try table.rows.map { row in
            let cube = row.cells[cubeIndex]
            guard !cube.isEmpty else {
                throw GalpakError.badInput(source, "line \(row.line): the cube cell is empty")
            }
            let settings = zip(names, row.cells).enumerated()
                .filter { $0.offset != cubeIndex && !$0.element.1.isEmpty }
                .map { Setting(name: $0.element.0, value: $0.element.1) }
            return Entry(index: 0, cube: cube, settings: settings, origin: "\(source) line \(row.line)")
        }
    }

    /// True for a FITS file name (`.fits`, `.fit`, `.fts`, optionally `.gz`, `.fz`, `.bz2`).
    public static func isCubePath(_ path: String) -> Bool {
        var name = path.lowercased()
        for ext in [".gz", ".fz", ".bz2"] where name.hasSuffix(ext) { name = String(name.dropLast(ext.count)) }
        return [".fits", ".fit", ".fts"].contains { name.hasSuffix($0) }
    }

    /// True when `input` holds a glob metacharacter (`*`, `?`, `[`).
    public static func isPattern(_ input: String) -> Bool {
        input.contains { $0 == "*" || $0 == "?" || $0 == "[" }
    }

    /// The files matching a glob pattern, sorted.
    static func expand(pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard glob(pattern, 0, nil, &result) == 0 else { return [] }
        return (0..<Int(result.gl_pathc)).compactMap { i in
            result.gl_pathv[i].map { String(cString: $0) }
        }.sorted()
    }

    /// Most items a message lists.
    static let listedItems = 10

    /// `items` joined by commas, the first ``listedItems`` only and then their number (a
    /// line of 200 000 commas is 200 001 empty columns, not a message of that length).
    private static func listed(_ items: [String]) -> String {
        guard items.count > listedItems else { return items.joined(separator: ", ") }
        return items.prefix(listedItems).joined(separator: ", ") + ", … (\(items.count) in all)"
    }

    private static func plainList(_ text: String, source: String) -> [Entry] {
        var entries: [Entry] = []
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        for (number, line) in body.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let path = line.trimmingCharacters(in: .whitespaces)
            guard !path.isEmpty, !path.hasPrefix("#") else { continue }
            entries.append(Entry(index: 0, cube: path, origin: "\(source) line \(number + 1)"))
        }
        return entries
    }
}
