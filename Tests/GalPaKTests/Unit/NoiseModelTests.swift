import Foundation
import Testing
@testable import GalPaK

/// The noise measurement (``NoiseMeasurement``) on synthetic noise of known correlation (the
/// likelihood built from it: ``CorrelatedChiSquareTests``).
@Suite struct NoiseModelTests {
    /// A cube of `data` with variance `variance` everywhere.
    private func cube(_ data: [Double], _ nx: Int, _ ny: Int, _ nz: Int, variance: Double = 1) -> Cube {
        Cube(nx: nx, ny: ny, nz: nz, data: data, variance: [Double](repeating: variance, count: data.count),
             spectral: SpectralAxis(crval: 6564, crpix: 1, cdelt: 1.25, unit: .angstrom), pixscale: 0.2)
    }

    /// Unit white noise on an `nz × ny × nx` grid, convolved periodically along x and y with
    /// `spatial` and along z with `spectral` (kernels centred on their middle element), each
    /// scaled to unit Σk² so that the variance stays 1.
    private func noise(_ nx: Int, _ ny: Int, _ nz: Int, spatial: [Double] = [1], spectral: [Double] = [1],
                       seed: UInt64) -> [Double] {
        var generator = SeededGenerator(seed: seed)
        var f = (0..<(nx * ny * nz)).map { _ in generator.nextGaussian() }
        func smooth(_ kernel: [Double], _ n: Int, _ index: (Int, Int) -> Int, lines: Int) {
            let norm = kernel.map { $0 * $0 }.reduce(0, +).squareRoot(), h = kernel.count / 2
            var line = [Double](repeating: 0, count: n)
            for l in 0..<lines {
                for i in 0..<n {
                    line[i] = kernel.indices.reduce(0) { $0 + kernel[$1] * f[index(l, (i + $1 - h + n) % n)] } / norm
                }
                for i in 0..<n { f[index(l, i)] = line[i] }
            }
        }
        smooth(spatial, nx, { l, i in l * nx + i }, lines: ny * nz)
        smooth(spatial, ny, { l, j in (l / nx * ny + j) * nx + l % nx }, lines: nx * nz)
        smooth(spectral, nz, { l, k in k * nx * ny + l }, lines: nx * ny)
        return f
    }

    /// A sampled Gaussian of standard deviation `s` over ±4s.
    private func gaussian(_ s: Double) -> [Double] {
        let h = Int((4 * s).rounded(.up))
        return (-h...h).map { exp(-Double($0 * $0) / (2 * s * s)) }
    }

    private let hanning = [0.25, 0.5, 0.25]
    private let fwhm = 2 * (2 * log(2.0)).squareRoot()

