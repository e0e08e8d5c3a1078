import Foundation
import Testing
@testable import GalPaK

/// Cubes with holes and gaps that must still be fitted correctly: NaN borders, unusable
/// variance voxels, missing calibration cards.
@Suite struct UnusualInputFitTests {
    /// The simulated galaxy of ``FitPipelineTests`` moved to the middle of a 24×24 field.
    static let truth: GalaxyParameters = {
        var p = TestSupport.truth
        p[.x] += 2
        p[.y] += 2
        return p
    }()

    /// A 24×24×24 cube whose outer 2 pixels are NaN in every channel, whose variance is NaN in the
    /// first and last 2 channels, and which has 30 zero and 20 negative variance voxels holding
    /// absurd data (1e6): all of these must be left out, and the fit must find the galaxy.
    @Test func nanBordersAndUnusableVarianceVoxelsAreLeftOut() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (n, nz) = (24, 24)
        let spec = SimulationSpec(
            nx: n, ny: n, nz: nz, spectral: SpectralAxis(crval: 6550, crpix: 1, cdelt: 1.25, unit: .angstrom),
            pixscale: 0.2, parameters: Self.truth, instrument: Instrument.museWFM.withSeeing(0.7),
            noise: .peakSNR(15), seed: 5)
        let sim = try SimulatedCube(spec)
        var data = sim.data
        var variance = try #require(sim.variance)
        for k in 0..<nz {
            for j in 0..<n {
                for i in 0..<n {
                    let index = (k * n + j) * n + i
                    if i < 2 || j < 2 || i >= n - 2 || j >= n - 2 { data[index] = .nan }
                    if k < 2 || k >= nz - 2 { variance[index] = .nan }
                }
            }
        }
        var generator = SeededGenerator(seed: 11)
        var bad = Set<Int>()
        while bad.count < 50 {
            let (i, j, k) = (Int.random(in: 2..<n - 2, using: &generator), Int.random(in: 2..<n - 2, using: &generator),
                             Int.random(in: 2..<nz - 2, using: &generator))
            bad.insert((k * n + j) * n + i)
        }
        for (m, index) in bad.sorted().enumerated() {
            variance[index] = m < 30 ? 0 : -1
            data[index] = 1e6
        }
        let path = dir.appendingPathComponent("holes.fits").path
        try FITSWriter.write(data, shape: [n, n, nz], cards: sim.cards, variance: variance, to: path)

        var options = FitOptions(cubePath: path, outputPrefix: dir.appendingPathComponent("fit").path)
        options.instrument = Instrument.museWFM.withSeeing(0.7)
        options.iterations = 2000
        options.sampling = .cauchy  // untuned: this suite is not about the sampler
        var warnings: [String] = []
        let result = try FitPipeline.run(options) { event in
            if case .warning(let text) = event { warnings.append(text) }
        }
        #expect(warnings.contains { $0.hasPrefix(path) && $0.contains("has 50 zero or negative voxels") },
                "\(warnings)")
        let usable = (n - 4) * (n - 4) * (nz - 4) - 50
        #expect(result.statistics.degreesOfFreedom == usable - GalaxyParameters.referenceCount - 1)
        let e = result.summary.estimate
        for name in ParameterName.reference {
            let tolerance = Swift.max(4 * e.stdev[name], 0.03 * Swift.abs(Self.truth[name]))
            #expect(Swift.abs(e.value[name] - Self.truth[name]) < tolerance,
                    "\(name.key): \(e.value[name]) ± \(e.stdev[name]) vs true \(Self.truth[name])")
        }
        #expect(abs(result.statistics.reducedChi2AtEstimate - 1) < 0.1)
    }

    /// A cube without CUNIT3, CRVAL3, CDELT3 or a spatial scale: fitted with the instrument's
    /// defaults and one warning per assumed value, naming the file; with the override options
    /// instead, without those warnings. Zero variance voxels are counted in the log either way.
    @Test func missingCalibrationComesFromTheInstrumentOrTheOptions() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let spec = SimulationSpec(
            nx: 20, ny: 20, nz: 24, spectral: SpectralAxis(crval: 6564, crpix: 12, cdelt: 1.25, unit: .angstrom),
            pixscale: 0.2, parameters: TestSupport.truth, instrument: Instrument.museWFM.withSeeing(0.7),
            noise: .peakSNR(15), seed: 8)
        let sim = try SimulatedCube(spec)
        let dropped: Set<String> = ["CUNIT3", "CRVAL3", "CDELT3", "CDELT1", "CDELT2", "CD1_1", "CD1_2", "CD2_1", "CD2_2",
                                    "PC1_1", "PC2_2", "CUNIT1", "CUNIT2"]
        var variance = try #require(sim.variance)
        for index in stride(from: 5, to: 70, by: 10) { variance[index] = 0 }
        try FITSWriter.write(sim.data, shape: [20, 20, 24], cards: sim.cards.filter { !dropped.contains($0.name) },
                             variance: variance, to: dir.appendingPathComponent("bare.fits").path)

        let fit = try CommandLineRunner.run(["fit", "bare.fits", "--iterations", "30", "--seeing", "0.7", "--quiet"], in: dir)
        #expect(fit.status == 0, "\(fit.stderr)")
        for card in ["CUNIT3", "CRVAL3", "CDELT3", "pixel scale"] {
            #expect(fit.stderr.split(separator: "\n").contains {
                $0.hasPrefix("galpak: warning: bare.fits: ") && $0.contains(card) && $0.contains("musewfm")
            }, "no warning about \(card): \(fit.stderr)")
        }
        #expect(fit.stderr.contains("7 zero or negative voxels"))
        let run = try String(contentsOf: dir.appendingPathComponent("bare_run_parameters.txt"), encoding: .utf8)
        #expect(run.contains("6564"), "the default CRVAL3 is what the fit used")

        let overridden = try CommandLineRunner.run(
            ["fit", "bare.fits", "--iterations", "30", "--seeing", "0.7", "--quiet", "-o", "again",
             "--cunit3", "Angstrom", "--crval3", "6564", "--cdelt3", "1.25", "--pixscale", "0.2"], in: dir)
        #expect(overridden.status == 0, "\(overridden.stderr)")
        // Only the variance warning about the input (besides the verdict on a 30-step test chain).
        let lines = overridden.stderr.split(separator: "\n").map(String.init)
        #expect(lines.first == "galpak: warning: bare.fits: the variance (STAT extension) has 7 zero or negative voxels; they are left out of the fit")
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("galpak: warning:") && !$0.contains("bare.fits") })
    }
}
