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
/// A set of lines (which the reference cannot model) is written in the same form, its
/// `--line-ratio` entries as numbers or strings (`'free'`, `'=6583.45/2.96'`), with `'z_line'`.
/// Non-circular motions (which the reference cannot model either) add a line
/// `motions = radial, bisymmetric` (those the model has), after `line`; a model without them
/// writes the reference's lines only.
public enum ModelFile {
    public static func text(model: ModelConfiguration, pixscale: Double) -> String {
        let f = PythonFloat.repr
        let doublet = model.line.map {
            "{'wave': [\(f($0.wavelengths.blue)), \(f($0.wavelengths.red))], "
                + "'ratio': [\(f($0.ratios.blue)), \(f($0.ratios.red))]}"
        }
        let set = model.lines.map { set in
            let ratios = set.lines.map { line -> String in
                if case .fixed(let a) = line.flux { return f(a) }
                return "'\(LineSet.text(line.flux))'"
            }
            return "{'wave': [\(set.lines.map(\.wave).joined(separator: ", "))], 'ratio': [\(ratios.joined(separator: ", "))], "
                + "'z_line': \(set.zLineWave ?? "None")}"
        }
        let line = doublet ?? set ?? "None"
        return """
            [MODEL] :
              type = ModelSersic
              flux_profile = \(model.fluxProfile.rawValue)
              rotation_curve = \(model.rotationCurve.rawValue)
              thickness_profile = \(model.thickness.rawValue)
              dispersion_profile = \(model.dispersion.rawValue)
              line = \(line)
            \(model.motions.isEmpty ? "" : "  motions = \(model.motions)\n")  aspect = \(f(model.aspect))
              redshift = None
              pixscale = \(f(pixscale))
              q = \(f(model.aspect))
              model = ModelSersic

            """
    }
}
