import Foundation

/// The `<name>_chain.dat` file: one fixed-width row per chain row, chains one after another.
///
/// Columns: the ten parameter keys (`x … velocity_dispersion`), `reduced_chi`, then `weight`
/// (the number of iterations the state was held) and `chain` (0-based index of the
/// independent chain the row belongs to), then the keys of the fit's optional parameters
/// (`sersic_index`), if any. The first eleven are the reference's layout, so its reader reads
/// our files; the rest are ours. A reference file, which has neither, reads as one chain with
/// weight 1 per row — exactly its meaning. Rows of one chain keep their order; chains need not
/// be contiguous in the file.
public enum ChainFile {
    /// The reference's columns, which every chain file must have.
    static let referenceColumns = ParameterName.reference.map(\.key) + ["reduced_chi"]

    /// Column names, in file order, for chains of the parameters `names` (the ten by default).
    public static func columns<C: Collection<ParameterName>>(
        for names: C = ParameterName.reference) -> [String] {
        referenceColumns + ["weight", "chain"] + names.dropFirst(GalaxyParameters.referenceCount).map(\.key)
    }

    /// The file's text for one chain.
    public static func text(for chain: Chain) -> String {
        text(for: [chain])
    }

    /// The file's text for several chains, chain 0 first.
    public static func text(for chains: [Chain]) -> String {
        // (chain, row) of every line, chain 0 first.
        let lines = chains.indices.flatMap { index in (0..<chains[index].count).map { (index, $0) } }
        let names = chains.first?.names ?? ParameterName.reference
        return FixedWidthTable.text(columns: columns(for: names), rowCount: lines.count) { n in
            let (index, row) = lines[n]
            let chain = chains[index]
            var cells = ParameterName.reference.map { FixedWidthTable.cell(chain.value($0, at: row)) }
            cells.append(FixedWidthTable.cell(chain.reducedChi2(at: row)))
            cells.append(FixedWidthTable.cell(chain.weight(at: row)))
            cells.append(FixedWidthTable.cell(index))
            cells += names.dropFirst(GalaxyParameters.referenceCount).map { FixedWidthTable.cell(chain.value($0, at: row)) }
            return cells
        }
    }

    /// Reads a chain file (ours or the reference's): its chains, in chain-index order.
    /// `warn` hears of rows left out (see ``parse(_:source:warn:)``).
    /// - Throws: ``GalpakError`` `.badInput` naming `path` if it cannot be read or is malformed.
    public static func read(path: String, warn: (String) -> Void = { _ in }) throws -> [Chain] {
        let data = try InputFile.contents(path, what: "a chain file")
        return try parse(String(decoding: data, as: UTF8.self), source: path, warn: warn)
    }

    /// Parses chain-file text; `source` names it in errors. Columns are found by name, in any
    /// order; an optional parameter's column (`sersic_index`) adds that parameter (with those
    /// before it in ``ParameterName/all``, which the file must then have too), and other columns
    /// are ignored. Every row needs numbers in the eleven reference columns and the parameter
    /// columns and, if present, a whole `weight` ≥ 1 and a whole `chain` ≥ 0. A row with a NaN
    /// or infinite value in those columns describes no state: it is left out, and `warn` hears
    /// how many were. Chain indices that never occur (e.g. 0 and 2 without 1) are dropped.
    /// - Throws: ``GalpakError`` `.badInput` for a missing column, a non-numeric cell, a bad
    ///   weight or chain index, or no rows (or none with finite values).
    public static func parse(_ text: String, source: String, warn: (String) -> Void = { _ in }) throws -> [Chain] {
        let table = try FixedWidthTable(parsing: text, source: source)
        let chains = try indexedChains(table, source: source, warn: warn)
        guard !table.rows.isEmpty else {
            throw GalpakError.badInput(source, "the chain has no rows")
        }
        guard !chains.isEmpty else {
            throw GalpakError.badInput(source, "every one of its \(table.rows.count) rows holds a NaN or infinite value")
        }
        return chains.keys.sorted().map { chains[$0]! }
    }

    /// The chains of a parsed chain file by their index (the rules of ``parse(_:source:warn:)``,
    /// but no rows is no chains).
    static func indexedChains(_ table: FixedWidthTable, source: String,
                              warn: (String) -> Void = { _ in }) throws -> [Int: Chain] {
        // The parameters: the ten, then the optional ones the file has, in its order.
        let names = ParameterName.reference + ParameterFiles.optionalParameters(in: table.columns)
        let parameterKeys = names.map(\.key)
        let required = parameterKeys + ["reduced_chi"]
        let missing = required.filter { !table.columns.contains($0) }
        guard missing.isEmpty else {
            throw GalpakError.badInput(source,
                "is not a chain file: missing column(s) \(missing.joined(separator: ", "))")
        }
        let index = required.map { table.columns.firstIndex(of: $0)! }
        let weightIndex = table.columns.firstIndex(of: "weight")
        let chainIndex = table.columns.firstIndex(of: "chain")

        var chains: [Int: Chain] = [:]
        var values = [Double](repeating: 0, count: required.count)
        var nonFinite = 0
        for (r, row) in table.rows.enumerated() {
            for (c, i) in index.enumerated() {
                guard let v = Double(row[i]) else {
                    throw GalpakError.badInput(source,
                        "row \(r + 1), column \(required[c]): '\(row[i])' is not a number")
                }
                values[c] = v
            }
            let weight = try wholeNumber(row, weightIndex, minimum: 1, name: "weight", row: r, source: source) ?? 1
            let chain = try wholeNumber(row, chainIndex, minimum: 0, name: "chain", row: r, source: source) ?? 0
            guard values.allSatisfy(\.isFinite) else {
                nonFinite += 1
                continue
            }
            chains[chain, default: Chain(names: names)].append(
                values: Array(values[..<parameterKeys.count]),
                reducedChi2: values[parameterKeys.count], weight: weight)
        }
        if nonFinite > 0 {
            warn("\(source): \(nonFinite) of its \(table.rows.count) rows \(nonFinite == 1 ? "holds" : "hold") a NaN "
                + "or infinite value; \(nonFinite == 1 ? "it is" : "they are") left out")
        }
        return chains
    }

    /// The whole number in column `column` of `row` (nil when the file has no such column).
    private static func wholeNumber(_ row: [String], _ column: Int?, minimum: Int, name: String,
                                    row r: Int, source: String) throws -> Int? {
        guard let column else { return nil }
        guard let parsed = Double(row[column]), parsed >= Double(minimum), parsed.rounded() == parsed,
              parsed <= Double(Int32.max) else {
            throw GalpakError.badInput(source,
                "row \(r + 1), column \(name): '\(row[column])' is not a whole number ≥ \(minimum)")
        }
        return Int(parsed)
    }
}
