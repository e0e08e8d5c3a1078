/// `PREFIX_rotcurve.dat`: the ``RotationCurveProfile`` as a fixed-width table (the layout of
/// the other `.dat` files), one row per offset along the major axis:
///
///     radius_pix | radius_arcsec | [radius_kpc] | rotation_kms | rotation_lower_kms |
///     rotation_upper_kms | velocity_kms | dispersion_kms | data_velocity_kms | data_velocity_err_kms
///
/// `radius_kpc` (proper kpc) is present only when the redshift is known. Radii are signed,
/// positive on the receding side; `rotation_*` is the deprojected circular speed with its
/// credible band, `velocity`/`dispersion` the intrinsic line-of-sight maps along the axis,
/// `data_velocity` the data's velocity map along the axis (not deprojected; NaN where it is
/// masked) with its 1σ formal error `data_velocity_err` (``DataVelocityMap``), then
/// `circular_kms`, the circular speed corrected for pressure support (``PressureSupport``), and
/// with a radial flow `radial_kms`, its speed V_r(|r|) (positive outward). The later columns
/// come last, so that readers of the earlier layout read the file unchanged; a file without
/// them (written before galpak wrote them) reads without them.
public enum RotationCurveFile {
    /// The columns, without and with kpc, without the data columns (``dataColumns``).
    public static func columns(withKpc: Bool) -> [String] {
        ["radius_pix", "radius_arcsec"] + (withKpc ? ["radius_kpc"] : [])
            + ["rotation_kms", "rotation_lower_kms", "rotation_upper_kms", "velocity_kms", "dispersion_kms"]
    }

    /// The data's velocity along the axis and its error, after ``columns(withKpc:)``.
    public static let dataColumns = ["data_velocity_kms", "data_velocity_err_kms"]
    /// The pressure-supported circular speed, after the data columns.
    public static let circularColumn = "circular_kms"
    /// The radial flow's speed (with `--radial-flow`), last.
    public static let radialColumn = "radial_kms"

    /// The file's text; a Laplace fit's starts with the comment line ``Estimator/label`` (its
    /// band is the speed at the mode ∓ z σ).
    public static func text(for profile: RotationCurveProfile, estimator: Estimator = .mcmc) -> String {
        let rows = profile.radius.indices.map { n -> [String] in
            let r = profile.radius[n]
            var cells = [r, r * profile.pixscale]
            if let kpc = profile.kpcPerArcsec { cells.append(r * profile.pixscale * kpc) }
            cells += [profile.rotation[n], profile.rotationLower[n], profile.rotationUpper[n],
                      profile.velocity[n], profile.dispersion[n]]
            if let data = profile.dataVelocity { cells += [data.velocity[n], data.error[n]] }
            if let circular = profile.circular { cells.append(circular[n]) }
            if let radial = profile.radial { cells.append(radial[n]) }
            return cells.map(FixedWidthTable.cell)
        }
        var table = FixedWidthTable(columns: columns(withKpc: profile.kpcPerArcsec != nil)
                                        + (profile.dataVelocity == nil ? [] : dataColumns)
                                        + (profile.circular == nil ? [] : [circularColumn])
                                        + (profile.radial == nil ? [] : [radialColumn]), rows: rows)
        table.comment = estimator.label
        return table.text
    }

    /// Reads a rotation-curve file written by ``text(for:)``; `pixscale` (arcsec per pixel)
    /// is the fit's, the kpc scale is taken from the `radius_kpc` column when present.
    /// - Throws: ``GalpakError`` `.badInput` naming `path` when unreadable or malformed.
    public static func read(path: String, pixscale: Double) throws -> RotationCurveProfile {
        let table = try FixedWidthTable(parsing: try TextFile.read(path), source: path)
        let hasKpc = table.columns.contains("radius_kpc")
        let hasData = dataColumns.allSatisfy(table.columns.contains)
        let optional = [circularColumn, radialColumn].filter(table.columns.contains)
        let wanted = columns(withKpc: hasKpc) + (hasData ? dataColumns : []) + optional
        let missing = wanted.filter { !table.columns.contains($0) }
        guard missing.isEmpty else {
            throw GalpakError.badInput(path, "is not a rotation-curve file: missing column(s) \(missing.joined(separator: ", "))")
        }
        var values: [String: [Double]] = [:]
        for name in wanted {
            let c = table.columns.firstIndex(of: name)!
            values[name] = try table.rows.enumerated().map { r, row in
                guard let v = Double(row[c]) else {
                    throw GalpakError.badInput(path, "row \(r + 1), column \(name): '\(row[c])' is not a number")
                }
                return v
            }
        }
        let radius = values["radius_pix"]!
        var kpcPerArcsec: Double?
        if hasKpc, let n = radius.indices.first(where: { radius[$0] != 0 }) {
            kpcPerArcsec = values["radius_kpc"]![n] / values["radius_arcsec"]![n]
        }
        return RotationCurveProfile(
            radius: radius, pixscale: pixscale, kpcPerArcsec: kpcPerArcsec,
            rotation: values["rotation_kms"]!, rotationLower: values["rotation_lower_kms"]!,
            rotationUpper: values["rotation_upper_kms"]!, velocity: values["velocity_kms"]!,
            dispersion: values["dispersion_kms"]!,
            dataVelocity: hasData ? RotationCurveProfile.DataVelocity(velocity: values[dataColumns[0]]!,
                                                                      error: values[dataColumns[1]]!) : nil,
            circular: values[circularColumn], radial: values[radialColumn])
    }
}
