import Foundation
import GalPaK

// `make bench`: how fast galpak evaluates its model and runs a whole fit, against the FFT
// floor and (when installed) the reference Python GalPaK3D; whether an evaluation allocates; and
// independent draws per second of a default (converged) fit against the reference's
// (ConvergenceBench). Prints a table and writes bench.json. `--quick` uses fewer repetitions and
// a 3000-step fit and skips the draws per second (its definition fixes both runs' lengths), for
// development; `--evaluations-only` times the model evaluations alone; `--convergence-only` runs
// the draws per second alone; `--real-cubes-only` the real-cube section alone (RealCubeBench:
// the CARMA CO cube and a simulated HI cube, `--optimize` and the default fit against
// 3D-Barolo when installed), which `--quick` and `--evaluations-only` skip; `--samplers-only`
// each `--sampling` on the demo cube (SamplerBench), which the other sections skip too.
//
// The fit runs first, while this process is small: Linux carries a process's peak RSS across
// exec, so a fit spawned after the large cubes were timed would report this process's peak.

let arguments = CommandLine.arguments
if let flag = arguments.firstIndex(of: AllocationCount.childFlag), flag + 2 < arguments.count,
   let probe = AllocationCount.Probe(rawValue: arguments[flag + 1]), let count = Int(arguments[flag + 2]) {
    try AllocationCount.runChild(probe, count: count)
}
let flags = ["--quick", "--evaluations-only", "--convergence-only", "--real-cubes-only", "--samplers-only"]
if let unknown = arguments.dropFirst().first(where: { !flags.contains($0) }) {
    let usage = "usage: galpak-bench [\(flags.joined(separator: " | "))] (see the comment at the top of Sources/galpak-bench/main.swift)"
    FileHandle.standardError.write(Data(((unknown == "--help" || unknown == "-h" ? "" : "galpak-bench: unknown argument \(unknown)\n") + usage + "\n").utf8))
    exit(unknown == "--help" || unknown == "-h" ? 0 : 2)
}
let quick = arguments.contains("--quick")
let evaluationsOnly = arguments.contains("--evaluations-only")
let convergenceOnly = arguments.contains("--convergence-only")
let realCubesOnly = arguments.contains("--real-cubes-only")
let samplersOnly = arguments.contains("--samplers-only")
let fitIterations = quick ? 3000 : SamplerDefaults.iterations
let referenceIterations = quick ? 100 : 300
let tracedEvaluations = quick ? 200 : 1000
func log(_ s: String) { FileHandle.standardError.write(Data((s + "\n").utf8)) }

let work = FileManager.default.temporaryDirectory.appendingPathComponent("galpak-bench-\(getpid())")
try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: work) }
let reference = BenchCube.reference
let cubePath = work.appendingPathComponent("bench_cube.fits").path
let sim = try reference.simulate()
try FITSWriter.write(sim.data, shape: [reference.nx, reference.ny, reference.nz], cards: sim.cards,
                     variance: sim.variance, to: cubePath)

var fit: FitRun?
if !evaluationsOnly && !convergenceOnly && !realCubesOnly && !samplersOnly {
    log("galpak-bench: a default fit (\(fitIterations) accepted steps per chain) of the \(reference.label) cube…")
    fit = try FitRun(cubePath: cubePath, prefix: work.appendingPathComponent("fit").path,
                     extraArguments: ["--seeing", String(BenchCube.seeing), "--iterations", String(fitIterations)])
}

var evaluations: [EvaluationTiming] = []
var psfWidths: [PSFWidthTiming] = []
if !convergenceOnly && !realCubesOnly && !samplersOnly { log("galpak-bench: timing model evaluations (medians)…") }
for cube in BenchCube.all where !convergenceOnly && !realCubesOnly && !samplersOnly {
    let runs = cube.voxels < 100_000 ? (quick ? 100 : 400) : (quick ? 15 : 60)
    evaluations.append(try EvaluationTiming(cube, runs: runs))
    psfWidths.append(try PSFWidthTiming(cube, runs: runs))
}

