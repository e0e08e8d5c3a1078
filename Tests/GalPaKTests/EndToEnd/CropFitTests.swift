import Foundation
import Testing
@testable import GalPaK

/// A fit on a crop (`--crop auto`) against the same fit on the whole cube: the same
/// statistics, and the same posterior (medians within 0.1 σ, widths within 5 %).
@Suite struct CropFitTests {
    @Test func cropLeavesStatisticsAndPosteriorUnchanged() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sim = try CropTests.simulation(snr: 15)
        let path = dir.appendingPathComponent("wide.fits").path
        try FITSWriter.write(sim.data, shape: [40, 36, 30], cards: sim.cards, variance: sim.variance, to: path)
        func fit(_ crop: CropChoice) throws -> FitResult {
            var options = FitOptions(cubePath: path, outputPrefix: dir.appendingPathComponent(crop.name).path)
            options.instrument = CropTests.instrument
            options.noiseCorrelation = .none
            // Untuned jumps from the same start (the truth, so that a change of the first guess
            // does not move this test's chains): with one seed both fits propose the same steps,
            // and only a χ² difference between crop and whole cube can make their chains part.
            // (Tuned sampling starts each chain at the mode of its own likelihood, so two short
            // runs would differ by their Monte Carlo noise, ~0.1 σ, whatever the crop.)
            options.initial = CropTests.truth
            options.sampling = .cauchy
            options.iterations = 1500
            options.chains = 2
            options.plots = false
            options.crop = crop
            return try FitPipeline.run(options)
        }
        let cropped = try fit(.auto), whole = try fit(.none)
        let crop = try #require(cropped.crop)
        #expect(crop.fraction < 0.7, "box \(crop.box)")
        #expect(crop.chi2Spread < CropSummary.maxSpread)
        #expect(whole.crop?.fraction == 1)
        #expect(cropped.statistics.degreesOfFreedom == whole.statistics.degreesOfFreedom)
        #expect(abs(cropped.statistics.reducedChi2AtEstimate - whole.statistics.reducedChi2AtEstimate) < 1e-3)
        #expect(abs(cropped.statistics.bestReducedChi2 - whole.statistics.bestReducedChi2) < 1e-3)
        #expect(cropped.convolvedCube.count == whole.convolvedCube.count)
        let (a, b) = (cropped.summary.estimate, whole.summary.estimate)
        for name in ParameterName.reference {
            #expect(abs(a.value[name] - b.value[name]) <= 0.1 * b.stdev[name],
                    "\(name.key): median \(a.value[name]) vs \(b.value[name]) ± \(b.stdev[name])")
            #expect(abs(a.stdev[name] / b.stdev[name] - 1) <= 0.05,
                    "\(name.key): width \(a.stdev[name]) vs \(b.stdev[name])")
        }
        let json = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: dir.appendingPathComponent("auto").path + "_galaxy_parameters.json"))) as! [String: Any]
        let record = try #require(json["crop"] as? [String: Any])
        #expect(record["choice"] as? String == "auto")
        #expect(json["sampling"] as? String == "cauchy" && json["fraction"] as? Double == 60)  // untuned: a burn-in
        #expect((record["box"] as? [String: [Int]])?["x"] == [crop.box.x.lowerBound, crop.box.x.upperBound])
    }
}
