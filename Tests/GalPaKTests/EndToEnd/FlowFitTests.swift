import Foundation
import Testing
@testable import GalPaK

/// `galpak simulate` and `galpak fit` with `--radial-flow` and `--bisymmetric` on small noisy
/// cubes (24×24×24, peak S/N 20, `--optimize`): an inflow of −30 km/s and a bar flow are
/// recovered within their errors; a cube without a radial flow fitted with one gives
/// `radial_velocity` consistent with 0, and `galpak compare` prefers the model without it. The
/// new parameters reach the tables, the JSON, the chain file (after `chain`) and the
/// rotation-curve file.
@Suite struct FlowFitTests {
    static let truth = SersicFitTests.truth

    /// Simulates `params` (the truth plus `extra`) with `options` and fits it with
    /// `fitOptions` (+ `--optimize`, `--no-plots`) under `prefix`; returns the fit's parameters.
    static func simulateAndFit(_ extra: String, options: [String], fitOptions: [String], prefix: String = "f",
                               in dir: URL) throws -> [String: (value: Double, stdev: Double)] {
        let simulate = try CommandLineRunner.run(
            ["simulate", "--shape", "24,24,24", "--params", truth + extra, "--seeing", "0.5", "--snr", "20",
             "--seed", "5", "-o", "sim.fits", "--overwrite"] + options, in: dir)
        #expect(simulate.status == 0, "\(simulate.stderr)")
        let fit = try CommandLineRunner.run(
            ["fit", "sim.fits", "--seeing", "0.5", "--optimize", "--no-plots", "-o", prefix] + fitOptions, in: dir)
        #expect(fit.status == 0, "\(fit.stderr)")
        return try SersicFitTests.parameters(dir.appendingPathComponent("\(prefix)_galaxy_parameters.json").path)
    }