var allocations: [AllocationCount] = []
var python: ReferenceRun?
var skipped: [String] = []
if !evaluationsOnly && !convergenceOnly && !realCubesOnly && !samplersOnly {
    log("galpak-bench: counting heap allocations (glibc malloc trace)…")
    let probes: [(AllocationCount.Probe, Int)] = [(.evaluations, tracedEvaluations), (.lineSet, tracedEvaluations),
                                                  (.psfWidth, tracedEvaluations), (.psfWidthFFT, tracedEvaluations),
                                                  (.sampler, 100), (.sampler, tracedEvaluations)]
    for (probe, count) in probes {
        let (result, why) = AllocationCount.measure(probe, count: count, in: work)
        if let result { allocations.append(result) } else { skipped.append(why); break }
    }
    log("galpak-bench: the reference GalPaK3D on the same cube (\(referenceIterations) steps), if installed…")
    let (run, reason) = ReferenceRun.run(cubePath: cubePath, iterations: referenceIterations)
    python = run
    if run == nil { skipped.append(reason) }
}
var convergence: ConvergenceBench?
if convergenceOnly || (!quick && !evaluationsOnly && !realCubesOnly && !samplersOnly) {
    log("galpak-bench: draws per second on the tutorial cube: a default fit, then the reference's \(ConvergenceBench.referenceIterations) steps if installed…")
    convergence = try ConvergenceBench(in: work)
}
var realCubes: RealCubeBench?
if realCubesOnly || (!quick && !evaluationsOnly && !convergenceOnly && !samplersOnly) {
    realCubes = try RealCubeBench([.carmaCO(in: work), .radioLike(in: work)], in: work, log: log)
}
var samplers: SamplerBench?
if samplersOnly || (!quick && !evaluationsOnly && !convergenceOnly && !realCubesOnly) {
    samplers = try SamplerBench(in: work, log: log)
}

// MARK: - Table

func f(_ v: Double, _ digits: Int = 3) -> String { String(format: "%.\(digits)f", v) }
func column(_ s: String, _ width: Int) -> String {
    String(repeating: " ", count: max(0, width - s.count)) + s
}
if !evaluations.isEmpty {
    print("Model evaluation, median ms (render + convolve + χ²), release build")
    print("cube nx×ny×nz   voxels    padded box  render  convolve   chi2  evaluation  FFT-pair floor  eval/floor  convolution")
    for e in evaluations {
        print(column(e.cube.label, 15) + column(String(e.cube.voxels), 9) + column(e.paddedBox, 14)
              + column(f(e.renderMs), 8) + column(f(e.convolveMs), 10) + column(f(e.chi2Ms), 7)
              + column(f(e.evaluationMs), 12) + column(f(e.fftPairFloorMs), 16)
              + column(f(e.evaluationMs / e.fftPairFloorMs, 2), 12) + "  " + e.method)
    }
    print("(FFT-pair floor: one r2c + one c2r FFTW transform of the padded box a general kernel needs;")
    print(" a separable kernel may be convolved by direct 1-D passes instead, when those measure faster)")
    print("Each convolution method and the χ² sum on each CPU path, median ms (FFTW in Double; separable passes in Float):")
    for e in evaluations {
        print(column(e.cube.label, 15) + "  " + e.alternativesMs.map { "\($0.method): \(f($0.ms))" }.joined(separator: "   ")
              + "   " + e.chi2ByPathMs.map { "χ² \($0.path.rawValue): \(f($0.ms, 3))" }.joined(separator: "   "))
    }
}
if !psfWidths.isEmpty { PSFWidthTiming.lines(psfWidths).forEach { print($0) } }
if let first = evaluations.first, let last = evaluations.last {
    let n = Double(last.cube.voxels) / Double(first.cube.voxels)
    print("Growth \(first.cube.label) → \(last.cube.label): voxels ×\(f(n, 1)), N·log N ×\(f(n * log(Double(last.cube.voxels)) / log(Double(first.cube.voxels)), 1)), evaluation ×\(f(last.evaluationMs / first.evaluationMs, 1))")
}

