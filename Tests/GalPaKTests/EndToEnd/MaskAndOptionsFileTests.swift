import Foundation
import Testing
@testable import GalPaK

/// `galpak fit --mask/--channels` and `--options`, as a user runs them: what the outputs
/// record, that `PREFIX_options.txt` repeats a fit, that the command line wins over a file and
/// that bad masks and option lines are refused in one line with status 2.
@Suite struct MaskAndOptionsFileTests {
    /// The simulated cube's shape (``TestSupport/simulatedCube(in:snr:seed:)``).
    private static let (nx, ny, nz) = (20, 20, 24)

    private func settings(_ path: URL) throws -> [OptionSetting] {
        try OptionsFile.read(path: path.path).map(\.setting)
    }

    @Test func aMaskedFitRecordsItsSelectionAndItsOptionsFileRepeatsIt() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cube = try TestSupport.simulatedCube(in: dir)
        // Columns 0–2 and one more pixel left out, in every channel.
        let left = { (i: Int, j: Int) in i < 3 || (i == 15 && j == 4) }
        let mask = (0..<Self.ny).flatMap { j in (0..<Self.nx).map { i in left(i, j) ? 0.0 : 1 } }
        let maskPath = dir.appendingPathComponent("mask.fits").path
        try TestFITS.write([.init(shape: [Self.nx, Self.ny], values: mask, bitpix: 16)], to: maskPath)
        let given = ["--mask", maskPath, "--channels", "4:21", "--seeing", "0.7", "--iterations", "150", "--chains", "2",
                     "--sampling", "cauchy", "--fix", "inclination=58", "--no-plots", "--quiet"]
        let first = try CommandLineRunner.run(["fit", cube] + given + ["-o", "a"], in: dir)
        #expect(first.status == 0, "\(first.stderr)")