    static func expectRecovered(_ p: [String: (value: Double, stdev: Double)], _ key: String, truth: Double,
                                maximumError: Double) throws {
        let fitted = try #require(p[key])
        #expect(abs(fitted.value - truth) < 3 * fitted.stdev && fitted.stdev < maximumError,
                "\(key) \(fitted.value) ± \(fitted.stdev) vs true \(truth)")
    }

    @Test func anInflowIsRecoveredAndReachesTheRotationCurveFile() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Measured: −29.02 ± 2.38 km/s.
        let p = try Self.simulateAndFit(",radial_velocity=-30", options: ["--radial-flow"], fitOptions: ["--radial-flow"], in: dir)
        try Self.expectRecovered(p, "radial_velocity", truth: -30, maximumError: 5)
        try Self.expectRecovered(p, "maximum_velocity", truth: 170, maximumError: 10)
        let text = try String(contentsOf: dir.appendingPathComponent("f_galaxy_parameters.txt"), encoding: .utf8)
        #expect(text.contains("    radial_velocity: "))
        let profile = try RotationCurveFile.read(path: dir.appendingPathComponent("f_rotcurve.dat").path, pixscale: 0.2)
        let radial = try #require(profile.radial), circular = try #require(profile.circular)
        let vr = try #require(p["radial_velocity"]).value
        // V_r(|r|) has the tanh curve's shape, the same on both sides; v_c ≥ |v| with the sign of r.
        let far = try #require(profile.radius.indices.max { abs(profile.radius[$0]) < abs(profile.radius[$1]) })
        #expect(abs(radial[far] - vr) < 0.01 * abs(vr), "V_r at \(profile.radius[far]) px: \(radial[far])")
        #expect(profile.radius.indices.allSatisfy { abs(circular[$0]) >= abs(profile.rotation[$0]) - 1e-9 })
        #expect(profile.radius.indices.allSatisfy { profile.radius[$0] == 0 || (circular[$0] > 0) == (profile.radius[$0] > 0) })
        let model = try String(contentsOf: dir.appendingPathComponent("f_model.txt"), encoding: .utf8)
        #expect(model.contains("  motions = radial\n"))
    }

    @Test func aBarFlowIsRecovered() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Measured: V2t 47.2 ± 3.7, V2r −39.2 ± 3.3 km/s, φb 60.4 ± 1.8°, Vmax 170.3 ± 2.4 km/s.
        let p = try Self.simulateAndFit(",bar_tangential=50,bar_radial=-40,bar_angle=60", options: ["--bisymmetric"],
                                        fitOptions: ["--bisymmetric"], in: dir)
        try Self.expectRecovered(p, "bar_tangential", truth: 50, maximumError: 8)
        try Self.expectRecovered(p, "bar_radial", truth: -40, maximumError: 8)
        try Self.expectRecovered(p, "bar_angle", truth: 60, maximumError: 5)
        try Self.expectRecovered(p, "maximum_velocity", truth: 170, maximumError: 10)
        // The JSON with the bar's keys is valid against the documented schema.
        let json = try JSONValue.parse(String(contentsOf: dir.appendingPathComponent("f_galaxy_parameters.json"), encoding: .utf8))
        #expect(try JSONSchemaTests.validator("galpak-parameters.schema.json").errors(in: json) == [])
    }

    @Test func noRadialFlowIsFoundAndTheModelWithoutItIsPreferred() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Measured: radial_velocity 1.61 ± 2.37 km/s; ΔBIC 9.1 (strong) for the model without it.
        let with = try Self.simulateAndFit("", options: [], fitOptions: ["--radial-flow", "--noise-correlation", "none"],
                                           prefix: "with", in: dir)
        try Self.expectRecovered(with, "radial_velocity", truth: 0, maximumError: 5)
        let without = try CommandLineRunner.run(
            ["fit", "sim.fits", "--seeing", "0.5", "--optimize", "--no-plots", "-o", "without", "--noise-correlation", "none"], in: dir)
        #expect(without.status == 0, "\(without.stderr)")
        let compare = try CommandLineRunner.run(["compare", "with", "without", "--json"], in: dir)
        #expect(compare.status == 0, "\(compare.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(compare.stdout.utf8)) as? [String: Any])
        let preferred = try #require(json["preferred"] as? [String: Any])
        #expect(preferred["bic"] as? String == "without")
        let fits = try #require(json["fits"] as? [[String: Any]])
        let penalty = try #require(fits.first { $0["prefix"] as? String == "with" }?["delta_bic"] as? Double)
        #expect(penalty > 2, "ΔBIC \(penalty)")
    }

    @Test func theChainCarriesTheBarAfterTheChainColumnAndTheFlowsAreRefusedWithoutTheirOption() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let simulate = try CommandLineRunner.run(
            ["simulate", "--shape", "16,16,16", "--params", Self.truth + ",bar_tangential=40,bar_radial=-20,bar_angle=175",
             "--bisymmetric", "--radial-flow", "--seeing", "0.5", "--snr", "20", "-o", "sim.fits"], in: dir)
        #expect(simulate.status == 2 && simulate.stderr.contains("missing radial_velocity"), "\(simulate.stderr)")
        let simulated = try CommandLineRunner.run(
            ["simulate", "--shape", "16,16,16", "--params", Self.truth + ",bar_tangential=40,bar_radial=-20,bar_angle=175",
             "--bisymmetric", "--seeing", "0.5", "--snr", "20", "-o", "sim.fits"], in: dir)
        #expect(simulated.status == 0, "\(simulated.stderr)")
        let fits = try FITSFile(reading: dir.appendingPathComponent("sim.fits").path)
        try fits.moveTo(hdu: 2)
        #expect(try fits.double("SIM_PHIB") == 175 && fits.double("SIM_V2R") == -20)
        let fit = try CommandLineRunner.run(
            ["fit", "sim.fits", "--bisymmetric", "--seeing", "0.5", "--sampling", "cauchy", "--iterations", "60",
             "--chains", "1", "--fix", "x=11.6,y=12.3", "--no-plots", "-o", "f"], in: dir)
        #expect(fit.status == 0, "\(fit.stderr)")
        let chainPath = dir.appendingPathComponent("f_chain.dat").path
        let columns = try String(contentsOfFile: chainPath, encoding: .utf8).split(separator: "\n")[0]
            .split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        #expect(Array(columns.suffix(5)) == ["weight", "chain", "bar_tangential", "bar_radial", "bar_angle"])
        let chains = try ChainFile.read(path: chainPath)
        #expect(chains[0].parameterCount == 13 && chains[0].column(.barAngle).allSatisfy { $0 >= 0 && $0 < 180 })

        let refused = try CommandLineRunner.run(
            ["fit", "sim.fits", "--seeing", "0.5", "--optimize", "--no-plots", "-o", "g", "--init", "bar_angle=30"], in: dir)
        #expect(refused.status == 2 && refused.stderr.contains("bar_angle") && refused.stderr.contains("--bisymmetric"),
                "\(refused.stderr)")
    }
}
