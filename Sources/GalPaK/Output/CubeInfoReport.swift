import Foundation

/// `galpak info` output: ``CubeInfo`` as aligned text for people or as JSON for scripts.
///
/// JSON layout: `{"cube", "hdus": [..], "shape_nx_ny_nz": [..], "variance", "pixscale_arcsec",
/// "celestial_frame" (null without a celestial WCS),
/// "spectral_axis": {"ctype", "quantity", "unit", "crval", "crpix", "cdelt", "central_value",
/// "dv_kms"}, "instrument", "psf": {"type", "source" (instrument, options, instrumentFile or
/// headerBeam), "fwhm_arcsec", "fwhm_pixels", "ba", "pa_deg",
/// "beta", "alpha_arcsec", "image"}, "lsf": {"type", "fwhm", "unit", "fwhm_kms",
/// "sigma_channels"}, "warnings": [..]}`; absent numbers are `null`.
public enum CubeInfoReport {
    /// Text lines `label  value`.
    public static func text(_ info: CubeInfo) throws -> String {
        let cube = info.cube, axis = cube.spectral
        let unit = axis.unit.rawValue
        let g = { (v: Double) in String(format: "%.6g", v) }
        var rows: [(String, String)] = [
            ("cube", cube.path),
            ("HDUs", info.hdus.joined(separator: "; ")),
            ("shape", "\(cube.nx) × \(cube.ny) × \(cube.nz) (x × y × channels)"),
            ("variance", cube.varianceSource),
            ("pixel scale", "\(g(cube.pixscale))″ per pixel"),
            ("spectral axis", "\(axis.quantity.rawValue)\(info.ctype3.map { " (\($0))" } ?? ""), \(unit): "
                + "CRVAL3 \(g(axis.crval)) at CRPIX3 \(g(axis.crpix)), step \(g(axis.cdelt))"),
            ("centre", "\(g(axis.centralValue(channels: cube.nz))) \(unit) (channel \(cube.nz / 2 - 1), the reference's centre)"),
            ("velocity step", "\(String(format: "%.4f", cube.velocityStep)) km/s per channel (positive: redder)"),
            ("celestial WCS", celestialText(cube)),
            ("instrument", info.instrument.name),
            ("PSF", psfText(info.psf, pixscale: cube.pixscale)),
            ("PSF from", info.psfOrigin.text(instrument: info.instrument.name)),
            ("LSF", try lsfText(info)),
        ]
        rows += info.warnings.isEmpty ? [("warnings", "none")] : info.warnings.map { ("warning", $0) }
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { $0.0.padding(toLength: width + 2, withPad: " ", startingAt: 0) + $0.1 }
            .joined(separator: "\n") + "\n"
    }

    /// The JSON document.
    public static func json(_ info: CubeInfo) throws -> String {
        let cube = info.cube, axis = cube.spectral
        let n = ParametersJSON.number, s = ParametersJSON.string
        let opt = { (v: Double?) in v.map(n) ?? "null" }
        let list = { (items: [String]) in "[" + items.map(s).joined(separator: ", ") + "]" }
        let spectral = ParametersJSON.object([
            ("ctype", info.ctype3.map(s) ?? "null"), ("quantity", s(axis.quantity.rawValue)),
            ("unit", s(axis.unit.rawValue)), ("crval", n(axis.crval)), ("crpix", n(axis.crpix)),
            ("cdelt", n(axis.cdelt)), ("central_value", n(axis.centralValue(channels: cube.nz))),
            ("dv_kms", n(cube.velocityStep)),
        ], indent: "  ")
        var psf: [(String, String)] = [("type", s(psfType(info.psf))), ("source", s(info.psfOrigin.rawValue)),
                                       ("fwhm_arcsec", opt(info.psf.fwhm)),
                                       ("fwhm_pixels", opt(info.psf.fwhm.map { $0 / cube.pixscale }))]
        switch info.psf {
        case let .gaussian(_, ba, pa):
            psf += [("ba", n(ba)), ("pa_deg", n(pa))]
        case let .moffat(alpha, beta, ba, pa):
            psf += [("ba", n(ba)), ("pa_deg", n(pa)), ("beta", n(beta)), ("alpha_arcsec", n(alpha))]
        case let .image(image):
            psf += [("image", s(image.path))]
        case .none:
            break
        }
        let lsf = ParametersJSON.object([
            ("type", s(info.lsfFWHM == nil ? "none" : "gaussian")), ("fwhm", opt(info.lsfFWHM)),
            ("unit", s(axis.unit.rawValue)), ("fwhm_kms", opt(info.lsfFWHMKms)),
            ("sigma_channels", opt(try info.lsf.sigmaChannels(spectral: axis, channels: cube.nz))),
        ], indent: "  ")
        return ParametersJSON.object([
            ("cube", s(cube.path)), ("hdus", list(info.hdus)),
            ("shape_nx_ny_nz", "[\(cube.nx), \(cube.ny), \(cube.nz)]"), ("variance", s(cube.varianceSource)),
            ("pixscale_arcsec", n(cube.pixscale)), ("celestial_frame", cube.celestial.map { s($0.frame) } ?? "null"),
            ("spectral_axis", spectral),
            ("instrument", s(info.instrument.name)), ("psf", ParametersJSON.object(psf, indent: "  ")),
            ("lsf", lsf), ("warnings", list(info.warnings)),
        ], indent: "") + "\n"
    }