        // The outputs say which voxels were fitted.
        let a = FitOutputs(prefix: dir.appendingPathComponent("a").path)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: a.parametersJSON))) as? [String: Any]
        let used = (Self.nx * Self.ny - 3 * Self.ny - 1) * 18
        #expect(json?["mask"] as? String == maskPath)
        #expect(json?["channels"] as? [Int] == [4, 21])
        #expect(json?["voxels_used"] as? Int == used)
        let run = try String(contentsOfFile: a.runParameters, encoding: .utf8)
        #expect(run.contains("mask = \(maskPath)\nchannels = 4:21\nvoxels_used = \(used)\n"))
        let residuals = try FITSFile(reading: a.residualCube)
        try residuals.moveTo(hdu: 2)
        #expect(try residuals.string("FITMASK") == "mask.fits")
        #expect(try residuals.double("FITCHAN1") == 5 && residuals.double("FITCHAN2") == 22)
        let values = try residuals.readImage()
        for k in 0..<Self.nz { for j in 0..<Self.ny { for i in 0..<Self.nx {
            let fitted = (4...21).contains(k) && !left(i, j)
            #expect(values[(k * Self.ny + j) * Self.nx + i].isFinite == fitted, "residual at \(i), \(j), \(k)")
        } } }
        let model = try FITSFile(reading: a.convolvedCube)
        try model.moveTo(hdu: 2)
        #expect(try model.readImage().allSatisfy(\.isFinite), "the model covers the whole cube")
        // galpak plot reads the cube again, without the voxels the fit left out.
        let inputs = try FigureInputs(prefix: a.prefix, cubePath: cube)
        #expect(inputs.data.map(\.isFinite) == values.map(\.isFinite))

        // PREFIX_options.txt: the options given, in order, without the output; the fit repeats
        // from it alone.
        let recorded = try settings(URL(fileURLWithPath: a[.options]))
        #expect(recorded.map(\.name) == ["mask", "channels", "seeing", "iterations", "chains", "sampling", "fix",
                                         "no-plots", "quiet"])
        #expect(recorded.first { $0.name == "fix" }?.value == "inclination=58")
        let second = try CommandLineRunner.run(["fit", "--options", "a_options.txt", cube, "-o", "b"], in: dir)
        #expect(second.status == 0, "\(second.stderr)")
        let b = FitOutputs(prefix: dir.appendingPathComponent("b").path)
        #expect(try settings(URL(fileURLWithPath: b[.options])) == recorded)
        // The same run: input, selection, instrument, sampler, model, bounds, first guess and
        // chain starts. (Not the chain bit for bit: each process times the convolution methods
        // and keeps the faster (makeConvolution), so two processes may round differently.)
        // The provenance lines (command line, date) differ between the two runs by design.
        func setup(_ path: String) throws -> [Substring] {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            return text[..<(text.range(of: "final_parameters")?.lowerBound ?? text.endIndex)]
                .split(separator: "\n")
                .filter { !$0.hasPrefix("command_line") && !$0.hasPrefix("date") }
        }
        #expect(try setup(b.runParameters) == setup(a.runParameters))
        #expect(try setup(a.runParameters).contains { $0.contains("chain_starts") })
    }

    @Test func theCommandLineWinsAndBadLinesAreRefusedByLine() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        func run(_ lines: String, _ extra: [String] = []) throws -> CommandLineRunner.Outcome {
            try lines.write(to: dir.appendingPathComponent("o.txt"), atomically: true, encoding: .utf8)
            return try CommandLineRunner.run(["fit", "--options", "o.txt", "nowhere.fits", "--quiet"] + extra, in: dir)
        }
        let refused: [(String, String)] = [
            ("# limits\nmax-iterations = 5", "o.txt: line 2: "),
            ("seeing = 0.7\nseeing = 0.8", "o.txt: line 2: 'seeing' is already set on line 1"),
            ("speed = 3", "o.txt: line 1: 'speed' is not an option of galpak fit that a file can set"),
            ("options = other.txt", "o.txt: line 1: 'options' is not an option of galpak fit that a file can set"),
            ("no-plots = perhaps", "o.txt: line 1: no-plots is a flag: write true or false (got 'perhaps')"),
            ("seeing", "o.txt: line 1: 'seeing' is not 'option = value'"),
            ("channels = 3-9", "o.txt: line 1: "),
        ]
        for (lines, start) in refused {
            let outcome = try run(lines)
            #expect(outcome.status == 2, "\(lines)")
            #expect(outcome.stderr.hasPrefix("galpak: error: " + start), "\(lines): \(outcome.stderr)")
            #expect(outcome.stderr.split(separator: "\n").count == 1, "\(outcome.stderr)")
        }
        // The command line's value replaces the file's: the file's bad one is never used, and
        // the run goes on to the (missing) cube.
        let overridden = try run("max-iterations = 5", ["--max-iterations", "1000"])
        #expect(overridden.status == 2 && overridden.stderr.contains("nowhere.fits: no such file"), "\(overridden.stderr)")
        // Options refused only together with the command line's: the file is named, no line.
        let combined = try run("noise-correlation = none", ["--variance-scale", "auto"])
        #expect(combined.status == 2, "\(combined.stderr)")
        #expect(combined.stderr.hasPrefix("galpak: error: o.txt: with the command line's options: --variance-scale auto needs"),
                "\(combined.stderr)")
        #expect(try CommandLineRunner.run(["fit", "--options", "none.txt", "nowhere.fits"], in: dir).stderr
            == "galpak: error: none.txt: no such file\n")
    }

    @Test func aMaskOfAnotherShapeIsRefusedInOneLine() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cube = try TestSupport.simulatedCube(in: dir)
        try TestFITS.write([.init(shape: [Self.nx, Self.ny - 1], values: [Double](repeating: 1, count: Self.nx * (Self.ny - 1)))],
                           to: dir.appendingPathComponent("mask.fits").path)
        let outcome = try CommandLineRunner.run(["fit", cube, "--mask", "mask.fits", "--quiet"], in: dir)
        #expect(outcome.status == 2)
        #expect(outcome.stderr == "galpak: error: mask.fits: the mask (HDU 1) is 20×19 but the cube \(cube) is 20×20×24 "
            + "(x×y×channels); a mask must be 20×20 (every channel) or 20×20×24\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["mask.fits", "sim.fits"])
    }

    @Test func batchManifestsTakeTheSameOptionNames() throws {
        let help = try CommandLineRunner.run(["batch", "--help"])
        let flat = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for column in ["channels,", "mask,", "options,"] {
            #expect(flat.contains(column), "batch --help lists no \(column) column")
        }
    }
}
