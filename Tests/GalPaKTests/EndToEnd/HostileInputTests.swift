import Foundation
import Testing
@testable import GalPaK

/// The classes of hostile input of issue 15 that were crashes, silently accepted or misreported,
/// run through the real `galpak` binary: one test per class, each case checked for its exit
/// status, its one-line message and the files it leaves (none, for a refusal: see
/// ``BadInputCommandLineTests/expectRefusal(_:in:naming:sourceLocation:)``).
@Suite struct HostileInputTests {
    private static let params = "x=10,y=10,z=12,flux=500,radius=3,inclination=60,pa=30,turnover_radius=1,"
        + "maximum_velocity=170,velocity_dispersion=45"

    /// A directory with a valid 20×20×24 cube, `sim.fits`.
    private func directoryWithCube() throws -> URL {
        let dir = try TestSupport.temporaryDirectory()
        _ = try TestSupport.simulatedCube(in: dir)
        return dir
    }

    // MARK: - 8: requests too large for the machine, or beyond a documented maximum

    /// (arguments, what the message must name). Each was an allocation abort, an overflow trap,
    /// a failed precondition, or a run that grew until the memory ran out.
    static let oversized: [([String], [String])] = [
        (["fit", "sim.fits", "--iterations", "1000000000"], ["--iterations", "[1, 1e8]", "1000000000"]),
        (["fit", "sim.fits", "--iterations", "9223372036854775807"], ["--iterations", "[1, 1e8]"]),
        (["fit", "sim.fits", "--max-iterations", "9223372036854775807"], ["--max-iterations", "1e8"]),
        (["fit", "sim.fits", "--chains", "1000000000"], ["--chains", "[1, 1024]"]),
        // Within both maxima, but 1024 chains of 10⁸ steps need ~20 TB.
        (["fit", "sim.fits", "--iterations", "100000000", "--chains", "1024"], ["1024 chains", "--iterations", "GB of memory", "this machine's"]),
        (["simulate", "--shape", "2000,2000,3000", "--params", params, "-o", "s.fits"], ["2000×2000×3000", "GB of memory"]),
        (["simulate", "--shape", "4294967296,4294967296,3", "--params", params, "-o", "s.fits"], ["more memory than 64 bits can count"]),
        (["simulate", "--shape", "9223372036854775807,3,3", "--params", params, "-o", "s.fits"], ["more memory than 64 bits can count"]),
        // Bounds and scales so wide that the proposal's scale matrix overflowed.
        (["fit", "sim.fits", "--max", "flux=1e308"], ["--max flux", "1e60"]),
        (["fit", "sim.fits", "--random-scale", "1e308"], ["--random-scale", "(0, 1000]"]),
    ]

    @Test func requestsTooLargeAreRefusedBeforeAnythingIsAllocated() throws {
        let dir = try directoryWithCube()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (arguments, naming) in Self.oversized {
            try BadInputCommandLineTests.expectRefusal(arguments, in: dir, naming: naming)
        }
    }

    // MARK: - 9: bad input that was silently accepted

