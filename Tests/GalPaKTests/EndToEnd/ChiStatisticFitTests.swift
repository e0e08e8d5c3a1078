import Foundation
import Testing
@testable import GalPaK

/// Every statistic fits a cube in physical flux units (the tutorial cube: 1e-20 erg/s/cm²/Å,
/// variance estimated from its edge) without failing, with a reduced χ² near 1.
@Suite struct ChiStatisticFitTests {
    @Test(arguments: ChiStatistic.allCases)
    func fitsTheTutorialCube(statistic: ChiStatistic) throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cube = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/tutorial/GalPaK_cube_1101_from_paper.fits")
        var options = FitOptions(cubePath: cube.path, outputPrefix: dir.appendingPathComponent("fit").path)
        options.instrument = Instrument.museWFM.withSeeing(1.0)
        options.chiStatistic = statistic
        options.iterations = 20
        options.sampling = .cauchy  // untuned: this suite is not about the sampler
        options.chains = 1
        let result = try FitPipeline.run(options)
        let reduced = result.statistics.reducedChi2AtEstimate
        #expect(reduced > 0.5 && reduced < 3, "\(statistic): reduced χ² \(reduced)")
        #expect(result.sampling.progress.accepted == 20)
    }
}
