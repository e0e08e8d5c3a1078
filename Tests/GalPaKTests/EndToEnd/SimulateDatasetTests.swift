import Foundation
import Testing
@testable import GalPaK

/// `galpak simulate --dataset N --priors FILE.json --outdir DIR` as a user runs it: N cubes and
/// their truth table, reproducible from the seed, every value inside its prior, each row
/// reproducible alone, existing outputs kept, bad priors refused before anything is written.
@Suite struct SimulateDatasetTests {
    static let priors = #"{"x": [7, 9], "y": [7, 9], "z": {"normal": [10, 1]}, "flux": {"loguniform": [100, 1000]}, "#
        + #""radius": [2, 3], "inclination": {"uniform": [20, 80]}, "pa": [0, 360], "turnover_radius": 1.2, "#
        + #""maximum_velocity": [100, 250], "velocity_dispersion": {"normal": [50, 10]}, "#
        + #""snr": {"loguniform": [3, 30]}, "seeing": [0.6, 1.0]}"#
    static let count = 5
    static let grid = ["--shape", "16,16,20"]

    private func dataset(_ dir: URL, outdir: String = "ds", seed: String = "3", extra: [String] = []) throws -> CommandLineRunner.Outcome {
        try CommandLineRunner.run(["simulate", "--dataset", "\(Self.count)", "--priors", "priors.json", "--outdir", outdir,
                                   "--seed", seed] + Self.grid + extra, in: dir)
    }

    private func prepared() throws -> URL {
        let dir = try TestSupport.temporaryDirectory()
        try Self.priors.write(to: dir.appendingPathComponent("priors.json"), atomically: true, encoding: .utf8)
        return dir
    }

    private func cube(_ path: URL) throws -> (data: [Double], fits: FITSFile) {
        let fits = try FITSFile(reading: path.path)
        try fits.moveTo(hdu: 2)
        return (try fits.readImage(), fits)
    }

    private func truth(_ dir: URL) throws -> CSVTable {
        try CSVTable(parsing: String(contentsOf: dir.appendingPathComponent("truth.csv"), encoding: .utf8), source: "truth.csv")
    }