    static let unacceptable: [([String], [String])] = [
        (["fit", "sim.fits", "--fix", "inclination=200"], ["--fix inclination", "[0, 90]", "200"]),
        (["fit", "sim.fits", "--init", "inclination=95"], ["--init inclination", "[0, 90]"]),
        (["fit", "sim.fits", "--fix", "velocity_dispersion=-5"], ["--fix velocity_dispersion", "-5"]),
        (["fit", "sim.fits", "--seeing", "1e300"], ["--seeing", "(0, 3600] arcsec"]),
        (["fit", "sim.fits", "--psf-pa", "1e300"], ["--psf-pa", "[-360, 360]"]),
        (["fit", "sim.fits", "--aspect", "1e300"], ["--aspect", "(0, 1]"]),
        (["fit", "sim.fits", "--variance-scale", "1e300"], ["--variance-scale", "1e30"]),
        (["fit", "sim.fits", "--line", "inf,3728.9"], ["--line"]),
        (["fit", "sim.fits", "-o", ""], ["--output", "empty"]),
        (["fit", "sim.fits", "-o", "results/"], ["--output", "ends with '/'"]),
        (["fit", "sim.fits", "--instrument-file", "empty.txt"], ["empty.txt", "empty"]),
        (["fit", "sim.fits", "--instrument-file", "garbage.txt"], ["garbage.txt", "not an instrument file"]),
        (["fit", "sim.fits", "--instrument-file", "sim.fits"], ["sim.fits", "not an instrument file"]),
        (["fit", "sim.fits", "--instrument-file", "wide.txt"], ["wide.txt", "[PSF] fwhm", "3600"]),
        (["simulate", "--shape", "20,20,24", "--params", params.replacingOccurrences(of: "inclination=60", with: "inclination=200"),
          "-o", "s.fits"], ["--params inclination", "[0, 90]"]),
        (["simulate", "--shape", "20,20,24", "--params", params, "--snr", "1e-300", "-o", "s.fits"], ["--snr"]),
        (["simulate", "--shape", "20,20,24", "--params", params, "-o", ""], ["--output", "empty"]),
        (["chain", "allnan_chain.dat"], ["allnan_chain.dat", "NaN or infinite"]),
        (["chain", "nan_chain.dat", "-o", ""], ["--output", "empty"]),
    ]

    @Test func badValuesAreRefusedOrExcludedWithACount() throws {
        let dir = try directoryWithCube()
        defer { try? FileManager.default.removeItem(at: dir) }
        FileManager.default.createFile(atPath: dir.appendingPathComponent("empty.txt").path, contents: Data())
        FileManager.default.createFile(atPath: dir.appendingPathComponent("garbage.txt").path,
                                       contents: Data((0..<300).map { UInt8(truncatingIfNeeded: $0 &* 37) }))
        try "[PSF]\n  type = gaussian\n  fwhm = 1e300 \"\n".write(to: dir.appendingPathComponent("wide.txt"), atomically: true, encoding: .utf8)
        try Self.writeChain(finiteRows: 200, nanRows: 3, in: dir, name: "nan_chain.dat")
        try Self.writeChain(finiteRows: 0, nanRows: 4, in: dir, name: "allnan_chain.dat")
        for (arguments, naming) in Self.unacceptable {
            try BadInputCommandLineTests.expectRefusal(arguments, in: dir, naming: naming)
        }

        // NaN and infinite rows of a chain are left out, counted; the estimates are finite.
        let chain = try CommandLineRunner.run(["chain", "nan_chain.dat"], in: dir)
        #expect(chain.status == 0, "\(chain.stderr)")
        #expect(chain.stderr.contains("galpak: warning: nan_chain.dat: 3 of its 403 rows hold a NaN or infinite value; they are left out"))
        let json = try String(contentsOf: dir.appendingPathComponent("nan_galaxy_parameters.json"), encoding: .utf8)
        #expect(!json.contains("null"), "a NaN reached the JSON")

        // Infinite voxels in DATA are missing, like NaN, and counted.
        var simulated = try SimulatedCube(SimulationSpec(
            nx: 20, ny: 20, nz: 24, spectral: SpectralAxis(crval: 6550, crpix: 1, cdelt: 1.25, unit: .angstrom),
            pixscale: 0.2, parameters: TestSupport.truth, instrument: Instrument.museWFM.withSeeing(0.7),
            noise: .peakSNR(15)))
        simulated.data[0] = .infinity
        simulated.data[5] = -.infinity
        try FITSWriter.write(simulated.data, shape: [20, 20, 24], cards: simulated.cards, variance: simulated.variance,
                             to: dir.appendingPathComponent("inf.fits").path)
        let info = try CommandLineRunner.run(["info", "inf.fits"], in: dir)
        #expect(info.status == 0, "\(info.stderr)")
        #expect(info.stdout.contains("inf.fits: 2 voxels of the cube"), "\(info.stdout)")
        #expect(info.stdout.contains("are infinite; they are left out of the fit, like NaN"), "\(info.stdout)")
    }

