import Foundation

/// `PREFIX_run_parameters.txt`: a free-text record of how a fit was run (galpak version,
/// command line and date, input, instrument, sampler, chain method, model, boundaries, start,
/// result, warnings), in the spirit and order of the reference's file, with its one-line
/// parameter format `x=.. y=.. … Vdisp=..`.
public enum RunParametersFile {
    public static func text(for result: FitResult) throws -> String {
        let o = result.options
        let cube = result.cube
        let instrument = try InstrumentFile.text(instrument: o.instrument, cube: cube)
        let model = ModelFile.text(model: o.model, pixscale: cube.pixscale)
        let progress = result.sampling.progress
        let run = o.provenance
        return """
            galpak_version = \(Provenance.version) (galpak, Swift)
            command_line = \(run.commandLine.escapingControlCharacters())
            date = \(run.dateText)
            estimator = \(result.estimator.label ?? "mcmc (Metropolis chains: a posterior sample)")

            input_cube = \(o.cubePath)
            Var_cube = \(cube.varianceSource)
            cube_shape_nx_ny_nz = \(cube.nx) \(cube.ny) \(cube.nz)
            mask = \(o.selection.maskPath ?? "none")
            channels = \(o.selection.channels.map(VoxelSelection.text) ?? "all")
            voxels_used = \(result.statistics.validVoxels)

            \(instrument)
            mcmc_method = galpak (Metropolis, repeated states weighted)
            mcmc_sampling = \(o.sampling.sampler.name)
            chi_stat = \(o.chiStatistic.rawValue)
            chains = \(result.runs.count) (in parallel; chain c seeded with seed + c)
            iterations = \(o.iterations.map { "\($0) per chain" } ?? "until R-hat <= \(o.convergence.maxRHat) and ESS >= \(Int(o.convergence.minESS)), at most \(o.maxIterations) per chain")
            random_scale = \(oneLine(GalaxyParameters(o.randomScale.restricted(to: result.bounds.names).values.map { $0.isNaN ? 1 : $0 }, names: result.bounds.names)))
            min_acceptance_rate = \(o.minAcceptance)
            seed = \(o.seed)
            first_guess = \(o.firstGuess.rawValue)
            crop = \(result.crop?.line ?? o.crop.name)
            burn = \(o.burn)

            parameters method = \(result.summary.method.rawValue), chain_fraction: \(result.summary.fraction),
            CI percentile: \(result.summary.percentile),

            \(model)
            min_boundaries = \(oneLine(result.bounds.min))
            max_boundaries = \(oneLine(result.bounds.max))
            known_parameters = \(oneLine(result.constraints.fixed))
            gprior_parameters = \(priorLine(result.constraints.priors))
            random_amplitudes = \(result.scales.values.map { String(format: "%.6g", $0) }.joined(separator: " "))
            \(o.sampling == .tuned ? result.runs.map { run in
                "  tuned chain \(run.index): " + run.scales.map { String(format: "%.6g", $0) }.joined(separator: " ")
                    + String(format: " (%.0f%% acceptance in tuning, %d retunes)", 100 * (run.tuning?.acceptance ?? 0), run.retunes)
            }.joined(separator: "\n") : "")
            initial_parameters = \(oneLine(result.initialParameters))
            chain_starts =
            \(result.runs.map { "  chain \($0.index): " + oneLine($0.start) }.joined(separator: "\n"))

            final_parameters =
            \(ParameterFiles.table(for: result.summary.estimate))
            best_chi2 = \(result.statistics.bestReducedChi2)
            median_chi2 = \(result.statistics.reducedChi2AtEstimate)
            BIC = \(result.statistics.bic)

            acceptance_rate = \(100 * progress.acceptanceRate)
            accepted = \(progress.accepted)
            proposals = \(progress.proposals)
            model_evaluations = \(progress.evaluations)
            stop_reason = \(result.sampling.stopReason)
            seconds = \(String(format: "%.3f", result.seconds))
            \(warningLines(result.warnings))

            """
    }

    /// `warnings = none`, or `warnings =` and every warning of the run (each on one indented line).
    static func warningLines(_ warnings: [String]) -> String {
        guard !warnings.isEmpty else { return "warnings = none" }
        return (["warnings ="] + warnings.map { "  " + $0.escapingControlCharacters() }).joined(separator: "\n")
    }

    /// The reference's one-line parameter summary, e.g. `x=15.00 y=15.00 z=15.000000 flux=8.51e-17 …`.
    public static func oneLine(_ p: GalaxyParameters) -> String {
        zip(p.names, p.values).map { name, v in
            "\(name.shortName)=\(String(format: name.displayFormat, v))"
        }.joined(separator: " ")
    }

    /// `PA=125.0:5.0 …` for the parameters with a prior, `None` without.
    static func priorLine(_ priors: GaussianPriors) -> String {
        let items = priors.mean.names.filter { !priors.mean[$0].isNaN }.map { name in
            "\(name.shortName)=\(String(format: name.displayFormat, priors.mean[name])):\(String(format: name.displayFormat, priors.sigma[name]))"
        }
        return items.isEmpty ? "None" : items.joined(separator: " ")
    }
}
