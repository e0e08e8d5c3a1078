import ArgumentParser
import GalPaK

/// Options that replace the cube header's calibration cards (`fit`).
struct HeaderOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Spectral axis type, one of \(SpectralType.standardNames) with an optional suffix such as -LSR (replaces CTYPE3; without it a missing or non-standard CTYPE3 such as LINEAR is inferred from CUNIT3, with a warning).", valueName: "type"))
    var ctype3: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Spectral value (wavelength, frequency or velocity) of the reference channel CRPIX3, in CUNIT3 units, \(HeaderOverrides.referenceRange) (replaces CRVAL3).", valueName: "value"))
    var crval3: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("Reference channel, 1-based as in FITS, \(HeaderOverrides.referenceRange) (replaces CRPIX3).", valueName: "channel"))
    var crpix3: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("Spectral step per channel, in CUNIT3 units, \(HeaderOverrides.stepRule) (replaces CDELT3/CD3_3).", valueName: "step"))
    var cdelt3: Double?

    @Option(help: ArgumentHelp("Spectral unit (replaces CUNIT3).", valueName: "unit"))
    var cunit3: SpectralUnit?

    @Option(parsing: .unconditional, help: ArgumentHelp("Spatial pixel scale per pixel, \(HeaderOverrides.pixscaleRange) (replaces CDELT1/2 or the CD matrix).", valueName: "arcsec"))
    var pixscale: Double?

    /// The values' ranges, checked while parsing.
    func validate() throws {
        try Validation.run { _ = try overrides() }
    }

    /// The overrides these options describe.
    func overrides() throws -> HeaderOverrides {
        let overrides = HeaderOverrides(ctype3: ctype3, crval3: crval3, crpix3: crpix3, cdelt3: cdelt3, cunit3: cunit3, pixscale: pixscale)
        try overrides.check()
        return overrides
    }
}
