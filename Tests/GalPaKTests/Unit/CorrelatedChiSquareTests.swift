import Foundation
import Testing
@testable import GalPaK

/// The likelihood for correlated noise (``CorrelatedChiSquare`` with a ``NoisePowerSpectrum``)
/// on noise of known correlation: its value for pure noise, and what a model can gain by
/// fitting the noise at the cube's faces.
@Suite struct CorrelatedChiSquareTests {
    /// A cube of `data` with variance `variance` everywhere.
    private func cube(_ data: [Double], _ nx: Int, _ ny: Int, _ nz: Int, variance: Double = 1) -> Cube {
        Cube(nx: nx, ny: ny, nz: nz, data: data, variance: [Double](repeating: variance, count: data.count),
             spectral: SpectralAxis(crval: 6564, crpix: 1, cdelt: 1.25, unit: .angstrom), pixscale: 0.2)
    }

    /// The orthonormal DCT-II on n points, `D[k][i] = c_k cos(πk(i + ½)/n)`.
    private func cosineBasis(_ n: Int) -> [[Double]] {
        (0..<n).map { k in
            let c = (Double(k == 0 ? 1 : 2) / Double(n)).squareRoot()
            return (0..<n).map { c * cos(Double.pi * Double(k) * (Double($0) + 0.5) / Double(n)) }
        }
    }

    private let hanning = CorrelatedNoise.hanning
    private let fwhmPerSigma = 2 * (2 * log(2.0)).squareRoot()

    @Test func whiteSpectrumGivesTheOrdinaryChiSquare() {
        // The basis is orthonormal: with P ≡ 1, Σ_k C(k)² = Σ w², for even and odd sizes, with
        // excluded voxels.
        for (nx, ny, nz) in [(8, 6, 10), (7, 5, 9)] {
            var generator = SeededGenerator(seed: 3)
            let count = nx * ny * nz
            var data = (0..<count).map { _ in 5 + generator.nextGaussian() }
            data[4] = .nan
            var c = cube(data, nx, ny, nz)
            c.variance = (0..<count).map { $0 == 9 ? 0 : 0.5 + Double($0 % 7) }
            let model = (0..<count).map { _ in 5 + 0.3 * generator.nextGaussian() }
            let plain = ChiSquare(cube: c)
            let correlated = CorrelatedChiSquare(chiSquare: plain, spectrum: .white(nx: nx, ny: ny, nz: nz))
            #expect(abs(correlated(model) / plain(model) - 1) < 1e-10)
        }
    }

    /// Noise correlated spatially but not between channels: P does not depend on kz, so only
    /// each channel's 2-D transform is taken. χ² (and the residuals' sum of squares) equal the
    /// full 3-D form Σ_k C(k)²/P(k), computed here with explicit DCT matrices, on every
    /// ``CPUPath``.
    @Test func aSpectrallyWhiteSpectrumTransformsEachChannelAlone() throws {
        let (nx, ny, nz) = (6, 5, 4)
        var generator = SeededGenerator(seed: 8)
        let count = nx * ny * nz
        let data = (0..<count).map { _ in generator.nextGaussian() }
        let model = (0..<count).map { _ in 0.2 * generator.nextGaussian() }
        let plain = ChiSquare(cube: cube(data, nx, ny, nz, variance: 0.7))
        let beam = NoiseCorrelation(spatialWidth: 1.2, spectralWidth: 0)
        let spectrum = NoisePowerSpectrum(nx: nx, ny: ny, nz: nz, correlation: beam)
        let correlated = CorrelatedChiSquare(chiSquare: plain, spectrum: spectrum)
        #expect(correlated.planar)
        let (bx, by, bz) = (cosineBasis(nx), cosineBasis(ny), cosineBasis(nz))
        let w = (0..<count).map { (data[$0] - model[$0]) / 0.7.squareRoot() }
        var direct = 0.0
        for kz in 0..<nz {
            for ky in 0..<ny {
                for kx in 0..<nx {
                    var c = 0.0
                    for z in 0..<nz { for y in 0..<ny { for x in 0..<nx {
                        c += bz[kz][z] * by[ky][y] * bx[kx][x] * w[(z * ny + y) * nx + x]
                    } } }
                    direct += c * c / spectrum.values[(kz * ny + ky) * nx + kx]
                }
            }
        }
        // The modes' weighted sum on each instruction set (``CPUPath``).
        for path in CPUPath.available {
            let value = model.withUnsafeBufferPointer { correlated($0, path: path) }
            #expect(abs(value / direct - 1) < 1e-12, "\(path.rawValue): \(value) vs \(direct)")
        }
        var residuals = [Double](repeating: 0, count: count)
        model.withUnsafeBufferPointer { m in residuals.withUnsafeMutableBufferPointer { correlated.residuals(m, into: $0) } }
        #expect(abs(residuals.reduce(0) { $0 + $1 * $1 } / direct - 1) < 1e-12)
        // A channel count with a large prime factor (113, the simulated HI cube's) is planar too:
        // the spectral factor of independent channels is exactly 1, not 1 to rounding.
        let long = ChiSquare(cube: cube([Double](repeating: 0.1, count: 3 * 3 * 113), 3, 3, 113, variance: 0.7))
        #expect(CorrelatedChiSquare(chiSquare: long, spectrum: NoisePowerSpectrum(nx: 3, ny: 3, nz: 113, correlation: beam)).planar)
        // Hanning channels: P depends on kz, and the 3-D transform is kept.
        let hanningNoise = NoiseCorrelation(spatialWidth: 1.2, spectralWidth: 1.06)
        #expect(!CorrelatedChiSquare(chiSquare: plain, spectrum: NoisePowerSpectrum(nx: nx, ny: ny, nz: nz, correlation: hanningNoise)).planar)
    }

