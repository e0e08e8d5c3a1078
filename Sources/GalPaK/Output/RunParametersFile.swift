import Foundation

/// `PREFIX_run_parameters.txt`: a free-text record of how a fit was run (input, instrument,
/// sampler, chain method, model, boundaries, start, result), in the spirit and order of the
/// reference's file, with its one-line parameter format `x=.. y=.. … Vdisp=..`.
public enum RunParametersFile {
    public static func text(for result: FitResult) throws -> String {
        let o = result.options
        let cube = result.cube
        let instrument = try InstrumentFile.text(instrument: o.instrument, cube: cube)
        let model = ModelFile.text(model: o.model, pixscale: cube.pixscale)
        let progress = result.sampling.progress
        return """
            galpak = galpak (Swift)

            input_cube = \(o.cubePath)
            Var_cube = \(cube.varianceSource)
            cube_shape_nx_ny_nz = \(cube.nx) \(cube.ny) \(cube.nz)

            \(instrument)
            mcmc_method = galpak (Metropolis, repeated states weighted)
            mcmc_sampling = Cauchy
            iterations = \(o.iterations)
            random_scale = \(o.randomScale)
            min_acceptance_rate = \(o.minAcceptance)
            seed = \(o.seed)

            parameters method = \(result.summary.method.rawValue), chain_fraction: \(result.summary.fraction),
            CI percentile: \(result.summary.percentile),

            \(model)
            min_boundaries = \(oneLine(result.bounds.min))
            max_boundaries = \(oneLine(result.bounds.max))
            random_amplitudes = \(result.scales.values.map { String(format: "%.6g", $0) }.joined(separator: " "))
            initial_parameters = \(oneLine(result.initialParameters))

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

            """
    }

    /// The reference's one-line parameter summary, e.g. `x=15.00 y=15.00 z=15.000000 flux=8.51e-17 …`.
    public static func oneLine(_ p: GalaxyParameters) -> String {
        ParameterName.allCases.map { name in
            "\(name.shortName)=\(String(format: name.displayFormat, p[name]))"
        }.joined(separator: " ")
    }
}
