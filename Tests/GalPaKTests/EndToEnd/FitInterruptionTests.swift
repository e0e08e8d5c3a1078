import Foundation
import Testing
@testable import GalPaK

/// A fit stopped while sampling keeps its chain in a file marked incomplete and writes no
/// final output; the next complete fit removes that file.
@Suite struct FitInterruptionTests {
    @Test func aCancelledFitKeepsItsChainAndWritesNothingElse() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var options = FitOptions(cubePath: try TestSupport.simulatedCube(in: dir),
                                 outputPrefix: dir.appendingPathComponent("fit").path)
        options.instrument = Instrument.museWFM.withSeeing(0.7)
        options.iterations = 100_000
        options.sampling = .cauchy  // untuned: this suite is not about the sampler
        let polls = Counter()
        do {
            _ = try FitPipeline.run(options, isCancelled: { polls.next() > 400 })
            Issue.record("the fit was not interrupted")
        } catch let error as GalpakError {
            #expect(error.kind == .interrupted)
            #expect(error.exitCode == 130)
            #expect(error.message.contains("fit_chain.incomplete.dat"))
        }
        let outputs = FitOutputs(prefix: options.outputPrefix)
        for path in outputs.all { #expect(!FileManager.default.fileExists(atPath: path), "\(path) written") }
        let chain = Chain.pooled(try ChainFile.read(path: outputs.incompleteChain))
        #expect(chain.count > 0 && chain.count < 400 * options.chains)
        #expect(chain.totalWeight <= 400 * options.chains)

        options.iterations = 30

        options.sampling = .cauchy  // untuned: this suite is not about the sampler
        _ = try FitPipeline.run(options)
        #expect(!FileManager.default.fileExists(atPath: outputs.incompleteChain), "the stale incomplete chain stayed")
        for path in outputs.all { #expect(FileManager.default.fileExists(atPath: path), "\(path) missing") }
    }
}
