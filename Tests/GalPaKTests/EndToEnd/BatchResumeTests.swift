import Foundation
import Testing
@testable import GalPaK

/// A batch resumes from its cubes' completion records: a cube is done when its record is
/// valid and every file it lists is there with its size, so outputs truncated or emptied after
/// the fit make the cube be fitted again, not `skipped`.
@Suite struct BatchResumeTests {
    @Test func aCubeWhoseOutputsWereTruncatedOrEmptiedIsFittedAgain() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (i, name) in ["a", "b", "c"].enumerated() {
            try BatchCommandTests.writeCube(dir.appendingPathComponent("\(name).fits").path, seed: UInt64(i + 1))
        }
        let command = ["batch", "a.fits", "b.fits", "c.fits", "--seeing", "0.7", "--iterations", "40",
                       "--sampling", "cauchy", "--no-plots", "-j", "1", "--outdir", "out"]
        let first = try BatchCommandTests.run(command, in: dir)
        #expect(first.status == 0, "\(first.stderr)")
        let out = dir.appendingPathComponent("out")
        let a = FitOutputs(prefix: out.appendingPathComponent("a/a").path)
        let b = FitOutputs(prefix: out.appendingPathComponent("b/b").path)
        let cube = try Data(contentsOf: URL(fileURLWithPath: a.convolvedCube))
        try cube.prefix(cube.count / 2).write(to: URL(fileURLWithPath: a.convolvedCube))  // cut short
        try Data().write(to: URL(fileURLWithPath: b.chain))                                 // emptied
        #expect(FitState(of: a) == .partial && FitState(of: b) == .partial)
        let untouched = try BatchCommandTests.modificationDates(under: out.appendingPathComponent("c"))

        let rerun = try BatchCommandTests.run(command, in: dir)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(rerun.stdout.contains("3 cubes: 2 ok, 1 skipped"), "\(rerun.stdout)")
        let summary = try BatchSummary.read(path: out.appendingPathComponent("summary.json").path)
        #expect(summary.rows.map(\.status) == [.ok, .ok, .skipped])
        for outputs in [a, b] {
            #expect(CompletionRecord.isComplete(record: outputs.parametersJSON, requiring: outputs.all), "\(outputs.prefix)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: a.convolvedCube)).count == cube.count)
        #expect(try BatchCommandTests.modificationDates(under: out.appendingPathComponent("c")) == untouched,
                "c was fitted again")
        #expect(BatchCommandTests.temporaryFiles(under: dir).isEmpty)
    }
}
