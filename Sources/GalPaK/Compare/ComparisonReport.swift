import Foundation

/// The text and JSON that `galpak compare` prints for a ``ModelComparison``.
public enum ComparisonReport {
    /// A header saying what was compared, a table (prefix, k, χ²(p̂), BIC, ΔBIC, AIC, ΔAIC and,
    /// when every fit has one, DIC, ΔDIC), the BIC's preference graded on the Kass & Raftery
    /// scale against every other fit, when every fit has an evidence the Bayes factors graded on
    /// the Jeffreys scale, whether AIC and DIC agree with the BIC, and each fit's command.
    public static func text(_ c: ModelComparison) -> String {
        let first = c.fits[0]
        var out = "\(c.fits.count) fits of \(first.input): the same data (\(first.usedVoxels) voxels used of \(first.totalVoxels)), "
            + "the same likelihood (\(first.statistic) χ², \(first.noise))\n\n"
        let withDIC = c.preferredByDIC != nil
        let width = max(6, c.fits.map(\.prefix.count).max()!)
        func cell(_ v: Double) -> String { String(format: "%12.2f", v) }
        func padded(_ s: String) -> String { s.padding(toLength: width, withPad: " ", startingAt: 0) }
        var header = padded("prefix") + "   k" + ["chi2(p)", "BIC", "dBIC", "AIC", "dAIC"].map {
            String(repeating: " ", count: 12 - $0.count) + $0 }.joined()
        if withDIC { header += ["DIC", "dDIC"].map { String(repeating: " ", count: 12 - $0.count) + $0 }.joined() }
        out += header + "\n"
        for (i, fit) in c.fits.enumerated() {
            var line = padded(fit.prefix) + String(format: "%4d", fit.freeParameters)
                + cell(fit.chi2) + cell(fit.bic) + cell(c.deltaBIC(i)) + cell(fit.aic) + cell(c.deltaAIC(i))
            if withDIC, let dic = fit.dic, let delta = c.deltaDIC(i) { line += cell(dic) + cell(delta) }
            out += line + "\n"
        }
        let best = c.fits[c.preferredByBIC].prefix
        out += "\npreferred by the BIC: \(best); against it (ΔBIC ≈ 2 ln B, Kass & Raftery 1995):\n"
        for i in c.fits.indices where i != c.preferredByBIC {
            out += String(format: "  %@  ΔBIC %.2f: %@\n", padded(c.fits[i].prefix), c.deltaBIC(i), c.grade(i).evidence(for: best))
        }
        if let preferred = c.preferredByEvidence {
            let name = c.fits[preferred].prefix
            out += "\nlargest evidence: \(name) (ln Z \(String(format: "%.2f", c.fits[preferred].evidence!.value))); against it (Jeffreys scale, Trotta 2008):\n"
            for i in c.fits.indices where i != preferred {
                let b = c.logBayesFactor(i)!
                out += String(format: "  %@  ln B %.2f ± %.2f: %@\n", padded(c.fits[i].prefix), b.value, b.error,
                              JeffreysScale(logBayesFactor: b.value).evidence(for: name))
            }
        }
        func agreement(_ name: String, _ index: Int?) -> String {
            guard let index else { return "\(name): not for every fit (chi_sorted has none)" }
            return index == c.preferredByBIC ? "\(name) agrees" : "\(name) prefers \(c.fits[index].prefix)"
        }
        out += agreement("AIC", c.preferredByAIC) + "; " + agreement("DIC", c.preferredByDIC) + "\n\nfits:\n"
        for fit in c.fits {
            let estimate = switch Estimator(rawValue: fit.estimator) {
            case .laplace?: "the mode (--optimize)"
            case .nested?: "nested sampling, every draw by its weight"
            default: "mcmc, --method \(fit.method)"
            }
            out += "  \(padded(fit.prefix))  \(estimate): \(fit.commandLine)\n"
        }
        return out
    }

    /// `{"input", "voxels_used", "voxels_total", "chi_stat", "noise", "preferred": {"bic", "aic",
    /// "dic", "evidence"}, "fits": [{"prefix", "free_parameters", "chi2_at_estimate", "bic", "delta_bic",
    /// "bic_grade", "aic", "delta_aic", "dic", "delta_dic", "log_evidence", "log_evidence_error",
    /// "log_bayes_factor", "log_bayes_factor_error", "jeffreys_grade", "estimator", "method", "command_line"}]}`
    /// (`bic_grade` the Kass & Raftery grade and `jeffreys_grade` the Jeffreys one, `null` for the
    /// preferred fit; DIC and the evidence keys `null` where unknown).
    public static func json(_ c: ModelComparison) -> String {
        let first = c.fits[0]
        let s = ParametersJSON.string, n = ParametersJSON.number
        let optional = { (v: Double?) in v.map(n) ?? "null" }
        let fits = c.fits.enumerated().map { i, fit in
            ParametersJSON.object([
                ("prefix", s(fit.prefix)), ("free_parameters", String(fit.freeParameters)),
                ("chi2_at_estimate", n(fit.chi2)), ("bic", n(fit.bic)), ("delta_bic", n(c.deltaBIC(i))),
                ("bic_grade", i == c.preferredByBIC ? "null" : s(c.grade(i).rawValue)),
                ("aic", n(fit.aic)), ("delta_aic", n(c.deltaAIC(i))),
                ("dic", optional(fit.dic)), ("delta_dic", optional(c.deltaDIC(i))),
                ("log_evidence", optional(fit.evidence?.value)), ("log_evidence_error", optional(fit.evidence?.error)),
                ("log_bayes_factor", optional(c.logBayesFactor(i)?.value)),
                ("log_bayes_factor_error", optional(c.logBayesFactor(i)?.error)),
                ("jeffreys_grade", c.logBayesFactor(i).map { i == c.preferredByEvidence ? "null" : s(JeffreysScale(logBayesFactor: $0.value).rawValue) } ?? "null"),
                ("estimator", s(fit.estimator)), ("method", s(fit.method)), ("command_line", s(fit.commandLine)),
            ], indent: "    ")
        }
        return ParametersJSON.object([
            ("input", s(first.input)), ("voxels_used", String(first.usedVoxels)),
            ("voxels_total", String(first.totalVoxels)), ("chi_stat", s(first.statistic)), ("noise", s(first.noise)),
            ("preferred", ParametersJSON.object([
                ("bic", s(c.fits[c.preferredByBIC].prefix)), ("aic", s(c.fits[c.preferredByAIC].prefix)),
                ("dic", c.preferredByDIC.map { s(c.fits[$0].prefix) } ?? "null"),
                ("evidence", c.preferredByEvidence.map { s(c.fits[$0].prefix) } ?? "null"),
            ], indent: "  ")),
            ("fits", "[\n" + fits.map { "    " + $0 }.joined(separator: ",\n") + "\n  ]"),
        ], indent: "") + "\n"
    }
}
