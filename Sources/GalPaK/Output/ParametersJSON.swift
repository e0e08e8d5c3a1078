import Foundation

/// `PREFIX_galaxy_parameters.json`, for scripts (every key: `docs/json-schema.md`, as JSON
/// Schema `docs/galpak-parameters.schema.json`):
///
///     {"schema_version": 1, "galpak_version": "0.1.0", "command_line": "galpak fit …",
///      "date": "2025-01-31T12:00:00Z", "estimator": "mcmc" (or "laplace": --optimize; "nested": --sampling nested),
///      "evidence": {"value": ln Z, "error", "information", "live_points", "likelihood_calls", "iterations",
///                   "effective_sample_size", "converged", "dropped_weight"} (nested sampling; else null),
///      "parameters": {"x": {"value": …, "stdev": …, "lower": …, "upper": …, "unit": "pixel",
///                           "fixed": false, "rhat": …, "ess": …, "geweke": …}, …},
///      "reduced_chi2": …, "best_reduced_chi2": …, "acceptance_rate": … (percent),
///      "accepted": N, "proposals": N, "model_evaluations": N, "seconds": …,
///      "chains": K, "chi_stat": "gaussian", "sampling": "cauchy",
///      "statistics": {"chi2_at_estimate", "best_chi2", "bic", "aic", "pd", "dic", "voxels_total",
///                     "data_digest", "noise_digest"},
///      "proposal_scales": [[one half-width per parameter of chain 0's main run], …],
///      "derived": {"v22": {"value", "stdev", "lower", "upper", "unit"}, "vmax_sigma0": …,
///                  with a redshift "redshift", "kpc_per_arcsec", "radius_kpc", "turnover_radius_kpc", "mdyn_re"},
///      "sky": {"frame", "equinox", "ra_deg", "dec_deg", …, "radius_arcsec", "turnover_radius_arcsec"} or null,
///      "dv_kms": …, "pixscale_arcsec": …, "input": "cube.fits", "seed": …, …,
///      "files": [{"name": "PREFIX_chain.dat", "bytes": …}, …]}
///
/// A Laplace fit (`--optimize`) has no chain: its `rhat`, `ess`, `geweke` are `null`, its
/// `chains` and `accepted` 0, and a `laplace` object says what its numbers are.
/// Parameters appear in the reference's order; a missing number is `null`. Counts
/// (accepted, proposals, evaluations) are summed over the chains' main runs; `--auto-scale`'s
/// tuning is counted apart (`tuning_proposals`, `tuning_evaluations`).
public enum ParametersJSON {
    /// The `schema_version` of galpak's JSON files (this one and a batch's `summary.json`), as
    /// `docs/json-schema.md` documents them. Raised whenever a key is removed or renamed or
    /// changes type, unit or meaning; adding a key keeps it.
    public static let schemaVersion = 1

