import Foundation

/// The real-cube section of `make bench` (issue 17): on each ``RealCube``, `galpak fit
/// --optimize` (the posterior's mode, Laplace errors), the default `galpak fit` (a converged
/// posterior, default noise treatment) and, when installed, 3D-Barolo's automatic 3DFIT on the
/// same file, each timed whole (process start to exit, outputs written; `--no-plots` for galpak,
/// as 3D-Barolo's own plots need a Python it may lack), side by side as ratios.
///
/// Issue 17's targets, from one run: `--optimize` within 1× 3D-Barolo's time and within 3 σ of
/// the posterior's medians on every free parameter; the converged posterior within 5×.
struct RealCubeBench {
    static let optimizeTarget = 1.0
    static let posteriorTarget = 5.0
    static let agreementTarget = 3.0

    struct Result {
        let cube: RealCube
        let optimize: FitRun
        let posterior: FitRun
        let bbarolo: BBaroloRun?
        let bbaroloSkipped: String

        /// The free parameters' JSON objects of a fit, by name.
        private func parameters(_ fit: FitRun) -> [String: [String: Any]] {
            (fit.json["parameters"] as? [String: [String: Any]] ?? [:]).filter { $0.value["fixed"] as? Bool != true }
        }

        /// Largest |mode − posterior median| / posterior stdev over the free parameters (PA
        /// differences wrapped into ±180°), with the parameter.
        var largestOffset: (sigmas: Double, name: String) {
            let mode = parameters(optimize), posterior = parameters(posterior)
            var worst = (sigmas: 0.0, name: "-")
            for (name, p) in posterior {
                guard let median = p["value"] as? Double, let stdev = p["stdev"] as? Double, stdev > 0,
                      let value = mode[name]?["value"] as? Double else { continue }
                var d = value - median
                if name == "pa" { d = remainder(d, 360) }
                if abs(d) / stdev > worst.sigmas { worst = (abs(d) / stdev, name) }
            }
            return worst
        }

        var minESS: Double { parameters(posterior).values.compactMap { $0["ess"] as? Double }.min() ?? .nan }
        var maxRHat: Double { parameters(posterior).values.compactMap { $0["rhat"] as? Double }.max() ?? .nan }
        var converged: Bool { posterior.json["converged"] as? Bool ?? false }
        var noiseFWHM: Double? { (posterior.json["noise"] as? [String: Any])?["spatial_fwhm_px"] as? Double }
        var boxFraction: Double? { (posterior.json["crop"] as? [String: Any])?["cube_fraction"] as? Double }
        /// The crop box's columns × rows × channels (`nx×ny×nz`), nil without a crop record.
        var boxShape: String? {
            guard let box = (posterior.json["crop"] as? [String: Any])?["box"] as? [String: [Int]] else { return nil }
            let sizes = ["x", "y", "z"].compactMap { box[$0].flatMap { $0.count == 2 ? $0[1] - $0[0] + 1 : nil } }
            return sizes.count == 3 ? sizes.map(String.init).joined(separator: "×") : nil
        }
    }

    let results: [Result]

    /// Fits every cube three ways in `directory`.
    init(_ cubes: [RealCube], in directory: URL, log: (String) -> Void) throws {
        var results: [Result] = []
        for (n, cube) in cubes.enumerated() {
            let prefix = directory.appendingPathComponent("real\(n)").path
            log("galpak-bench: \(cube.label): galpak fit --optimize…")
            let optimize = try FitRun(cubePath: cube.path, prefix: prefix + "_opt",
                                      extraArguments: cube.fitArguments + ["--optimize", "--no-plots"])
            log("galpak-bench: \(cube.label): default galpak fit (until converged)…")
            let posterior = try FitRun(cubePath: cube.path, prefix: prefix + "_mcmc",
                                       extraArguments: cube.fitArguments + ["--no-plots"])
            log("galpak-bench: \(cube.label): 3D-Barolo, if installed…")
            let (bbarolo, reason) = BBaroloRun.run(cube: cube.path, in: directory)
            results.append(Result(cube: cube, optimize: optimize, posterior: posterior, bbarolo: bbarolo,
                                  bbaroloSkipped: reason))
        }
        self.results = results
    }

