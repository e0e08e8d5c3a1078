import CFFTW3
import GalPaK

/// Cost of one model evaluation on a cube, split into its stages, and the FFT-pair floor.
struct EvaluationTiming {
    let cube: BenchCube
    let renderMs: Double
    let convolveMs: Double
    let chi2Ms: Double
    let evaluationMs: Double
    let fftPairFloorMs: Double
    let paddedBox: String
    /// How the fit convolves (separable passes or FFTW).
    let method: String
    /// Median time of each convolution available for this kernel (FFTW always; the
    /// separable passes on each ``CPUPath`` the CPU runs when the kernel is separable), ms; the
    /// fit uses the faster.
    let alternativesMs: [(method: String, ms: Double)]
    /// Median time of the Gaussian χ² sum on each ``CPUPath`` the CPU runs, ms.
    let chi2ByPathMs: [(path: CPUPath, ms: Double)]

    /// Times each stage `runs` times (medians), cycling through slightly different parameters
    /// so that nothing can be cached between calls.
    init(_ cube: BenchCube, runs: Int) throws {
        self.cube = cube
        let data = try cube.cube()
        let kernel = try Kernel3D(instrument: cube.instrument, cube: data)
        let disk = DiskModel(cube: data)
        let forward = ForwardModel(disk: disk, kernel: kernel, chiSquare: ChiSquare(cube: data))
        let convolver = forward.convolver
        let variants = (0..<8).map { n -> GalaxyParameters in
            var p = cube.truth
            p[.pa] += Double(n)
            p[.inclination] += 0.5 * Double(n)
            return p
        }
        var clean = [Double](repeating: 0, count: cube.voxels)
        var convolved = clean
        var n = 0
        renderMs = Stopwatch.medianMilliseconds(runs: runs) {
            clean.withUnsafeMutableBufferPointer { _ = disk.render(variants[n % 8], into: $0) }
            n += 1
        }
        convolveMs = Stopwatch.medianMilliseconds(runs: runs) {
            clean.withUnsafeBufferPointer { input in
                convolved.withUnsafeMutableBufferPointer { convolver.convolve(input, into: $0) }
            }
        }
        let chi = forward.chiSquare
        var sink = 0.0
        chi2Ms = Stopwatch.medianMilliseconds(runs: runs) {
            sink += convolved.withUnsafeBufferPointer { chi($0) }
        }
        evaluationMs = Stopwatch.medianMilliseconds(runs: runs) {
            sink += forward.chi2(variants[n % 8])
            n += 1
        }
        chi2ByPathMs = CPUPath.available.map { path in
            (path, Stopwatch.medianMilliseconds(runs: runs) {
                sink += convolved.withUnsafeBufferPointer { chi($0, path: path) }
            })
        }
        precondition(sink.isFinite)
        method = convolver.method
        var alternatives: [any CubeConvolution] = [FFTConvolver(kernel: kernel)]
        if let separable = SeparableKernel(kernel: kernel) {
            alternatives += CPUPath.available.map { SeparableConvolver(kernel: separable, path: $0) }
        }
        alternativesMs = alternatives.map { c in
            (c.method, Stopwatch.medianMilliseconds(runs: runs) {
                clean.withUnsafeBufferPointer { input in
                    convolved.withUnsafeMutableBufferPointer { c.convolve(input, into: $0) }
                }
            })
        }
        let box = FFTConvolver(kernel: kernel).paddedSize
        paddedBox = "\(box.x)×\(box.y)×\(box.z)"
        fftPairFloorMs = Self.fftPair(box.x, box.y, box.z, runs: runs)
    }

    /// Median time of one real-to-complex plus one complex-to-real transform of the box,
    /// planned like the convolver's (FFTW_MEASURE): no convolution can cost less.
    static func fftPair(_ px: Int, _ py: Int, _ pz: Int, runs: Int) -> Double {
        let real = fftw_alloc_real(px * py * pz)!
        let spectrum = fftw_alloc_complex(pz * py * (px / 2 + 1))!
        defer { fftw_free(real); fftw_free(spectrum) }
        let forward = fftw_plan_dft_r2c_3d(Int32(pz), Int32(py), Int32(px), real, spectrum, FFTW_MEASURE)
        let inverse = fftw_plan_dft_c2r_3d(Int32(pz), Int32(py), Int32(px), spectrum, real, FFTW_MEASURE)
        defer { fftw_destroy_plan(forward); fftw_destroy_plan(inverse) }
        for n in 0..<(px * py * pz) { real[n] = Double(n % 7) }
        return Stopwatch.medianMilliseconds(runs: runs) {
            fftw_execute(forward)
            fftw_execute(inverse)
        }
    }
}
