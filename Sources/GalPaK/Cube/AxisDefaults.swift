/// Header values an instrument supplies when a cube lacks them (the reference's
/// `defaults_from_instrument`). Any field may be nil: the instrument has no default for it.
public struct AxisDefaults: Sendable, Equatable {
    /// Instrument name, for warnings ("CDELT3 missing: using musewfm's 1.25 Angstrom").
    public var instrument: String
    /// Spatial pixel scale in arcsec per pixel.
    public var pixscale: Double?
    /// Spectral step, in ``cunit3``.
    public var cdelt3: Double?
    /// Reference wavelength used as CRVAL3 when missing, in ``cunit3``.
    public var crval3: Double?
    /// Spectral unit used when CUNIT3 is missing.
    public var cunit3: SpectralUnit?

    public init(instrument: String, pixscale: Double? = nil, cdelt3: Double? = nil,
                crval3: Double? = nil, cunit3: SpectralUnit? = nil) {
        self.instrument = instrument
        self.pixscale = pixscale
        self.cdelt3 = cdelt3
        self.crval3 = crval3
        self.cunit3 = cunit3
    }
}

/// Values given on the command line (`--ctype3 --crval3 --crpix3 --cdelt3 --cunit3 --pixscale`)
/// that replace whatever the header says.
public struct HeaderOverrides: Sendable, Equatable {
    /// Spectral axis type (a standard linear one, ``SpectralType``), e.g. `AWAV`, `VRAD`.
    public var ctype3: String?
    public var crval3: Double?
    public var crpix3: Double?
    public var cdelt3: Double?
    public var cunit3: SpectralUnit?
    /// Spatial pixel scale in arcsec per pixel.
    public var pixscale: Double?

    public init(ctype3: String? = nil, crval3: Double? = nil, crpix3: Double? = nil, cdelt3: Double? = nil,
                cunit3: SpectralUnit? = nil, pixscale: Double? = nil) {
        self.ctype3 = ctype3
        self.crval3 = crval3
        self.crpix3 = crpix3
        self.cdelt3 = cdelt3
        self.cunit3 = cunit3
        self.pixscale = pixscale
    }

    /// The valid CRVAL3 and CRPIX3: any finite number.
    public static let referenceRange = ValidRange.finite()
    /// The valid CDELT3: a finite number other than zero.
    public static let stepRule = "a finite number other than 0"
    /// The valid pixel scales (``PlausibleRanges/pixelScales``).
    public static var pixscaleRange: ValidRange { PlausibleRanges.pixelScales }

    /// Checks the given values, naming their options (`--crval3` …).
    /// - Throws: ``GalpakError`` `.badInput` for a value outside its range.
    public func check() throws {
        if let ctype3 { try SpectralType.checkOption(ctype3) }
        if let crval3 { try Self.referenceRange.check(crval3, "--crval3") }
        if let crpix3 { try Self.referenceRange.check(crpix3, "--crpix3") }
        if let cdelt3, cdelt3 == 0 || !cdelt3.isFinite {
            throw GalpakError(.badInput, "--cdelt3 must be \(Self.stepRule) (got \(cdelt3))")
        }
        if let pixscale { try Self.pixscaleRange.check(pixscale, "--pixscale") }
    }
}
