import Foundation
import GalPaK

/// What `galpak fit` prints on stdout at the end: the parameter table in the reference's
/// layout, the goodness of fit, the sampler's and the convergence verdicts (split R-hat, ESS,
/// Geweke), the derived quantities and the files written.
enum FitReport {
    static func text(for result: FitResult, files: [String]) -> String {
        let p = result.sampling.progress
        let s = result.statistics
        var lines = [ParameterFiles.text(for: result.summary.estimate, percentile: result.summary.percentile,
                                         atBound: result.atBound, estimator: result.estimator)]
        lines.append(String(format: "reduced chi2 %.5f at the estimate (best %.5f), %d degrees of freedom",
                            s.reducedChi2AtEstimate, s.bestReducedChi2, s.degreesOfFreedom))
        if let mode = result.mode {
            lines.append(String(format: "%d model evaluations (mode search and curvature), %.1f s", mode.evaluations, result.seconds))
            if let noise = result.noise { lines.append("noise: \(noise.summary); likelihood: \(noise.method)") }
            lines.append("not a posterior: no chain, no convergence diagnostics; run without --optimize for credible intervals")
            lines.append("")
            lines.append(result.derived.text)
            return (lines + limits(result) + ["files written:"] + files.map { "  " + $0 }).joined(separator: "\n")
        }
        let tuning = result.runs.reduce(0) { $0 + ($1.tuning?.evaluations ?? 0) }
        lines.append(String(format: "%d accepted of %d proposals (%.1f%%) in %d chain%@, %d model evaluations%@, %.1f s",
                            p.accepted, p.proposals, 100 * p.acceptanceRate, result.runs.count,
                            result.runs.count == 1 ? "" : "s", p.evaluations,
                            tuning > 0 ? " (+\(tuning) tuning)" : "", result.seconds))
        lines.append(String(format: "%.1f independent draws per second (smallest ESS over the free parameters / wall time)",
                            result.essPerSecond))
        if let noise = result.noise {
            lines.append("noise: \(noise.summary); likelihood: \(noise.method)")
        }
        lines.append("convergence: " + verdict(result))
        lines.append("")
        lines.append(result.convergence.text)
        lines.append(result.derived.text)
        lines += limits(result)
        lines.append("files written:")
        lines += files.map { "  " + $0 }
        return lines.joined(separator: "\n")
    }

    /// The note on the parameters at a bound, if any.
    static func limits(_ result: FitResult) -> [String] {
        let limited = ParameterName.allCases.filter { result.atBound[$0] != nil }
        guard !limited.isEmpty else { return [] }
        return ["    (at a bound: \(limited.map(\.key).joined(separator: ", ")); the derived values built on "
                + "them are limits too)"]
    }

    /// The sampler's verdict: whether it ran to its target, and how the acceptance rate
    /// compares with the 10–60 % range in which Metropolis chains mix well.
    static func verdict(_ result: FitResult) -> String {
        let p = result.sampling.progress
        let rate = 100 * p.acceptanceRate
        switch result.sampling.stopReason {
        case .completed:
            let chains = result.runs.count
            let target = result.options.convergence
            var text: String
            switch result.converged {
            case true?:
                text = "converged: every free parameter has R-hat <= \(target.maxRHat) and ESS >= \(Int(target.minESS)) after \(p.accepted) accepted steps in all"
            case false?:
                text = "NOT converged: R-hat <= \(target.maxRHat) and ESS >= \(Int(target.minESS)) not reached within --max-iterations \(result.options.maxIterations) (\(p.accepted) accepted steps in all)"
            case nil:
                text = chains == 1
                    ? "the chain completed its \(p.accepted) accepted steps"
                    : "the \(chains) chains completed their \(p.accepted) accepted steps"
            }
            if rate < 10 {
                text += String(format: "; acceptance %.1f%% is low: the chain moves slowly, consider a smaller --random-scale", rate)
            } else if rate > 60 {
                text += String(format: "; acceptance %.1f%% is high: the steps are small, consider a larger --random-scale", rate)
            } else {
                text += String(format: ", acceptance %.1f%%", rate)
            }
            return text
        case .lowAcceptance, .proposalCap, .cancelled:
            return "NOT converged: the sampler stopped early (\(result.sampling.stopReason)) after \(p.accepted) accepted steps"
        }
    }
}
