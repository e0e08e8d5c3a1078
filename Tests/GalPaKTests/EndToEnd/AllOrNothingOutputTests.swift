import Foundation
import Testing
@testable import GalPaK

/// A fit's (and `simulate`'s) outputs are written all or nothing: whatever file fails — a full
/// disk at any size, a rename — nothing is left under a final name (or, over an earlier set,
/// that set is left byte for byte), and the error names the final file that failed.
@Suite struct AllOrNothingOutputTests {
    /// A short fit of the small simulated cube (no figures); its result is written again and again.
    static func fit(in dir: URL) throws -> FitResult {
        var options = FitOptions(cubePath: try TestSupport.simulatedCube(in: dir),
                                 outputPrefix: dir.appendingPathComponent("first").path)
        options.instrument = Instrument.museWFM.withSeeing(0.7)
        options.iterations = 30
        options.sampling = .cauchy  // untuned: this suite is not about the sampler
        options.chains = 2
        options.noiseCorrelation = .none
        options.plots = false
        return try FitPipeline.run(options)
    }

    /// Every file under `dir` (hidden ones included) and its bytes.
    static func contents(_ dir: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in FileManager.default.enumerator(atPath: dir.path)?.compactMap({ $0 as? String }) ?? [] {
            files[name] = FileManager.default.contents(atPath: dir.appendingPathComponent(name).path) ?? Data()
        }
        return files
    }

    /// Checks an error of a failed write: bad input, naming a final file of the set (never a
    /// temporary or staging name) and the reason.
    static func expectNamesAFinalFile(_ error: Error, prefix: String, reason: String? = nil,
                                      sourceLocation: SourceLocation = #_sourceLocation) {
        let message = (error as? GalpakError)?.message ?? "\(error)"
        #expect((error as? GalpakError)?.kind == .badInput, "\(message)", sourceLocation: sourceLocation)
        #expect(message.hasPrefix(prefix + "_"), "\(message)", sourceLocation: sourceLocation)
        #expect(!message.contains("staging") && !message.contains(".tmp"), "\(message)", sourceLocation: sourceLocation)
        if let reason { #expect(message.contains(reason), "\(message)", sourceLocation: sourceLocation) }
    }

    @Test func aFailureAtAnyFileLeavesNothingOrTheEarlierSet() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try Self.fit(in: dir)
        let out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: false)
        let outputs = FitOutputs(prefix: out.appendingPathComponent("g").path)
        let count = outputs.all.count

