import Foundation

/// Builds the ``SpectralAxis`` of a cube from its header, the user's overrides and the
/// instrument's defaults (reference §3.2), and remembers which values the header lacked.
struct SpectralCalibration {
    /// The calibrated axis.
    let axis: SpectralAxis
    /// True when the axis differs from what the header alone says (a card was filled in or
    /// overridden, or the type inferred), so output headers must carry the calibrated cards.
    let changedHeader: Bool
    /// The `CTYPE3` the outputs carry instead of the header's: the one `--ctype3` gave, or the
    /// one inferred for a header whose type is missing or not standard; nil keeps the header's.
    let ctype: String?

    /// The smallest axis value taken as a frequency in Hz when neither the type nor `CUNIT3`
    /// says what the axis is: faster than light in m/s, longer than 3 cm in Å.
    static let smallestFrequency = 3e8

    /// Precedence for every value: override (silent) → header → instrument default (warning)
    /// → error naming the command-line option to give. CRPIX3 falls back to nz/2 like the
    /// reference. Override and default values are in the axis's final unit (a default given in
    /// another unit of the same quantity is converted).
    ///
    /// Axis types (``SpectralType``): `--ctype3`, else `CTYPE3` when standard — `WAVE`, `AWAV`
    /// (wavelength), `FREQ` (frequency), `VRAD`, `VOPT`, `VELO…`, `FELO…` (velocity). A frequency
    /// or velocity axis without `CUNIT3` is in the FITS standard unit (Hz, m/s; with a warning);
    /// a wavelength axis without it takes the instrument's unit, as in the reference. `CUNIT3`
    /// must measure what the type says. Non-linear algorithm codes (`WAVE-LOG`, `FREQ-W2F`,
    /// `-TAB`, …) and types of other axes (`STOKES`, `RA---TAN`) are rejected; AIPS frame
    /// suffixes (`VELO-LSR`, `FELO-HEL`) are linear axes.
    ///
    /// A missing or non-standard `CTYPE3` (`LINEAR`, `LAMBDA`, `VELOCITY`, …, as real files
    /// have) is inferred, with a warning naming the file and what was assumed: the quantity is
    /// the one a self-describing name states (`LAMBDA`, `WAVELENGTH`, `FREQUENCY`, `VELOCITY`),
    /// else the one of the unit (`CUNIT3`, `--cunit3`); without a unit, an axis value of
    /// ``smallestFrequency`` or more is a frequency in Hz, and anything else takes the
    /// instrument's default unit. The outputs then carry that type (``ctype``): `AWAV`, `FREQ`
    /// or `VRAD` (`--ctype3` says otherwise, e.g. `WAVE` for vacuum or `VOPT`).
    ///
    /// The channel step is `CD3_3` when the header uses a CD matrix (FITS WCS: CD wins over
    /// CDELT), else `CDELT3 · PC3_3` (PC3_3 defaults to 1).
    ///
    /// Linear axes are read by hand rather than through wcslib: galpak needs only the axis value
    /// at a channel and the constant step, which for a linear axis are CRVAL3 + (k+1−CRPIX3)·step;
    /// the non-linear axes wcslib would add cannot be modelled with one velocity step anyway.
    init(header: FITSHeader, channels nz: Int, overrides: HeaderOverrides, defaults: AxisDefaults,
         warn: (String) -> Void) throws {
        let path = header.path
        var changed = false
        let stated = try StatedSpectralType(header: header, override: overrides.ctype3, warn: warn)
        let declared = stated.quantity
        if stated.override != nil { changed = true }

        // Unit first: default and override values are converted into it. `unitSource` says
        // where it came from, for the warning of an inferred type.
        let unit: SpectralUnit
        let unitSource: String
        if let u = overrides.cunit3 {
            unit = u
            unitSource = "--cunit3 \(u.rawValue)"
            changed = true
        } else if let text = header.string("CUNIT3") {
            guard let u = SpectralUnit(fits: text) else {
                throw GalpakError.badInput(path, "CUNIT3 = '\(text)' is not a spectral unit galpak knows "
                    + "(\(SpectralUnit.listed)); give --cunit3 to override it")
            }
            unit = u
            unitSource = "CUNIT3 = '\(text)'"
        } else if let declared, declared != .wavelength {
            unit = declared == .frequency ? .hertz : .metrePerSecond
            unitSource = ""
            warn("\(path): CUNIT3 missing: using \(unit.rawValue), the FITS standard unit of a \(declared.rawValue) axis")
            changed = true
        } else if stated.unknown != nil, declared == nil,
                  let value = try overrides.crval3 ?? header.double("CRVAL3"), value >= Self.smallestFrequency {
            unit = .hertz
            unitSource = "its values (CRVAL3 = \(value), beyond any wavelength in Angstrom or velocity in m/s)"
            warn("\(path): CUNIT3 missing: using Hz for an axis at \(value)")
            changed = true
        } else if let u = defaults.cunit3 {
            warn("\(path): CUNIT3 missing: using \(defaults.instrument)'s \(u.rawValue)")
            unit = u
            unitSource = "\(defaults.instrument)'s unit \(u.rawValue)"
            changed = true
        } else {
            throw GalpakError.badInput(path, "CUNIT3 (spectral unit) is missing and instrument "
                + "\(defaults.instrument) has no default; give --cunit3 (\(SpectralUnit.listed))")
        }
        if let declared, declared != unit.quantity {
            let source = overrides.cunit3 != nil ? "--cunit3 \(unit.rawValue)" : "CUNIT3 = '\(unit.rawValue)'"
            throw GalpakError.badInput(path, "\(stated.source) is a \(declared.rawValue) axis but \(source) "
                + "is a \(unit.quantity.rawValue) unit; fix the header, or give --ctype3, or --cunit3 with a \(declared.rawValue) unit")
        }
        if let unknown = stated.unknown {
            let quantity = unit.quantity
            let reason = declared != nil ? "its name" : unitSource
            warn("\(path): \(unknown): taken as a \(quantity.rawValue) axis (\(quantity.fitsType)) from \(reason); "
                 + "give --ctype3 to say otherwise")
            changed = true
        }
        ctype = stated.override ?? (stated.unknown != nil ? unit.quantity.fitsType : nil)

        func resolve(_ name: String, override: Double?, header value: Double?, default def: Double?,
                     option: String) throws -> Double {
            if let v = override { changed = true; return v }
            if let v = value { return v }
            if let d = def, let v = (defaults.cunit3 ?? unit).convert(d, to: unit) {
                warn("\(path): \(name) missing: using \(defaults.instrument)'s \(v) \(unit.rawValue)")
                changed = true
                return v
            }
            throw GalpakError.badInput(path, "\(name) is missing and instrument \(defaults.instrument) "
                + "has no default for a \(unit.quantity.rawValue) axis; give \(option) (in \(unit.rawValue))")
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
        let central = candidate.centralValue(channels: nz)
        guard central.isFinite, central > 0 || unit.quantity == .velocity else {
            throw GalpakError.badInput(path, "the spectral axis gives a central \(unit.quantity.rawValue) of \(central) "
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
}
