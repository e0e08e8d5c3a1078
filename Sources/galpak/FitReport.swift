import Foundation
import GalPaK

/// What `galpak fit` prints on stdout at the end: the parameter table in the reference's
/// layout, the goodness of fit, the sampler's and the convergence verdicts (split R-hat, ESS,
/// Geweke), the derived quantities, the results in the sky frame and the files written.
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
            lines.append(skyText(result))
            return (lines + limits(result) + ["files written:"] + files.map { "  " + $0 }).joined(separator: "\n")
        }
        if let evidence = result.evidence {
            lines.append(String(format: "nested sampling: ln Z = %.3f ± %.3f (information %.1f nats; up to the likelihood's constant, for comparing models of these data), %d live points, %d model evaluations, %.1f s",
                                evidence.value, evidence.error, evidence.information, evidence.livePoints,
                                evidence.likelihoodCalls, result.seconds))
            lines.append(String(format: "%.0f effective draws (Kish, of %d weighted draws), %.1f per second", evidence.effectiveSampleSize,
                                result.chains.first?.count ?? 0, result.essPerSecond))
            if let noise = result.noise { lines.append("noise: \(noise.summary); likelihood: \(noise.method)") }
            lines.append(evidence.converged ? "converged: the remaining evidence would change ln Z by less than \(NestedSettings.defaultEvidenceTolerance)"
                         : "NOT converged: stopped at the limit of model evaluations before the evidence converged")
            lines.append("")
            lines.append(result.derived.text)
            lines.append(skyText(result))
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
        lines.append(skyText(result))
        lines += limits(result)
        lines.append("files written:")
        lines += files.map { "  " + $0 }
        return lines.joined(separator: "\n")
    }

    /// The results in the sky frame (``SkyResults``), and whether the pixel-frame pa is the PA
    /// east of north: a rotated or flipped grid is said, never passed silently.
    static func skyText(_ result: FitResult) -> String {
        guard let sky = result.sky else {
            return "Sky frame: none (the cube has no celestial WCS); the results are in pixels and channels only\n"
        }
        let f = { (format: String, v: Double) in String(format: format, v) }
        let equinox = sky.equinox.map { f(", equinox %g", $0) } ?? ""
        var s = "Sky frame (\(sky.frame)\(equinox); from the cube's WCS at the fitted centre):\n"
        let equatorial = !sky.frame.contains("/") && !["GALACTIC", "ECLIPTIC", "SUPERGALACTIC"].contains(sky.frame)
        let (lon, lat) = equatorial ? ("RA", "Dec") : ("lon", "lat")
        s += "    centre \(lon) " + f("%.7f°", sky.ra) + " ± " + f("%.3g″", sky.raErrorArcsec)
            + ", \(lat) " + f("%+.7f°", sky.dec) + " ± " + f("%.3g″", sky.decErrorArcsec)
            + (equatorial ? "  (\(sexagesimal(ra: sky.ra, dec: sky.dec)))" : "") + "\n"
        s += "    PA east of north " + f("%.2f°", sky.paEastOfNorth) + " ± " + f("%.2f°", sky.paEastOfNorthError)
            + " (receding side), " + f("%.2f°", sky.paEastOfNorthApproaching) + " (approaching side)\n"
        if let v = sky.systemicVelocity, let definition = sky.velocityDefinition {
            s += "    systemic velocity " + f("%.2f", v) + " ± " + f("%.2f", sky.systemicVelocityError ?? .nan)
                + " km/s (\(definition.name))" + (sky.redshift.map { f(", redshift %.7f", $0) } ?? "") + "\n"
        } else {
            s += "    systemic velocity unknown: no usable rest value (give --rest, or RESTWAV/RESTFRQ in the header)\n"
        }
        s += "    radius " + f("%.3f″", sky.radiusArcsec.value) + " ± " + f("%.3f″", sky.radiusArcsec.stdev)
            + ", turnover_radius " + f("%.3f″", sky.turnoverRadiusArcsec.value) + " ± "
            + f("%.3f″", sky.turnoverRadiusArcsec.stdev)
        if let radius = result.derived.radiusKpc, let turnover = result.derived.turnoverRadiusKpc {
            s += " (" + f("%.3f", radius.value) + " and " + f("%.3f", turnover.value) + " kpc)"
        }
        s += "\n"
        let pa = f("%.2f°", result.summary.estimate.value[.pa])
        if sky.isNorthUpEastLeft {
            s += "    pa = \(pa) is in the pixel frame; north is up and east left, so it is the approaching side's PA east of north\n"
        } else {
            s += "    NOTE: pa = \(pa) is in the pixel frame (anticlockwise from +y to the approaching side) and this cube is not "
                + "north-up/east-left (+y is at PA " + f("%.2f°", sky.yAxisPositionAngle) + " east of north"
                + (sky.eastIsPositiveX ? ", east towards +x" : "") + (sky.conformal ? "" : ", skewed pixels")
                + "): use the east-of-north angles above\n"
        }
        return s
    }

    /// RA as hours, minutes, seconds and Dec as degrees, arcminutes, arcseconds.
    static func sexagesimal(ra: Double, dec: Double) -> String {
        let seconds = (ra / 15 * 3600 * 1000).rounded() / 1000
        let h = Int(seconds / 3600), m = Int(seconds.truncatingRemainder(dividingBy: 3600) / 60)
        let arcsec = (abs(dec) * 3600 * 100).rounded() / 100
        let d = Int(arcsec / 3600), am = Int(arcsec.truncatingRemainder(dividingBy: 3600) / 60)
        return String(format: "%02dh%02dm%06.3fs %@%02d°%02d′%05.2f″", h % 24, m, seconds.truncatingRemainder(dividingBy: 60),
                      dec < 0 ? "-" : "+", d, am, arcsec.truncatingRemainder(dividingBy: 60))
    }

    /// The note on the parameters at a bound, if any.
    static func limits(_ result: FitResult) -> [String] {
        let limited = result.bounds.names.filter { result.atBound[$0] != nil }
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
            case false? where result.options.sampling == .ensemble:
                text = "NOT converged: R-hat <= \(target.maxRHat) and ESS >= \(Int(target.minESS)) not reached in \(EnsembleSettings.defaultSteps) steps of \(chains) walkers; give more --iterations"
            case false?:
                text = "NOT converged: R-hat <= \(target.maxRHat) and ESS >= \(Int(target.minESS)) not reached within --max-iterations \(result.options.maxIterations) (\(p.accepted) accepted steps in all)"
            case nil:
                text = chains == 1
                    ? "the chain completed its \(p.accepted) accepted steps"
                    : "the \(chains) chains completed their \(p.accepted) accepted steps"
            }
            if let advice = result.options.sampling.acceptanceAdvice(p.acceptanceRate) {
                text += "; " + advice
            } else {
                text += String(format: ", acceptance %.1f%%", rate)
            }
            return text
        case .lowAcceptance, .proposalCap, .cancelled:
            return "NOT converged: the sampler stopped early (\(result.sampling.stopReason)) after \(p.accepted) accepted steps"
        }
    }
}
