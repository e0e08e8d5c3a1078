import CCFITSIO
import Foundation

/// The FITS layout of a position–velocity diagram (``PositionVelocityDiagram``),
/// `PREFIX_pv_major.fits` and `PREFIX_pv_minor.fits`: an empty primary HDU, then two float64
/// images of the same shape and header, `DATA` (the data cut) and `MODEL` (the convolved model
/// at the estimate, cut the same way), with the linear WCS
///
///     axis 1: CTYPE1 = 'OFFSET', CUNIT1 = 'arcsec', CRVAL1 = 0 at the slit's centre (x, y),
///             CDELT1 = the pixel scale (one sample per pixel), positive as the slit runs
///             (major axis: the receding side; minor axis: the receding side turned 90°
///             anticlockwise, x to the right and y up)
///     axis 2: CTYPE2 = 'VELO', CUNIT2 = 'km/s', CRVAL2 = 0 at CRPIX2 = z + 1 (the systemic
///             channel), CDELT2 = the cube's velocity step (signed): one row per channel
///
/// `BUNIT` is the cube's, and `SLITX`, `SLITY` (the centre, 0-based pixels), `SLITPA` (the
/// slit's angle θ, degrees: PA or PA + 90°), `SLITWID` (arcsec) and `SLITLINE` (the parallel
/// lines averaged across) say where the slit lies.
public enum PositionVelocityFile {
    /// The WCS and slit cards of `diagram` (see the type's description).
    static func cards(for diagram: PositionVelocityDiagram) -> [HeaderCard] {
        [
            HeaderCard(name: "CTYPE1", string: "OFFSET", comment: "offset along the slit from its centre"),
            HeaderCard(name: "CUNIT1", string: "arcsec"),
            HeaderCard(name: "CRPIX1", number: 1 - diagram.offsets[0]),
            HeaderCard(name: "CRVAL1", number: 0),
            HeaderCard(name: "CDELT1", number: diagram.pixscale, comment: "one sample per pixel"),
            HeaderCard(name: "CTYPE2", string: "VELO", comment: "line-of-sight velocity relative to systemic"),
            HeaderCard(name: "CUNIT2", string: "km/s"),
            HeaderCard(name: "CRPIX2", number: diagram.systemicChannel + 1, comment: "the fitted systemic channel z + 1"),
            HeaderCard(name: "CRVAL2", number: 0),
            HeaderCard(name: "CDELT2", number: diagram.velocityStep, comment: "[km/s] velocity step per channel"),
            HeaderCard(name: "SLITX", number: diagram.axis.x, comment: "[pixel] slit centre x (0-based)"),
            HeaderCard(name: "SLITY", number: diagram.axis.y, comment: "[pixel] slit centre y (0-based)"),
            HeaderCard(name: "SLITPA", number: diagram.axis.pa, comment: "[deg] slit angle (galpak PA convention)"),
            HeaderCard(name: "SLITWID", number: diagram.width, comment: "[arcsec] slit width averaged across"),
            HeaderCard(name: "SLITLINE", value: "\(diagram.linesAcross)", comment: "parallel lines averaged, 1 pixel apart"),
        ]
    }

    /// Writes `diagram` to `path`, `extraCards` (provenance, unit) on both images after the WCS,
    /// with a `CONTENT` card naming each image after `what` (e.g. "major axis").
    public static func write(_ diagram: PositionVelocityDiagram, what: String, extraCards: [HeaderCard], to path: String) throws {
        let header = cards(for: diagram) + extraCards
        try FITSWriter.write(images: [
            FITSWriter.Image(name: "DATA", values: diagram.data,
                             cards: header + [HeaderCard(name: "CONTENT", string: "position-velocity diagram, \(what): data")]),
            FITSWriter.Image(name: "MODEL", values: diagram.model,
                             cards: header + [HeaderCard(name: "CONTENT", string: "position-velocity diagram, \(what): convolved model")]),
        ], shape: [diagram.offsets.count, diagram.channels], to: path)
    }

    /// Reads a diagram written by ``write(_:what:extraCards:to:)``.
    /// - Throws: ``GalpakError`` `.badInput` naming `path` and what is missing or inconsistent.
    public static func read(path: String) throws -> PositionVelocityDiagram {
        let file = try FITSFile(reading: path)
        var images: [String: (shape: [Int], values: [Double], cards: [HeaderCard])] = [:]
        for hdu in 1...max(1, try file.hduCount()) {
            guard try file.moveTo(hdu: hdu) == IMAGE_HDU, let name = try file.string("EXTNAME"),
                  name == "DATA" || name == "MODEL" else { continue }
            images[name] = (try file.imageShape(), try file.readImage(), try file.cards())
        }
        guard let data = images["DATA"], let model = images["MODEL"] else {
            throw GalpakError.badInput(path, "has no DATA and MODEL images (was it written by galpak fit?)")
        }
        guard data.shape.count == 2, data.shape == model.shape, !data.shape.contains(0) else {
            throw GalpakError.badInput(path, "DATA and MODEL are not two images of one 2-D shape")
        }
        func number(_ name: String) throws -> Double {
            guard let value = data.cards.first(where: { $0.name == name })?.number, value.isFinite else {
                throw GalpakError.badInput(path, "has no \(name) card in its DATA header (was it written by galpak fit?)")
            }
            return value
        }
        let pixscale = try number("CDELT1"), crpix1 = try number("CRPIX1")
        guard pixscale > 0 else { throw GalpakError.badInput(path, "CDELT1 must be the pixel scale, > 0 (got \(pixscale))") }
        let width = try number("SLITWID"), lines = try number("SLITLINE")
        guard PositionVelocityDiagram.widthRange.contains(width), lines >= 1, lines <= 1e9, lines == lines.rounded() else {
            throw GalpakError.badInput(path, "SLITWID must be \(PositionVelocityDiagram.widthRange) and SLITLINE a count ≥ 1 (got \(width), \(lines))")
        }
        return PositionVelocityDiagram(
            axis: MajorAxis(x: try number("SLITX"), y: try number("SLITY"), pa: try number("SLITPA")),
            width: width, linesAcross: Int(lines), pixscale: pixscale,
            offsets: (0..<data.shape[0]).map { Double($0 + 1) - crpix1 },
            systemicChannel: try number("CRPIX2") - 1, velocityStep: try number("CDELT2"),
            data: data.values, model: model.values)
    }
}
