import Foundation
import Testing
@testable import GalPaK

/// The batch summary: its CSV and JSON, reading it back, merging shards.
@Suite struct BatchSummaryTests {
    static func record(x: Double) -> FitRecord {
        var parameters: [String: FitRecord.Estimate] = [:]
        for (i, name) in ParameterName.reference.enumerated() {
            let v = name == .x ? x : Double(i) + 0.5
            parameters[name.key] = FitRecord.Estimate(value: v, stdev: 0.1, lower: v - 0.2, upper: v + 0.2)
        }
        return FitRecord(parameters: parameters, reducedChi2: 1.02, bestReducedChi2: 1.01, accepted: 300,
                         stopReason: "completed", maxRHat: 1.2)
    }

    static func row(_ index: Int, _ status: BatchSummary.Status, x: Double = 7) -> BatchSummary.Row {
        BatchSummary.Row(index: index, cube: "c\(index).fits", status: status, prefix: "out/c\(index)/c\(index)",
                         log: "out/c\(index)/c\(index).log", wallSeconds: status == .ok ? 1.5 : nil,
                         error: status == .failed ? "c\(index).fits: no such file" : nil,
                         fit: status == .ok || status == .skipped ? record(x: x) : nil)
    }

    @Test func csvHasOneRowPerCubeWithEveryParameterAndItsErrors() throws {
        let summary = BatchSummary(rows: [Self.row(0, .ok), Self.row(1, .failed)], totalCubes: 2)
        let table = try CSVTable(parsing: summary.csvText, source: "summary.csv")
        try table.requireRectangular(source: "summary.csv")
        let header = try #require(table.header).cells
        for name in ParameterName.reference {
            for column in [name.key, "\(name.key)_stdev", "\(name.key)_lower", "\(name.key)_upper"] {
                #expect(header.contains(column), "no column \(column)")
            }
        }
        func cell(_ row: Int, _ column: String) -> String { Array(table.rows)[row].cells[header.firstIndex(of: column)!] }
        #expect(cell(0, "status") == "ok")
        #expect(cell(0, "x") == "7.0")
        #expect(cell(0, "x_upper") == "7.2")
        #expect(cell(0, "reduced_chi2") == "1.02")
        #expect(cell(0, "convergence") == "not converged")
        #expect(cell(1, "status") == "failed")
        #expect(cell(1, "x") == "")
        #expect(cell(1, "error") == "c1.fits: no such file")
    }