    @Test func measuresTheCorrelationOfBeamAndHanningSmoothedNoise() throws {
        // Beam FWHM 4 px; Hanning channels: ρ = 1, 2/3, 1/6, matched by s_z = 1.0595 (the same
        // least-squares fit done by hand), i.e. an equivalent FWHM 1.764 channels. Voxels per
        // correlation volume: (√(2π)·√2·4/2.3548)² × 8/3 = 96.7. Measured on three 48³ cubes:
        // 3.95–4.06 px, 1.77–1.79 channels, 95–100 voxels, ratio 0.99–1.02. The ratio's own
        // scatter is large here (~97 voxels per independent one: ~5 % s.d.), hence 15 %.
        let (nx, ny, nz) = (48, 48, 48)
        for seed: UInt64 in [1, 2, 3] {
            let data = noise(nx, ny, nz, spatial: gaussian(4 / fwhm), spectral: hanning, seed: seed)
            let m = try #require(NoiseMeasurement(cube: cube(data, nx, ny, nz), chiSquare: ChiSquare(cube: cube(data, nx, ny, nz)),
                                                  model: [Double](repeating: 0, count: data.count)))
            #expect(abs(m.spatialFWHM - 4) < 0.2)
            #expect(abs(m.spectralFWHM - 1.764) < 0.1)
            #expect(abs(m.voxelsPerCorrelation / 96.7 - 1) < 0.12)
            #expect(abs(m.varianceRatio - 1) < 0.15)
            // The width's margin, twice its standard error 0.7/√N, N ≈ 110 000 / 97 ≈ 1 140.
            let expected = 1.4 / (Double(m.voxelCount) / m.voxelsPerCorrelation).squareRoot()
            #expect(abs(m.correlation.spatialWidthMargin - expected) < 1e-12 && abs(expected - 0.041) < 0.004)
        }
    }

    /// The margin by the number of independent correlation volumes measured: 2 · 0.7/√N, at
    /// most 0.3, none for white noise; a given correlation has none.
    @Test func theWidthMarginShrinksWithTheVolumesMeasured() {
        #expect(abs(NoiseMeasurement.spatialWidthMargin(voxels: 250 * 36, voxelsPerCorrelation: 36) - 1.4 / 250.0.squareRoot()) < 1e-12)
        #expect(NoiseMeasurement.spatialWidthMargin(voxels: 10 * 36, voxelsPerCorrelation: 36) == 0.3)
        #expect(NoiseMeasurement.spatialWidthMargin(voxels: 50_000, voxelsPerCorrelation: 1) == 0)
        #expect(NoiseCorrelation.circular(voxels: 36).spatialWidthMargin == 0)
    }

    /// `--noise-correlation <voxels>`: the circular beam of that many voxels per correlation
    /// volume (a 4-px FWHM beam has (√(2π)·√2·4/2.3548)² = 36.3), parsed from the option, in
    /// place of the measured correlation while the variance ratio stays measured.
    @Test func givenVoxelsMakeACircularBeamOfThatArea() throws {
        for n in [1.5, 36.26, 200.0] {
            let c = NoiseCorrelation.circular(voxels: n)
            #expect(abs(c.voxelsPerCorrelation / n - 1) < 1e-6)
            #expect(c.spectral == 0 && c.spatial.xy == 0 && c.spatial.xx == c.spatial.yy)
        }
        #expect(abs(NoiseCorrelation.circular(voxels: 36.26).spatialFWHM - 4) < 0.01)
        #expect(NoiseCorrelation.circular(voxels: 1) == .white)
        #expect(NoiseCorrelationMode(argument: "36") == .voxels(36))
        #expect(NoiseCorrelationMode(argument: "AUTO") == .auto && NoiseCorrelationMode(argument: "none") == NoiseCorrelationMode.none)
        for bad in ["0.5", "-3", "nan", "inf", "beam", ""] { #expect(NoiseCorrelationMode(argument: bad) == nil) }

        let (nx, ny, nz) = (40, 40, 40)
        let data = noise(nx, ny, nz, seed: 7).map { 2 * $0 }
        let c = cube(data, nx, ny, nz, variance: 5)
        let measured = try #require(NoiseMeasurement(cube: c, chiSquare: ChiSquare(cube: c),
                                                     model: [Double](repeating: 0, count: data.count)))
        let given = measured.replacingCorrelation(with: .circular(voxels: 36.26))
        #expect(given.varianceRatio == measured.varianceRatio && given.isCorrelationGiven && !measured.isCorrelationGiven)
        #expect(abs(given.voxelsPerCorrelation - 36.26) < 1e-4)
        #expect(given.method.hasSuffix("correlation given") && measured.method.contains("measured"))
    }

    /// The second noise stage compares its ratio with the first one's after the variance was
    /// rescaled by it (`--variance-scale auto`): no resampling for a ratio the rescaling removed.
    @Test func stagesCompareRatiosAcrossAVarianceRescaling() throws {
        let (nx, ny, nz) = (40, 40, 40)
        let data = noise(nx, ny, nz, seed: 7).map { 2 * $0 }
        func measured(_ variance: Double) throws -> NoiseMeasurement {
            let c = cube(data, nx, ny, nz, variance: variance)
            return try #require(NoiseMeasurement(cube: c, chiSquare: ChiSquare(cube: c),
                                                 model: [Double](repeating: 0, count: data.count)))
        }
        let first = try measured(3.2), rescaled = try measured(3.2 * first.varianceRatio)
        #expect(abs(first.varianceRatio - 1.25) < 0.05 && abs(rescaled.varianceRatio - 1) < 0.01)
        #expect(NoiseStages.differ(first, rescaled))
        #expect(!NoiseStages.differ(first, rescaled, varianceScaledBy: first.varianceRatio))
    }

    /// A noiseless cube (residuals at the model's rounding) gives no measurement and a warning,
    /// where it used to give a variance ratio of 1e-17 and a meaningless correlation; the same
    /// stage measures a cube with noise 10⁻² of its variance's σ.
    @Test func aNoiselessCubeIsNotMeasured() throws {
        let (nx, ny, nz) = (40, 40, 40)
        let rounding = noise(nx, ny, nz, seed: 3).map { 1e-9 * $0 }
        var warnings: [String] = []
        for (scale, measured) in [(1e-9, false), (1e-2, true)] {
            let c = cube(rounding.map { $0 * scale / 1e-9 }, nx, ny, nz)
            let m = NoiseStages.measure(cube: c, chiSquare: ChiSquare(cube: c), model: [Double](repeating: 0, count: c.count),
                                        mode: .auto, stage: "first guess") { event in
                if case .warning(let text) = event { warnings.append(text) }
            }
            #expect((m != nil) == measured, "noise \(scale)")
        }
        #expect(warnings.count == 1 && warnings[0].contains("as if the cube had no noise"), "\(warnings)")
    }

    @Test func whiteNoiseIsUncorrelatedAndItsVarianceRatioIsMeasured() throws {
        let (nx, ny, nz) = (40, 40, 40)
        let data = noise(nx, ny, nz, seed: 7).map { 2 * $0 }
        for (variance, ratio) in [(4.0, 1.0), (5.0, 0.8), (3.2, 1.25)] {
            let c = cube(data, nx, ny, nz, variance: variance)
            let m = try #require(NoiseMeasurement(cube: c, chiSquare: ChiSquare(cube: c),
                                                  model: [Double](repeating: 0, count: data.count)))
            #expect(m.spatialFWHM == 0 && m.spectralFWHM == 0 && m.voxelsPerCorrelation == 1)
            #expect(abs(m.varianceRatio / ratio - 1) < 0.03)
        }
    }

    @Test func leavesOutTheBrightModelAndInvalidVoxels() throws {
        // A smooth blob fitted at half its amplitude would look like a strong correlation if
        // its residuals were measured; NaN data and zero variance are ignored.
        let (nx, ny, nz) = (40, 40, 40)
        var data = noise(nx, ny, nz, seed: 11)
        var model = [Double](repeating: 0, count: data.count)
        var variance = [Double](repeating: 1, count: data.count)
        for k in 0..<nz {
            for j in 0..<ny {
                for i in 0..<nx {
                    let n = (k * ny + j) * nx + i
                    let r2 = Double((i - 20) * (i - 20) + (j - 20) * (j - 20) + (k - 20) * (k - 20))
                    let blob = 50 * exp(-r2 / 50)
                    data[n] += blob
                    model[n] = blob / 2
                    if (i + j + k) % 17 == 0 { data[n] = .nan }
                    if (i * j + k) % 23 == 0 { variance[n] = 0 }
                }
            }
        }
        var c = cube(data, nx, ny, nz)
        c.variance = variance
        let chi = ChiSquare(cube: c)
        let m = try #require(NoiseMeasurement(cube: c, chiSquare: chi, model: model))
        #expect(m.voxelsPerCorrelation == 1)
        #expect(abs(m.varianceRatio - 1) < 0.03)
        let unmasked = try #require(NoiseMeasurement(cube: c, chiSquare: chi, model: model, brightThreshold: .infinity))
        #expect(unmasked.voxelsPerCorrelation > 10)
    }
}