    /// A `--burn` at least as long as any chain of the run could be is refused while the
    /// command line is read, naming the option and the limit, not after minutes of sampling;
    /// in a batch, that cube fails before any fit starts.
    @Test func aBurnInLongerThanAnyChainIsRefusedBeforeSampling() throws {
        let dir = try directoryWithCube()
        defer { try? FileManager.default.removeItem(at: dir) }
        // 20 accepted steps at 5 % acceptance at least: at most 402 iterations.
        try BadInputCommandLineTests.expectRefusal(["fit", "sim.fits", "--iterations", "20", "--burn", "402"], in: dir,
                                                   naming: ["--burn 402", "--iterations 20", "at most 402 iterations"])
        try BadInputCommandLineTests.expectRefusal(["fit", "sim.fits", "--iterations", "20", "--min-acceptance", "0", "--burn", "20000"],
                                                   in: dir, naming: ["--burn 20000", "at most 20000 iterations"])
        try BadInputCommandLineTests.expectRefusal(["fit", "sim.fits", "--burn", "1000002"], in: dir,
                                                   naming: ["--burn 1000002", "--max-iterations 50000"])
        try "cube,burn\nsim.fits,5000\n".write(to: dir.appendingPathComponent("m.csv"), atomically: true, encoding: .utf8)
        let batch = try CommandLineRunner.run(["batch", "m.csv", "--outdir", "out", "--quiet", "--iterations", "20"],
                                              in: dir, timeLimit: 120)
        #expect(batch.status == 1, "\(batch.stderr)")
        #expect(batch.stdout.contains("failed: sim.fits: --burn 5000 would leave nothing"), "\(batch.stdout)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/sim/sim.log").path), "a fit was started")
    }