    /// Fits with optional parameters: their columns come after the reference's, which stay as
    /// a table of ten-parameter fits has them, one group per name any fit has, empty where a fit
    /// lacks it; the JSON keeps each fit's own.
    @Test func optionalParametersFollowTheReferenceColumns() throws {
        var rows = [Self.row(0, .ok), Self.row(1, .ok), Self.row(2, .ok), Self.row(3, .failed)]
        let extra = ["psf_fwhm": 0.81, "sersic_index": 2.5, "ratio_6583.45": 0.35]
        rows[0].fit?.parameters["psf_fwhm"] = FitRecord.Estimate(value: 0.81, stdev: 0.02, lower: 0.77, upper: 0.85)
        for key in ["ratio_6583.45", "sersic_index"] {
            rows[2].fit?.parameters[key] = FitRecord.Estimate(value: extra[key], stdev: 0.1, lower: nil, upper: nil)
        }
        let summary = BatchSummary(rows: rows, totalCubes: 4)
        #expect(summary.optionalKeys == ["sersic_index", "psf_fwhm", "ratio_6583.45"])
        let table = try CSVTable(parsing: summary.csvText, source: "summary.csv")
        try table.requireRectangular(source: "summary.csv")
        let header = try #require(table.header).cells
        let plain = try CSVTable(parsing: BatchSummary(rows: [Self.row(0, .ok)], totalCubes: 1).csvText, source: "plain.csv")
        #expect(plain.header?.cells == BatchSummary.csvColumns)
        #expect(Array(header.prefix(BatchSummary.csvColumns.count)) == BatchSummary.csvColumns)
        #expect(Array(header.dropFirst(BatchSummary.csvColumns.count)) == ["sersic_index", "psf_fwhm", "ratio_6583.45"].flatMap {
            [$0, "\($0)_stdev", "\($0)_lower", "\($0)_upper"]
        })
        func cell(_ row: Int, _ column: String) -> String { Array(table.rows)[row].cells[header.firstIndex(of: column)!] }
        #expect(cell(0, "psf_fwhm") == "0.81" && cell(0, "psf_fwhm_upper") == "0.85" && cell(0, "sersic_index") == "")
        #expect(cell(1, "psf_fwhm") == "" && cell(3, "psf_fwhm_stdev") == "")
        #expect(cell(2, "ratio_6583.45") == "0.35" && cell(2, "ratio_6583.45_lower") == "" && cell(2, "sersic_index") == "2.5")
        // Every row's own values, unchanged, in the reference's columns.
        #expect(Array(table.rows)[0].cells.prefix(BatchSummary.csvColumns.count) == Array(plain.rows)[0].cells.prefix(BatchSummary.csvColumns.count))
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let files = BatchSummary.files(in: dir.path, shard: nil)
        try summary.write(csv: files.csv, json: files.json)
        #expect(try BatchSummary.read(path: files.json) == summary)
        let json = try JSONValue.parse(summary.jsonText)
        #expect(try JSONSchemaTests.validator("galpak-batch-summary.schema.json").errors(in: json) == [])
        guard case .array(let cubes)? = json["cubes"] else { Issue.record("no cubes"); return }
        #expect(cubes[2]["parameters"]?["ratio_6583.45"]?["value"] == .number(0.35) && cubes[1]["parameters"]?["psf_fwhm"] == nil)
    }

    @Test func jsonReadsBackAsTheSameSummary() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let summary = BatchSummary(rows: [Self.row(3, .ok), Self.row(4, .failed), Self.row(5, .pending)],
                                   totalCubes: 9, shard: try BatchShard(index: 1, count: 3))
        let files = BatchSummary.files(in: dir.path, shard: summary.shard)
        #expect(files.json.hasSuffix("/summary-1-of-3.json"))
        try summary.write(csv: files.csv, json: files.json)
        #expect(try BatchSummary.read(path: files.json) == summary)
        #expect(try BatchSummary.summaryFiles(in: dir.path) == [files.json])
        #expect(throws: GalpakError.self) { try BatchSummary.read(path: files.csv) }
    }

    @Test func mergeJoinsShardsKeepsTheBestStatusAndFindsGaps() throws {
        let a = BatchSummary(rows: [Self.row(0, .ok), Self.row(1, .failed)], totalCubes: 6, shard: try BatchShard(index: 0, count: 3))
        let b = BatchSummary(rows: [Self.row(2, .interrupted), Self.row(3, .ok)], totalCubes: 6, shard: try BatchShard(index: 1, count: 3))
        let rerun = BatchSummary(rows: [Self.row(1, .ok, x: 9), Self.row(2, .pending)], totalCubes: 6)
        let merged = BatchSummary.merge([a, b, rerun])
        #expect(merged.summary.rows.map(\.index) == [0, 1, 2, 3])
        #expect(merged.summary.rows.map(\.status) == [.ok, .ok, .interrupted, .ok])
        #expect(merged.summary.rows[1].fit?.parameters["x"]?.value == 9)
        #expect(merged.missing == [4, 5])
        #expect(merged.conflictingTotals.isEmpty)
        #expect(merged.summary.shard == nil)
        #expect(BatchSummary.merge([a, BatchSummary(rows: [], totalCubes: 8)]).conflictingTotals == [6, 8])
    }

    @Test func shardSummariesAreFoundByName() {
        #expect(BatchSummary.isShardSummary("summary-0-of-12.json"))
        #expect(!BatchSummary.isShardSummary("summary.json"))
        #expect(!BatchSummary.isShardSummary("summary-a-of-2.json"))
        #expect(!BatchSummary.isShardSummary("summary-1-of-2.csv"))
    }
}
