/// The JSON record of a simulated cube's inputs, written beside it as `NAME.json`.
public enum SimulationJSON {
    /// The record of `spec`, simulated with noise `sigma` by the run `provenance` (its
    /// `galpak_version`, `command_line` and `date`, as in a fit's JSON). The truth of one galaxy
    /// is the object `parameters` (name: value); of several, the list `galaxies` of such objects.
    public static func text(spec: SimulationSpec, sigma: Double, provenance: Provenance) throws -> String {
        func members(_ galaxy: GalaxyParameters, indent: String) -> String {
            galaxy.names.map { "\(indent)\(ParametersJSON.string($0.key)): \(ParametersJSON.number(galaxy[$0]))" }
                .joined(separator: ",\n")
        }
        let truth = spec.galaxies.count == 1
            ? "  \"parameters\": {\n\(members(spec.galaxies[0], indent: "    "))\n  },"
            : "  \"galaxies\": [\n" + spec.galaxies.map { "    {\n\(members($0, indent: "      "))\n    }" }.joined(separator: ",\n") + "\n  ],"
        let m = spec.model
        let psf = spec.instrument.psf?.fwhm.map(ParametersJSON.number) ?? "null"
        let lsf = try spec.instrument.requiredLSF().fwhm(spectral: spec.spectral, channels: spec.nz)
            .map(ParametersJSON.number) ?? "null"
        let line = m.line.map { "{\"wave\": [\($0.wavelengths.blue), \($0.wavelengths.red)], \"ratio\": [\($0.ratios.blue), \($0.ratios.red)]}" } ?? "null"
        let lines = m.lines.map { set in
            "{\"wave\": [\(set.lines.map { ParametersJSON.number($0.rest) }.joined(separator: ", "))], \"ratio\": [\(set.lines.map { ParametersJSON.string(LineSet.text($0.flux)) }.joined(separator: ", "))], "
                + "\"z_line\": \(set.zLineWave.map(ParametersJSON.string) ?? "null")}"
        } ?? "null"
        return """
            {
            \(truth)
              "shape_nx_ny_nz": [\(spec.nx), \(spec.ny), \(spec.nz)],
              "pixscale_arcsec": \(ParametersJSON.number(spec.pixscale)),
              "CRVAL3": \(ParametersJSON.number(spec.spectral.crval)),
              "CRPIX3": \(ParametersJSON.number(spec.spectral.crpix)),
              "CDELT3": \(ParametersJSON.number(spec.spectral.cdelt)),
              "CUNIT3": \(ParametersJSON.string(spec.spectral.unit.rawValue)),
              "dv_kms": \(ParametersJSON.number(spec.velocityStep)),
              "instrument": \(ParametersJSON.string(spec.instrument.name)),
              "psf_fwhm_arcsec": \(psf),
              "lsf_fwhm": \(lsf),
              "model": {"flux_profile": \(ParametersJSON.string(m.fluxProfile.rawValue)), "rotation_curve": \(ParametersJSON.string(m.rotationCurve.rawValue)), "thickness": \(ParametersJSON.string(m.thickness.rawValue)), "dispersion": \(ParametersJSON.string(m.dispersion.rawValue)), "aspect": \(ParametersJSON.number(m.aspect)), "line": \(line), "lines": \(lines), "radial_flow": \(m.motions.radial), "bisymmetric": \(m.motions.bisymmetric)},
              "noise_sigma": \(ParametersJSON.number(sigma)),
              "seed": \(spec.seed),
            \(ParametersJSON.provenance(provenance).map { "  \(ParametersJSON.string($0.0)): \($0.1)" }.joined(separator: ",\n"))
            }

            """
    }
}