    /// A chain file of two chains of `finiteRows` finite rows each, then `nanRows` rows holding
    /// a NaN or an infinity (spread over both chains).
    private static func writeChain(finiteRows: Int, nanRows: Int, in dir: URL, name: String) throws {
        var generator = SeededGenerator(seed: 7)
        var chains = [Chain(), Chain()]
        for c in 0..<2 {
            for _ in 0..<finiteRows {
                let noise = (0..<10).map { _ in generator.nextGaussian() * 0.1 }
                chains[c].append(GalaxyParameters(zip(TestSupport.truth.values, noise).map { $0 + $1 }),
                                 reducedChi2: 1 + abs(generator.nextGaussian()) * 0.01)
            }
        }
        for n in 0..<nanRows {
            var values = TestSupport.truth.values
            values[n % 10] = n % 2 == 0 ? .nan : .infinity
            chains[n % 2].append(GalaxyParameters(values), reducedChi2: 1)
        }
        try ChainFile.text(for: chains).write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    // MARK: - 10: wrong status or message

    @Test func refusalsNameTheOptionOrTheFileAndTheRule() throws {
        let dir = try directoryWithCube()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = { (name: String) in dir.appendingPathComponent(name).path }
        #expect(mkfifo(path("fifo.fits"), 0o644) == 0 && mkfifo(path("list.csv"), 0o644) == 0)
        let carma = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/carma_NGC4047_crop.fits").path
        try FileManager.default.createSymbolicLink(atPath: path("loop-a.fits"), withDestinationPath: "loop-b.fits")
        try FileManager.default.createSymbolicLink(atPath: path("loop-b.fits"), withDestinationPath: "loop-a.fits")
        let cases: [([String], [String])] = [
            // Was status 1, "χ² at the initial parameters is inf".
            (["fit", "sim.fits", "--fix", "radius=-5"], ["--fix radius", "(0, 1e6] pixels", "-5"]),
            // Were "Missing value".
            (["fit", "sim.fits", "--seeing", "-1"], ["--seeing", "(0, 3600]", "-1"]),
            (["fit", "sim.fits", "--iterations", "-5"], ["--iterations", "[1, 1e8]"]),
            (["simulate", "--shape", "-3,3,3", "--params", Self.params, "-o", "s.fits"], ["--shape", "at least 3"]),
            (["fit", "sim.fits", "--seed", "-1"], ["--seed", "from 0 to 18446744073709551615"]),
            (["fit", "sim.fits", "--noise-correlation", "-3"], ["--noise-correlation", "[1, 1e6]"]),
            // Were "is empty (0 bytes)", or a hang on opening.
            (["fit", "fifo.fits"], ["fifo.fits", "not a regular file", "FIFO"]),
            (["fit", "/dev/zero"], ["/dev/zero", "not a regular file", "character device"]),
            (["fit", "sim.fits", "--instrument-file", "/dev/zero"], ["/dev/zero", "not a regular file"]),
            (["chain", "fifo.fits"], ["fifo.fits", "not a regular file"]),
            (["batch", "list.csv", "--outdir", "out"], ["list.csv", "not a regular file"]),
            // Was "no such file".
            (["fit", "loop-a.fits"], ["loop-a.fits", "loop of symbolic links"]),
            // Info errors name the cube (these did not).
            (["info", "sim.fits", "--lsf-fwhm", "1e300", "--cdelt3", "0.01"], ["sim.fits: ", "LSF width", "at most 1e6 channels"]),
            (["info", carma, "--instrument", "alma", "--seeing", "7", "--lsf", "muse"], [carma + ": ", "needs a wavelength axis"]),
        ]
        for (arguments, naming) in cases {
            try BadInputCommandLineTests.expectRefusal(arguments, in: dir, naming: naming)
        }

        // A process substitution: an NSCocoaErrorDomain dump with status 1 before.
        let galpak = CommandLineRunner.executable.path
        let substituted = try CommandLineRunner.run(["-c", "'\(galpak)' fit <(cat sim.fits)"],
                                                    program: URL(fileURLWithPath: "/bin/bash"), in: dir)
        #expect(substituted.status == 2, "\(substituted.stderr)")
        #expect(substituted.stderr.contains("is not a regular file (a pipe or FIFO"), "\(substituted.stderr)")
        #expect(!substituted.stderr.contains("NSCocoaErrorDomain"))

        // A manifest's cube named like an option reaches the child as a path (after --).
        try Data("SIMPLE? not FITS".utf8).write(to: dir.appendingPathComponent("-dash.fits"))
        try "cube\n-dash.fits\n".write(to: dir.appendingPathComponent("m.csv"), atomically: true, encoding: .utf8)
        let batch = try CommandLineRunner.run(["batch", "m.csv", "--outdir", "out", "--quiet"], in: dir, timeLimit: 120)
        #expect(batch.status == 1, "\(batch.stderr)")
        #expect(batch.stdout.contains("failed: -dash.fits: is not a readable FITS file"), "\(batch.stdout)")
        #expect(!batch.stdout.contains("nknown option"), "the child parsed the cube's name as options")
    }

    // MARK: - 11: terminal injection

    @Test func controlCharactersFromFilesAreEscaped() throws {
        let dir = try directoryWithCube()
        defer { try? FileManager.default.removeItem(at: dir) }
        // CTYPE3 = ESC[31m, an OSC retitling the terminal, BEL.
        var bytes = try Data(contentsOf: dir.appendingPathComponent("sim.fits"))
        let card = Data("CTYPE3  = '".utf8)
        let start = try #require(bytes.range(of: card)).lowerBound
        let record = Data("CTYPE3  = '\u{1B}[31mWA\u{1B}]0;pwn\u{07}' / evil".utf8)
        bytes.replaceSubrange(start..<start + 80, with: record + Data(repeating: 0x20, count: 80 - record.count))
        try bytes.write(to: dir.appendingPathComponent("evil.fits"))
        let escName = "\u{1B}[2Jgone.fits"
        let cases: [([String], [String])] = [
            (["fit", "evil.fits"], ["evil.fits", "CTYPE3", "\\e[31M", "\\x07"]),
            (["info", "evil.fits"], ["evil.fits", "\\e]0;PWN"]),
            (["fit", escName], ["\\e[2Jgone.fits", "no such file"]),
            (["fit", "sim.fits", "--fix", "\u{9B}31mfoo=1"], ["unknown parameter", "\\u{9b}31mfoo"]),
        ]
        for (arguments, naming) in cases {
            let outcome = try CommandLineRunner.run(arguments, in: dir)
            #expect(outcome.status == 2, "\(arguments): \(outcome.stderr)")
            for text in naming { #expect(outcome.stderr.contains(text), "\(arguments): \(outcome.stderr)") }
            let raw = outcome.stderr.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) }
            #expect(raw.isEmpty, "\(arguments): control characters reached the terminal")
        }
    }

