import Foundation
import GalPaK

/// Counts heap allocations with glibc's own malloc tracer: the benchmark runs itself again
/// with `libc_malloc_debug.so.0` preloaded and `MALLOC_TRACE` set; that child switches tracing
/// on (`mtrace()`) just around the work being probed and off again (`muntrace()`), and the
/// parent counts the allocations (`+` lines) and reallocations (`>` lines) of the trace.
///
/// Probes on the reference cube: `evaluations` χ² evaluations of a ``ForwardModel``, the
/// same with the Hα+[NII] set of lines (`--lines halpha-nii`, MUSE's LSF, a free ratio), the
/// same with a free PSF width (`--seeing VALUE:SIGMA`) changed at every evaluation, for the
/// Gaussian PSF (``psfWidth``) and a Moffat one convolved by FFTW (``psfWidthFFT``), and a
/// whole ``MetropolisSampler`` run of `accepted` steps (whose few set-up allocations, the
/// chain's buffers, do not grow with the number of steps).
struct AllocationCount {
    /// The argument that makes this program the traced child: `--allocation-probe KIND N`.
    static let childFlag = "--allocation-probe"
    static let library = "libc_malloc_debug.so.0"

    enum Probe: String { case evaluations, lineSet = "line-set", psfWidth = "psf-width", psfWidthFFT = "psf-width-fft", sampler }

    let probe: Probe
    let count: Int
    let allocations: Int

    /// Runs the traced child; nil (with the reason) when glibc's tracer is not available.
    static func measure(_ probe: Probe, count: Int, in directory: URL) -> (AllocationCount?, String) {
        let trace = directory.appendingPathComponent("malloc-trace-\(probe)-\(count).txt").path
        var environment = ProcessInfo.processInfo.environment
        environment["LD_PRELOAD"] = library
        environment["MALLOC_TRACE"] = trace
        let status = ChildRun.spawn([CommandLine.arguments[0], childFlag, probe.rawValue, String(count)],
                                    environment: environment).status
        guard status == 0, let text = try? String(contentsOfFile: trace, encoding: .utf8),
              text.contains("= Start") else {
            return (nil, "allocation count skipped: glibc's \(library) (malloc tracing) is not available here")
        }
        let allocations = text.split(separator: "\n").count { line in
            let fields = line.split(separator: " ")
            return fields.count >= 3 && (fields[2] == "+" || fields[2] == ">")
        }
        return (AllocationCount(probe: probe, count: count, allocations: allocations), "")
    }

    /// The child's work: set up a forward model, warm it up, and trace the probe.
    static func runChild(_ probe: Probe, count: Int) throws -> Never {
        let bench = BenchCube.reference
        let cube = try bench.cube()
        let configuration = probe == .lineSet ? ModelConfiguration(lines: NamedLineSets.named("halpha-nii")) : ModelConfiguration()
        let lines = try configuration.lineGrid(spectral: cube.spectral, channels: cube.nz, lsf: bench.instrument.lsf)
        let disk = DiskModel(cube: cube, configuration: configuration, lines: lines)
        let forward: ForwardModel
        var parameters = bench.truth
        switch probe {
        case .psfWidth, .psfWidthFFT:
            var instrument = bench.instrument
            if probe == .psfWidthFFT { instrument.psf = .moffat(fwhm: BenchCube.seeing, beta: 2.5) }
            let prior = try PSFWidthPrior(fwhm: BenchCube.seeing, sigma: 0.1 * BenchCube.seeing)
            forward = ForwardModel(disk: disk, psfWidth: try PSFWidthKernel(instrument: instrument, cube: cube, prior: prior,
                                                                            maximum: prior.bounds.max),
                                   chiSquare: ChiSquare(cube: cube))
            parameters[.psfFWHM] = BenchCube.seeing
        default:
            forward = ForwardModel(disk: disk, kernel: try Kernel3D(instrument: bench.instrument, cube: cube), chiSquare: ChiSquare(cube: cube))
        }
        if probe == .lineSet { parameters[.lineRatio("6583.45")] = 0.35 }
        var sink = 0.0
        for _ in 0..<10 { sink += forward.chi2(parameters) }
        // The tracer's mtrace/muntrace have a non-default symbol version, which a plain
        // dlsym lookup skips in favour of libc's empty stubs: ask the preloaded library.
        typealias Switch = @convention(c) () -> Void
        guard let tracer = dlopen(library, RTLD_NOW | RTLD_NOLOAD),
              let on = versionedSymbol(tracer, "mtrace", "GLIBC_2.2.5"),
              let off = versionedSymbol(tracer, "muntrace", "GLIBC_2.2.5") else { exit(3) }
        switch probe {
        case .evaluations, .lineSet, .psfWidth, .psfWidthFFT:
            unsafeBitCast(on, to: Switch.self)()
            for n in 0..<count {
                parameters[.pa] = 30 + Double(n % 7)
                if probe == .psfWidth || probe == .psfWidthFFT { parameters[.psfFWHM] = BenchCube.seeing * (0.9 + 0.03 * Double(n % 7)) }
                sink += forward.chi2(parameters)
            }
            unsafeBitCast(off, to: Switch.self)()
        case .sampler:
            let bounds = ParameterBounds.defaults(nx: cube.nx, ny: cube.ny, nz: cube.nz,
                                                  fluxEstimate: bench.truth.flux)
            let scales = ProposalScales(bounds: bounds, voxelCount: cube.nx * cube.ny * cube.nz)
            let sampler = MetropolisSampler(bounds: bounds, proposal: CauchyProposal(scales: scales),
                                            degreesOfFreedom: cube.nx * cube.ny * cube.nz,
                                            settings: SamplerSettings(iterations: count, minAcceptance: 0))
            var generator = SeededGenerator(seed: 5)
            unsafeBitCast(on, to: Switch.self)()
            let result = try sampler.run(from: bench.truth, using: &generator, objective: forward.chi2)
            unsafeBitCast(off, to: Switch.self)()
            sink += Double(result.chain.count)
        }
        exit(sink.isNaN ? 4 : 0)
    }
}

/// glibc's `dlvsym` (a GNU extension the Glibc module does not import).
@_silgen_name("dlvsym")
private func versionedSymbol(_ handle: UnsafeMutableRawPointer?, _ symbol: UnsafePointer<CChar>,
                             _ version: UnsafePointer<CChar>) -> UnsafeMutableRawPointer?
