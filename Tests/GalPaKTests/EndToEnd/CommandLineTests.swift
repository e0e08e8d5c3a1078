import Foundation
import Testing
@testable import GalPaK

/// `galpak` as a user runs it: help text, exit statuses, messages, files.
@Suite struct CommandLineTests {
    private func temporaryDirectory() throws -> URL {
        try TestSupport.temporaryDirectory()
    }

    private func files(in dir: URL) throws -> Set<String> {
        Set(try FileManager.default.contentsOfDirectory(atPath: dir.path))
    }

    /// The long option names that head an entry of the help's option list: lines indented by
    /// exactly two spaces (wrapped descriptions are indented further), up to the two spaces
    /// before the description, as in `  --min <name=value,...>  Lower bounds…` or
    /// `  -o, --output <prefix>   Output prefix…`.
    private func declaredOptions(_ help: String) -> Set<String> {
        var names: Set<String> = []
        for line in help.split(separator: "\n") where line.hasPrefix("  -") && !line.hasPrefix("   ") {
            let synopsis = line.dropFirst(2).components(separatedBy: "  ")[0]
            for word in synopsis.split(separator: " ") where word.hasPrefix("--") {
                names.insert(String(word.trimmingCharacters(in: CharacterSet(charactersIn: ","))))
            }
        }
        return names
    }

