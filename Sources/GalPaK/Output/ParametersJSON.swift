import Foundation

/// `PREFIX_galaxy_parameters.json`, for scripts:
///
///     {"parameters": {"x": {"value": …, "stdev": …, "lower": …, "upper": …, "unit": "pixel"}, …},
///      "reduced_chi2": …, "best_reduced_chi2": …, "acceptance_rate": … (percent),
///      "accepted": N, "proposals": N, "model_evaluations": N, "seconds": …,
///      "dv_kms": …, "pixscale_arcsec": …, "input": "cube.fits", "seed": …}
///
/// Parameters appear in the reference's order; a missing number is `null`.
public enum ParametersJSON {
    /// The JSON of a whole fit.
    public static func text(for result: FitResult) -> String {
        let sampling = result.sampling
        let progress = sampling.progress
        var fields: [(String, String)] = [
            ("parameters", parameters(result.summary.estimate, indent: "  ")),
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
            ("seconds", number(result.seconds)),
            ("dv_kms", number(result.cube.velocityStep)),
            ("pixscale_arcsec", number(result.cube.pixscale)),
            ("input", string(result.options.cubePath)),
            ("variance", string(result.cube.varianceSource)),
            ("instrument", string(result.options.instrument.name)),
            ("seed", String(result.options.seed)),
        ]
        fields.append(("degrees_of_freedom", String(result.statistics.degreesOfFreedom)))
        return object(fields, indent: "") + "\n"
    }

    /// The JSON of parameters re-derived from a chain (`galpak chain`).
    public static func text(for summary: ChainSummary, chainPath: String) -> String {
        object([
            ("parameters", parameters(summary.estimate, indent: "  ")),
            ("method", string(summary.method.rawValue)),
            ("fraction", number(summary.fraction)),
            ("percentile", number(summary.percentile)),
            ("best_reduced_chi2", number(summary.bestReducedChi2)),
            ("chain", string(chainPath)),
        ], indent: "") + "\n"
    }

    private static func parameters(_ e: ParameterEstimate, indent: String) -> String {
        object(ParameterName.allCases.map { name in
            (name.key, "{\"value\": \(number(e.value[name])), \"stdev\": \(number(e.stdev[name])), "
                + "\"lower\": \(number(e.lower[name])), \"upper\": \(number(e.upper[name])), "
                + "\"unit\": \(string(name.jsonUnit))}")
        }, indent: indent)
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