    /// Bidirectional controls and other invisible format characters in a file name, a manifest
    /// cell or a header value reach the terminal escaped, like control characters: they could
    /// make `evil\u{202E}stif.txt` show as `eviltxt.fits`, or hide part of a message.
    @Test func bidirectionalAndInvisibleCharactersAreEscaped() throws {
        let dir = try directoryWithCube()
        defer { try? FileManager.default.removeItem(at: dir) }
        var bytes = try Data(contentsOf: dir.appendingPathComponent("sim.fits"))
        let start = try #require(bytes.range(of: Data("CTYPE3  = '".utf8))).lowerBound
        let record = Data("CTYPE3  = 'WA\u{202E}\u{200B}VE' / hidden".utf8)
        bytes.replaceSubrange(start..<start + 80, with: record + Data(repeating: 0x20, count: 80 - record.count))
        try bytes.write(to: dir.appendingPathComponent("bidi.fits"))
        try "cube\nlist\u{2066}\u{202E}stif.txt\u{2069}.fits\n".write(to: dir.appendingPathComponent("m.csv"), atomically: true, encoding: .utf8)
        let cases: [([String], [String])] = [
            (["fit", "evil\u{202E}stif.txt"], ["evil\\u{202e}stif.txt", "no such file"]),
            (["info", "\u{200F}\u{FEFF}x\u{2028}.fits"], ["\\u{200f}\\u{feff}x\\u{2028}.fits"]),
            (["info", "bidi.fits"], ["bidi.fits", "WA\\u{202e}\\u{200b}VE"]),
            (["batch", "m.csv", "--outdir", "out", "--quiet"], ["list\\u{2066}\\u{202e}stif.txt\\u{2069}.fits"]),
        ]
        for (arguments, naming) in cases {
            let outcome = try CommandLineRunner.run(arguments, in: dir, timeLimit: 120)
            #expect(outcome.status != 0, "\(arguments): \(outcome.stderr)")
            let printed = outcome.stdout + outcome.stderr
            for text in naming { #expect(printed.contains(text), "\(arguments): \(printed)") }
            let hidden = printed.unicodeScalars.filter {
                [.format, .lineSeparator, .paragraphSeparator].contains($0.properties.generalCategory)
            }
            #expect(hidden.isEmpty, "\(arguments): invisible characters reached the terminal: \(hidden.map { String($0.value, radix: 16) })")
        }
    }

    @Test func escapingControlCharacters() {
        #expect("plain ☃ text".escapingControlCharacters() == "plain ☃ text")
        #expect("\u{1B}[31mred\u{7F}\u{00}\u{9B}".escapingControlCharacters() == "\\e[31mred\\x7f\\x00\\u{9b}")
        #expect("a\nb\tc".escapingControlCharacters() == "a\\x0ab\\x09c")
        #expect("a\nb\r".escapingControlCharacters(keepingLineBreaks: true) == "a\nb\\x0d")
        #expect("a\tb".escapingControlCharacters(keepingLineBreaks: true) == "a\tb")
        #expect("a\tb".escapingControlCharacters() == "a\\x09b")
        #expect("evil\u{202E}stif.txt\u{2066}\u{2069}\u{200E}\u{200F}".escapingControlCharacters()
                == "evil\\u{202e}stif.txt\\u{2066}\\u{2069}\\u{200e}\\u{200f}")
        #expect("\u{202A}\u{202B}\u{202C}\u{202D}\u{2067}\u{2068}\u{061C}\u{200B}\u{00AD}\u{FEFF}\u{2028}\u{2029}".escapingControlCharacters()
                == "\\u{202a}\\u{202b}\\u{202c}\\u{202d}\\u{2067}\\u{2068}\\u{61c}\\u{200b}\\u{ad}\\u{feff}\\u{2028}\\u{2029}")
        #expect("日本語 é 🚀".escapingControlCharacters() == "日本語 é 🚀")
    }
}