        // Into an empty directory: the k-th rename into place fails, for every k (the record's last).
        for k in 1...count {
            let set = OutputSet()
            set.failingRename = k
            do {
                try outputs.write(result, figures: { _ in }, into: set)
                Issue.record("the write did not fail at file \(k)")
            } catch {
                Self.expectNamesAFinalFile(error, prefix: outputs.prefix, reason: "No space left on device")
            }
            let left = try Self.contents(out).keys.sorted()
            #expect(left.isEmpty, "file \(k) failed and left \(left)")
        }
        // A failure while staging (here the figures) leaves nothing either.
        #expect(throws: GalpakError.self) {
            try outputs.write(result, figures: { staged in
                throw GalpakError.badInput(staged.figure(.mcmcFigure, .png), "cannot be written (No space left on device)")
            })
        }
        #expect(try Self.contents(out).isEmpty)

        // Over an earlier set (--overwrite): it stays as it was, byte for byte, whatever fails.
        for path in outputs.all { try Data("earlier \(path)".utf8).write(to: URL(fileURLWithPath: path)) }
        let earlier = try Self.contents(out)
        for k in 1...count {
            let set = OutputSet()
            set.failingRename = k
            #expect(throws: GalpakError.self) { try outputs.write(result, figures: { _ in }, into: set) }
            #expect(try Self.contents(out) == earlier, "file \(k) failed and the earlier set changed")
        }

        // Without a failure the whole set is there, its record valid and listing every file.
        let written = try outputs.write(result)
        #expect(written.last == outputs.parametersJSON && Set(written) == Set(outputs.all))
        // The position-velocity diagrams and residual maps are part of the set (and of a Laplace fit's).
        for path in [outputs.majorAxisPV, outputs.minorAxisPV] + outputs.residualMaps {
            #expect(written.contains(path) && outputs.all(for: .laplace).contains(path), "\(path)")
        }
        #expect(try Self.contents(out).keys.sorted() == outputs.all.map { URL(fileURLWithPath: $0).lastPathComponent }.sorted())
        #expect(CompletionRecord.isComplete(record: outputs.parametersJSON, requiring: outputs.all))
        #expect(FitState(of: outputs).record != nil)
    }

    @Test(.enabled(if: Tmpfs.available, Tmpfs.unavailable))
    func aFullDiskLeavesNothingOrTheWholeSetAtEverySize() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try Self.fit(in: dir)
        let reference = FitOutputs(prefix: dir.appendingPathComponent("reference").path)
        try reference.write(result)
        // tmpfs holds each file in whole 4-KiB pages: the set needs the sum of its files' pages.
        let total = try reference.all.reduce(0) { sum, path in
            let bytes = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
            return sum + (bytes + 4095) / 4096 * 4096
        }

        var failed = 0, complete = 0
        // Every size in 4-KiB pages (tmpfs's unit) from one page to well past the set's pages.
        for kilobytes in stride(from: 4, through: total / 1024 + 64, by: 4) {
            let disk = try Tmpfs(at: dir.appendingPathComponent("disk"), kilobytes: kilobytes)
            defer { disk.unmount() }
            let outputs = FitOutputs(prefix: disk.path.appendingPathComponent("g").path)
            do {
                try outputs.write(result)
                complete += 1
                #expect(disk.names() == outputs.all.map { URL(fileURLWithPath: $0).lastPathComponent }.sorted(),
                        "\(kilobytes) KiB")
                #expect(CompletionRecord.isComplete(record: outputs.parametersJSON, requiring: outputs.all))
            } catch {
                failed += 1
                Self.expectNamesAFinalFile(error, prefix: outputs.prefix)
                #expect(disk.names().isEmpty, "\(kilobytes) KiB: a failed write left \(disk.names())")
            }
        }
        #expect(failed > 50 && complete > 0, "\(failed) sizes failed, \(complete) held the whole set")
    }

    /// `galpak simulate` into a nearly full disk, as a user runs it: at every size either exit
    /// 0 and its four files, or exit 2, one error line naming the file, and nothing left.
    @Test(.enabled(if: Tmpfs.available, Tmpfs.unavailable))
    func simulateOnAFullDiskExitsTwoNamingTheFileAndLeavesNothing() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let arguments = ["simulate", "--shape", "20,20,24", "--params",
                         "x=9.6,y=10.3,z=11.2,flux=500,radius=3.2,inclination=58,pa=120,turnover_radius=1.2,maximum_velocity=170,velocity_dispersion=45",
                         "--seeing", "0.7", "--snr", "10"]
        var failed = 0, complete = 0
        for kilobytes in stride(from: 8, through: 360, by: 16) {
            let disk = try Tmpfs(at: dir.appendingPathComponent("disk"), kilobytes: kilobytes)
            defer { disk.unmount() }
            let outcome = try CommandLineRunner.run(arguments + ["-o", "disk/sim.fits", "--clean", "disk/clean.fits",
                                                                 "--kernel", "disk/kernel.fits"], in: dir)
            #expect(!outcome.signalled)
            if outcome.status == 0 {
                complete += 1
                #expect(disk.names() == ["clean.fits", "kernel.fits", "sim.fits", "sim.json"])
            } else {
                failed += 1
                #expect(outcome.status == 2, "\(kilobytes) KiB: \(outcome.stderr)")
                let lines = outcome.stderr.split(separator: "\n")
                #expect(lines.count == 1 && lines[0].hasPrefix("galpak: error: disk/") && lines[0].contains("writ"),
                        "\(kilobytes) KiB: \(outcome.stderr)")
                #expect(!outcome.stderr.contains("staging") && !outcome.stderr.contains(".tmp"), "\(outcome.stderr)")
                #expect(disk.names().isEmpty, "\(kilobytes) KiB: a failed simulate left \(disk.names())")
            }
        }
        #expect(failed > 10 && complete > 0, "\(failed) sizes failed, \(complete) held the whole set")
    }
}
