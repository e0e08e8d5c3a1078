extension FitStatistics {
    /// `PREFIX_stats.dat`: a one-row fixed-width table with the reference's columns
    /// (`best_chi2, chi2_at_p, BIC, Ndegree, AIC, k, pD, DIC, SNRmax`), then galpak's:
    /// `chains`, `rhat_<parameter>` and `ess_<parameter>` for the ten parameters, `v22`,
    /// `v22_stdev`, `vmax_sigma0`, `vmax_sigma0_stdev`, and with a redshift `redshift`,
    /// `kpc_per_arcsec`, `radius_kpc(_stdev)`, `turnover_radius_kpc(_stdev)`, `mdyn_re(_stdev)`
    /// (solar masses), and with a measured noise (`--noise-correlation auto`)
    /// `noise_variance_ratio`, `noise_spatial_fwhm_px`, `noise_spectral_fwhm_channels`,
    /// `noise_voxels_per_correlation`, and with a celestial WCS (``SkyResults``) `sky_frame`,
    /// `equinox`, `ra_deg`, `dec_deg`, `ra_err_arcsec`, `dec_err_arcsec`,
    /// `pa_east_of_north_deg`, `pa_east_of_north_approaching_deg`, `pa_east_of_north_err_deg`,
    /// `systemic_velocity_kms`, `systemic_velocity_err_kms`, `velocity_definition`,
    /// `systemic_redshift`, `radius_arcsec(_stdev)`, `turnover_radius_arcsec(_stdev)` (`nan`, or
    /// `none` for a string, where a value cannot be known). A reader that takes columns by name
    /// reads the reference's part as before. A Laplace fit's table starts with the comment line
    /// ``Estimator/label`` (its `chains` is 0, its R-hat and ESS NaN).
    public func table(convergence: ConvergenceReport, derived: DerivedQuantities,
                      noise: NoiseMeasurement? = nil, sky: SkyResults? = nil, estimator: Estimator = .mcmc) -> String {
        var columns = ["best_chi2", "chi2_at_p", "BIC", "Ndegree", "AIC", "k", "pD", "DIC", "SNRmax"]
        var cells = [
            FixedWidthTable.cell(bestReducedChi2), FixedWidthTable.cell(reducedChi2AtEstimate),
            FixedWidthTable.cell(bic), FixedWidthTable.cell(degreesOfFreedom),
            FixedWidthTable.cell(aic), FixedWidthTable.cell(freeParameters),
            FixedWidthTable.cell(pD), FixedWidthTable.cell(dic), FixedWidthTable.cell(snrMax),
        ]
        columns.append("chains")
        cells.append(FixedWidthTable.cell(convergence.chainCount))
        for name in convergence.rHat.names {
            columns.append("rhat_\(name.key)")
            cells.append(FixedWidthTable.cell(convergence.rHat[name]))
        }
        for name in convergence.effectiveSampleSize.names {
            columns.append("ess_\(name.key)")
            cells.append(FixedWidthTable.cell(convergence.effectiveSampleSize[name]))
        }
        func add(_ name: String, _ v: DerivedQuantities.Value) {
            columns += [name, name + "_stdev"]
            cells += [FixedWidthTable.cell(v.value), FixedWidthTable.cell(v.stdev)]
        }
        add("v22", derived.v22)
        add("vc22", derived.vc22)
        add("vmax_sigma0", derived.vmaxOverSigma0)
        if let z = derived.redshift, let scale = derived.kpcPerArcsec, let radius = derived.radiusKpc,
           let turnover = derived.turnoverRadiusKpc, let mass = derived.dynamicalMass,
           let referenceMass = derived.rotationDynamicalMass {
            columns += ["redshift", "kpc_per_arcsec"]
            cells += [FixedWidthTable.cell(z), FixedWidthTable.cell(scale)]
            add("radius_kpc", radius)
            add("turnover_radius_kpc", turnover)
            add("mdyn_re", referenceMass)
            add("mdyn_re_vc", mass)
        }
        if let noise {
            columns += ["noise_variance_ratio", "noise_spatial_fwhm_px", "noise_spectral_fwhm_channels",
                        "noise_voxels_per_correlation"]
            cells += [noise.varianceRatio, noise.spatialFWHM, noise.spectralFWHM, noise.voxelsPerCorrelation]
                .map(FixedWidthTable.cell)
        }
        if let sky {
            let cell = { (v: Double?) in FixedWidthTable.cell(v ?? .nan) }
            columns += ["sky_frame", "equinox", "ra_deg", "dec_deg", "ra_err_arcsec", "dec_err_arcsec",
                        "pa_east_of_north_deg", "pa_east_of_north_approaching_deg", "pa_east_of_north_err_deg",
                        "systemic_velocity_kms", "systemic_velocity_err_kms", "velocity_definition", "systemic_redshift"]
            cells += [sky.frame, cell(sky.equinox), cell(sky.ra), cell(sky.dec), cell(sky.raErrorArcsec),
                      cell(sky.decErrorArcsec), cell(sky.paEastOfNorth), cell(sky.paEastOfNorthApproaching),
                      cell(sky.paEastOfNorthError), cell(sky.systemicVelocity), cell(sky.systemicVelocityError),
                      sky.velocityDefinition?.name ?? "none", cell(sky.redshift)]
            add("radius_arcsec", sky.radiusArcsec)
            add("turnover_radius_arcsec", sky.turnoverRadiusArcsec)
        }
        var table = FixedWidthTable(columns: columns, rows: [cells])
        table.comment = estimator.label
        return table.text
    }
}
