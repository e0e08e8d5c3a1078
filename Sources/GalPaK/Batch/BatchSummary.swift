import Foundation

/// The table of a batch, one row per cube, as `summary.csv` and `summary.json`.
///
/// CSV columns (``csvColumns``): `index` (0-based position in the batch), `cube`, `status`,
/// `prefix`, then for each of the reference's ten parameters `NAME`, `NAME_stdev`, `NAME_lower`,
/// `NAME_upper`, then `reduced_chi2`, `best_reduced_chi2`, `rhat_max`, `convergence`,
/// `accepted`, `stop_reason`, `wall_seconds`, `error`, `log`; then the same four columns for
/// each optional parameter any fit of the table has (``optionalKeys``: `sersic_index`,
/// `psf_fwhm`, `ratio_<wave>`, …), empty in the rows of fits without it, so that the columns
/// before them are those of a table of ten-parameter fits. An unknown number is an empty cell
/// (`null` in JSON).
///
/// The JSON (every key: `docs/json-schema.md`) holds the same rows under `cubes` (parameters
/// nested by name, each row its own fit's), plus `schema_version` (``ParametersJSON/schemaVersion``), `total_cubes`
/// (the size of the whole batch), `shard` (`{"index", "count"}` or `null`) and `counts` by
/// status, so that shards' summaries can be merged and checked for gaps.
public struct BatchSummary: Sendable, Equatable {
    /// What happened to a cube.
    public enum Status: String, Sendable, CaseIterable, Comparable {
        /// Fitted by this run.
        case ok
        /// Its outputs were already complete; not refitted.
        case skipped
        /// The fit failed; `error` says why.
        case failed
        /// Stopped by SIGINT/SIGTERM; the next run fits it again.
        case interrupted
        /// Not started (yet).
        case pending

