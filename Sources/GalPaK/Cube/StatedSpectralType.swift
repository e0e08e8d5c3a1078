/// What a cube's spectral axis type states: `--ctype3` when given, else the header's `CTYPE3`
/// (see ``SpectralType``, and ``SpectralCalibration`` for how a type left unknown is inferred).
struct StatedSpectralType {
    /// The quantity the type states; nil when it states none (missing, or a non-standard name
    /// that does not say).
    var quantity: SpectralQuantity?
    /// The type as messages name it: `CTYPE3 = 'FREQ'`, `--ctype3 VRAD`.
    var source = ""
    /// The type `--ctype3` gave (upper case), nil without it.
    var override: String?
    /// Why the type must be inferred ("CTYPE3 missing", "CTYPE3 = 'LINEAR' is not a standard
    /// spectral type (…)"), nil when `--ctype3` or a standard `CTYPE3` states it.
    var unknown: String?

    /// Reads the type of `header`'s axis 3, or `override`; warns about a `FELO` axis.
    /// - Throws: ``GalpakError`` `.badInput` for a non-linear axis, the type of another axis or
    ///   a value that is not a type name (naming the file), or an `override` that is not a standard linear type.
    init(header: FITSHeader, override: String?, warn: (String) -> Void) throws {
        let path = header.path
        if let override { try SpectralType.checkOption(override) }
        guard let ctype = (override ?? header.string("CTYPE3"))?.uppercased() else {
            unknown = "CTYPE3 missing"
            return
        }
        source = override != nil ? "--ctype3 \(ctype)" : "CTYPE3 = '\(ctype)'"
        switch SpectralType(ctype) {
        case .linear(let q):
            quantity = q
            if override != nil { self.override = ctype }
            if SpectralType.isFrequencySampledVelocity(ctype) {
                warn("\(path): \(source) (optical velocity sampled evenly in frequency): "
                     + "CDELT3 is taken as a constant velocity step")
            }
        case .nonLinear:
            throw GalpakError.badInput(path, "\(source) is a non-linear spectral axis; galpak needs channels "
                + "evenly spaced in wavelength, frequency or velocity (resample the cube)")
        case .notSpectral:
            throw GalpakError.badInput(path, "\(source) is not a spectral axis; is the spectral axis the third one? "
                + "(spectral types: \(SpectralType.standardNames))")
        case .malformed:
            throw GalpakError.badInput(path, "\(source) is not an axis type (letters, digits, - and _); "
                + "fix the header or give --ctype3 (\(SpectralType.standardNames))")
        case .nonStandard:
            quantity = SpectralType.namedQuantity(ctype)
            unknown = "\(source) is not a standard spectral type (\(SpectralType.standardNames))"
        }
    }
}
