import Foundation

/// Builds the ``SpectralAxis`` of a cube from its header, the user's overrides and the
/// instrument's defaults (reference §3.2), and remembers which values the header lacked.
struct SpectralCalibration {
    /// The calibrated axis.
    let axis: SpectralAxis
    /// True when the axis differs from what the header alone says (a card was filled in or
    /// overridden), so output headers must carry the calibrated cards.
    let changedHeader: Bool

    /// Precedence for every value: override (silent) → header → instrument default (warning)
    /// → error naming the command-line option to give. CRPIX3 falls back to nz/2 like the
    /// reference. Override and default values are in the axis's final unit (a default given in
    /// another unit is converted).
    ///
    /// The channel step is `CD3_3` when the header uses a CD matrix (FITS WCS: CD wins over
    /// CDELT), else `CDELT3 · PC3_3` (PC3_3 defaults to 1). Frequency and velocity axes
    /// (`CTYPE3` FREQ, VRAD, VOPT, VELO…, FELO…) and non-linear axes (`WAVE-LOG`, `-TAB`, …)
    /// are rejected.
    init(header: FITSHeader, channels nz: Int, overrides: HeaderOverrides, defaults: AxisDefaults,
         warn: (String) -> Void) throws {
        let path = header.path
        try Self.checkType(header)

        // Unit first: default and override values are converted into it.
        var changed = false
        let unit: WavelengthUnit
        if let u = overrides.cunit3 {
            unit = u
            changed = true
        } else if let text = header.string("CUNIT3") {
            guard let u = WavelengthUnit(fits: text) else {
                throw GalpakError.badInput(path, "CUNIT3 = '\(text)' is not a wavelength unit "
                    + "(Angstrom, nm, um or m; frequency and velocity axes are not supported yet); "
                    + "give --cunit3 to override it")
            }
            unit = u
        } else if let u = defaults.cunit3 {
            warn("\(path): CUNIT3 missing: using \(defaults.instrument)'s \(u.rawValue)")
            unit = u
            changed = true
        } else {
            throw GalpakError.badInput(path, "CUNIT3 (spectral unit) is missing and instrument "
                + "\(defaults.instrument) has no default; give --cunit3 (Angstrom, nm, um or m)")
        }

        // An instrument default is in the instrument's unit; express it in the axis unit.
        let fromDefault = { (value: Double) in
            value * (defaults.cunit3 ?? unit).angstroms / unit.angstroms
        }

        func resolve(_ name: String, override: Double?, header value: Double?, default def: Double?,
                     option: String) throws -> Double {
            if let v = override { changed = true; return v }
            if let v = value { return v }
            if let d = def {
                let v = fromDefault(d)
                warn("\(path): \(name) missing: using \(defaults.instrument)'s \(v) \(unit.rawValue)")
                changed = true
                return v
            }
            throw GalpakError.badInput(path, "\(name) is missing and instrument \(defaults.instrument) "
                + "has no default; give \(option) (in \(unit.rawValue))")
        }

        let crval = try resolve("CRVAL3", override: overrides.crval3, header: header.double("CRVAL3"),
                                default: defaults.crval3, option: "--crval3")
        let cdelt = try resolve("CDELT3", override: overrides.cdelt3, header: Self.headerStep(header),
                                default: defaults.cdelt3, option: "--cdelt3")
        let crpix: Double
        if let v = overrides.crpix3 {
            crpix = v
            changed = true
        } else if let v = try header.double("CRPIX3") {
            crpix = v
        } else {
            crpix = Double(nz) / 2
            warn("\(path): CRPIX3 missing: using nz/2 = \(crpix)")
            changed = true
        }

        guard cdelt != 0 else {
            throw GalpakError.badInput(path, "the spectral step (CDELT3/CD3_3) is 0; give --cdelt3")
        }
        let candidate = SpectralAxis(crval: crval, crpix: crpix, cdelt: cdelt, unit: unit)
        let central = candidate.centralWavelength(channels: nz)
        guard central.isFinite, central > 0 else {
            throw GalpakError.badInput(path, "the spectral axis gives a central wavelength of \(central) "
                + "\(unit.rawValue), which is not positive; check CRVAL3/CRPIX3/CDELT3 or give --crval3")
        }
        axis = candidate
        changedHeader = changed
    }

    /// The channel step the header states, nil when it states none.
    static func headerStep(_ header: FITSHeader) throws -> Double? {
        let usesCD = header.cards.contains { $0.name.hasPrefix("CD") && $0.name.contains("_") }
        if usesCD, let cd = try header.double("CD3_3") { return cd }
        guard let cdelt = try header.double("CDELT3") else { return nil }
        return cdelt * (try header.double("PC3_3") ?? 1)
    }

    /// Rejects spectral axes this version cannot calibrate.
    private static func checkType(_ header: FITSHeader) throws {
        guard let ctype = header.string("CTYPE3")?.uppercased() else { return }
        let parts = ctype.split(separator: "-", omittingEmptySubsequences: true)
        let kind = parts.first.map(String.init) ?? ctype
        if ["FREQ", "VRAD", "VOPT", "ZOPT", "ENER", "WAVN"].contains(kind)
            || kind.hasPrefix("VELO") || kind.hasPrefix("FELO") {
            throw GalpakError.badInput(header.path, "CTYPE3 = '\(ctype)' is a frequency/velocity axis; "
                + "only wavelength axes are supported yet (frequency and velocity axes come in a later version)")
        }
        if parts.count > 1 {
            throw GalpakError.badInput(header.path, "CTYPE3 = '\(ctype)' is a non-linear spectral axis; "
                + "galpak needs a linear wavelength axis (resample the cube)")
        }
    }
}
