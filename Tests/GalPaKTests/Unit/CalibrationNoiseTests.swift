import Foundation
import Testing
@testable import GalPaK

/// The correlated noise of the calibration's classes (``CorrelatedNoise``) and its test of
/// nominal coverage (``NominalCoverage``).
@Suite struct CalibrationNoiseTests {
    /// The noise of `smoothing` on a 48 × 48 × 32 grid with σ = 2: its rms over σ over
    /// `realisations` draws, and the measurement of the first against a variance of σ² (zero model).
    private func measured(_ smoothing: CorrelatedNoise, seed: UInt64, realisations: Int = 8) throws
        -> (rms: Double, noise: NoiseMeasurement) {
        let (nx, ny, nz, sigma) = (48, 48, 32, 2.0)
        var generator = SeededGenerator(seed: seed)
        let fields = (0..<realisations).map { _ in
            smoothing.field(nx: nx, ny: ny, nz: nz, sigma: sigma, using: &generator)
        }
        let data = fields[0]
        let cube = Cube(nx: nx, ny: ny, nz: nz, data: data, variance: [Double](repeating: sigma * sigma, count: data.count),
                        spectral: SpectralAxis(crval: 6564, crpix: 1, cdelt: 1.25, unit: .angstrom), pixscale: 0.2)
        let noise = try #require(NoiseMeasurement(cube: cube, chiSquare: ChiSquare(cube: cube),
                                                  model: [Double](repeating: 0, count: data.count)))
        let squares = fields.joined().reduce(0) { $0 + $1 * $1 }
        return ((squares / Double(realisations * data.count)).squareRoot() / sigma, noise)
    }

    @Test(arguments: [2.0, 4.0, 6.0])
    func beamSmoothedNoiseHasTheIntendedRmsAndCorrelation(_ fwhm: Double) throws {
        // The rms of one 48 × 48 × 32 draw smoothed by a 6 px beam and Hanning channels varies
        // by ~2.3 % (2·Σρ² ≈ 2·2πs²·1.94 ≈ 160 voxels per independent square), so 8 draws are
        // pooled (~0.8 %). The correlation is measured back as the beam (see NoiseModelTests).
        for channels in [[1.0], CorrelatedNoise.hanning] {
            let (rms, noise) = try measured(CorrelatedNoise(beamFWHM: fwhm, channelKernel: channels), seed: UInt64(fwhm))
            #expect(abs(rms - 1) < 0.03, "rms/σ \(rms) for a \(fwhm) px beam")
            #expect(abs(noise.spatialFWHM / fwhm - 1) < 0.10, "measured FWHM \(noise.spatialFWHM) px for \(fwhm) px")
            // Hanning: ρ = 1, 2/3, 1/6, matched by an equivalent FWHM of 1.764 channels.
            #expect(channels.count == 1 ? noise.spectralFWHM == 0 : abs(noise.spectralFWHM / 1.764 - 1) < 0.10,
                    "measured \(noise.spectralFWHM) channels")
        }
    }

    @Test func whiteNoiseIsTheSimulatorsOwn() throws {
        // The same values as SimulatedCube's white noise for the same seed, and uncorrelated.
        var a = SeededGenerator(seed: 9), b = SeededGenerator(seed: 9)
        let field = CorrelatedNoise.white.field(nx: 5, ny: 4, nz: 3, sigma: 0.5, using: &a)
        #expect(field == (0..<60).map { _ in 0.5 * b.nextGaussian() })
        let (rms, noise) = try measured(.white, seed: 3)
        #expect(abs(rms - 1) < 0.03)
        #expect(noise.voxelsPerCorrelation == 1)
    }

    @Test func edgesAreAsNoisyAsTheMiddle() {
        // No zero padding: the outer ring of spaxels has the same rms as the rest (σ = 1, a
        // 6 px beam; ~500 independent values on the ring, rms s.d. ~3 %). Zero padding would
        // give the ring ~0.7 of the rms.
        let (nx, ny, nz) = (40, 40, 32)
        var generator = SeededGenerator(seed: 5)
        let field = CorrelatedNoise(beamFWHM: 6).field(nx: nx, ny: ny, nz: nz, sigma: 1, using: &generator)
        var edge = [Double](), middle = [Double]()
        for n in field.indices {
            let (i, j) = (n % nx, n / nx % ny)
            if min(i, j, nx - 1 - i, ny - 1 - j) == 0 { edge.append(field[n]) } else { middle.append(field[n]) }
        }
        func rms(_ v: [Double]) -> Double { (v.reduce(0) { $0 + $1 * $1 } / Double(v.count)).squareRoot() }
        #expect(abs(rms(edge) / rms(middle) - 1) < 0.15)
    }

    @Test func nominalCoverageIsWithinTwoBinomialStandardDeviations() {
        // n = 40: 2·√(0.68·0.32/40) = 0.1475, 2·√(0.95·0.05/40) = 0.0689.
        #expect(abs(NominalCoverage.tolerance(probability: 0.68, count: 40) - 0.147_51) < 1e-5)
        #expect(abs(NominalCoverage.tolerance(probability: 0.95, count: 40) - 0.068_92) < 1e-5)
        #expect(NominalCoverage.isNominal(0.55, probability: 0.68, count: 40))      // 22/40: −0.13
        #expect(!NominalCoverage.isNominal(0.525, probability: 0.68, count: 40))    // 21/40: −0.155
        #expect(NominalCoverage.isNominal(1.0, probability: 0.95, count: 40))       // +0.05
        #expect(NominalCoverage.isNominal(0.9, probability: 0.95, count: 40))       // 36/40: −0.05
        #expect(!NominalCoverage.isNominal(0.875, probability: 0.95, count: 40))    // 35/40: −0.075
        // 0.56 at 68 % is nominal for 40 cubes, not for 200 (band 0.066).
        #expect(NominalCoverage.isNominal(0.56, probability: 0.68, count: 40))
        #expect(!NominalCoverage.isNominal(0.56, probability: 0.68, count: 200))
    }
}
