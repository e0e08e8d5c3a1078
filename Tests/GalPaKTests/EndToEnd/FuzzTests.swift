import CCFITSIO
import Foundation
import Testing
@testable import GalPaK

/// Mutated versions of valid cubes (see ``FITSMutator``) through the reader in-process and
/// through `galpak info` and `galpak fit --iterations 1 --sampling cauchy`: every input must be read or refused
/// with a ``GalpakError``, and the tool must exit with a status and a one-line message naming
/// the file, never die of a signal, hang, or leave an output behind; `info` must accept every
/// cube `fit` accepts (not conversely: `fit` also refuses a cube without positive flux).
///
/// `swift test` runs a short pass (a few hundred inputs, seconds). `make fuzz` runs the long
/// one: `GALPAK_FUZZ_INPUTS=N` inputs through the reader, N/4 of them also through the tool (each
/// through both commands),
/// starting at seed `GALPAK_FUZZ_SEED` (default 1).
///
/// Each input is written to `galpak-fuzz-last-input.fits` in the temporary directory (and what
/// was done to it to `…-last-input.txt`) before it is read, so that if the reader ever crashes
/// the test process, the input that did it is left there.
@Suite struct FuzzTests {
    static let environment = ProcessInfo.processInfo.environment
    static let longInputs = environment["GALPAK_FUZZ_INPUTS"].flatMap { Int($0) }
    static let seed = environment["GALPAK_FUZZ_SEED"].flatMap { UInt64($0) } ?? 1

    @Test func shortFuzz() throws {
        try Self.fuzz(readerInputs: 300, toolInputs: 40, seed: Self.seed)
    }

    @Test(.enabled(if: longInputs != nil, "set GALPAK_FUZZ_INPUTS (make fuzz)"))
    func longFuzz() throws {
        let n = try #require(Self.longInputs)
        try Self.fuzz(readerInputs: n, toolInputs: n / 4, seed: Self.seed &+ 1_000_003)
    }

    /// What happened to the inputs of one run, printed at the end.
    struct Tally: CustomStringConvertible {
        var read = 0, refused = 0
        /// "fit 2", "info 0", "fit signal 11": how the tool ended, by command.
        var toolStatus: [String: Int] = [:]
        var messages: [String: Int] = [:]

        var description: String {
            let common = messages.sorted { $0.value > $1.value }.prefix(12)
                .map { "  \($0.value) × \($0.key)" }.joined(separator: "\n")
            return "\(read + refused) inputs: \(read) read, \(refused) refused; tool exit statuses \(toolStatus.sorted { $0.key < $1.key })\n"
                + "most common refusals:\n\(common)"
        }
    }