    /// A measured width's margin δ: the spatial factor of P is the envelope of the spectra of
    /// the width and of (1 − δ) times it, so P is never below either (no floor here); δ = 0
    /// leaves the spectrum as it was. On a 4-px beam the narrower width raises P at high k
    /// (the modes a width too large would over-weight) by orders of magnitude.
    @Test func aWidthMarginTakesTheEnvelopeOfBothWidths() {
        let (nx, ny, nz) = (20, 16, 12)
        let measured = NoiseCorrelation(spatialWidth: 2.4, spectralWidth: 1.06)
        var withMargin = measured
        withMargin.spatialWidthMargin = 0.1
        let plain = NoisePowerSpectrum(nx: nx, ny: ny, nz: nz, correlation: measured, floor: 0)
        let narrower = NoisePowerSpectrum(nx: nx, ny: ny, nz: nz,
                                          correlation: NoiseCorrelation(spatialWidth: 2.16, spectralWidth: 1.06), floor: 0)
        let envelope = NoisePowerSpectrum(nx: nx, ny: ny, nz: nz, correlation: withMargin, floor: 0)
        for n in envelope.values.indices {
            #expect(abs(envelope.values[n] / max(plain.values[n], narrower.values[n]) - 1) < 1e-9)
        }
        let corner = (nz / 2 * ny + ny - 1) * nx + nx - 1
        #expect(envelope.values[corner] > 100 * plain.values[corner])
        #expect(envelope.values[0] == plain.values[0])
    }

    @Test func chiSquareOfNoiseWithTheModelledSpectrumHasMeanN() {
        // Noise whose covariance is exactly the model's, Σ_k P(k) φ_k φ_kᵀ over the cosine modes
        // φ_k (a Gaussian correlation of widths 1.2 px and 1 channel, ~10 voxels per correlation
        // volume), no floor: χ² follows χ²_N, mean N = 4275, s.d. √(2N) = 92.5; the mean of 40
        // is within 4 × 14.6 of N.
        let (nx, ny, nz) = (15, 15, 19)
        let n = Double(nx * ny * nz)
        let spectrum = NoisePowerSpectrum(nx: nx, ny: ny, nz: nz,
                                          correlation: NoiseCorrelation(spatialWidth: 1.2, spectralWidth: 1), floor: 0)
        #expect(spectrum.values.allSatisfy { $0 > 0 })
        let (dx, dy, dz) = (cosineBasis(nx), cosineBasis(ny), cosineBasis(nz))
        let zero = [Double](repeating: 0, count: nx * ny * nz)
        var sum = 0.0
        for seed: UInt64 in 1...40 {
            var generator = SeededGenerator(seed: seed)
            let modes = spectrum.values.map { $0.squareRoot() * generator.nextGaussian() }
            // The inverse transform: Dᵀ along x, then y, then z.
            var f = modes
            for (basis, stride, n) in [(dx, 1, nx), (dy, nx, ny), (dz, nx * ny, nz)] {
                var out = zero
                for start in 0..<f.count where start / stride % n == 0 {
                    for i in 0..<n {
                        out[start + i * stride] = (0..<n).reduce(0.0) { $0 + basis[$1][i] * f[start + $1 * stride] }
                    }
                }
                f = out
            }
            let c = cube(f, nx, ny, nz)
            sum += CorrelatedChiSquare(chiSquare: ChiSquare(cube: c), spectrum: spectrum)(zero)
        }
        #expect(abs(sum / 40 - n) < 4 * (2 * n / 40).squareRoot())
    }

    /// E[C(k)²] along one axis for noise smoothed by `kernel` (unit Σk², not periodic):
    /// `Σ_{i,j} D[k][i] D[k][j] a(i − j)`, a the kernel's autocorrelation.
    private func modePower(_ kernel: [Double], n: Int) -> [Double] {
        let norm = kernel.map { $0 * $0 }.reduce(0, +), h = kernel.count - 1
        let a = (-h...h).map { d in kernel.indices.reduce(0.0) { s, i in
            kernel.indices.contains(i + d) ? s + kernel[i] * kernel[i + d] : s } / norm }
        let basis = cosineBasis(n)
        return basis.map { row in
            var s = 0.0
            for i in 0..<n {
                for j in Swift.max(0, i - h)...Swift.min(n - 1, i + h) { s += row[i] * row[j] * a[j - i + h] }
            }
            return s
        }
    }