    /// The JSON of a whole fit. With `files` it is the fit's completion record: `files` lists
    /// the other files of the set and their sizes (``CompletionRecord``).
    public static func text(for result: FitResult, files: [OutputSet.File]? = nil) -> String {
        let sampling = result.sampling
        let progress = sampling.progress
        var fields: [(String, String)] = [("schema_version", String(schemaVersion))]
            + provenance(result.options.provenance) + [
            ("estimator", string(result.estimator.rawValue)),
            ("evidence", evidence(result.evidence)),
            ("parameters", parameters(result.summary.estimate, convergence: result.convergence,
                                      fixed: result.constraints.fixed, atBound: result.atBound, indent: "  ")),
            ("method", string(result.summary.method.rawValue)),
            ("fraction", number(result.summary.fraction)),
            ("percentile", number(result.summary.percentile)),
            ("reduced_chi2", number(result.statistics.reducedChi2AtEstimate)),
            ("best_reduced_chi2", number(result.statistics.bestReducedChi2)),
            ("acceptance_rate", number(100 * progress.acceptanceRate)),
            ("accepted", String(progress.accepted)),
            ("proposals", String(progress.proposals)),
            ("model_evaluations", String(progress.evaluations)),
            ("stop_reason", string(String(describing: sampling.stopReason))),
            ("iterations", result.options.iterations.map(String.init) ?? "null"),
            ("max_iterations", result.options.iterations == nil ? String(result.options.maxIterations) : "null"),
            ("converged", result.converged.map { $0 ? "true" : "false" } ?? "null"),
            ("ess_per_second", number(result.essPerSecond)),
            ("retunes", String(result.runs.reduce(0) { $0 + $1.retunes })),
            ("chains", String(result.runs.count)),
            ("burn", String(result.summary.burn)),
            ("draws_per_chain_compared", String(result.convergence.drawsPerChain)),
            ("sampling", string(result.options.sampling.rawValue)),
            ("chi_stat", string(result.options.chiStatistic.rawValue)),
            ("first_guess", string(result.options.firstGuess.rawValue)),
            ("proposal_scales", "[" + result.runs.map { run in
                "[" + run.scales.map(number).joined(separator: ", ") + "]"
            }.joined(separator: ", ") + "]"),
            ("tuning_proposals", String(result.runs.reduce(0) { $0 + ($1.tuning?.proposals ?? 0) })),
            ("tuning_evaluations", String(result.runs.reduce(0) { $0 + ($1.tuning?.evaluations ?? 0) })),
            ("free_parameters", String(result.statistics.freeParameters)),
            ("statistics", statistics(result)),
            ("noise", noise(result)),
            ("crop", crop(result)),
            ("derived", derived(result.derived, indent: "  ")),
            ("sky", sky(result.sky, indent: "  ")),
            ("seconds", number(result.seconds)),
            ("dv_kms", number(result.cube.velocityStep)),
            ("pixscale_arcsec", number(result.cube.pixscale)),
            ("input", string(result.options.cubePath)),
            ("variance", string(result.cube.varianceSource)),
            ("mask", result.options.selection.maskPath.map(string) ?? "null"),
            ("channels", result.options.selection.channels.map { "[\($0.lowerBound), \($0.upperBound)]" } ?? "null"),
            ("voxels_used", String(result.statistics.validVoxels)),
            ("instrument", string(result.options.instrument.name)),
            ("seed", String(result.options.seed)),
        ]
        fields.append(("degrees_of_freedom", String(result.statistics.degreesOfFreedom)))
        if let mode = result.mode { fields.append(("laplace", laplace(mode, percentile: result.summary.percentile))) }
        fields.append(("warnings", list(result.warnings)))
        if let files { fields.append((CompletionRecord.key, CompletionRecord.json(files))) }
        return object(fields, indent: "") + "\n"
    }

    /// The JSON of parameters re-derived from a chain (`galpak chain`) by the run `provenance`,
    /// with the `warnings` it gave.
    public static func text(for summary: ChainSummary, convergence: ConvergenceReport, chainPath: String,
                            provenance run: Provenance, warnings: [String]) -> String {
        object([("schema_version", String(schemaVersion))] + provenance(run) + [
            ("parameters", parameters(summary.estimate, convergence: convergence, fixed: nil, atBound: nil, indent: "  ")),
            ("method", string(summary.method.rawValue)),
            ("fraction", number(summary.fraction)),
            ("percentile", number(summary.percentile)),
            ("burn", String(summary.burn)),
            ("best_reduced_chi2", number(summary.bestReducedChi2)),
            ("chains", String(convergence.chainCount)),
            ("draws_per_chain_compared", String(convergence.drawsPerChain)),
            ("chain", string(chainPath)),
            ("warnings", list(warnings)),
        ], indent: "") + "\n"
    }

    /// The keys recording where the file came from: `galpak_version`, `command_line` (one shell
    /// line) and `date` (the run's start, UTC, ISO 8601).
    static func provenance(_ run: Provenance) -> [(String, String)] {
        [("galpak_version", string(Provenance.version)), ("command_line", string(run.commandLine)),
         ("date", string(run.dateText))]
    }

