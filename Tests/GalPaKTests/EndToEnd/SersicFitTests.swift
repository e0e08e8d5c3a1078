import Foundation
import Testing
@testable import GalPaK

/// `galpak simulate` and `galpak fit` with `--flux-profile sersic`: the free index of a noisy
/// disk is recovered within its errors, and the chain file carries it after the `chain` column,
/// where `galpak chain` reads it.
@Suite struct SersicFitTests {
    static let truth = "x=11.6,y=12.3,z=11.2,flux=800,radius=4.5,inclination=55,pa=120,turnover_radius=1.2,"
        + "maximum_velocity=170,velocity_dispersion=45"

    /// The parameters of a fit's JSON by key: (value, stdev).
    static func parameters(_ path: String) throws -> [String: (value: Double, stdev: Double)] {
        let data = try #require(FileManager.default.contents(atPath: path))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let parameters = try #require(json["parameters"] as? [String: [String: Any]])
        return parameters.mapValues { (($0["value"] as? Double) ?? .nan, ($0["stdev"] as? Double) ?? .nan) }
    }

    @Test(arguments: [1.0, 4.0])
    func theModeRecoversTheIndexOfANoisyDisk(index n: Double) throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let simulate = try CommandLineRunner.run(
            ["simulate", "--shape", "24,24,24", "--params", Self.truth + ",sersic_index=\(n)", "--flux-profile", "sersic",
             "--seeing", "0.5", "--snr", "20", "--seed", "5", "-o", "sim.fits"], in: dir)
        #expect(simulate.status == 0, "\(simulate.stderr)")
        let fit = try CommandLineRunner.run(
            ["fit", "sim.fits", "--flux-profile", "sersic", "--seeing", "0.5", "--optimize", "--no-plots", "-o", "f"], in: dir)
        #expect(fit.status == 0, "\(fit.stderr)")
        let p = try Self.parameters(dir.appendingPathComponent("f_galaxy_parameters.json").path)
        let fitted = try #require(p["sersic_index"])
        #expect(abs(fitted.value - n) < 3 * fitted.stdev && fitted.stdev < 0.25 * n,
                "sersic_index \(fitted.value) ± \(fitted.stdev) vs true \(n)")
        let radius = try #require(p["radius"])
        #expect(abs(radius.value - 4.5) < 3 * radius.stdev, "radius \(radius.value) ± \(radius.stdev)")
        let text = try String(contentsOf: dir.appendingPathComponent("f_galaxy_parameters.txt"), encoding: .utf8)
        #expect(text.contains("    sersic_index: "))
    }

    @Test func theChainCarriesTheIndexAfterTheChainColumnAndIsReadBack() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let simulate = try CommandLineRunner.run(
            ["simulate", "--shape", "20,20,24", "--params", Self.truth + ",sersic_index=2", "--flux-profile", "sersic",
             "--seeing", "0.5", "--snr", "20", "-o", "sim.fits"], in: dir)
        #expect(simulate.status == 0, "\(simulate.stderr)")
        let fit = try CommandLineRunner.run(
            ["fit", "sim.fits", "--flux-profile", "sersic", "--seeing", "0.5", "--sampling", "cauchy", "--iterations", "60",
             "--chains", "1", "--fix", "x=11.6,y=12.3", "--no-plots", "-o", "f"], in: dir)
        #expect(fit.status == 0, "\(fit.stderr)")
        let chainPath = dir.appendingPathComponent("f_chain.dat").path
        let header = try String(contentsOfFile: chainPath, encoding: .utf8).split(separator: "\n")[0]
            .split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(Array(header.suffix(5)) == ["velocity_dispersion", "reduced_chi", "weight", "chain", "sersic_index"])
        let chains = try ChainFile.read(path: chainPath)
        #expect(chains[0].parameterCount == 11 && chains[0].column(.sersicIndex).allSatisfy { $0 >= 0.3 && $0 <= 8 })
        let rederived = try CommandLineRunner.run(["chain", "f_chain.dat", "--no-plots", "-o", "c"], in: dir)
        #expect(rederived.status == 0, "\(rederived.stderr)")
        #expect(try Self.parameters(dir.appendingPathComponent("c_galaxy_parameters.json").path)["sersic_index"] != nil)
    }

    @Test func theIndexIsRefusedWithoutTheSersicProfile() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let simulate = try CommandLineRunner.run(
            ["simulate", "--shape", "10,10,10", "--params", Self.truth + ",sersic_index=2", "-o", "sim.fits"], in: dir)
        #expect(simulate.status == 2 && simulate.stderr.contains("sersic_index") && simulate.stderr.contains("--flux-profile sersic"))
        let missing = try CommandLineRunner.run(
            ["simulate", "--shape", "10,10,10", "--params", Self.truth, "--flux-profile", "sersic", "-o", "sim.fits"], in: dir)
        #expect(missing.status == 2 && missing.stderr.contains("missing sersic_index"), "\(missing.stderr)")
    }
}