    /// The celestial frame and the field centre's position and orientation, or why there is none.
    private static func celestialText(_ cube: Cube) -> String {
        guard let wcs = cube.celestial else { return "none (results in pixels only)" }
        let frame = wcs.frame + (wcs.equinox.map { String(format: ", equinox %g", $0) } ?? "")
        guard let local = LocalSkyFrame(wcs: wcs, x: Double(cube.nx - 1) / 2, y: Double(cube.ny - 1) / 2) else {
            return frame
        }
        let north = atan2(-local.north.x, local.north.y) * 180 / .pi
        let east = local.skyOffset(ofPixelDisplacement: SIMD2(1, 0)).x > 0 ? "+x" : "-x"
        return frame + String(format: "; field centre %.6f°, %+.6f°; north %.2f° anticlockwise from +y, east towards %@",
                              local.longitude, local.latitude, north, east)
    }

    private static func psfType(_ psf: PointSpreadFunction) -> String {
        switch psf {
        case .gaussian: "gaussian"
        case .moffat: "moffat"
        case .image: "image"
        case .none: "none"
        }
    }

    private static func psfText(_ psf: PointSpreadFunction, pixscale: Double) -> String {
        let g = { (v: Double) in String(format: "%.4g", v) }
        switch psf {
        case let .gaussian(fwhm, ba, pa):
            return "Gaussian, FWHM \(g(fwhm))″ (\(g(fwhm / pixscale)) px), b/a \(g(ba)), PA \(g(pa))°"
        case let .moffat(alpha, beta, ba, pa):
            let fwhm = psf.fwhm ?? .nan
            return "Moffat, FWHM \(g(fwhm))″ (\(g(fwhm / pixscale)) px), α \(g(alpha))″, β \(g(beta)), b/a \(g(ba)), PA \(g(pa))°"
        case let .image(image):
            return "image \(image.path) (\(image.nx)×\(image.ny), brightest pixel (\(image.peak.i), \(image.peak.j)) put on the centre)"
        case .none:
            return "none (no spatial convolution)"
        }
    }

    private static func lsfText(_ info: CubeInfo) throws -> String {
        guard let fwhm = info.lsfFWHM, let kms = info.lsfFWHMKms,
              let sigma = try info.lsf.sigmaChannels(spectral: info.cube.spectral, channels: info.cube.nz) else {
            return "none (no spectral convolution)"
        }
        let source: String
        switch info.lsf {
        case .muse: source = "MUSE formula at the centre"
        case let .gaussianChannels(n): source = "\(String(format: "%g", n)) channel\(n == 1 ? "" : "s")"
        case .gaussian(_, let unit): source = unit.map { "given in \($0.rawValue)" } ?? "given"
        case .none: source = ""
        }
        return String(format: "Gaussian, FWHM %.6g %@ = %.2f km/s = %.2f channels (σ %.3f channels; %@)",
                      abs(fwhm), info.cube.spectral.unit.rawValue, kms, abs(fwhm / info.cube.spectral.cdelt), sigma, source)
    }
}