var stepMs: Double?
if let fit {
    let step = 1e3 * fit.fitSeconds / Double(fit.accepted)
    stepMs = step
    let chains = fit.chains ?? 1
    print("")
    print("Whole default fit of \(reference.label) (--iterations \(fitIterations), \(chains) chain\(chains == 1 ? "" : "s") in parallel, \(fit.accepted) accepted steps in all):")
    print("  wall \(f(fit.seconds, 1)) s (sampling \(f(fit.fitSeconds, 1)) s), \(fit.evaluations) model evaluations, \(f(step)) ms per accepted step (all chains), \(f(step * Double(chains))) ms per accepted step of one chain, peak memory \(f(fit.peakResidentMB, 1)) MB")
}
if !allocations.isEmpty {
    print("")
    print("Heap allocations on \(reference.label) (glibc malloc trace):")
    for a in allocations {
        let what = switch a.probe {
        case .evaluations: "\(a.count) model evaluations"
        case .lineSet: "\(a.count) model evaluations of the Hα+[NII] set"
        case .psfWidth: "\(a.count) model evaluations, each at a new psf_fwhm (Gaussian PSF)"
        case .psfWidthFFT: "\(a.count) model evaluations, each at a new psf_fwhm (Moffat PSF, FFTW)"
        case .sampler: "a whole sampler run of \(a.count) accepted steps (set-up included)"
        }
        print("  \(what): \(a.allocations)")
    }
}
if let python, let stepMs {
    let ours = evaluations[0]
    print("")
    print("Reference GalPaK3D \(python.version) on the same cube (\(python.iterations) steps, Cauchy):")
    print("  evaluation \(f(python.evaluationMs)) ms → galpak is \(f(python.evaluationMs / ours.evaluationMs, 1))× faster")
    print("  accepted step \(f(python.acceptedStepMs)) ms → galpak is \(f(python.acceptedStepMs / stepMs, 1))× faster")
    print("  a \(fitIterations)-step reference fit would take ≈ \(f(python.acceptedStepMs * Double(fitIterations) / 1e3, 0)) s")
}
if let convergence {
    print("")
    convergence.lines.forEach { print($0) }
}
if let realCubes {
    print("")
    realCubes.lines.forEach { print($0) }
}
if let samplers {
    print("")
    samplers.lines.forEach { print($0) }
}
for reason in skipped {
    print("")
    print(reason)
}

// MARK: - bench.json

var json: [String: Any] = [
    "evaluations": evaluations.map { e -> [String: Any] in
        ["cube_nx_ny_nz": [e.cube.nx, e.cube.ny, e.cube.nz], "voxels": e.cube.voxels, "padded_box": e.paddedBox,
         "render_ms": e.renderMs, "convolve_ms": e.convolveMs, "chi2_ms": e.chi2Ms,
         "evaluation_ms": e.evaluationMs, "fft_pair_floor_ms": e.fftPairFloorMs,
         "convolution_method": e.method,
         "convolution_alternatives_ms": Dictionary(uniqueKeysWithValues: e.alternativesMs.map { ($0.method, $0.ms) }),
         "chi2_by_cpu_path_ms": Dictionary(uniqueKeysWithValues: e.chi2ByPathMs.map { ($0.path.rawValue, $0.ms) })]
    },
    "quick": quick,
]
if let fit, let stepMs {
    json["fit"] = ["cube_nx_ny_nz": [reference.nx, reference.ny, reference.nz], "iterations_per_chain": fitIterations,
                   "accepted": fit.accepted, "model_evaluations": fit.evaluations, "wall_seconds": fit.seconds,
                   "fit_seconds": fit.fitSeconds, "accepted_step_ms": stepMs,
                   "peak_resident_mb": fit.peakResidentMB, "chains": fit.chains ?? 1]
}
if !psfWidths.isEmpty { json["psf_width"] = psfWidths.map(\.json) }
if !allocations.isEmpty {
    json["allocations"] = allocations.map { ["probe": $0.probe.rawValue, "count": $0.count, "heap_allocations": $0.allocations] }
}
if let python, let stepMs {
    json["reference"] = ["version": python.version, "evaluation_ms": python.evaluationMs,
                         "accepted_step_ms": python.acceptedStepMs, "iterations": python.iterations,
                         "evaluation_speedup": python.evaluationMs / evaluations[0].evaluationMs,
                         "accepted_step_speedup": python.acceptedStepMs / stepMs]
}
if let convergence { json["convergence"] = convergence.json }
if let realCubes { json["real_cubes"] = realCubes.json }
if let samplers { json["samplers"] = samplers.json }
let data = try JSONSerialization.data(withJSONObject: json, options: [.prettyPrinted, .sortedKeys])
try AtomicFile.write(text: String(decoding: data, as: UTF8.self) + "\n", to: "bench.json")
log("galpak-bench: wrote bench.json")