    @Test func chiSquareOfNoiseWithTheMeasuredSpectrumHasItsExpectedMean() throws {
        // Noise as a cube has it (white noise smoothed by a 4-px beam and Hanning channels, not
        // periodic, CorrelatedNoise); the spectrum P measured on one realisation (default floor)
        // is used on 20 others. Each mode contributes E[C(k)²]/P(k) on average: the mean is
        // Σ_k E[C(k)²]/P(k), ≈ 0.25 N here, as the floor gives the weakest modes (most of the
        // modes for noise this smooth) less weight than their own power would.
        let (nx, ny, nz) = (30, 30, 36)
        let zero = [Double](repeating: 0, count: nx * ny * nz)
        let smoothing = CorrelatedNoise(beamFWHM: 4, channelKernel: hanning)
        func realisation(_ seed: UInt64) -> Cube {
            var generator = SeededGenerator(seed: seed)
            return cube(smoothing.field(nx: nx, ny: ny, nz: nz, sigma: 1, using: &generator), nx, ny, nz)
        }
        let first = realisation(100)
        let m = try #require(NoiseMeasurement(cube: first, chiSquare: ChiSquare(cube: first), model: zero))
        let spectrum = NoisePowerSpectrum(nx: nx, ny: ny, nz: nz, correlation: m.correlation)
        let (px, py, pz) = (modePower(smoothing.beamKernel, n: nx), modePower(smoothing.beamKernel, n: ny),
                            modePower(hanning, n: nz))
        let expected = spectrum.values.indices.reduce(0.0) { sum, k in
            sum + px[k % nx] * py[k / nx % ny] * pz[k / (nx * ny)] / spectrum.values[k]
        }
        var sum = 0.0
        for seed: UInt64 in 101...120 {
            sum += CorrelatedChiSquare(chiSquare: ChiSquare(cube: realisation(seed)), spectrum: spectrum)(zero)
        }
        #expect(abs(sum / 20 / expected - 1) < 0.03)
    }

    @Test func aModelAtTheFacesCannotFitTheNoise() {
        // Noise smoothed by a 3-px beam and Hanning channels (the calibration's beam+hanning
        // class) on a 40 × 40 × 32 cube, the likelihood from its exact correlation model. A
        // model T = a·(a smooth blob), fitted in its amplitude a to pure noise, lowers χ² by
        // (Tᵀ C⁻¹ w)² / (Tᵀ C⁻¹ T), on average 1 for the exact likelihood wherever T is. With
        // the cube taken as periodic (a Fourier basis), a blob on a face (half outside) lowered
        // it by 114 on average, as χ² weighted the noise's jump between opposite faces up to
        // ~150 times too much: a fit then preferred a disk stretched to the faces over the
        // galaxy. Mirrored faces (cosines): 0.59 on a face, 0.81 in the middle (the mean of 20
        // draws of χ²₁: 1 ± 0.32).
        let (nx, ny, nz) = (40, 40, 32)
        let smoothing = CorrelatedNoise(beamFWHM: 3, channelKernel: hanning)
        let correlation = NoiseCorrelation(spatialWidth: 2.0.squareRoot() * 3 / fwhmPerSigma, spectralWidth: 1.0595)
        let spectrum = NoisePowerSpectrum(nx: nx, ny: ny, nz: nz, correlation: correlation)
        func blob(x: Double) -> [Double] {
            (0..<(nx * ny * nz)).map { n in
                let (i, j, k) = (Double(n % nx), Double(n / nx % ny), Double(n / (nx * ny)))
                return exp(-((i - x) * (i - x) + (j - 20) * (j - 20)) / 18 - (k - 16) * (k - 16) / 8)
            }
        }
        let zero = [Double](repeating: 0, count: nx * ny * nz)
        for (place, x) in [("face", 0.0), ("middle", 20.0)] {
            let template = blob(x: x), negative = template.map { -$0 }
            var gain = 0.0
            for seed: UInt64 in 1...20 {
                var generator = SeededGenerator(seed: seed)
                let data = smoothing.field(nx: nx, ny: ny, nz: nz, sigma: 1, using: &generator)
                let chi2 = CorrelatedChiSquare(chiSquare: ChiSquare(cube: cube(data, nx, ny, nz)), spectrum: spectrum)
                let (c0, plus, minus) = (chi2(zero), chi2(template), chi2(negative))
                let curvature = (plus + minus - 2 * c0) / 2, slope = (minus - plus) / 4
                gain += slope * slope / curvature / 20
            }
            #expect(gain < 2, "\(place): mean χ² gain \(gain)")
        }
    }
}