    private static func parameters(_ e: ParameterEstimate, convergence: ConvergenceReport, fixed: GalaxyParameters?,
                                   atBound: [ParameterName: BoundProximity.Side]?, indent: String) -> String {
        object(e.value.names.map { name in
            var fields = "{\"value\": \(number(e.value[name])), \"stdev\": \(number(e.stdev[name])), "
                + "\"lower\": \(number(e.lower[name])), \"upper\": \(number(e.upper[name])), "
                + "\"unit\": \(string(name.jsonUnit)), "
            if let fixed { fields += "\"fixed\": \(fixed[name].isFinite), " }
            if let atBound { fields += "\"at_bound\": \(atBound[name].map { string($0.rawValue) } ?? "null"), " }
            fields += "\"rhat\": \(number(convergence.rHat[name])), "
                + "\"ess\": \(number(convergence.effectiveSampleSize[name])), "
                + "\"geweke\": \(number(convergence.geweke[name]))}"
            return (name.key, fields)
        }, indent: indent)
    }

    /// A Laplace fit's facts: what its numbers are, the interval's half-width in standard
    /// deviations, the covariance (n × n for n parameters, the parameters' units; `null` without one).
    private static func laplace(_ mode: PosteriorMode, percentile: Double) -> String {
        let n = mode.mode.values.count
        let covariance = mode.covariance.map { c in
            "[" + (0..<n).map { i in "[" + (0..<n).map { number(c[i * n + $0]) }.joined(separator: ", ") + "]" }
                .joined(separator: ", ") + "]"
        } ?? "null"
        return "{\"note\": \(string(Estimator.laplace.label ?? "")), "
            + "\"interval_stdevs\": \(number(NormalQuantile.halfWidth(percentile: percentile))), "
            + "\"search_converged\": \(mode.converged), \"covariance\": \(covariance)}"
    }

    /// The noise model measured from the residuals (`--noise-correlation auto`), or `null`.
    private static func noise(_ result: FitResult) -> String {
        guard let m = result.noise else { return "null" }
        return "{\"variance_ratio\": \(number(m.varianceRatio)), \"spatial_fwhm_px\": \(number(m.spatialFWHM)), "
            + "\"spectral_fwhm_channels\": \(number(m.spectralFWHM)), "
            + "\"voxels_per_correlation\": \(number(m.voxelsPerCorrelation)), "
            + "\"spatial_width_margin\": \(number(m.correlation.spatialWidthMargin)), \"method\": \(string(m.method))}"
    }

    /// A nested-sampling fit's evidence (``NestedFit/Evidence``), or `null`.
    private static func evidence(_ e: NestedFit.Evidence?) -> String {
        guard let e else { return "null" }
        return "{\"value\": \(number(e.value)), \"error\": \(number(e.error)), \"information\": \(number(e.information)), "
            + "\"live_points\": \(e.livePoints), \"likelihood_calls\": \(e.likelihoodCalls), \"iterations\": \(e.iterations), "
            + "\"effective_sample_size\": \(number(e.effectiveSampleSize)), \"converged\": \(e.converged), "
            + "\"dropped_weight\": \(number(e.droppedWeight))}"
    }

    /// The goodness-of-fit numbers (``FitStatistics``) and the digests of what the likelihood
    /// was computed from (``LikelihoodDigest``), everything `galpak compare` needs. DIC and pD
    /// are `null` for `chi_sorted`, which has no posterior spread of χ².
    private static func statistics(_ result: FitResult) -> String {
        let s = result.statistics
        let spread = result.summary.method != .chiSorted
        return "{\"chi2_at_estimate\": \(number(s.chi2AtEstimate)), "
            + "\"best_chi2\": \(number(s.bestReducedChi2 * Double(s.degreesOfFreedom))), "
            + "\"bic\": \(number(s.bic)), \"aic\": \(number(s.aic)), "
            + "\"pd\": \(spread ? number(s.pD) : "null"), \"dic\": \(spread ? number(s.dic) : "null"), "
            + "\"voxels_total\": \(s.totalVoxels), "
            + "\"data_digest\": \(string(result.dataDigest)), \"noise_digest\": \(string(result.noiseDigest))}"
    }