        public static func < (a: Status, b: Status) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }
    }

    /// One cube.
    public struct Row: Sendable, Equatable {
        public var index: Int
        public var cube: String
        public var status: Status
        /// Output prefix of the cube's fit.
        public var prefix: String
        /// The fit's log (its stderr and stdout).
        public var log: String
        /// Wall time of the fit in this run, seconds.
        public var wallSeconds: Double?
        /// Why it failed.
        public var error: String?
        /// The fit's results, for `ok` and `skipped`.
        public var fit: FitRecord?

        public init(index: Int, cube: String, status: Status, prefix: String, log: String,
                    wallSeconds: Double? = nil, error: String? = nil, fit: FitRecord? = nil) {
            self.index = index
            self.cube = cube
            self.status = status
            self.prefix = prefix
            self.log = log
            self.wallSeconds = wallSeconds
            self.error = error
            self.fit = fit
        }
    }

    /// Rows in batch order.
    public var rows: [Row]
    /// Number of cubes in the whole batch (all shards).
    public var totalCubes: Int
    /// The slice these rows are, or nil for a whole batch.
    public var shard: BatchShard?

    public init(rows: [Row], totalCubes: Int, shard: BatchShard? = nil) {
        self.rows = rows
        self.totalCubes = totalCubes
        self.shard = shard
    }

    /// Number of rows with `status`.
    public func count(_ status: Status) -> Int {
        rows.count { $0.status == status }
    }

    /// The CSV header's columns that every table has, before any optional parameter's.
    public static let csvColumns: [String] =
        ["index", "cube", "status", "prefix"]
        + ParameterName.reference.flatMap { estimateColumns($0.key) }
        + ["reduced_chi2", "best_reduced_chi2", "rhat_max", "convergence", "accepted", "stop_reason",
           "wall_seconds", "error", "log"]

    /// The four columns of one parameter: `NAME`, `NAME_stdev`, `NAME_lower`, `NAME_upper`.
    static func estimateColumns(_ key: String) -> [String] {
        [key, "\(key)_stdev", "\(key)_lower", "\(key)_upper"]
    }

    /// The optional parameters of the table's fits: every key beyond the reference's ten that
    /// any row's fit has, in ``FitRecord/ordered(_:)`` order.
    public var optionalKeys: [String] {
        FitRecord.ordered(rows.flatMap { $0.fit?.optionalKeys ?? [] })
    }

    /// `summary.csv`: ``csvColumns``, then four columns per key of ``optionalKeys``.
    public var csvText: String {
        let optional = optionalKeys
        var text = CSVTable.line(Self.csvColumns + optional.flatMap(Self.estimateColumns))
        for row in rows {
            let fit = row.fit
            var cells = [String(row.index), row.cube, row.status.rawValue, row.prefix]
            for name in ParameterName.reference {
                let e = fit?.parameters[name.key]
                cells += [e?.value, e?.stdev, e?.lower, e?.upper].map(Self.cell)
            }
            cells += [Self.cell(fit?.reducedChi2), Self.cell(fit?.bestReducedChi2), Self.cell(fit?.maxRHat),
                      fit?.convergence ?? "", fit?.accepted.map(String.init) ?? "", fit?.stopReason ?? "",
                      Self.cell(row.wallSeconds), row.error ?? "", row.log]
            for key in optional {
                let e = fit?.parameters[key]
                cells += [e?.value, e?.stdev, e?.lower, e?.upper].map(Self.cell)
            }
            text += CSVTable.line(cells)
        }
        return text
    }

    /// `summary.json`.
    public var jsonText: String {
        typealias J = ParametersJSON
        let counts = Status.allCases.map { "\(J.string($0.rawValue)): \(count($0))" }.joined(separator: ", ")
        let shardText = shard.map { "{\"index\": \($0.index), \"count\": \($0.count)}" } ?? "null"
        let cubes = rows.map { row -> String in
            let fit = row.fit
            let parameters = fit.map { fit in
                "{" + (ParameterName.reference.map(\.key) + fit.optionalKeys).map { key in
                    let e = fit.parameters[key]
                    return "\(J.string(key)): {\"value\": \(Self.json(e?.value)), \"stdev\": \(Self.json(e?.stdev)), "
                        + "\"lower\": \(Self.json(e?.lower)), \"upper\": \(Self.json(e?.upper))}"
                }.joined(separator: ", ") + "}"
            } ?? "null"
            let fields: [(String, String)] = [
                ("index", String(row.index)), ("cube", J.string(row.cube)), ("status", J.string(row.status.rawValue)),
                ("prefix", J.string(row.prefix)), ("log", J.string(row.log)),
                ("wall_seconds", Self.json(row.wallSeconds)), ("error", row.error.map(J.string) ?? "null"),
                ("reduced_chi2", Self.json(fit?.reducedChi2)), ("best_reduced_chi2", Self.json(fit?.bestReducedChi2)),
                ("rhat_max", Self.json(fit?.maxRHat)), ("convergence", fit?.convergence.map(J.string) ?? "null"),
                ("accepted", fit?.accepted.map(String.init) ?? "null"),
                ("stop_reason", fit?.stopReason.map(J.string) ?? "null"),
                ("parameters", parameters),
            ]
            return "    {" + fields.map { "\(J.string($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
        }
        return """
            {
              "format": "galpak batch summary",
              "schema_version": \(ParametersJSON.schemaVersion),
              "total_cubes": \(totalCubes),
              "shard": \(shardText),
              "counts": {\(counts)},
              "cubes": [
            \(cubes.joined(separator: ",\n"))
              ]
            }

            """
    }

    /// Writes ``csvText`` and ``jsonText`` atomically, so a reader (or a killed batch) only
    /// ever sees a whole table.
    public func write(csv: String, json: String) throws {
        try AtomicFile.write(text: csvText, to: csv)
        try AtomicFile.write(text: jsonText, to: json)
    }

    /// Reads a `summary.json`.
    /// - Throws: ``GalpakError`` `.badInput` if it cannot be read or is not a batch summary.
    public static func read(path: String) throws -> BatchSummary {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw GalpakError.badInput(path, "cannot be read")
        }
        guard let json = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
              json["format"] as? String == "galpak batch summary",
              let total = (json["total_cubes"] as? NSNumber)?.intValue,
              let cubes = json["cubes"] as? [[String: Any]] else {
            throw GalpakError.badInput(path, "is not a galpak batch summary (summary.json)")
        }
        var shard: BatchShard?
        if let s = json["shard"] as? [String: Any],
           let k = (s["index"] as? NSNumber)?.intValue, let n = (s["count"] as? NSNumber)?.intValue {
            shard = try? BatchShard(index: k, count: n)
        }
        let rows = try cubes.enumerated().map { (i, cube) -> Row in
            guard let index = (cube["index"] as? NSNumber)?.intValue, let cubePath = cube["cube"] as? String,
                  let statusText = cube["status"] as? String, let status = Status(rawValue: statusText) else {
                throw GalpakError.badInput(path, "cube \(i + 1) lacks an index, cube or known status")
            }
            var fit: FitRecord?
            if let parameters = cube["parameters"] as? [String: Any] {
                var estimates: [String: FitRecord.Estimate] = [:]
                for (key, value) in parameters {
                    let e = value as? [String: Any]
                    estimates[key] = FitRecord.Estimate(
                        value: FitRecord.number(e?["value"]), stdev: FitRecord.number(e?["stdev"]),
                        lower: FitRecord.number(e?["lower"]), upper: FitRecord.number(e?["upper"]))
                }
                fit = FitRecord(parameters: estimates, reducedChi2: FitRecord.number(cube["reduced_chi2"]),
                                bestReducedChi2: FitRecord.number(cube["best_reduced_chi2"]),
                                accepted: FitRecord.number(cube["accepted"]).map { Int($0) },
                                stopReason: cube["stop_reason"] as? String, maxRHat: FitRecord.number(cube["rhat_max"]))
            }
            return Row(index: index, cube: cubePath, status: status, prefix: cube["prefix"] as? String ?? "",
                       log: cube["log"] as? String ?? "", wallSeconds: FitRecord.number(cube["wall_seconds"]),
                       error: cube["error"] as? String, fit: fit)
        }
        return BatchSummary(rows: rows, totalCubes: total, shard: shard)
    }

    private static func cell(_ v: Double?) -> String {
        v.map { "\($0)" } ?? ""
    }

    private static func json(_ v: Double?) -> String {
        v.map(ParametersJSON.number) ?? "null"
    }
}
