import Foundation
import Testing
@testable import GalPaK

/// Every kind of bad input, run through the real `galpak` binary: exit status 2, a one-line
/// message that names the file (or the option) and the problem, no crash, no output file.
@Suite struct BadInputCommandLineTests {
    /// Runs `galpak arguments` in `dir` and checks the refusal: status 2 by a normal exit, one
    /// `galpak: error:` line on stderr, last, containing every string of `naming` (any line
    /// before it is a `galpak:` stage or warning line), nothing on stdout, no stack trace, and
    /// not a single file added to or removed from `dir` (recursively).
    @discardableResult
    static func expectRefusal(_ arguments: [String], in dir: URL, naming: [String],
                              sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let before = try tree(dir)
        let outcome = try CommandLineRunner.run(arguments, in: dir, timeLimit: 120)
        #expect(!outcome.signalled, "galpak died of signal \(outcome.status)", sourceLocation: sourceLocation)
        #expect(outcome.status == 2, "exit status \(outcome.status): \(outcome.stderr)", sourceLocation: sourceLocation)
        let lines = outcome.stderr.split(separator: "\n").map(String.init)
        let errors = lines.filter { $0.hasPrefix("galpak: error: ") }
        #expect(errors.count == 1 && errors.last == lines.last && lines.allSatisfy { $0.hasPrefix("galpak: ") },
                "not a single error line at the end: \(outcome.stderr)", sourceLocation: sourceLocation)
        let message = errors.last ?? ""
        for text in naming {
            #expect(message.contains(text), "the message does not name \(text): \(outcome.stderr)",
                    sourceLocation: sourceLocation)
        }
        for trace in ["Fatal error", "Stack dump", "backtrace", "0x0000"] {
            #expect(!outcome.stderr.contains(trace), "stack trace on stderr", sourceLocation: sourceLocation)
        }
        #expect(outcome.stdout.isEmpty, "a refused run printed results: \(outcome.stdout)", sourceLocation: sourceLocation)
        #expect(try tree(dir) == before, "a refused run added or removed files", sourceLocation: sourceLocation)
        return message
    }

    /// Every path under `dir`, relative, hidden files included.
    static func tree(_ dir: URL) throws -> Set<String> {
        Set(FileManager.default.enumerator(atPath: dir.path)?.compactMap { $0 as? String } ?? [])
    }

    private func directory() throws -> URL { try TestSupport.temporaryDirectory() }

    /// A valid 20×20×24 cube with a STAT extension, `sim.fits`, in `dir`.
    private func validCube(in dir: URL) throws -> String {
        let path = try TestSupport.simulatedCube(in: dir)
        try? FileManager.default.removeItem(atPath: dir.appendingPathComponent("sim.json").path)
        return URL(fileURLWithPath: path).lastPathComponent
    }

    private func write(_ hdus: [TestFITS.HDU], _ name: String, in dir: URL) throws -> String {
        try TestFITS.write(hdus, to: dir.appendingPathComponent(name).path)
        return name
    }

    @Test func everyCommandStatesTheExitStatuses() throws {
        for command in [[], ["fit"], ["batch"], ["chain"], ["plot"], ["simulate"], ["info"], ["compare"]] {
            let help = try CommandLineRunner.run(command + ["--help"])
            #expect(help.status == 0)
            let text = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            for status in ["0 on success", "1 when a fit could not be carried out", "2 for bad input", "130, 143 or 129"] {
                #expect(text.contains(status), "galpak \(command.joined()) --help does not state '\(status)'")
            }
        }
    }

    // MARK: - Files that are not usable cubes

    @Test func notAFITSFile() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "SIMPLE? no: a shopping list\n".write(to: dir.appendingPathComponent("notes.fits"), atomically: true, encoding: .utf8)
        try Self.expectRefusal(["fit", "notes.fits"], in: dir, naming: ["notes.fits", "not a readable FITS file"])
        FileManager.default.createFile(atPath: dir.appendingPathComponent("empty.fits").path, contents: Data())
        try Self.expectRefusal(["fit", "empty.fits"], in: dir, naming: ["empty.fits", "FITS"])
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("folder.fits"), withIntermediateDirectories: false)
        try Self.expectRefusal(["fit", "folder.fits"], in: dir, naming: ["folder.fits"])
    }

    @Test(arguments: [0.5, 0.9, 0.05])
    func truncatedFile(fraction: Double) throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let name = try validCube(in: dir)
        let url = dir.appendingPathComponent(name)
        let bytes = try Data(contentsOf: url)
        try bytes.prefix(Int(Double(bytes.count) * fraction)).write(to: url)
        try Self.expectRefusal(["fit", name], in: dir, naming: [name])
    }

    @Test func truncatedFileSaysSo() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let name = try validCube(in: dir)
        let url = dir.appendingPathComponent(name)
        let bytes = try Data(contentsOf: url)
        try bytes.prefix(bytes.count / 3).write(to: url)
        try Self.expectRefusal(["fit", name], in: dir, naming: [name, "truncated"])
    }

    @Test(arguments: [[400], [20, 20]])
    func imageWithTooFewAxes(shape: [Int]) throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let n = shape.reduce(1, *)
        let name = try write([.init(shape: shape, values: (0..<n).map { Double($0) }, cards: TestFITS.wcs())],
                             "image.fits", in: dir)
        try Self.expectRefusal(["fit", name], in: dir,
                               naming: [name, "no 3-D image", "\(shape.count)-D image", "galpak needs a 3-D cube"])
    }

    @Test(arguments: [[20, 2, 24], [1, 20, 24], [20, 20, 2]])
    func cubeTooSmallForTheModel(shape: [Int]) throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let n = shape.reduce(1, *)
        let name = try write([.init(shape: shape, values: (0..<n).map { Double($0 % 7) }, cards: TestFITS.wcs())],
                             "tiny.fits", in: dir)
        try Self.expectRefusal(["fit", name], in: dir, naming: [name, "too small", "at least 3×3 pixels and 3 channels"])
    }

    @Test(arguments: [Double.nan, 0])
    func cubeWithoutData(fill: Double) throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let name = try write([.init(shape: [10, 10, 10], values: [Double](repeating: fill, count: 1000), cards: TestFITS.wcs())],
                             "blank.fits", in: dir)
        try Self.expectRefusal(["fit", name], in: dir, naming: [name, "every voxel is NaN or zero"])
    }

    @Test func varianceFileOfAnotherShape() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cube = try validCube(in: dir)
        let variance = try write([.init(shape: [20, 20, 23], values: [Double](repeating: 1, count: 9200))],
                                 "variance.fits", in: dir)
        try Self.expectRefusal(["fit", cube, "--variance", variance], in: dir,
                               naming: [variance, "20×20×23", "20×20×24", "same shape"])
        try Self.expectRefusal(["fit", cube, "--variance", "missing_variance.fits"], in: dir,
                               naming: ["missing_variance.fits", "no such file"])
    }

    @Test func statExtensionOfAnotherShape() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let name = try write([
            .init(shape: []),
            .init(shape: [8, 8, 8], values: TestFITS.ramp(nx: 8, ny: 8, nz: 8),
                  cards: TestFITS.wcs() + [HeaderCard(name: "EXTNAME", string: "DATA")]),
            .init(shape: [8, 8, 7], values: [Double](repeating: 1, count: 448),
                  cards: [HeaderCard(name: "EXTNAME", string: "STAT")]),
        ], "muse.fits", in: dir)
        try Self.expectRefusal(["fit", name], in: dir, naming: [name, "STAT", "8×8×7", "same shape"])
    }

    @Test func varianceWithoutUsableValues() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cube = try validCube(in: dir)
        let variance = try write([.init(shape: [20, 20, 24], values: [Double](repeating: 0, count: 9600))],
                                 "zeros.fits", in: dir)
        try Self.expectRefusal(["fit", cube, "--variance", variance], in: dir, naming: [variance, "no finite positive value"])
    }

    /// Image PSFs of a shape (or content) that cannot be used: (shape, pixel values, extra
    /// cards, what the message must say).
    static let unusablePSFs: [([Int], Double, [HeaderCard], String)] = [
        ([25], 1, [], "no 2-D image to use as a PSF (HDU 1: 1-D image 25)"),
        ([9, 9, 4], 1, [], "a wavelength-dependent PSF cube is not supported"),
        ([9, 9], 0, [], "no positive flux"),
        ([9, 9], 1, [HeaderCard(name: "CDELT1", number: -0.5 / 3600), HeaderCard(name: "CDELT2", number: 0.5 / 3600),
                     HeaderCard(name: "CUNIT1", string: "deg"), HeaderCard(name: "CUNIT2", string: "deg")],
         "resample the PSF image to the cube's pixel scale"),
    ]

    @Test(arguments: unusablePSFs)
    func imagePSFThatCannotBeUsed(shape: [Int], value: Double, cards: [HeaderCard], problem: String) throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cube = try validCube(in: dir)
        let n = shape.reduce(1, *)
        let psf = try write([.init(shape: shape, values: [Double](repeating: value, count: n), cards: cards)], "psf.fits", in: dir)
        try Self.expectRefusal(["fit", cube, "--psf", psf], in: dir, naming: [psf, problem])
        try Self.expectRefusal(["info", cube, "--psf", psf], in: dir, naming: [psf, problem])
    }

    // MARK: - Options

    /// (arguments after `fit CUBE`, text the message must contain). An unknown choice is named
    /// with its option and every valid name, the lists of six or more comma-separated.
    static let badOptions: [([String], [String])] = [
        (["--instrument", "hubble"], ["hubble", "--instrument", "one of the following: musewfm, musenfm, muse, kmos"]
            + Instrument.presets.map(\.name)),
        (["--flux-profile", "boxy"], ["boxy", "--flux-profile"] + FluxProfile.names),
        (["--rotation-curve", "flat"], ["flat", "--rotation-curve", "tanh, arctan, exponential"] + RotationCurve.names),
        (["--thickness", "thin"], ["thin", "--thickness"] + ThicknessProfile.names),
        (["--dispersion", "none"], ["none", "--dispersion"] + DispersionProfile.names),
        (["--method", "median"], ["median", "--method"] + ChainSummary.Method.names),
        (["--sampling", "gibbs"], ["gibbs", "--sampling"] + SamplingMethod.names),
        (["--chi-stat", "poisson"], ["poisson", "--chi-stat"] + ChiStatistic.names),
        (["--first-guess", "random"], ["random", "--first-guess"] + FitOptions.FirstGuess.names),
        (["--lsf", "sinc"], ["sinc", "--lsf"] + SpreadFunctionChoice.LSFProfile.names),
        (["--cunit3", "furlong"], ["furlong", "--cunit3"] + SpectralUnit.names),
        (["--doublet", "hbeta"], ["hbeta", "--doublet"]),
        (["--line", "3726,3726"], ["--line", "3726"]),
        (["--line", "6563,6583", "--line-ratio", "1"], ["--line-ratio", "2 lines"]),
        (["--line", "6563,6583", "--line-ratio", "1,=6548/3"], ["--line-ratio", "6548"]),
        (["--line", "6563,6583", "--z-line", "6548"], ["--z-line", "6548"]),
        (["--lines", "hgamma"], ["--lines", "hgamma", "halpha-nii"]),
        (["--lines", "oii", "--doublet", "oii"], ["--doublet", "--lines"]),
        (["--seeing", "wide"], ["wide", "--seeing"]),
        (["--seeing", "-1"], ["--seeing"]),
        (["--iterations", "0"], ["--iterations"]),
        (["--fraction", "150"], ["--fraction", "150"]),
        (["--pixscale", "0"], ["--pixscale"]),
        (["--cdelt3", "0"], ["--cdelt3"]),
        (["--lsf-fwhm", "nan"], ["--lsf-fwhm"]),
        (["--aspect", "-0.2"], ["--aspect"]),
        (["--pv-width", "0"], ["--pv-width", "> 0 arcsec", "got 0"]),
        (["--pv-width", "-0.5"], ["--pv-width", "got -0.5"]),
        (["--pv-width", "inf"], ["--pv-width", "> 0 arcsec"]),
        (["--pv-width", "nan"], ["--pv-width"]),
        (["--voronoi-snr", "0"], ["--voronoi-snr", "> 0", "got 0"]),
        (["--voronoi-snr", "-5"], ["--voronoi-snr", "got -5"]),
        (["--voronoi-snr", "nan"], ["--voronoi-snr", "> 0"]),
        (["--no-such-option"], ["--no-such-option"]),
    ]

    @Test(arguments: badOptions)
    func unknownOrInvalidOptionValue(arguments: [String], naming: [String]) throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cube = try validCube(in: dir)
        try Self.expectRefusal(["fit", cube] + arguments, in: dir, naming: naming)
    }

    /// An LSF that is infinitely wide in channels (a huge FWHM over a fine channel step) must be
    /// refused, not reach the kernel.
    @Test func lineSpreadFunctionThatCannotBeComputed() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cube = try validCube(in: dir)
        try Self.expectRefusal(["fit", cube, "--lsf-fwhm", "1e308", "--cdelt3", "0.01"], in: dir,
                               naming: [cube, "LSF width is inf channels"])
    }

    @Test func unknownParameterName() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let params = "x=5,y=5,z=5,flux=10,radius=2,inclination=40,pa=10,turnover_radius=1,velocity=100,velocity_dispersion=30"
        try Self.expectRefusal(["simulate", "--shape", "10,10,10", "--params", params, "-o", "sim.fits"], in: dir,
                               naming: ["--params", "unknown parameter 'velocity'", "maximum_velocity"])
        try Self.expectRefusal(["simulate", "--shape", "10,10,10", "--params", "x=5", "-o", "sim.fits"], in: dir,
                               naming: ["--params", "missing"])
    }

    // MARK: - Outputs that cannot be written

    @Test func outputDirectoryThatDoesNotExist() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cube = try validCube(in: dir)
        try Self.expectRefusal(["fit", cube, "-o", "nowhere/run"], in: dir, naming: ["nowhere", "does not exist"])
        try Self.expectRefusal(["simulate", "--shape", "10,10,10", "--params",
                                "x=5,y=5,z=5,flux=10,radius=2,inclination=40,pa=10,turnover_radius=1,maximum_velocity=100,velocity_dispersion=30",
                                "-o", "nowhere/sim.fits"], in: dir, naming: ["nowhere", "does not exist"])
    }

    @Test func outputDirectoryThatIsAFile() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cube = try validCube(in: dir)
        try "a file".write(to: dir.appendingPathComponent("results"), atomically: true, encoding: .utf8)
        try Self.expectRefusal(["fit", cube, "-o", "results/run"], in: dir, naming: ["results", "not a directory"])
    }

    @Test func outputThatIsADirectoryEvenWithOverwrite() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cube = try validCube(in: dir)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("run_3Dkernel.fits"), withIntermediateDirectories: false)
        try Self.expectRefusal(["fit", cube, "-o", "run", "--overwrite", "--iterations", "5"], in: dir,
                               naming: ["run_3Dkernel.fits", "is a directory"])
    }

    @Test(.enabled(if: getuid() != 0, "root can write into a read-only directory"))
    func outputDirectoryWithoutWritePermission() throws {
        let dir = try directory()
        defer {
            chmod(dir.appendingPathComponent("locked").path, 0o755)
            try? FileManager.default.removeItem(at: dir)
        }
        let cube = try validCube(in: dir)
        let locked = dir.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: false)
        chmod(locked.path, 0o555)
        try Self.expectRefusal(["fit", cube, "-o", "locked/run"], in: dir, naming: ["locked", "not writable"])
    }

    @Test func existingOutputWithoutOverwrite() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cube = try validCube(in: dir)
        try "mine".write(to: dir.appendingPathComponent("sim_chain.dat"), atomically: true, encoding: .utf8)
        try Self.expectRefusal(["fit", cube, "--iterations", "5"], in: dir, naming: ["sim_chain.dat", "--overwrite"])
        #expect(try String(contentsOf: dir.appendingPathComponent("sim_chain.dat"), encoding: .utf8) == "mine")
    }
}