    @Test func writesTheCubesAndTheirTruthReproducibly() throws {
        let dir = try prepared()
        defer { try? FileManager.default.removeItem(at: dir) }
        let outcome = try dataset(dir)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("5/5 cubes written"), "\(outcome.stderr)")
        let ds = dir.appendingPathComponent("ds")
        let names = (0..<Self.count).map { String(format: "cube_%04d", $0) }
        let listing = try FileManager.default.contentsOfDirectory(atPath: ds.path).sorted()
        #expect(listing == (names.flatMap { ["\($0).fits", "\($0).json"] } + ["dataset.json", "truth.csv"]).sorted(),
                "left: \(listing)")

        let table = try truth(dir.appendingPathComponent("ds"))
        let header = try #require(table.header?.cells)
        #expect(header == ["file", "seed", "x", "y", "z", "flux", "radius", "inclination", "pa", "turnover_radius",
                           "maximum_velocity", "velocity_dispersion", "snr", "seeing", "sigma"])
        #expect(table.rows.map { $0.cells[0] } == names.map { "\($0).fits" })
        func column(_ key: String) -> [Double] {
            let k = header.firstIndex(of: key)!
            return table.rows.map { Double($0.cells[k])! }
        }
        // Every value inside its prior (the normals inside their valid values).
        let ranges: [String: ClosedRange<Double>] = [
            "x": 7...9, "y": 7...9, "flux": 100...1000, "radius": 2...3, "inclination": 20...80, "pa": 0...360,
            "turnover_radius": 1.2...1.2, "maximum_velocity": 100...250, "snr": 3...30, "seeing": 0.6...1.0,
        ]
        for (key, range) in ranges { #expect(column(key).allSatisfy(range.contains), "\(key): \(column(key))") }
        #expect(column("velocity_dispersion").allSatisfy { $0 >= 0 })
        #expect(Set(column("inclination")).count == Self.count)

        // Each cube's header holds its row, and its noise σ is the row's sigma.
        let first = try cube(ds.appendingPathComponent("cube_0003.fits"))
        let row = table.rows[table.rows.startIndex + 3].cells
        for (key, card) in [("inclination", "SIM_INC"), ("maximum_velocity", "SIM_VMAX"), ("velocity_dispersion", "SIM_SIG0")] {
            let value = Double(row[header.firstIndex(of: key)!])!
            #expect(abs(try #require(try first.fits.double(card)) - value) <= 1e-12 * abs(value), "\(key)")
        }
        #expect(try first.fits.double("SIM_SEED") == Double(row[1]))
        let sigma = try #require(try first.fits.double("SIM_NOIS"))
        #expect(abs(sigma - Double(row[header.firstIndex(of: "sigma")!])!) <= 1e-12 * sigma)
        let record = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: ds.appendingPathComponent("dataset.json"))) as? [String: Any])
        #expect(record["count"] as? Int == Self.count)
        #expect(record["seed"] as? Int == 3)
        #expect((record["priors"] as? [String: Any])?["snr"] as? [String: [Double]] == ["loguniform": [3, 30]])

        // The same seed: the same table and cubes; another seed: other values.
        #expect(try dataset(dir, outdir: "again").status == 0)
        let again = dir.appendingPathComponent("again")
        #expect(try String(contentsOf: again.appendingPathComponent("truth.csv"), encoding: .utf8)
                == String(contentsOf: ds.appendingPathComponent("truth.csv"), encoding: .utf8))
        for name in names {
            #expect(try cube(again.appendingPathComponent("\(name).fits")).data == cube(ds.appendingPathComponent("\(name).fits")).data)
        }
        #expect(try dataset(dir, outdir: "other", seed: "4").status == 0)
        let other = try truth(dir.appendingPathComponent("other"))
        #expect(other.rows.map(\.cells) != table.rows.map(\.cells))
    }

    /// A row of truth.csv given to `galpak simulate` with its seed makes the same cube: the
    /// table is the whole truth, to the last bit.
    @Test func aRowReproducesItsCubeAlone() throws {
        let dir = try prepared()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try dataset(dir).status == 0)
        let table = try truth(dir.appendingPathComponent("ds"))
        let header = try #require(table.header?.cells)
        let row = table.rows[table.rows.startIndex + 1].cells
        func value(_ key: String) -> String { row[header.firstIndex(of: key)!] }
        let params = ParameterName.reference.map { "\($0.key)=\(value($0.key))" }.joined(separator: ",")
        let alone = try CommandLineRunner.run(["simulate"] + Self.grid + [
            "--params", params, "--snr", value("snr"), "--seeing", value("seeing"), "--seed", row[1], "-o", "alone.fits",
        ], in: dir)
        #expect(alone.status == 0, "\(alone.stderr)")
        #expect(try cube(dir.appendingPathComponent("alone.fits")).data
                == cube(dir.appendingPathComponent("ds/cube_0001.fits")).data)
    }

    @Test func existingOutputsAreKeptUnlessOverwrite() throws {
        let dir = try prepared()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try dataset(dir).status == 0)
        let truthFile = dir.appendingPathComponent("ds/truth.csv")
        let before = try String(contentsOf: truthFile, encoding: .utf8)
        let refused = try dataset(dir, seed: "9")
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("ds/cube_0000.fits: already exists; give --overwrite"), "\(refused.stderr)")
        #expect(try String(contentsOf: truthFile, encoding: .utf8) == before)
        #expect(try dataset(dir, seed: "9", extra: ["--overwrite", "--quiet"]).status == 0)
        #expect(try String(contentsOf: truthFile, encoding: .utf8) != before)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("ds/dataset.lock").path))
    }

    /// Refusals name the file (or option) and the key, and leave no directory behind.
    @Test(arguments: [
        (#"{"inclination": [20, 100]}"#, [String](), "priors.json: inclination: uniform [20, 100] reaches outside the valid range"),
        (#"{"inclination": {"normal": [50, 0]}}"#, [], "priors.json: inclination: normal [mean, sigma] needs sigma > 0"),
        (#"{"seeing": "0.8"}"#, [], "priors.json: seeing: not a distribution (got the text '0.8')"),
        (#"{"bogus": 1}"#, [], "priors.json: unknown name 'bogus'"),
        (#"{"seeing": [0.6, 1.0]}"#, ["--seeing", "0.8"], "priors.json: seeing is given here and --seeing on the command line"),
        (#"{"seeing": [0.6, 1.0]}"#, ["--psf", "none"], "priors.json: seeing: --seeing, --psf-ba, --psf-pa and --moffat-* do not apply"),
        (#"{"x": 1}"#, ["--params", "x=1"], "--params does not go with --dataset"),
    ])
    func badPriorsAreRefusedBeforeAnythingIsWritten(replace: String, extra: [String], expected: String) throws {
        let dir = try prepared()
        defer { try? FileManager.default.removeItem(at: dir) }
        // The good priors with the members of `replace` put in.
        var object = try #require(try JSONSerialization.jsonObject(with: Data(Self.priors.utf8)) as? [String: Any])
        let changes = try #require(try JSONSerialization.jsonObject(with: Data(replace.utf8)) as? [String: Any])
        for (key, value) in changes { object[key] = value }
        try JSONSerialization.data(withJSONObject: object).write(to: dir.appendingPathComponent("priors.json"))
        let outcome = try dataset(dir, extra: extra)
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains(expected), "\(outcome.stderr)")
        #expect(outcome.stderr.split(separator: "\n").count == 1, "\(outcome.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("ds").path))
    }

    /// A signal while cubes are being renamed into place: each cube is undone or whole, no
    /// truth.csv, no staging directory or lock left, status 130.
    @Test func aSignalLeavesOnlyWholeCubes() throws {
        let dir = try prepared()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try BatchCommandTests.Background(
            ["simulate", "--dataset", "\(Self.count)", "--priors", "priors.json", "--outdir", "ds"] + Self.grid,
            in: dir, environment: ["GALPAK_TEST_PAUSE_AFTER_RENAME": "1"])
        #expect(BatchCommandTests.waitFor(90) {
            ((try? String(contentsOf: run.stderr, encoding: .utf8)) ?? "").contains("test pause after renaming")
        }, "never paused")
        kill(run.process.processIdentifier, SIGINT)
        let outcome = run.wait(timeout: 60)
        #expect(outcome.status == 130, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("galpak: error: interrupted: 0 of \(Self.count) cubes were written (each whole), truth.csv was not"),
                "\(outcome.stderr)")
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("ds").path)
        #expect(left.isEmpty, "left: \(left)")
    }

    @Test func theDatasetOptionsGoTogether() throws {
        let dir = try prepared()
        defer { try? FileManager.default.removeItem(at: dir) }
        let missing = try CommandLineRunner.run(["simulate", "--dataset", "3", "--outdir", "ds"] + Self.grid, in: dir)
        #expect(missing.status == 2 && missing.stderr.contains("--dataset needs --priors FILE.json"), "\(missing.stderr)")
        let alone = try CommandLineRunner.run(["simulate", "--priors", "priors.json"] + Self.grid + ["-o", "s.fits"], in: dir)
        #expect(alone.status == 2 && alone.stderr.contains("--priors goes with --dataset N"), "\(alone.stderr)")
        let zero = try CommandLineRunner.run(["simulate", "--dataset", "0", "--priors", "priors.json", "--outdir", "ds"] + Self.grid, in: dir)
        #expect(zero.status == 2 && zero.stderr.contains("--dataset must be in [1, 1e6]"), "\(zero.stderr)")
    }
}