    @Test func fitHelpExplainsEveryOptionWithUnits() throws {
        let help = try CommandLineRunner.run(["fit", "--help"])
        #expect(help.status == 0)
        let declared = declaredOptions(help.stdout)
        for option in ["--variance", "--instrument", "--seeing", "--lsf-fwhm", "--crval3", "--crpix3",
                       "--cdelt3", "--cunit3", "--pixscale", "--iterations", "--min-acceptance",
                       "--random-scale", "--seed", "--method", "--fraction", "--percentile",
                       "--output", "--overwrite", "--quiet", "--rotation-curve", "--flux-profile",
                       "--fix", "--min", "--max", "--init", "--prior", "--sampling", "--auto-scale",
                       "--chi-stat", "--noise-correlation", "--chains", "--burn", "--first-guess", "--redshift"] {
            #expect(declared.contains(option), "fit --help does not list \(option)")
        }
        for unit in ["arcsec", "percent", "CUNIT3", "km/s", "pixels"] {
            #expect(help.stdout.contains(unit), "fit --help never states the unit \(unit)")
        }
        let top = try CommandLineRunner.run(["--help"])
        #expect(top.stdout.contains("Exit status"))
        for command in ["fit", "chain", "simulate", "info"] { #expect(top.stdout.contains(command)) }
    }

    @Test func missingCubeIsBadInputNamingTheFile() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let outcome = try CommandLineRunner.run(["fit", "nowhere.fits", "--quiet"], in: dir)
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("nowhere.fits"))
        #expect(!outcome.stderr.contains("Fatal error"))
        #expect(try files(in: dir).isEmpty, "a failed fit left files behind")
    }

    @Test func unknownOptionValueIsBadInput() throws {
        let outcome = try CommandLineRunner.run(["fit", "cube.fits", "--instrument", "hubble"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("hubble"))
        #expect(outcome.stderr.contains("musewfm"))
    }

    @Test func existingOutputsAreNeverOverwrittenWithoutTheFlag() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cube = try TestSupport.simulatedCube(in: dir)
        let existing = dir.appendingPathComponent("sim_stats.dat")
        try "keep me".write(to: existing, atomically: true, encoding: .utf8)
        let before = try files(in: dir)
        let outcome = try CommandLineRunner.run(["fit", cube, "--iterations", "10", "--sampling", "cauchy", "--quiet"], in: dir)
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("sim_stats.dat"))
        #expect(outcome.stderr.contains("--overwrite"))
        #expect(try String(contentsOf: existing, encoding: .utf8) == "keep me")
        #expect(try files(in: dir) == before)
    }

    @Test func shortFitWritesEveryOutputWithTheInputWCS() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cube = try TestSupport.simulatedCube(in: dir)
        let outcome = try CommandLineRunner.run(
            ["fit", cube, "--seeing", "0.7", "--iterations", "200", "-o", "run/galaxy"],
            in: dir.appendingPathComponent(".", isDirectory: true))
        // The output directory does not exist: refused before fitting.
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("run"))
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("run"), withIntermediateDirectories: true)
        let fit = try CommandLineRunner.run(["fit", cube, "--seeing", "0.7", "--iterations", "200", "-o", "run/galaxy"], in: dir)
        #expect(fit.status == 0, "\(fit.stderr)")
        #expect(fit.stdout.contains("Galaxy Parameters"))
        #expect(fit.stdout.contains("maximum_velocity"))
        #expect(fit.stderr.contains("accepted"), "no progress on stderr")
        let prefix = dir.appendingPathComponent("run/galaxy").path
        for path in FitOutputs(prefix: prefix).all {
            #expect(FileManager.default.fileExists(atPath: path), "\(path) missing")
        }
        let residuals = try FITSFile(reading: prefix + "_residuals_cube.fits")
        try residuals.moveTo(hdu: 2)
        #expect(try residuals.string("EXTNAME") == "DATA")
        #expect(try residuals.string("CTYPE1") == "RA---TAN")
        #expect(try residuals.double("CDELT3") == 1.25)
        #expect(try residuals.imageShape() == [20, 20, 24])
        // The instrument file reads back as the instrument the fit used.
        let instrument = try InstrumentFile.read(path: prefix + "_instrument.txt")
        #expect(instrument.name == "musewfm" && instrument.psf == .gaussian(fwhm: 0.7))
        // No temporary files are left behind.
        #expect(try files(in: dir.appendingPathComponent("run")).allSatisfy { !$0.hasPrefix(".") })
    }

    @Test func chainCommandReproducesTheReferenceParameters() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fixtures = Bundle.module.resourceURL!.appendingPathComponent("Fixtures")
        let outcome = try CommandLineRunner.run(
            ["chain", fixtures.appendingPathComponent("reference_chain.dat").path, "-o", "again"], in: dir)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        // No fit beside the reference's chain: its parameter files only, and a note saying why.
        #expect(outcome.stderr.contains("galpak: note:") && outcome.stderr.contains("only the parameter files"), "\(outcome.stderr)")
        #expect(try files(in: dir) == Set(FitOutputs(prefix: "again").parameterFiles))
        let ours = try ParameterFiles.readTable(path: dir.appendingPathComponent("again_galaxy_parameters.dat").path)
        let reference = try ParameterFiles.readTable(path: fixtures.appendingPathComponent("reference_galaxy_parameters.dat").path)
        for name in ParameterName.reference {
            #expect(abs(ours.value[name] - reference.value[name]) <= 1e-9 * abs(reference.value[name]))
        }
        let text = try String(contentsOf: fixtures.appendingPathComponent("reference_galaxy_parameters.txt"), encoding: .utf8)
        #expect(try String(contentsOf: dir.appendingPathComponent("again_galaxy_parameters.txt"), encoding: .utf8) == text)
        // A second run refuses to overwrite, and --overwrite allows it.
        let again = try CommandLineRunner.run(["chain", fixtures.appendingPathComponent("reference_chain.dat").path, "-o", "again"], in: dir)
        #expect(again.status == 2)
        let forced = try CommandLineRunner.run(["chain", fixtures.appendingPathComponent("reference_chain.dat").path,
                                                "-o", "again", "--overwrite", "--method", "chi_sorted"], in: dir)
        #expect(forced.status == 0)
    }

    @Test func malformedChainIsBadInput() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let chain = dir.appendingPathComponent("broken_chain.dat")
        try "| x | y |\n| 1 | oops |\n".write(to: chain, atomically: true, encoding: .utf8)
        let outcome = try CommandLineRunner.run(["chain", chain.path], in: dir)
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("broken_chain.dat"))
        #expect(try files(in: dir) == ["broken_chain.dat"])
    }

    @Test func unknownParameterNamesAndCrossedBoundsAreBadInput() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cube = try TestSupport.simulatedCube(in: dir)
        for option in ["--fix", "--min", "--max", "--init", "--random-scale", "--prior"] {
            let outcome = try CommandLineRunner.run(["fit", cube, option, "speed=3", "--quiet"], in: dir)
            #expect(outcome.status == 2, "\(option)")
            #expect(outcome.stderr.contains("speed") && outcome.stderr.contains("turnover_radius, maximum_velocity"),
                    "\(option): \(outcome.stderr)")
        }
        let crossed = try CommandLineRunner.run(["fit", cube, "--min", "radius=5", "--max", "radius=2", "--quiet"], in: dir)
        #expect(crossed.status == 2)
        #expect(crossed.stderr.contains("radius") && crossed.stderr.contains("larger than its maximum"), "\(crossed.stderr)")
        let prior = try CommandLineRunner.run(["fit", cube, "--prior", "inclination=60", "--quiet"], in: dir)
        #expect(prior.status == 2 && prior.stderr.contains("mean:sigma"))
        #expect(try files(in: dir) == ["sim.fits"], "a refused fit left files behind")
    }

    @Test func chainCommandPoolsSeveralChainsWithBurnInAndMAP() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var rng = SeededGenerator(seed: 21)
        let chains = (0..<3).map { _ -> Chain in
            var chain = Chain()
            for _ in 0..<400 {
                var p = TestSupport.truth
                p[.x] += 0.1 * rng.nextGaussian()
                p[.maximumVelocity] += 5 * rng.nextGaussian()
                chain.append(p, reducedChi2: 1 + 0.001 * rng.nextGaussian(), weight: 1 + Int(rng.next() % 2))
            }
            return chain
        }
        let path = dir.appendingPathComponent("three_chain.dat")
        try ChainFile.text(for: chains).write(to: path, atomically: true, encoding: .utf8)
        let outcome = try CommandLineRunner.run(["chain", path.path, "--method", "map", "--burn", "100"], in: dir)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("3 chains") && outcome.stdout.contains("R-hat"))
        #expect(!outcome.stderr.contains("warning"), "\(outcome.stderr)")
        let json = try JSONSerialization.jsonObject(
            with: Data(contentsOf: dir.appendingPathComponent("three_galaxy_parameters.json"))) as! [String: Any]
        #expect(json["chains"] as? Int == 3 && json["burn"] as? Int == 100 && json["method"] as? String == "map")
        let x = (json["parameters"] as! [String: [String: Any]])["x"]!
        #expect(abs((x["rhat"] as! Double) - 1) < 0.05)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("three_galaxy_parameters_convergence.dat").path))
        // Two chains that disagree are flagged.
        var shifted = Chain()
        for row in 0..<chains[1].count {
            var p = chains[1].parameters(at: row)
            p[.x] += 1
            shifted.append(p, reducedChi2: chains[1].reducedChi2(at: row), weight: chains[1].weight(at: row))
        }
        try ChainFile.text(for: [chains[0], shifted]).write(to: path, atomically: true, encoding: .utf8)
        let split = try CommandLineRunner.run(["chain", path.path, "--overwrite"], in: dir)
        #expect(split.status == 0)
        #expect(split.stderr.contains("R-hat > 1.01") && split.stderr.contains("x "), "\(split.stderr)")
    }
}