    /// The voxels the model was evaluated on and the crop's error (``CropSummary``), or `null`.
    private static func crop(_ result: FitResult) -> String {
        guard let c = result.crop else { return "null" }
        func range(_ r: ClosedRange<Int>) -> String { "[\(r.lowerBound), \(r.upperBound)]" }
        return "{\"choice\": \(string(c.choice.name)), \"box\": {\"x\": \(range(c.box.x)), \"y\": \(range(c.box.y)), "
            + "\"z\": \(range(c.box.z))}, \"voxels\": \(c.box.count), \"cube_fraction\": \(number(c.fraction)), "
            + "\"chi2_outside\": \(number(c.outsideChi2)), \"chi2_offset\": \(number(c.chi2Offset)), "
            + "\"chi2_offset_spread\": \(number(c.chi2Spread)), \"model_flux_outside\": \(number(c.fluxOutside))}"
    }

    private static func derived(_ d: DerivedQuantities, indent: String) -> String {
        func value(_ v: DerivedQuantities.Value, _ unit: String) -> String {
            "{\"value\": \(number(v.value)), \"stdev\": \(number(v.stdev)), \"lower\": \(number(v.lower)), "
                + "\"upper\": \(number(v.upper)), \"unit\": \(string(unit))}"
        }
        var fields = [("v22", value(d.v22, "km/s")), ("vc22", value(d.vc22, "km/s")), ("vmax_sigma0", value(d.vmaxOverSigma0, ""))]
        if let z = d.redshift, let scale = d.kpcPerArcsec, let radius = d.radiusKpc,
           let turnover = d.turnoverRadiusKpc, let mass = d.dynamicalMass, let referenceMass = d.rotationDynamicalMass {
            fields += [
                ("redshift", number(z)), ("kpc_per_arcsec", number(scale)),
                ("cosmology", string("flat LCDM, H0 = 67.74 km/s/Mpc, Omega_m = 0.3089 (Planck 2015)")),
                ("radius_kpc", value(radius, "kpc")), ("turnover_radius_kpc", value(turnover, "kpc")),
                ("mdyn_re", value(referenceMass, "Msun")), ("mdyn_re_vc", value(mass, "Msun")),
            ]
        }
        return object(fields, indent: indent)
    }

    /// The results in the sky frame (``SkyResults``), or `null` without a celestial WCS;
    /// numbers that cannot be known (no rest value) are `null`.
    private static func sky(_ sky: SkyResults?, indent: String) -> String {
        guard let sky else { return "null" }
        let optional = { (v: Double?) in v.map(number) ?? "null" }
        func value(_ v: DerivedQuantities.Value) -> String {
            "{\"value\": \(number(v.value)), \"stdev\": \(number(v.stdev)), \"lower\": \(number(v.lower)), "
                + "\"upper\": \(number(v.upper)), \"unit\": \"arcsec\"}"
        }
        return object([
            ("frame", string(sky.frame)), ("equinox", optional(sky.equinox)),
            ("ra_deg", number(sky.ra)), ("dec_deg", number(sky.dec)),
            ("ra_err_arcsec", number(sky.raErrorArcsec)), ("dec_err_arcsec", number(sky.decErrorArcsec)),
            ("pa_east_of_north_deg", number(sky.paEastOfNorth)),
            ("pa_east_of_north_approaching_deg", number(sky.paEastOfNorthApproaching)),
            ("pa_east_of_north_err_deg", number(sky.paEastOfNorthError)),
            ("systemic_velocity_kms", optional(sky.systemicVelocity)),
            ("systemic_velocity_err_kms", optional(sky.systemicVelocityError)),
            ("velocity_definition", sky.velocityDefinition.map { string($0.name) } ?? "null"),
            ("redshift", optional(sky.redshift)),
            ("radius_arcsec", value(sky.radiusArcsec)), ("turnover_radius_arcsec", value(sky.turnoverRadiusArcsec)),
        ], indent: indent)
    }

    static func object(_ fields: [(String, String)], indent: String) -> String {
        let inner = indent + "  "
        let body = fields.map { "\(inner)\(string($0.0)): \($0.1)" }.joined(separator: ",\n")
        return "{\n\(body)\n\(indent)}"
    }

    /// A JSON number with full precision (shortest round-trip digits); `null` if not finite.
    static func number(_ v: Double) -> String {
        v.isFinite ? "\(v)" : "null"
    }

    /// A JSON array of string literals.
    static func list(_ items: [String]) -> String {
        "[" + items.map(string).joined(separator: ", ") + "]"
    }

    /// A JSON string literal.
    static func string(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