    /// The section of the printed table.
    var lines: [String] {
        func f(_ v: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", v) }
        func met(_ ok: Bool) -> String { ok ? "met" : "NOT met" }
        var lines = ["Real cubes: whole runs (process start to exit), seconds; ratios to 3D-Barolo's automatic 3DFIT"]
        for r in results {
            let offset = r.largestOffset
            lines.append("  \(r.cube.label) (\(URL(fileURLWithPath: r.cube.path).lastPathComponent)):")
            lines.append("    galpak --optimize: \(f(r.optimize.seconds, 1)) s, \(r.optimize.evaluations) model evaluations; largest |mode − posterior median| \(f(offset.sigmas, 2)) σ (\(offset.name); target ≤ \(f(Self.agreementTarget, 0)) σ: \(met(offset.sigmas <= Self.agreementTarget)))")
            var posterior = "    galpak default: \(f(r.posterior.seconds, 1)) s, \(r.posterior.evaluations) model evaluations, \(r.converged ? "converged" : "NOT converged") (max R-hat \(f(r.maxRHat, 4)), min ESS \(f(r.minESS, 0))), acceptance \(f(r.posterior.json["acceptance_rate"] as? Double ?? .nan, 1)) %"
            if let box = r.boxFraction { posterior += ", box \(r.boxShape.map { $0 + ", " } ?? "")\(f(100 * box, 0)) % of the cube" }
            if let fwhm = r.noiseFWHM { posterior += ", noise correlation FWHM \(f(fwhm, 2)) px" }
            lines.append(posterior)
            if let b = r.bbarolo {
                let opt = r.optimize.seconds / b.seconds, post = r.posterior.seconds / b.seconds
                var line = "    3D-Barolo -f: \(f(b.seconds, 1)) s"
                if let rings = b.rings {
                    line += " (outer Vrot \(f(rings.vrot, 1)) km/s, PA \(f(rings.pa, 1))°, inc \(f(rings.inclination, 1))°, Vsys \(f(rings.vsys, 1)) km/s)"
                }
                lines.append(line)
                lines.append("    ratios: --optimize \(f(opt, 2))× 3D-Barolo (target ≤ \(f(Self.optimizeTarget, 0))×: \(met(opt <= Self.optimizeTarget))), default \(f(post, 1))× (target ≤ \(f(Self.posteriorTarget, 0))×: \(met(post <= Self.posteriorTarget && r.converged)))")
            } else {
                lines.append("    " + r.bbaroloSkipped)
            }
        }
        return lines
    }

    /// The section of bench.json.
    var json: [[String: Any]] {
        results.map { r in
            var object: [String: Any] = [
                "cube": r.cube.label, "file": URL(fileURLWithPath: r.cube.path).lastPathComponent,
                "optimize": ["seconds": r.optimize.seconds, "model_evaluations": r.optimize.evaluations,
                             "largest_offset_sigma": r.largestOffset.sigmas, "largest_offset_parameter": r.largestOffset.name] as [String: Any],
                "posterior": ["seconds": r.posterior.seconds, "model_evaluations": r.posterior.evaluations,
                              "converged": r.converged, "max_rhat": number(r.maxRHat), "min_ess": number(r.minESS),
                              "acceptance_rate": r.posterior.json["acceptance_rate"] ?? NSNull()] as [String: Any],
            ]
            if let b = r.bbarolo {
                object["bbarolo"] = ["seconds": b.seconds, "optimize_ratio": r.optimize.seconds / b.seconds,
                                     "posterior_ratio": r.posterior.seconds / b.seconds] as [String: Any]
            }
            return object
        }
    }
}
