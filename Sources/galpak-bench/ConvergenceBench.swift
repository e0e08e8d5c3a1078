import Foundation

/// Independent draws per second on the tutorial cube (issue 14): a default `galpak fit` (run until
/// converged) against the reference GalPaK3D's `run_mcmc(max_iterations: 3000)`, in the same run.
///
/// - galpak: the fit's JSON `ess_per_second` = smallest ESS over the free parameters ÷ the fit's
///   wall time (`seconds`), with the fit's smallest ESS, largest split R̂ and `converged`.
/// - reference: `bench/reference_ess.py`, `GalPaK3D(cube, seeing, MUSEWFM()).run_mcmc(3000)` timed
///   whole (construction + run); ESS (galpak's estimator, Geyer's initial monotone sequence) on the
///   last 60 % of its chain's rows, one row per accepted state, PA unwrapped around its circular
///   mean; the smallest of the ten ÷ that wall time.
/// - ratio = galpak's ess_per_second ÷ the reference's.
struct ConvergenceBench {
    /// The tutorial cube of the reference's distribution (mock galaxy 1101 of Bouché et al. 2015),
    /// relative to the repository.
    static let cube = "Tests/GalPaKTests/Fixtures/tutorial/GalPaK_cube_1101_from_paper.fits"
    static let cubePath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../" + cube).standardized.path
    static let seeing = 1.0
    static let instrument = "musewfm"
    static let referenceIterations = 3000
    /// The ratio issue 14 asks for.
    static let requiredRatio = 200.0

    struct Galpak {
        /// The fit's own wall time (the JSON's `seconds`, which `ess_per_second` divides by).
        let seconds: Double
        /// The `galpak fit` process from start to exit (outputs written).
        let processSeconds: Double
        let minESS: Double
        let maxRHat: Double
        let converged: Bool?
        let essPerSecond: Double
        let acceptedPerChain: Int
        let chains: Int
    }

    struct Reference {
        let version: String
        let seconds: Double
        let rows: Int
        let rowsCompared: Int
        let minESS: Double
        let minESSParameter: String
        let essPerSecond: Double
    }

    let galpak: Galpak
    let reference: Reference?
    /// Why the reference is missing, or "".
    let skipped: String

    var ratio: Double? { reference.map { galpak.essPerSecond / $0.essPerSecond } }

    /// Runs both (the reference only when ``ReferencePython`` has it).
    init(in directory: URL) throws {
        let fit = try FitRun(cubePath: Self.cubePath, prefix: directory.appendingPathComponent("tutorial").path,
                             extraArguments: ["--seeing", String(Self.seeing), "--instrument", Self.instrument])
        let parameters = (fit.json["parameters"] as? [String: [String: Any]] ?? [:]).values
            .filter { $0["fixed"] as? Bool != true }
        let chains = fit.chains ?? 1
        galpak = Galpak(seconds: fit.fitSeconds, processSeconds: fit.seconds,
                        minESS: parameters.compactMap { $0["ess"] as? Double }.min() ?? .nan,
                        maxRHat: parameters.compactMap { $0["rhat"] as? Double }.max() ?? .nan,
                        converged: fit.json["converged"] as? Bool,
                        essPerSecond: fit.json["ess_per_second"] as? Double ?? .nan,
                        acceptedPerChain: fit.accepted / chains, chains: chains)
        guard ReferencePython.isInstalled else {
            reference = nil
            skipped = ReferencePython.missing
            return
        }
        guard let json = ReferencePython.run(script: "reference_ess.py",
                                             [Self.cubePath, String(Self.seeing), String(Self.referenceIterations)]),
              let seconds = json["seconds"] as? Double, let minESS = json["min_ess"] as? Double,
              let essPerSecond = json["ess_per_second"] as? Double
        else {
            reference = nil
            skipped = "reference ESS script (bench/reference_ess.py) failed: skipped"
            return
        }
        reference = Reference(version: json["galpak_version"] as? String ?? "?", seconds: seconds,
                              rows: json["rows"] as? Int ?? 0, rowsCompared: json["rows_compared"] as? Int ?? 0,
                              minESS: minESS, minESSParameter: json["min_ess_parameter"] as? String ?? "?",
                              essPerSecond: essPerSecond)
        skipped = ""
    }

    /// The section of bench.json.
    var json: [String: Any] {
        var object: [String: Any] = [
            "cube": Self.cube,
            "seeing": Self.seeing, "instrument": Self.instrument,
            "galpak": ["seconds": galpak.seconds, "process_seconds": galpak.processSeconds,
                       "min_ess": number(galpak.minESS), "max_rhat": number(galpak.maxRHat),
                       "converged": galpak.converged.map { $0 as Any } ?? NSNull(),
                       "ess_per_second": number(galpak.essPerSecond),
                       "accepted_per_chain": galpak.acceptedPerChain, "chains": galpak.chains] as [String: Any],
        ]
        if let reference, let ratio {
            object["reference"] = ["version": reference.version, "seconds": reference.seconds,
                                   "iterations": Self.referenceIterations, "rows": reference.rows,
                                   "rows_compared": reference.rowsCompared, "min_ess": reference.minESS,
                                   "min_ess_parameter": reference.minESSParameter,
                                   "ess_per_second": reference.essPerSecond] as [String: Any]
            object["ratio"] = number(ratio)
        }
        return object
    }

    /// The section of the printed table.
    var lines: [String] {
        func f(_ v: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", v) }
        let verdict = galpak.converged.map { $0 ? "converged" : "NOT converged" } ?? "fixed length"
        var lines = [
            "Independent draws per second, tutorial cube \(Self.cube) (seeing \(f(Self.seeing, 1))″, \(Self.instrument)):",
            "  galpak, default fit (\(galpak.chains) chains × \(galpak.acceptedPerChain) accepted steps, \(verdict)): \(f(galpak.seconds, 1)) s, min ESS \(f(galpak.minESS, 0)), max R-hat \(f(galpak.maxRHat, 4)) → \(f(galpak.essPerSecond, 2)) ESS/s",
        ]
        if let reference, let ratio {
            lines.append("  reference GalPaK3D \(reference.version), run_mcmc(max_iterations=\(Self.referenceIterations)) (\(reference.rows) accepted rows, last \(reference.rowsCompared) compared): \(f(reference.seconds, 1)) s, min ESS \(f(reference.minESS, 1)) (\(reference.minESSParameter)) → \(f(reference.essPerSecond, 4)) ESS/s")
            let verdict = ratio >= Self.requiredRatio ? "met" : "NOT met"
            lines.append("  ratio: galpak gives \(f(ratio, 0))× the reference's independent draws per second (issue 14 asks ≥ \(f(Self.requiredRatio, 0))×: \(verdict))")
        } else {
            lines.append("  " + skipped)
        }
        return lines
    }
}

/// A JSON number, or null when not finite (JSONSerialization cannot write NaN).
func number(_ value: Double) -> Any { value.isFinite ? value : NSNull() }
