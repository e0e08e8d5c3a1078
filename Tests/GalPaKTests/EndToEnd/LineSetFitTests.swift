import Foundation
import Testing
@testable import GalPaK

/// `galpak simulate` and `galpak fit` with a set of lines: a noisy Hα+[NII] disk's free
/// [NII]/Hα ratio, z and kinematics are recovered within their errors; the chain carries the
/// ratio after the `chain` column, where `galpak chain` reads it; the first guess puts z on the
/// z-line, not on the brightest line.
@Suite struct LineSetFitTests {
    /// 1.25 Å channels from 6540 Å (MUSE's default step): 6548, Hα and 6583 at channels
    /// ≈ 6.8, 18.6 and 35.1 for z = 18.6.
    static let grid = ["--shape", "20,20,40", "--crval3", "6540", "--crpix3", "1", "--seeing", "0.5"]
    static let truth = "x=9.6,y=10.3,flux=800,radius=4,inclination=55,pa=120,turnover_radius=1.2,"
        + "maximum_velocity=170,velocity_dispersion=45"

    @Test func theModeRecoversAFreeNIIToHalphaRatio() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let simulate = try CommandLineRunner.run(
            ["simulate"] + Self.grid + ["--params", Self.truth + ",z=18.6,ratio_6583.45=0.35", "--lines", "halpha-nii",
                                       "--snr", "15", "--seed", "5", "-o", "sim.fits"], in: dir)
        #expect(simulate.status == 0, "\(simulate.stderr)")
        let fit = try CommandLineRunner.run(
            ["fit", "sim.fits", "--lines", "halpha-nii", "--seeing", "0.5", "--optimize", "--no-plots", "-o", "f"], in: dir)
        #expect(fit.status == 0, "\(fit.stderr)")
        let p = try SersicFitTests.parameters(dir.appendingPathComponent("f_galaxy_parameters.json").path)
        for (key, truth) in [("ratio_6583.45", 0.35), ("z", 18.6), ("maximum_velocity", 170), ("velocity_dispersion", 45)] {
            let fitted = try #require(p[key])
            #expect(abs(fitted.value - truth) < 3 * fitted.stdev, "\(key) \(fitted.value) ± \(fitted.stdev) vs true \(truth)")
        }
        #expect(try #require(p["ratio_6583.45"]).stdev < 0.05)
        let json = try JSONValue.parse(String(contentsOfFile: dir.appendingPathComponent("f_galaxy_parameters.json").path, encoding: .utf8))
        #expect(try JSONSchemaTests.validator("galpak-parameters.schema.json").errors(in: json) == [])
    }

    /// The case: Hα and [NII]6583 at 1 : 0.33, z on the reddest line (6583.1). The
    /// brightest channel is Hα's; the template puts the first guess on 6583.1, and `--init z`
    /// near the top of the cube is inside z's default bounds (the whole channel range).
    @Test func theFirstGuessPutsZOnTheZLineAndTheChainCarriesAFreeRatio() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let lines = ["--line", "6562.81,6583.1", "--line-ratio", "1,0.33"]
        let simulate = try CommandLineRunner.run(
            ["simulate"] + Self.grid + ["--params", Self.truth + ",z=35.1"] + lines + ["--snr", "15", "--seed", "7", "-o", "sim.fits"],
            in: dir)
        #expect(simulate.status == 0, "\(simulate.stderr)")
        let guess = try CommandLineRunner.run(
            ["fit", "sim.fits"] + lines + ["--seeing", "0.5", "--sampling", "cauchy", "--iterations", "5", "--chains", "1",
                                          "--no-plots", "-o", "g"], in: dir)
        #expect(guess.status == 0, "\(guess.stderr)")
        let run = try String(contentsOf: dir.appendingPathComponent("g_run_parameters.txt"), encoding: .utf8)
        let initial = try #require(run.split(separator: "\n").first { $0.hasPrefix("initial_parameters") })
        let z = try #require(initial.split(separator: " ").first { $0.hasPrefix("z=") }.flatMap { Double($0.dropFirst(2)) })
        #expect(abs(z - 35.1) < 0.5, "first guess z = \(z), the z-line at 35.1")

        // A free ratio (6562.81 relative to 6583.1) in a short chain, z started near the top.
        let free = ["--line", "6562.81,6583.1", "--line-ratio", "free,1"]
        let fit = try CommandLineRunner.run(
            ["fit", "sim.fits"] + free + ["--seeing", "0.5", "--sampling", "cauchy", "--iterations", "40", "--chains", "1",
                                         "--init", "z=35.2", "--no-plots", "-o", "f"], in: dir)
        #expect(fit.status == 0, "\(fit.stderr)")
        let chainPath = dir.appendingPathComponent("f_chain.dat").path
        let header = try String(contentsOfFile: chainPath, encoding: .utf8).split(separator: "\n")[0]
            .split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(Array(header.suffix(4)) == ["reduced_chi", "weight", "chain", "ratio_6562.81"])
        let chains = try ChainFile.read(path: chainPath)
        #expect(chains[0].names.last == .lineRatio("6562.81")
                && chains[0].column(.lineRatio("6562.81")).allSatisfy { $0 >= 0 && $0 <= 10 })
        let rederived = try CommandLineRunner.run(["chain", "f_chain.dat", "--no-plots", "-o", "c"], in: dir)
        #expect(rederived.status == 0, "\(rederived.stderr)")
        #expect(try SersicFitTests.parameters(dir.appendingPathComponent("c_galaxy_parameters.json").path)["ratio_6562.81"] != nil)
    }

    @Test func aRatioOfAnotherModelIsRefusedNamingIt() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let simulate = try CommandLineRunner.run(
            ["simulate", "--shape", "10,10,10", "--params", Self.truth + ",z=5,ratio_6583.45=0.3", "-o", "sim.fits"], in: dir)
        #expect(simulate.status == 2 && simulate.stderr.contains("ratio_6583.45") && simulate.stderr.contains("--line-ratio"),
                "\(simulate.stderr)")
        let missing = try CommandLineRunner.run(
            ["simulate", "--shape", "10,10,10", "--params", Self.truth + ",z=5", "--lines", "sii", "-o", "sim.fits"], in: dir)
        #expect(missing.status == 2 && missing.stderr.contains("missing ratio_6716.44"), "\(missing.stderr)")
    }
}
