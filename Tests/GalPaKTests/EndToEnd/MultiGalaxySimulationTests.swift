import Foundation
import Testing
@testable import GalPaK

/// `galpak simulate` with several galaxies: the cube is the sum of the galaxies' cubes, each
/// galaxy's truth is in the header under indexed keywords and in the JSON, and one galaxy
/// writes what it always wrote.
@Suite struct MultiGalaxySimulationTests {
    static let first = "x=9.5,y=10,z=11,flux=500,radius=3,inclination=60,pa=30,turnover_radius=1.2,maximum_velocity=180,velocity_dispersion=40"
    static let second = "x=5,y=6,z=13,flux=300,radius=2,inclination=30,pa=200,turnover_radius=1,maximum_velocity=120,velocity_dispersion=30"
    static let grid = ["--shape", "20,20,24", "--seeing", "0.7"]

    private func read(_ dir: URL, _ name: String) throws -> (data: [Double], fits: FITSFile) {
        let fits = try FITSFile(reading: dir.appendingPathComponent(name).path)
        try fits.moveTo(hdu: 2)
        return (try fits.readImage(), fits)
    }

    private func simulate(_ arguments: [String], in dir: URL) throws {
        let outcome = try CommandLineRunner.run(["simulate"] + Self.grid + arguments, in: dir)
        #expect(outcome.status == 0, "\(outcome.stderr)")
    }

    /// Two galaxies rendered together equal the sum of each rendered alone (noise off): the
    /// observed and the clean cubes, to float64 round-off. A JSON list of the two gives the same
    /// cube as --params twice.
    @Test func severalGalaxiesAreTheSumOfSingleRenders() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try simulate(["--params", Self.first, "-o", "a.fits", "--clean", "a_clean.fits"], in: dir)
        try simulate(["--params", Self.second, "-o", "b.fits", "--clean", "b_clean.fits"], in: dir)
        try simulate(["--params", Self.first, "--params", Self.second, "-o", "ab.fits", "--clean", "ab_clean.fits"], in: dir)
        let (a, b, ab) = (try read(dir, "a.fits"), try read(dir, "b.fits"), try read(dir, "ab.fits"))
        let peak = ab.data.max()!
        #expect(peak > 0 && a.data.max()! > 0.05 * peak && b.data.max()! > 0.05 * peak)
        let worst = zip(ab.data, zip(a.data, b.data)).map { abs($0 - $1.0 - $1.1) }.max()!
        #expect(worst < 1e-12 * peak, "largest difference \(worst / peak) of the peak")
        let (ac, bc, abc) = (try read(dir, "a_clean.fits"), try read(dir, "b_clean.fits"), try read(dir, "ab_clean.fits"))
        #expect(zip(abc.data, zip(ac.data, bc.data)).allSatisfy { abs($0 - $1.0 - $1.1) <= 1e-12 * abc.data.max()! })

