import Foundation
import Testing
@testable import GalPaK

@Suite struct SeparableConvolverTests {
    private func kernel(nx: Int, ny: Int, nz: Int, psf: PointSpreadFunction) throws -> Kernel3D {
        let muse = Instrument.muse
        return try Kernel3D(instrument: Instrument(name: "test", psf: psf, lsf: muse.lsf, defaults: muse.defaults),
                        nx: nx, ny: ny, nz: nz, spectral: parityAxis, pixscale: 0.2)
    }

    /// A deterministic, non-trivial cube.
    private func cube(_ count: Int) -> [Double] {
        (0..<count).map { n in Double((n * 7919) % 1013) / 1013 }
    }

    @Test func recognisesWhichKernelsAreSeparable() throws {
        #expect(SeparableKernel(kernel: try kernel(nx: 28, ny: 26, nz: 32, psf: .gaussian(fwhm: 0.8))) != nil)
        // Elliptical with axes along x and y (KMOS/SINFONI defaults: pa 90°, ba 0.8): separable.
        #expect(SeparableKernel(kernel: try kernel(nx: 28, ny: 26, nz: 32, psf: .gaussian(fwhm: 0.6, ba: 0.8, pa: 90))) != nil)
        // A tilted ellipse or a Moffat profile is not.
        #expect(SeparableKernel(kernel: try kernel(nx: 28, ny: 26, nz: 32, psf: .gaussian(fwhm: 0.8, ba: 0.7, pa: 30))) == nil)
        #expect(SeparableKernel(kernel: try kernel(nx: 28, ny: 26, nz: 32, psf: .moffat(fwhm: 0.8, beta: 2.5))) == nil)
    }

