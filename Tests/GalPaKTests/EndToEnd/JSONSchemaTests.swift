import Foundation
import Testing
@testable import GalPaK

/// The JSON files match their documented schemas (`docs/*.schema.json`, `docs/json-schema.md`):
/// every key documented, every required key present, every type right.
@Suite struct JSONSchemaTests {
    static let docs = OutputFileTests.repository.appendingPathComponent("docs")

    static func schema(_ name: String) throws -> JSONValue {
        try JSONValue.parse(String(contentsOf: docs.appendingPathComponent(name), encoding: .utf8))
    }

    static func validator(_ name: String) throws -> JSONSchemaValidator {
        JSONSchemaValidator(root: try schema(name))
    }

    /// A short real fit (one parameter fixed, with a redshift so every derived key appears):
    /// its `PREFIX_galaxy_parameters.json`, and the JSON `galpak chain` writes from its chains,
    /// both conform.
    @Test func fitAndChainParametersMatchTheSchema() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var options = FitOptions(cubePath: try TestSupport.simulatedCube(in: dir),
                                 outputPrefix: dir.appendingPathComponent("fit").path)
        options.instrument = Instrument.museWFM.withSeeing(0.7)
        options.iterations = 150
        options.sampling = .cauchy  // untuned: this suite is not about the sampler
        options.chains = 2
        options.plots = false
        options.redshift = 0.5
        options.fixed[.inclination] = 58
        let result = try FitPipeline.run(options)
        let validator = try Self.validator("galpak-parameters.schema.json")

        let fit = try JSONValue.parse(String(contentsOfFile: FitOutputs(prefix: options.outputPrefix).parametersJSON,
                                             encoding: .utf8))
        #expect(validator.errors(in: fit) == [])
        #expect(fit["schema_version"] == .integer(ParametersJSON.schemaVersion))
        #expect(fit["derived"]?["mdyn_re"] != nil && fit["derived"]?["mdyn_re_vc"] != nil && fit["derived"]?["vc22"] != nil)
        #expect(fit["parameters"]?["inclination"]?["fixed"] == .bool(true))
        // The simulated cube has a north-up TAN WCS without RADESYS or EQUINOX and no rest value.
        #expect(fit["sky"]?["frame"] == .string("ICRS"))
        #expect(fit["sky"]?["equinox"] == .null && fit["sky"]?["systemic_velocity_kms"] == .null)
        #expect(fit["sky"]?["velocity_definition"] == .null && fit["sky"]?["redshift"] == .null)
        if case .number(let ra)? = fit["sky"]?["ra_deg"] {
            #expect(abs(ra - 150) < 0.01)
        } else {
            Issue.record("no ra_deg in \(String(describing: fit["sky"]))")
        }

