/// `PREFIX_model.txt`: the model options in the reference's INI layout (its `ModelSersic.__str__`,
/// readable by its `_read_model`), e.g.
///
///     [MODEL] :
///       type = ModelSersic
///       flux_profile = exponential
///       rotation_curve = tanh
///       thickness_profile = gaussian
///       dispersion_profile = thick
///       line = None
///       aspect = 0.15
///       redshift = None
///       pixscale = 0.2
///       q = 0.15
///       model = ModelSersic
///
/// The reference's Python-only attributes (`cosmology`, `logger`) are left out; `line` is a
/// Python dict literal `{'wave': [blue, red], 'ratio': [blue, red]}` as the reference evaluates it.
public enum ModelFile {
    public static func text(model: ModelConfiguration, pixscale: Double) -> String {
        let f = PythonFloat.repr
        let line = model.line.map {
            "{'wave': [\(f($0.wavelengths.blue)), \(f($0.wavelengths.red))], "
                + "'ratio': [\(f($0.ratios.blue)), \(f($0.ratios.red))]}"
        } ?? "None"
        return """
            [MODEL] :
              type = ModelSersic
              flux_profile = \(model.fluxProfile.rawValue)
              rotation_curve = \(model.rotationCurve.rawValue)
              thickness_profile = \(model.thickness.rawValue)
              dispersion_profile = \(model.dispersion.rawValue)
              line = \(line)
              aspect = \(f(model.aspect))
              redshift = None
              pixscale = \(f(pixscale))
              q = \(f(model.aspect))
              model = ModelSersic

            """
    }
}