    @Test(arguments: [(28, 26, 32), (27, 25, 33), (9, 8, 7)], CPUPath.available)
    func equalsTheFFTConvolution(shape: (nx: Int, ny: Int, nz: Int), path: CPUPath) throws {
        let (nx, ny, nz) = shape
        let k = try kernel(nx: nx, ny: ny, nz: nz, psf: .gaussian(fwhm: 0.8, ba: 0.8, pa: 90))
        let separable = SeparableConvolver(kernel: try #require(SeparableKernel(kernel: k)), path: path)
        let input = cube(nx * ny * nz)
        let fft = FFTConvolver(kernel: k, planning: .estimate).convolved(input)
        let ours = separable.convolved(input)
        let peak = fft.max()!
        // Float passes: ~1e-7 of the peak (and the 1e-8 tap crop, below that).
        let worst = zip(ours, fft).map { abs($0 - $1) }.max()!
        #expect(worst < 3e-7 * peak, "largest difference \(worst / peak) of the peak")
        #expect(worst > 0, "the passes are expected to round in Float")
        // Reused: the same input gives the same output (scratch buffers are reset).
        #expect(separable.convolved(input) == ours)
    }

    /// A line that fills only some channels and some rows, as a disk's spectra do: the rows
    /// and channels of zeros are skipped, and nothing from an earlier cube is left in them.
    @Test func zeroRowsAndChannelsGiveZerosAfterAnotherCube() throws {
        let (nx, ny, nz) = (21, 19, 30)
        let k = try kernel(nx: nx, ny: ny, nz: nz, psf: .gaussian(fwhm: 0.8))
        let separable = SeparableConvolver(kernel: try #require(SeparableKernel(kernel: k)))
        let fft = FFTConvolver(kernel: k, planning: .estimate)
        var line = [Double](repeating: 0, count: nx * ny * nz)
        for c in 12..<17 { for j in 6..<11 { for i in 3..<15 { line[(c * ny + j) * nx + i] = Double(1 + (i + j + c) % 5) } } }
        _ = separable.convolved(cube(nx * ny * nz))
        let ours = separable.convolved(line), exact = fft.convolved(line)
        let peak = exact.max()!
        #expect(zip(ours, exact).allSatisfy { abs($0 - $1) < 3e-7 * peak })
        // Far from the line (beyond the kernel's reach) the result is exactly zero.
        #expect(ours[(0 * ny + 0) * nx + 0] == 0 && ours[(29 * ny + 18) * nx + 20] == 0)
    }

    /// Any flux unit: the input is scaled by a power of two into Float's range and back, and
    /// the faint edges that would be subnormal in Float become zeros, not errors or slowness.
    @Test(arguments: [1e-30, 1.0, 1e30])
    func anyFluxUnitKeepsFloatPrecision(unit: Double) throws {
        let (nx, ny, nz) = (18, 16, 20)
        let k = try kernel(nx: nx, ny: ny, nz: nz, psf: .gaussian(fwhm: 0.8))
        let separable = SeparableConvolver(kernel: try #require(SeparableKernel(kernel: k)))
        // A peak with a 1e-45 dynamic range: its faint voxels are subnormal in Float after scaling.
        let input = (0..<(nx * ny * nz)).map { n -> Double in
            let d = Double(abs(n % nx - 9) + abs((n / nx) % ny - 8) + abs(n / (nx * ny) - 10))
            return unit * Foundation.exp(-4 * d)
        }
        let exact = FFTConvolver(kernel: k, planning: .estimate).convolved(input)
        let ours = separable.convolved(input)
        let peak = exact.max()!
        #expect(ours.allSatisfy { $0.isFinite && $0 >= 0 })
        #expect(zip(ours, exact).allSatisfy { abs($0 - $1) < 3e-7 * peak })
        let scale = [3 * unit].withUnsafeBufferPointer { SeparableConvolver.normalization($0).scale }
        #expect(scale * 3 * unit >= 1)
    }

    @Test(arguments: CPUPath.available)
    func reproducesTheReferenceLinearConvolution(path: CPUPath) throws {
        let clean = try FixtureCube("01_default_clean.fits")
        let expected = try FixtureCube("01_default_convolved_linear.fits")
        let k = try kernel(nx: clean.nx, ny: clean.ny, nz: clean.nz, psf: .gaussian(fwhm: 0.8))
        let separable = SeparableConvolver(kernel: try #require(SeparableKernel(kernel: k)), path: path)
        // Float passes (~1e-7) against a float32 fixture (2.5e-8).
        let error = relativeL2(separable.convolved(clean.values), expected.values)
        print(String(format: "separable (Float, %@) 01_default against the reference: relative L2 %.2e",
                     path.rawValue, error))
        #expect(error < 3e-7)
    }

    /// The two instruction sets give the same cube to rounding: every voxel within 1e-6 of
    /// the peak, and the same χ² to 1e-12 (on a CPU without AVX2 there is one path: skipped).
    @Test(.enabled(if: CPUPath.available.count == 2))
    func bothCPUPathsGiveTheSameCubeAndChiSquare() throws {
        let (nx, ny, nz) = (37, 29, 41)
        let k = try kernel(nx: nx, ny: ny, nz: nz, psf: .gaussian(fwhm: 0.9))
        let separable = try #require(SeparableKernel(kernel: k))
        let input = cube(nx * ny * nz)
        let wide = SeparableConvolver(kernel: separable, path: .avx2FMA).convolved(input)
        let baseline = SeparableConvolver(kernel: separable, path: .baseline).convolved(input)
        let peak = baseline.max()!
        let worst = zip(wide, baseline).map { abs($0 - $1) }.max()!
        #expect(worst < 1e-6 * peak, "largest difference \(worst / peak) of the peak")

        let data = Cube(nx: nx, ny: ny, nz: nz, data: input.map { $0 + 0.01 },
                        variance: (0..<input.count).map { 0.5 + Double($0 % 7) }, spectral: parityAxis, pixscale: 0.2)
        let chi = ChiSquare(cube: data)
        // An independent sum in Swift, in the cube's order.
        let plain = zip(zip(data.data, data.variance!), wide).reduce(0.0) { sum, term in
            let ((d, v), m) = term
            return sum + (d - m) * (d - m) / v
        }
        for path in CPUPath.allCases {
            let value = wide.withUnsafeBufferPointer { chi($0, path: path) }
            #expect(abs(value - plain) <= 1e-12 * plain, "\(path.rawValue): \(value) against \(plain)")
        }
    }

    @Test func edgeDeltaDoesNotWrapAround() throws {
        let (nx, ny, nz) = (20, 18, 24)
        let k = try kernel(nx: nx, ny: ny, nz: nz, psf: .gaussian(fwhm: 0.8))
        let separable = SeparableConvolver(kernel: try #require(SeparableKernel(kernel: k)))
        var delta = [Double](repeating: 0, count: nx * ny * nz)
        delta[(12 * ny + 9) * nx + (nx - 1)] = 1
        let out = separable.convolved(delta)
        // Nothing appears in the opposite column; the flux that left the cube is lost.
        for k in 0..<nz { for j in 0..<ny { #expect(out[(k * ny + j) * nx] == 0) } }
        #expect(out.reduce(0, +) < 0.9)
    }

    @Test func makeConvolutionFallsBackToFFTForNonSeparableKernels() throws {
        let tilted = try kernel(nx: 16, ny: 14, nz: 12, psf: .gaussian(fwhm: 0.8, ba: 0.7, pa: 30))
        #expect(makeConvolution(kernel: tilted, planning: .estimate) is FFTConvolver)
        let round = try kernel(nx: 16, ny: 14, nz: 12, psf: .gaussian(fwhm: 0.8))
        #expect(makeConvolution(kernel: round, planning: .estimate) is SeparableConvolver)
    }

    /// A race shared between convolvers of one kernel runs once; the others build its winner.
    @Test func aSharedRaceRunsOnceAndItsWinnerIsBuilt() throws {
        let race = ConvolutionRace()
        var runs = 0
        #expect(race.winner { runs += 1; return .fft } == .fft)
        #expect(race.winner { runs += 1; return .passes } == .fft)
        #expect(runs == 1)
        let round = try kernel(nx: 16, ny: 14, nz: 12, psf: .gaussian(fwhm: 0.8))
        #expect(makeConvolution(kernel: round, race: race) is FFTConvolver)
        let passes = ConvolutionRace()
        _ = passes.winner { .passes }
        #expect(makeConvolution(kernel: round, race: passes) is SeparableConvolver)
        // Unshared, the race runs (and a winner comes out) as before.
        let fresh = ConvolutionRace()
        let raced = makeConvolution(kernel: round, race: fresh)
        #expect(fresh.winner { .passes } == (raced is FFTConvolver ? .fft : .passes))
    }
}
