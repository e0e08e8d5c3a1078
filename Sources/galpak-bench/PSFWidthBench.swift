import GalPaK

/// What a free PSF width (`--seeing VALUE:SIGMA`) costs per model evaluation: the median of
/// whole evaluations with the width fixed and with a new width at every evaluation (the kernel
/// rebuilt each time, ``PSFWidthConvolution``), for the benchmark's round Gaussian PSF
/// (separable passes, or FFTW when that measures faster) and a Moffat PSF (β 2.5, FFTW only).
struct PSFWidthTiming {
    let cube: BenchCube
    /// (PSF, its convolution with a free width, fixed ms, free ms).
    let rows: [(psf: String, method: String, fixedMs: Double, freeMs: Double)]

    init(_ cube: BenchCube, runs: Int) throws {
        self.cube = cube
        let data = try cube.cube()
        let sigma = 0.1 * BenchCube.seeing
        let prior = try PSFWidthPrior(fwhm: BenchCube.seeing, sigma: sigma)
        var rows: [(String, String, Double, Double)] = []
        for (label, instrument) in [("Gaussian", cube.instrument),
                                    ("Moffat β 2.5", Instrument(name: "moffat", psf: .moffat(fwhm: BenchCube.seeing, beta: 2.5),
                                                                lsf: cube.instrument.lsf, defaults: cube.instrument.defaults))] {
            let family = try PSFWidthKernel(instrument: instrument, cube: data, prior: prior, maximum: prior.bounds.max)
            let fixed = ForwardModel(disk: DiskModel(cube: data), kernel: family.kernel(fwhm: BenchCube.seeing),
                                     chiSquare: ChiSquare(cube: data))
            let free = ForwardModel(disk: DiskModel(cube: data), psfWidth: family, chiSquare: ChiSquare(cube: data))
            // Eight sets, each with its own width within ±2σ: every evaluation rebuilds the kernel.
            let variants = (0..<8).map { n -> GalaxyParameters in
                var p = cube.truth
                p[.pa] += Double(n)
                p[.psfFWHM] = BenchCube.seeing + sigma * (Double(n) - 3.5) / 2
                return p
            }
            var n = 0, sink = 0.0
            let fixedMs = Stopwatch.medianMilliseconds(runs: runs) {
                sink += fixed.chi2(variants[n % 8])
                n += 1
            }
            let freeMs = Stopwatch.medianMilliseconds(runs: runs) {
                sink += free.chi2(variants[n % 8])
                n += 1
            }
            precondition(sink.isFinite)
            rows.append((label, free.convolver.method, fixedMs, freeMs))
        }
        self.rows = rows
    }

    /// The table's lines.
    static func lines(_ timings: [PSFWidthTiming]) -> [String] {
        func f(_ v: Double) -> String { String(format: "%.3f", v) }
        return ["Free PSF width (--seeing VALUE:SIGMA), median ms per evaluation, the width changed at every evaluation:"]
            + timings.flatMap { t in
                t.rows.map { r in
                    "\(t.cube.label)  \(r.psf): fixed \(f(r.fixedMs)), free \(f(r.freeMs)) (×\(String(format: "%.2f", r.freeMs / r.fixedMs)); "
                        + "\(String(format: "%.0f", 1e3 / r.fixedMs)) → \(String(format: "%.0f", 1e3 / r.freeMs)) evaluations/s)  \(r.method)"
                }
            }
    }

    var json: [String: Any] {
        ["cube_nx_ny_nz": [cube.nx, cube.ny, cube.nz],
         "rows": rows.map { ["psf": $0.psf, "method": $0.method, "fixed_ms": $0.fixedMs, "free_ms": $0.freeMs] }]
    }
}
