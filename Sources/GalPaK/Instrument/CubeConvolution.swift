/// A linear convolution of cubes with an instrument kernel, as ``FFTConvolver`` defines it:
/// `out[p] = Σ_q D[q]·K[p − q + c]` with the kernel centre `c = (nz/2, ny/2, nx/2)` and zeros
/// outside the cube. Implementations keep scratch buffers and are not thread-safe.
public protocol CubeConvolution: AnyObject {
    /// Cube shape.
    var nx: Int { get }
    var ny: Int { get }
    var nz: Int { get }
    /// How the convolution is computed, for logs and the benchmark.
    var method: String { get }
    /// Convolves `input` (nz·ny·nx voxels, x fastest) into `output`; they may be the same
    /// memory. Allocation-free.
    func convolve(_ input: UnsafeBufferPointer<Double>, into output: UnsafeMutableBufferPointer<Double>)
}

extension CubeConvolution {
    /// The convolution of `cube` as a new array.
    public func convolved(_ cube: [Double]) -> [Double] {
        var result = cube
        result.withUnsafeMutableBufferPointer { convolve(UnsafeBufferPointer($0), into: $0) }
        return result
    }
}

/// The fastest convolution for `kernel` that is accurate to Float precision or better.
///
/// A separable kernel (``SeparableKernel``: a round or axis-aligned Gaussian PSF times any
/// LSF) can be applied by three 1-D passes in Float, which beat FFTW on small cubes but become
/// memory-bound on large ones; where the two cross depends on the machine's caches. So with
/// `.measure` planning both are timed (median of 3 runs each, a few ms for a MUSE cube) and the
/// faster is kept, as FFTW itself measures its algorithms: first the passes against FFTW with
/// an estimated plan, and only when that comes within ``fftRaceMargin`` of the passes is FFTW's
/// measured plan made and raced (making it took ~0.25 s per forward model on the CARMA CO
/// cube's box, where the passes win by far). With `.estimate` the separable passes are used
/// when possible. Any other kernel uses FFTW (Double). The methods agree to ~2e-7 of the peak
/// (the Float rounding of the passes).
///
/// `race`, when given, keeps the winner for `kernel`: a later call with the same `race` (and
/// kernel) builds it without timing.
public func makeConvolution(kernel: Kernel3D, planning: FFTPlanning = .measure,
                            race: ConvolutionRace? = nil) -> any CubeConvolution {
    guard let separable = SeparableKernel(kernel: kernel) else {
        return FFTConvolver(kernel: kernel, planning: planning)
    }
    let direct = SeparableConvolver(kernel: separable)
    guard planning == .measure else { return direct }
    var fft: FFTConvolver?
    let winner = (race ?? ConvolutionRace()).winner {
        let (nx, ny, nz) = (kernel.nx, kernel.ny, kernel.nz)
        let passes = medianConvolutionSeconds(direct, nx: nx, ny: ny, nz: nz)
        let rough = FFTConvolver(kernel: kernel, planning: .estimate)
        guard medianConvolutionSeconds(rough, nx: nx, ny: ny, nz: nz) < fftRaceMargin * passes else { return .passes }
        let measured = FFTConvolver(kernel: kernel, planning: planning)
        fft = measured
        return passes <= medianConvolutionSeconds(measured, nx: nx, ny: ny, nz: nz) ? .passes : .fft
    }
    switch winner {
    case .passes: return direct
    case .fft: return fft ?? FFTConvolver(kernel: kernel, planning: planning)
    }
}

/// How many times slower than the separable passes FFTW may run with an estimated plan and
/// still be raced with a measured one: 2, above what FFTW_MEASURE's plans gain over
/// FFTW_ESTIMATE's on these convolutions (1.21–1.37× on five Gaussian kernels and cubes from
/// 30×30×36 to 150×150×80, where the estimated FFT ran 3.0–6.6× slower than the passes).
let fftRaceMargin = 2.0

/// Median wall time of three convolutions (after one untimed run) of a smooth positive cube of
/// `nx × ny × nz` voxels with no subnormal values, like a rendered disk (the kernel's own far
/// tails are subnormal, and would make the direct passes look slow).
func medianConvolutionSeconds(_ convolution: any CubeConvolution, nx: Int, ny: Int, nz: Int) -> Double {
    let input = (0..<(nx * ny * nz)).map { 1 + Double($0 % 97) / 97 }
    var output = input
    let clock = ContinuousClock()
    var samples: [Double] = []
    for run in 0..<4 {
        let start = clock.now
        input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { convolution.convolve(source, into: $0) }
        }
        if run > 0 { samples.append((clock.now - start).inSeconds) }
    }
    return SampleStatistics.median(samples)
}

extension FFTConvolver: CubeConvolution {
    public var method: String {
        "FFTW on a \(paddedSize.x)×\(paddedSize.y)×\(paddedSize.z) box"
    }
}
