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
    /// another unit of the same quantity is converted).
    ///
    /// Axis types (`CTYPE3`, the part before any `-`): `WAVE`, `AWAV` (wavelength), `FREQ`
    /// (frequency), `VRAD`, `VOPT`, `VELO…`, `FELO…` (velocity). A frequency or velocity axis
    /// without `CUNIT3` is in the FITS standard unit (Hz, m/s; with a warning); a wavelength axis
    /// without it takes the instrument's unit, as in the reference. `CUNIT3` must measure what
    /// `CTYPE3` says. Non-linear algorithm codes (`WAVE-LOG`, `FREQ-W2F`, `-TAB`, …) are
    /// rejected; AIPS frame suffixes (`VELO-LSR`, `FELO-HEL`) are linear axes.
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
        let declared = try Self.declaredQuantity(header, warn: warn)

        // Unit first: default and override values are converted into it.
        var changed = false
        let unit: SpectralUnit
        if let u = overrides.cunit3 {
            unit = u
            changed = true
        } else if let text = header.string("CUNIT3") {
            guard let u = SpectralUnit(fits: text) else {
                throw GalpakError.badInput(path, "CUNIT3 = '\(text)' is not a spectral unit galpak knows "
                    + "(\(SpectralUnit.listed)); give --cunit3 to override it")
            }
            unit = u
        } else if let declared, declared != .wavelength {
            unit = declared == .frequency ? .hertz : .metrePerSecond
            warn("\(path): CUNIT3 missing: using \(unit.rawValue), the FITS standard unit of a \(declared.rawValue) axis")
            changed = true
        } else if let u = defaults.cunit3 {
            warn("\(path): CUNIT3 missing: using \(defaults.instrument)'s \(u.rawValue)")
            unit = u
            changed = true
        } else {
            throw GalpakError.badInput(path, "CUNIT3 (spectral unit) is missing and instrument "
                + "\(defaults.instrument) has no default; give --cunit3 (\(SpectralUnit.listed))")
        }
        if let declared, declared != unit.quantity {
            let ctype = header.string("CTYPE3") ?? ""
            let source = overrides.cunit3 != nil ? "--cunit3 \(unit.rawValue)" : "CUNIT3 = '\(unit.rawValue)'"
            throw GalpakError.badInput(path, "CTYPE3 = '\(ctype)' is a \(declared.rawValue) axis but \(source) "
                + "is a \(unit.quantity.rawValue) unit; fix the header or give --cunit3 with a \(declared.rawValue) unit")
        }

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

    /// Algorithm codes of non-linear spectral axes (FITS WCS Paper III).
    static let nonLinearCodes: Set<String> = [
        "F2W", "F2V", "F2A", "W2F", "W2V", "W2A", "V2F", "V2W", "V2A", "A2F", "A2W", "A2V",
        "LOG", "GRI", "GRA", "TAB",
    ]

    /// The quantity `CTYPE3` declares, nil without CTYPE3; rejects axes galpak cannot use.
    static func declaredQuantity(_ header: FITSHeader, warn: (String) -> Void) throws -> SpectralQuantity? {
        guard let ctype = header.string("CTYPE3")?.uppercased() else { return nil }
        let parts = ctype.split(separator: "-", omittingEmptySubsequences: true).map(String.init)
        let kind = parts.first ?? ctype
        if parts.count > 1, nonLinearCodes.contains(parts[1]) {
            throw GalpakError.badInput(header.path, "CTYPE3 = '\(ctype)' is a non-linear spectral axis; "
                + "galpak needs channels evenly spaced in wavelength, frequency or velocity (resample the cube)")
        }
        switch kind {
        case "WAVE", "AWAV": return .wavelength
        case "FREQ": return .frequency
        case "VRAD", "VOPT": return .velocity
        default:
            if kind.hasPrefix("FELO") {
                warn("\(header.path): CTYPE3 = '\(ctype)' (optical velocity sampled evenly in frequency): "
                     + "CDELT3 is taken as a constant velocity step")
                return .velocity
            }
            if kind.hasPrefix("VELO") { return .velocity }
            throw GalpakError.badInput(header.path, "CTYPE3 = '\(ctype)' is not a spectral axis galpak can use "
                + "(WAVE, AWAV, FREQ, VRAD, VOPT, VELO or FELO); is the spectral axis the third one?")
        }
    }
}