    static func fuzz(readerInputs: Int, toolInputs: Int, seed: UInt64) throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bases = try baseFiles(in: dir)
        for (name, _) in bases {
            _ = try CubeReader.read(path: dir.appendingPathComponent(name).path, defaults: TestFITS.muse) { _ in }
        }
        let input = dir.appendingPathComponent("mutated.fits")
        let output = dir.appendingPathComponent("out", isDirectory: true)
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: false)
        let keep = FileManager.default.temporaryDirectory.appendingPathComponent("galpak-fuzz-last-input")
        var mutator = FITSMutator(seed: seed)
        var tally = Tally()

        for n in 0..<readerInputs {
            let (base, bytes) = bases[n % bases.count]
            let (mutated, what) = mutator.mutate(bytes)
            let description = "input \(n) (seed \(seed)) from \(base): \(what)"
            try mutated.write(to: input)
            try mutated.write(to: keep.appendingPathExtension("fits"))
            try description.write(to: keep.appendingPathExtension("txt"), atomically: false, encoding: .utf8)

            do {
                let cube = try CubeReader.read(path: input.path, defaults: TestFITS.muse) { _ in }
                #expect(cube.data.count == cube.nx * cube.ny * cube.nz && cube.pixscale > 0, "\(description)")
                tally.read += 1
            } catch let error as GalpakError {
                #expect(error.kind == .badInput && error.message.hasPrefix(input.path), "\(description): \(error.message)")
                tally.refused += 1
                tally.messages[summary(of: error.message, path: input.path), default: 0] += 1
            } catch {
                Issue.record("\(description): not a GalpakError: \(error)")
            }

            guard n < toolInputs else { continue }
            let info = try CommandLineRunner.run(["info", "mutated.fits"], in: dir, timeLimit: 60)
            // Untuned (no tuning rounds per input); the noise measurement still runs on every cube.
            let fit = try CommandLineRunner.run(["fit", "mutated.fits", "--iterations", "1", "--sampling", "cauchy",
                                                 "--quiet", "--no-plots", "-o", "out/fit"], in: dir, timeLimit: 60)
            for (command, run) in [("info", info), ("fit", fit)] {
                tally.toolStatus["\(command) \(run.signalled ? "signal \(run.status)" : "\(run.status)")", default: 0] += 1
                #expect(!run.timedOut, "\(description): galpak \(command) hung (still running after 60 s)\n\(run.stderr)")
                #expect(!run.signalled, "\(description): galpak \(command) died of signal \(run.status)\n\(run.stderr)")
                #expect([0, 1, 2].contains(run.status), "\(description): galpak \(command) exit status \(run.status)\n\(run.stderr)")
                if run.status != 0 {
                    let last = run.stderr.split(separator: "\n").last.map(String.init) ?? ""
                    #expect(last.hasPrefix("galpak: error: mutated.fits: "), "\(description): galpak \(command): \(run.stderr)")
                }
            }
            #expect(fit.status != 0 || info.status == 0,
                    "\(description): fit accepts a cube info refuses: \(info.stderr)")
            if fit.status != 0 {
                #expect(try FileManager.default.contentsOfDirectory(atPath: output.path).isEmpty,
                        "\(description): a refused fit left files")
            }
            for file in try FileManager.default.contentsOfDirectory(atPath: output.path) {
                try FileManager.default.removeItem(at: output.appendingPathComponent(file))
            }
        }
        try? FileManager.default.removeItem(at: keep.appendingPathExtension("fits"))
        try? FileManager.default.removeItem(at: keep.appendingPathExtension("txt"))
        print("fuzz, seed \(seed): \(tally)")
        #expect(tally.read > 0 && tally.refused > 0, "the mutations should leave some inputs readable and break others")
    }

    /// A refusal message without the path and with numbers blanked, to group similar ones.
    static func summary(of message: String, path: String) -> String {
        let text = String(message.dropFirst(path.count + 2).prefix(60))
        return text.replacingOccurrences(of: "[0-9]+", with: "#", options: .regularExpression)
    }

    /// The valid files the mutations start from: a MUSE-like cube (empty primary, float64 DATA
    /// and STAT extensions), a primary-HDU int16 cube with scaling, blanks, a CD matrix and a
    /// Stokes axis, four tile-compressed cubes (gzip of float32, Rice of int32 in a DATA
    /// extension, Rice of dithered quantised float32, HCOMPRESS of int16), and the MUSE-like
    /// file gzip'd whole (`.fits.gz`, inflated by cfitsio).
    static func baseFiles(in dir: URL) throws -> [(String, Data)] {
        let spec = SimulationSpec(
            nx: 10, ny: 10, nz: 10, spectral: SpectralAxis(crval: 6550, crpix: 1, cdelt: 1.25, unit: .angstrom),
            pixscale: 0.2, parameters: GalaxyParameters(
                x: 4.6, y: 5.2, z: 4.8, flux: 100, radius: 2, inclination: 50, pa: 30, turnoverRadius: 1,
                maximumVelocity: 150, velocityDispersion: 40),
            instrument: Instrument.museWFM, noise: .peakSNR(10), seed: 2)
        let sim = try SimulatedCube(spec)
        let muse = dir.appendingPathComponent("base-muse.fits").path
        try FITSWriter.write(sim.data, shape: [10, 10, 10], cards: sim.cards, variance: sim.variance, to: muse)

        let int16 = dir.appendingPathComponent("base-int16.fits").path
        let scaled = sim.data.map { ($0 / 0.01).rounded() * 0.01 }
        let cd = TestFITS.wcs().filter { !["CDELT1", "CDELT2"].contains($0.name) } + [
            HeaderCard(name: "CD1_1", number: -0.2 / 3600), HeaderCard(name: "CD2_2", number: 0.2 / 3600),
            HeaderCard(name: "CD1_2", number: 0), HeaderCard(name: "CD2_1", number: 0),
            HeaderCard(name: "CD3_3", number: 1.25),
            HeaderCard(name: "BSCALE", number: 0.01), HeaderCard(name: "BZERO", number: 0),
            HeaderCard(name: "BLANK", value: "-32768"), HeaderCard(name: "CTYPE4", string: "STOKES"),
        ]
        try TestFITS.write([.init(shape: [10, 10, 10, 1], values: scaled, cards: cd, bitpix: 16)], to: int16)

        let gzip = dir.appendingPathComponent("base-gzip.fits").path
        try TestFITS.writeCompressed(.init(shape: [10, 10, 10], values: sim.data, cards: TestFITS.wcs(), bitpix: -32),
                                     algorithm: Int32(GZIP_2), to: gzip)
        let rice = dir.appendingPathComponent("base-rice.fits").path
        try TestFITS.writeCompressed(.init(shape: [10, 10, 10], values: sim.data.map { ($0 * 100).rounded() },
                                           cards: TestFITS.wcs() + [HeaderCard(name: "EXTNAME", string: "DATA")], bitpix: 32),
                                     algorithm: Int32(RICE_1), to: rice)
        let quantized = dir.appendingPathComponent("base-quantized.fits").path
        try TestFITS.writeCompressed(.init(shape: [10, 10, 10], values: sim.data, cards: TestFITS.wcs(), bitpix: -32),
                                     algorithm: Int32(RICE_1), quantized: true, to: quantized)
        let hcompress = dir.appendingPathComponent("base-hcompress.fits").path
        try TestFITS.writeCompressed(.init(shape: [10, 10, 10], values: sim.data.map { ($0 * 100).rounded() },
                                           cards: TestFITS.wcs(), bitpix: 16),
                                     algorithm: Int32(HCOMPRESS_1), to: hcompress)
        let gzipped = try TestFITS.gzip(muse)
        return try [muse, int16, gzip, rice, gzipped, quantized, hcompress].map {
            (URL(fileURLWithPath: $0).lastPathComponent, try Data(contentsOf: URL(fileURLWithPath: $0)))
        }
    }
}