        let json = #"[{"x": 9.5, "y": 10, "z": 11, "flux": 500, "radius": 3, "incl": 60, "pa": 30, "rv": 1.2, "#
            + #""maximum_velocity": 180, "velocity_dispersion": 40}, {"x": 5, "y": 6, "z": 13, "flux": 300, "radius": 2, "#
            + #""inclination": 30, "pa": 200, "turnover_radius": 1, "maximum_velocity": 120, "velocity_dispersion": 30}]"#
        try json.write(to: dir.appendingPathComponent("two.json"), atomically: true, encoding: .utf8)
        try simulate(["--params", "two.json", "-o", "file.fits"], in: dir)
        #expect(try read(dir, "file.fits").data == ab.data)
    }

    /// The header: one galaxy keeps exactly its SIM_* keywords; several get SIM_NGAL and
    /// S<k>_* per galaxy. The JSON: "parameters" for one, "galaxies" for several.
    @Test func theTruthOfEachGalaxyIsRecorded() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try simulate(["--params", Self.first, "-o", "a.fits", "--snr", "10"], in: dir)
        try simulate(["--params", Self.first, "--params", Self.second, "-o", "ab.fits", "--snr", "10"], in: dir)
        try simulate(["--params", Self.first, "--params", Self.second, "-o", "clean.fits"], in: dir)

        let single = try read(dir, "a.fits").fits
        let keys = ["SIM_X", "SIM_Y", "SIM_Z", "SIM_FLUX", "SIM_RAD", "SIM_INC", "SIM_PA", "SIM_RT", "SIM_VMAX", "SIM_SIG0"]
        let values: [Double] = [9.5, 10, 11, 500, 3, 60, 30, 1.2, 180, 40]
        for (key, value) in zip(keys, values) { #expect(try single.double(key) == value, "\(key)") }
        #expect(try single.double("SIM_SEED") == 1)
        #expect(try single.double(SimulationHeader.galaxyCount) == nil)
        #expect(try single.double("S01_X") == nil)
        let singleJSON = try jsonObject(dir, "a.json")
        #expect((singleJSON["parameters"] as? [String: Double])?["maximum_velocity"] == 180)
        #expect(singleJSON["galaxies"] == nil)

        let both = try read(dir, "ab.fits").fits
        #expect(try both.double(SimulationHeader.galaxyCount) == 2)
        #expect(try both.double("SIM_X") == nil)
        for (key, value) in zip(keys, values) {
            #expect(try both.double("S01" + key.dropFirst(3)) == value, "\(key)")
        }
        #expect(try both.double("S02_X") == 5)
        #expect(try both.double("S02_PA") == 200)
        #expect(try both.double("S02_SIG0") == 30)
        let galaxies = try #require(try jsonObject(dir, "ab.json")["galaxies"] as? [[String: Double]])
        #expect(galaxies.count == 2)
        #expect(galaxies.map { $0["x"] } == [9.5, 5])
        #expect(galaxies[1]["velocity_dispersion"] == 30)

        // --snr: σ = the peak of the summed convolved cube / SNR.
        let peak = try read(dir, "clean.fits").data.max()!
        let sigma = try #require(try both.double("SIM_NOIS"))
        #expect(abs(sigma - peak / 10) < 1e-12 * sigma)
    }

    @Test func everyIndexedKeywordFitsInEightCharacters() {
        for name in ParameterName.known + [.lineRatio("6583.45")] {
            #expect(name.descriptor.headerKey.hasPrefix("SIM"), "\(name.key)")
            for galaxy in [1, 9, 10, SimulationSpec.maximumGalaxies] {
                #expect(SimulationHeader.key(name, galaxy: galaxy).count <= 8, "\(name.key), galaxy \(galaxy)")
            }
        }
        #expect(SimulationHeader.key(.velocityDispersion, galaxy: 12) == "S12_SIG0")
        #expect(SimulationHeader.key(.x, galaxy: 3) == "S03_X")
        #expect(SimulationHeader.key(.lineRatio("6583.45"), galaxy: 2) == "S02R6583")
    }

    @Test(arguments: [
        (#"{"x": 1, "wind": 2}"#, "p.json: unknown parameter 'wind'"),
        (#"{"x": "one"}"#, "p.json: x must be a number (got the text 'one')"),
        (#"[{"x": 1}, 3]"#, "p.json: galaxy 2: must be an object of parameter values (got the number 3)"),
        (#""x=1""#, "p.json: must hold an object of parameter values"),
        (#"{"x": 1, "incl": 60, "inclination": 60}"#, "p.json: inclination is given twice"),
        (#"[]"#, "p.json: lists 0 galaxies; a cube holds 1 to 99"),
        (#"{"x": 9.5, "y": 10, "z": 11}"#, "p.json is missing flux, radius, inclination"),
        (#"[{"x": 9.5, "y": 10, "z": 11, "flux": 500, "radius": 3, "inclination": 60, "pa": 30, "turnover_radius": 1.2, "maximum_velocity": 180, "velocity_dispersion": 40}, {"x": 5, "y": 6, "z": 13, "flux": 300, "radius": 2, "inclination": 120, "pa": 200, "turnover_radius": 1, "maximum_velocity": 120, "velocity_dispersion": 30}]"#,
         "p.json galaxy 2 inclination must be in [0, 90] degrees (got 120)"),
    ])
    func badParameterFilesAreRefused(json: String, expected: String) throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try json.write(to: dir.appendingPathComponent("p.json"), atomically: true, encoding: .utf8)
        let outcome = try CommandLineRunner.run(["simulate"] + Self.grid + ["--params", "p.json", "-o", "s.fits"], in: dir)
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains(expected), "\(outcome.stderr)")
        #expect(outcome.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("s.fits").path))
    }

    private func jsonObject(_ dir: URL, _ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: dir.appendingPathComponent(name))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }
}