        let chain = try JSONValue.parse(ParametersJSON.text(for: result.summary, convergence: result.convergence,
                                                            chainPath: "fit_chain.dat", provenance: Provenance(),
                                                            warnings: ["a warning"]))
        #expect(validator.errors(in: chain) == [])
        #expect(chain["schema_version"] == .integer(ParametersJSON.schemaVersion))
    }

    /// A cube without a celestial WCS (LINEAR axes in arcsec): `"sky": null`, which conforms, and
    /// no sky card on the outputs; with a rest value the sky would have had a velocity.
    @Test func fitWithoutCelestialWCSHasNullSky() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let simulated = try CubeReader.read(path: try TestSupport.simulatedCube(in: dir), defaults: TestFITS.bare, warn: { _ in })
        let linear = simulated.wcsCards.filter { !["CTYPE1", "CTYPE2", "CUNIT1", "CUNIT2", "CDELT1", "CDELT2"].contains($0.name) } + [
            HeaderCard(name: "CTYPE1", string: "LINEAR"), HeaderCard(name: "CTYPE2", string: "LINEAR"),
            HeaderCard(name: "CUNIT1", string: "arcsec"), HeaderCard(name: "CUNIT2", string: "arcsec"),
            HeaderCard(name: "CDELT1", number: 0.2), HeaderCard(name: "CDELT2", number: 0.2),
        ]
        let path = dir.appendingPathComponent("linear.fits").path
        try FITSWriter.write(simulated.data, shape: [simulated.nx, simulated.ny, simulated.nz], cards: linear,
                             variance: simulated.variance, to: path)
        var options = FitOptions(cubePath: path, outputPrefix: dir.appendingPathComponent("fit").path)
        options.instrument = Instrument.museWFM.withSeeing(0.7)
        options.iterations = 100
        options.sampling = .cauchy
        options.chains = 1
        options.plots = false
        options.rest = 6564.614
        let result = try FitPipeline.run(options)
        #expect(result.sky == nil)
        let outputs = FitOutputs(prefix: options.outputPrefix)
        let fit = try JSONValue.parse(String(contentsOfFile: outputs.parametersJSON, encoding: .utf8))
        #expect(fit["sky"] == .null)
        #expect(try Self.validator("galpak-parameters.schema.json").errors(in: fit) == [])
        let file = try FITSFile(reading: outputs.convolvedCube)
        try file.moveTo(hdu: 2)
        #expect(try file.rawValue("RA_FIT") == nil && file.rawValue("SKYFRAME") == nil)
        #expect(!(try String(contentsOfFile: outputs.statistics, encoding: .utf8)).contains("ra_deg"))
    }

    /// A batch summary with a row of every status, whole and as a shard, conforms.
    @Test func batchSummaryMatchesTheSchema() throws {
        let validator = try Self.validator("galpak-batch-summary.schema.json")
        let estimates = Dictionary(uniqueKeysWithValues: ParameterName.reference.map {
            ($0.key, FitRecord.Estimate(value: 1, stdev: 0.1, lower: 0.8, upper: nil))
        })
        let record = FitRecord(parameters: estimates, reducedChi2: 1.02, bestReducedChi2: 1.01, accepted: 300,
                               stopReason: "completed", maxRHat: 1.2)
        let rows = BatchSummary.Status.allCases.enumerated().map { index, status in
            BatchSummary.Row(index: index, cube: "c\(index).fits", status: status, prefix: "out/c\(index)",
                             log: "out/c\(index).log", wallSeconds: status == .ok ? 12.5 : nil,
                             error: status == .failed ? "c2.fits: cannot be read" : nil,
                             fit: (status == .ok || status == .skipped) ? record : nil)
        }
        for shard in [nil, try BatchShard(index: 1, count: 3)] {
            let json = try JSONValue.parse(BatchSummary(rows: rows, totalCubes: 12, shard: shard).jsonText)
            #expect(validator.errors(in: json) == [], "shard \(String(describing: shard))")
            #expect(json["schema_version"] == .integer(ParametersJSON.schemaVersion))
        }
    }

    /// The validator finds each kind of break: a missing or undocumented key, a wrong type, a
    /// null where none is allowed, an unknown value, a key of the wrong variant.
    @Test func validatorRejectsDocumentsThatBreakTheSchema() throws {
        let validator = try Self.validator("galpak-batch-summary.schema.json")
        let good = """
            {"format": "galpak batch summary", "schema_version": 1, "total_cubes": 1, "shard": null,
             "counts": {"ok": 0, "skipped": 0, "failed": 0, "interrupted": 0, "pending": 1},
             "cubes": [{"index": 0, "cube": "a.fits", "status": "pending", "prefix": "a", "log": "a.log",
                        "wall_seconds": null, "error": null, "reduced_chi2": null, "best_reduced_chi2": null,
                        "rhat_max": null, "convergence": null, "accepted": null, "stop_reason": null,
                        "parameters": null}]}
            """
        #expect(validator.errors(in: try JSONValue.parse(good)) == [])
        let breaks: [(String, String)] = [
            ("\"total_cubes\": 1, ", ""),
            ("\"shard\": null", "\"shard\": null, \"extra\": 1"),
            ("\"total_cubes\": 1", "\"total_cubes\": 1.5"),
            ("\"total_cubes\": 1", "\"total_cubes\": \"1\""),
            ("\"index\": 0", "\"index\": null"),
            ("\"status\": \"pending\"", "\"status\": \"done\""),
            ("\"schema_version\": 1", "\"schema_version\": 2"),
            ("\"convergence\": null", "\"convergence\": true"),
        ]
        for (old, new) in breaks {
            let broken = try JSONValue.parse(good.replacingOccurrences(of: old, with: new))
            #expect(!validator.errors(in: broken).isEmpty, "accepted with \(old) → \(new)")
        }
        let parameters = try Self.validator("galpak-parameters.schema.json")
        let chainOnly = try JSONValue.parse("""
            {"schema_version": 1, "parameters": {}, "method": "last", "fraction": 60, "percentile": 95,
             "burn": 0, "best_reduced_chi2": 1, "chains": 1, "draws_per_chain_compared": 10, "seed": 1}
            """)
        let errors = parameters.errors(in: chainOnly)
        #expect(errors.contains { $0.contains("oneOf") }, "\(errors)")
        #expect(errors.contains { $0.contains("lacks the required key x") }, "\(errors)")
        // A digest must be 16 hexadecimal digits.
        let digest = try JSONValue.parse(#"{"type": "string", "pattern": "^[0-9a-f]{16}$"}"#)
        let check = JSONSchemaValidator(root: digest)
        #expect(check.errors(in: .string("0123456789abcdef")) == [])
        #expect(!check.errors(in: .string("0123456789abcdeg")).isEmpty && !check.errors(in: .string("123")).isEmpty)
    }

    /// `docs/json-schema.md` explains every key of both schemas and states the current version.
    @Test func markdownDocumentsEverySchemaKey() throws {
        let text = try String(contentsOf: Self.docs.appendingPathComponent("json-schema.md"), encoding: .utf8)
        for name in ["galpak-parameters.schema.json", "galpak-batch-summary.schema.json"] {
            let root = try Self.schema(name)
            #expect(root["properties"]?["schema_version"]?["const"] == .integer(ParametersJSON.schemaVersion), "\(name)")
            for key in Self.propertyNames(root) {
                #expect(text.contains("| `\(key)` |"), "\(name): key \(key) has no row in docs/json-schema.md")
            }
        }
        #expect(text.contains("`schema_version` is \(ParametersJSON.schemaVersion)"))
    }

    /// Every property name anywhere in `schema`.
    static func propertyNames(_ schema: JSONValue) -> Set<String> {
        switch schema {
        case .object(let fields):
            var names = Set<String>()
            if case .object(let properties)? = fields["properties"] { names.formUnion(properties.keys) }
            for value in fields.values { names.formUnion(propertyNames(value)) }
            return names
        case .array(let values):
            return values.reduce(into: Set<String>()) { $0.formUnion(propertyNames($1)) }
        default:
            return []
        }
    }
}
