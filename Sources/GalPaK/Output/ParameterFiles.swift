import Foundation

/// The two parameter files of a fit: `<name>_galaxy_parameters.dat` (machine-readable) and
/// `<name>_galaxy_parameters.txt` (human-readable), in the reference's exact layouts.
/// The writers return text; write it with ``AtomicFile/write(text:to:)``.
public enum ParameterFiles {
    /// `_galaxy_parameters.dat`: a fixed-width table with a column per parameter (the ten, then
    /// any optional ones) and the
    /// rows value, stdev, lower, upper (lower/upper only when not all NaN, as the reference
    /// writes two rows when it has no percentiles). A Laplace fit's table starts with the
    /// comment line ``Estimator/label``.
    public static func table(for estimate: ParameterEstimate, estimator: Estimator = .mcmc) -> String {
        var sets = [estimate.value, estimate.stdev]
        if hasInterval(estimate) { sets += [estimate.lower, estimate.upper] }
        let rows = sets.map { p in p.values.map(FixedWidthTable.cell) }
        var table = FixedWidthTable(columns: estimate.value.names.map(\.key), rows: rows)
        table.comment = estimator.label
        return table.text
    }

    /// Reads `_galaxy_parameters.dat` (ours or the reference's): 2 rows (value, stdev) or 4
    /// (…, lower, upper); lower/upper are all NaN when absent.
    /// - Throws: ``GalpakError`` `.badInput` naming `path` if unreadable or malformed.
    public static func readTable(path: String) throws -> ParameterEstimate {
        let data = try InputFile.contents(path, what: "a parameter table")
        return try parseTable(String(decoding: data, as: UTF8.self), source: path)
    }

    /// The optional parameters among a table's column names, in their order: every column that
    /// names a parameter other than the reference's ten (``ParameterName/init(key:)``).
    static func optionalParameters(in columns: [String]) -> [ParameterName] {
        columns.compactMap { column in
            ParameterName(key: column).flatMap { ParameterName.reference.contains($0) || $0.key != column ? nil : $0 }
        }
    }

    /// Parses `_galaxy_parameters.dat` text; `source` names it in errors. Optional parameters'
    /// columns are read when present, in the file's order.
    public static func parseTable(_ text: String, source: String) throws -> ParameterEstimate {
        let table = try FixedWidthTable(parsing: text, source: source)
        let names = ParameterName.reference + optionalParameters(in: table.columns)
        let keys = names.map(\.key)
        let missing = keys.filter { !table.columns.contains($0) }
        guard missing.isEmpty else {
            throw GalpakError.badInput(source,
                "is not a galaxy parameters file: missing column(s) \(missing.joined(separator: ", "))")
        }
        guard table.rows.count == 2 || table.rows.count == 4 else {
            throw GalpakError.badInput(source,
                "has \(table.rows.count) rows; expected 2 (value, stdev) or 4 (value, stdev, lower, upper)")
        }
        let index = keys.map { table.columns.firstIndex(of: $0)! }
        let sets = try table.rows.enumerated().map { r, row in
            GalaxyParameters(try index.enumerated().map { c, i in
                guard let v = Double(row[i]) else {
                    throw GalpakError.badInput(source, "row \(r + 1), column \(keys[c]): '\(row[i])' is not a number")
                }
                return v
            }, names: names)
        }
        return sets.count == 4
            ? ParameterEstimate(value: sets[0], stdev: sets[1], lower: sets[2], upper: sets[3])
            : ParameterEstimate(value: sets[0], stdev: sets[1])
    }

    /// `_galaxy_parameters.txt`, byte for byte like the reference's `long_info()`:
    ///
    /// ```
    /// (empty line)
    ///  Galaxy Parameters : value (± stdev) [units]<TAB> [Confidence Interval]
    ///     x: 14.97 ± 0.02 (pixel)<TAB> CI 95%: [14.93,14.99]··
    /// ```
    /// one line per parameter, each number in the parameter's ``ParameterName/displayFormat``,
    /// ending in two spaces when there is an interval. A NaN stdev drops ` ± …`; all-NaN
    /// lower/upper (or `percentile` nil) drop the interval parts, and a parameter whose own
    /// bounds are both NaN (a Laplace mode on a bound, which has no error) drops its interval. `percentile` is written like
    /// Python's `str`: `95` for a whole number, else e.g. `68.3`.
    /// A parameter in `atBound` gets `  [at its minimum]` (or maximum) after its line: its value
    /// is a limit set by the bound (``BoundProximity``).
    ///
    /// A Laplace fit's text (`estimator` ``Estimator/laplace``) says so: the title line is
    /// ``Estimator/label``, the header reads `mode (± stdev from the curvature) [units]	 [mode ± z stdev]`
    /// and each interval is marked `±1.96σ 95%:` instead of `CI 95%:`.
    public static func text(for estimate: ParameterEstimate, percentile: Double?,
                            atBound: [ParameterName: BoundProximity.Side] = [:], estimator: Estimator = .mcmc) -> String {
        let interval = percentile != nil && hasInterval(estimate)
        let z = percentile.map { NormalQuantile.halfWidth(percentile: $0) } ?? .nan
        var s = "\n"
        if let label = estimator.label {
            s += " \(label)\n Galaxy Parameters : mode (± stdev from the curvature) [units]"
            if interval { s += "\t [mode ± \(String(format: "%.3g", z)) stdev]" }
        } else {
            s += " Galaxy Parameters : value (± stdev) [units]"
            if interval { s += "\t [Confidence Interval]" }
        }
        s += "\n"
        for name in estimate.value.names {
            let f = name.displayFormat
            s += "    \(name.key): " + String(format: f, estimate.value[name])
            let sd = estimate.stdev[name]
            if !sd.isNaN { s += " ± " + String(format: f, sd) }
            s += " (\(name.unit))"
            if interval, let p = percentile, !(estimate.lower[name].isNaN && estimate.upper[name].isNaN) {
                s += estimator.hasChains ? "\t CI \(percentText(p))%:" : "\t ±\(String(format: "%.3g", z))σ \(percentText(p))%:"
                s += " [" + String(format: f, estimate.lower[name]) + "," + String(format: f, estimate.upper[name]) + "]  "
            }
            if let side = atBound[name] { s += "  [at its \(side == .min ? "minimum" : "maximum")]" }
            s += "\n"
        }
        return s
    }

    private static func hasInterval(_ e: ParameterEstimate) -> Bool {
        !(e.lower.values.allSatisfy(\.isNaN) && e.upper.values.allSatisfy(\.isNaN))
    }

    private static func percentText(_ p: Double) -> String {
        p == p.rounded() && abs(p) < 1e15 ? String(Int(p)) : PythonFloat.repr(p)
    }
}
