import Foundation

/// The `<name>_chain.dat` file: one fixed-width row per chain row.
///
/// Columns: the ten parameter keys (`x … velocity_dispersion`), `reduced_chi`, then `weight`
/// (the number of iterations the state was held). The first eleven are the reference's
/// layout; `weight` is ours. A reference file, which has no `weight` column, reads as
/// weight 1 per row — exactly its meaning.
public enum ChainFile {
    /// Column names, in file order.
    public static let columns = ParameterName.allCases.map(\.key) + ["reduced_chi", "weight"]

    /// The file's text for `chain`.
    public static func text(for chain: Chain) -> String {
        var rows: [[String]] = []
        rows.reserveCapacity(chain.count)
        for row in 0..<chain.count {
            var cells = ParameterName.allCases.map { FixedWidthTable.cell(chain.value($0, at: row)) }
            cells.append(FixedWidthTable.cell(chain.reducedChi2(at: row)))
            cells.append(FixedWidthTable.cell(chain.weight(at: row)))
            rows.append(cells)
        }
        return FixedWidthTable(columns: columns, rows: rows).text
    }

    /// Reads a chain file (ours or the reference's).
    /// - Throws: ``GalpakError`` `.badInput` naming `path` if it cannot be read or is malformed.
    public static func read(path: String) throws -> Chain {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw GalpakError.badInput(path, "cannot be read (check that the file exists and is readable)")
        }
        return try parse(String(decoding: data, as: UTF8.self), source: path)
    }

    /// Parses chain-file text; `source` names it in errors. Columns are found by name, in any
    /// order; extra columns are ignored. Every row needs finite-or-NaN numbers in the eleven
    /// reference columns and, if present, a whole `weight` ≥ 1.
    /// - Throws: ``GalpakError`` `.badInput` for a missing column, a non-numeric cell, a bad
    ///   weight, or no rows.
    public static func parse(_ text: String, source: String) throws -> Chain {
        let table = try FixedWidthTable(parsing: text, source: source)
        let required = Array(columns.dropLast())
        let missing = required.filter { !table.columns.contains($0) }
        guard missing.isEmpty else {
            throw GalpakError.badInput(source,
                "is not a chain file: missing column(s) \(missing.joined(separator: ", "))")
        }
        guard !table.rows.isEmpty else {
            throw GalpakError.badInput(source, "the chain has no rows")
        }
        let index = required.map { table.columns.firstIndex(of: $0)! }
        let weightIndex = table.columns.firstIndex(of: "weight")

        var chain = Chain(reservingCapacity: table.rows.count)
        var values = [Double](repeating: 0, count: required.count)
        for (r, row) in table.rows.enumerated() {
            for (c, i) in index.enumerated() {
                guard let v = Double(row[i]) else {
                    throw GalpakError.badInput(source,
                        "row \(r + 1), column \(required[c]): '\(row[i])' is not a number")
                }
                values[c] = v
            }
            var weight = 1
            if let w = weightIndex {
                guard let parsed = Double(row[w]), parsed >= 1, parsed.rounded() == parsed,
                      parsed <= Double(Int32.max) else {
                    throw GalpakError.badInput(source,
                        "row \(r + 1), column weight: '\(row[w])' is not a whole number ≥ 1")
                }
                weight = Int(parsed)
            }
            chain.append(values: Array(values[..<GalaxyParameters.count]),
                         reducedChi2: values[GalaxyParameters.count], weight: weight)
        }
        return chain
    }
}
