import ArgumentParser
import GalPaK

/// Options that replace the cube header's calibration cards (`fit`).
struct HeaderOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Spectral value (wavelength, frequency or velocity) of the reference channel CRPIX3, in CUNIT3 units (replaces CRVAL3).", valueName: "value"))
    var crval3: Double?

    @Option(help: ArgumentHelp("Reference channel, 1-based as in FITS (replaces CRPIX3).", valueName: "channel"))
    var crpix3: Double?

    @Option(help: ArgumentHelp("Spectral step per channel, in CUNIT3 units (replaces CDELT3/CD3_3).", valueName: "step"))
    var cdelt3: Double?

    @Option(help: ArgumentHelp("Spectral unit (replaces CUNIT3).", valueName: "unit"))
    var cunit3: SpectralUnit?

    @Option(help: ArgumentHelp("Spatial pixel scale in arcsec per pixel (replaces CDELT1/2 or the CD matrix).", valueName: "arcsec"))
    var pixscale: Double?

    /// The overrides these options describe.
    func overrides() throws -> HeaderOverrides {
        if let cdelt3, cdelt3 == 0 || !cdelt3.isFinite { throw ValidationError("--cdelt3 must be a non-zero number") }
        if let pixscale, !(pixscale > 0 && pixscale.isFinite) { throw ValidationError("--pixscale must be a positive number of arcsec") }
        return HeaderOverrides(crval3: crval3, crpix3: crpix3, cdelt3: cdelt3, cunit3: cunit3, pixscale: pixscale)
    }
}
