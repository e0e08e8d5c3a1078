import CCFITSIO
import Foundation

/// Reads a spectral cube from a FITS file into a ``Cube``: picks the HDU, calibrates the
/// spectral axis and pixel scale (header, then overrides and instrument defaults), finds or
/// estimates the variance and keeps the WCS cards for the outputs.
public enum CubeReader {
    /// Description of the variance source when none was given (see ``VarianceEstimate``).
    public static let estimatedVarianceSource = "estimated from the cube (reference strip rule)"

    /// The smallest cube galpak fits: 3 pixels in x and y and 3 channels. Below that the model
    /// is undefined: its default ranges put the centre in the middle third of each axis (with
    /// fewer than 3 pixels no pixel has a neighbour on both sides) and the half-light radius
    /// between 0.8 pixel and 3/8 of the mean side, an empty range for sides under 2.2 pixels;
    /// and a line needs a centre channel and a channel on either side to have a width.
    public static let minimumShape = (nx: 3, ny: 3, nz: 3)

    /// Reads the cube at `path`.
    ///
    /// - Data HDU: the first HDU holding a cube that is the primary or an extension whose
    ///   EXTNAME contains `DATA` (case-insensitive; `DATA`, `IFU.1.DATA`); an empty or non-3-D
    ///   primary is skipped. If there is none, the first cube in an extension without EXTNAME or
    ///   named `COMPRESSED_IMAGE` (what fpack makes of a primary cube). Length-1 axes beyond the
    ///   second (a Stokes axis, as 3rd or 4th axis) are dropped: see ``CubeImage/cubeLayout(_:)``.
    ///   Tile-compressed images are read like plain ones. Cubes smaller than ``minimumShape``,
    ///   and cubes with no finite non-zero voxel, are refused.
    /// - Variance: `variancePath` (the primary or first 3-D image of that file, same shape as
    ///   the data; its header is not read, its axes are the cube's, so a variance file without
    ///   CTYPE3 or any WCS is fine), else an extension named `STAT`, `VARIANCE` or `VAR` (SAMI) in the cube file, else
    ///   ``VarianceEstimate`` (a constant). Zero, negative and NaN variance voxels are kept as
    ///   they are and their data voxels become NaN (missing: left out of the fit and of every
    ///   estimate); the number of zero or negative ones is reported through `warn`. A variance
    ///   with no finite positive value where the data are finite is refused. (Positive values
    ///   below 2.2e-308, whose inverse overflows, count as zero.)
    /// - Infinite data voxels are missing like NaN ones; their number is reported through `warn`.
    /// - Values: see ``PlausibleRanges``; a cube outside them is refused.
    /// - Calibration: see ``SpectralAxis`` and the pixel-scale rules; `overrides` replace header
    ///   values silently, `defaults` fill missing ones with a warning.
    /// - Sky: the celestial WCS of axes 1–2 through wcslib (``CelestialWCS``) and the beam
    ///   (``HeaderBeam``), when the header has them.
    ///
    /// - Throws: ``GalpakError`` (`.badInput`) whose message starts with the file's path.
    public static func read(path: String, variancePath: String? = nil,
                            overrides: HeaderOverrides = .init(), defaults: AxisDefaults,
                            warn: (String) -> Void) throws -> Cube {
        let file = try FITSFile(reading: path)
        let image = try dataImage(in: file)
        let (nx, ny, nz) = image.shape
        let minimum = minimumShape
        guard nx >= minimum.nx, ny >= minimum.ny, nz >= minimum.nz else {
            throw GalpakError.badInput(path, "the cube (HDU \(image.hdu)) is \(CubeImage.describe(image.shape)), too small "
                + "to fit: galpak needs at least \(minimum.nx)×\(minimum.ny) pixels and \(minimum.nz) channels")
        }

        // An infinite voxel is as missing as a NaN one (CubeImage made it NaN, so it is left out
        // of the fit and of every estimate), but unexpected: reported.
        if image.infiniteCount > 0 {
            warn("\(path): \(image.infiniteCount) voxels of the cube (HDU \(image.hdu)) are infinite; they are left out of the fit, like NaN")
        }
        guard image.data.contains(where: { $0.isFinite && $0 != 0 }) else {
            throw GalpakError.badInput(path, "the cube (HDU \(image.hdu)) holds no data: every voxel is NaN or zero")
        }

        let header = FITSHeader(cards: image.cards, path: path)
        let spectral = try SpectralCalibration(header: header, channels: nz, overrides: overrides,
                                               defaults: defaults, warn: warn)
        let pixscale = try PixelScale.resolve(header: header, overrides: overrides,
                                             defaults: defaults, warn: warn)

        try file.moveTo(hdu: image.hdu)
        let records = try file.headerRecords()
        let celestial = CelestialWCS.read(header: records.text, count: records.count, path: path, warn: warn)
        let beam = try HeaderBeam(header: header)
        let primaryCards = image.hdu == 1 ? [] : try primaryHeader(file)
        var wcs = WCSCards.kept(from: image.cards, fallback: primaryCards)
        if spectral.changedHeader { wcs = WCSCards.replacingSpectral(wcs, with: spectral.axis, type: spectral.ctype) }

        let (variance, source) = try readVariance(file: file, path: path, variancePath: variancePath,
                                                  shape: image.shape, data: image.data)
        let bad = variance.reduce(0) { $0 + ($1 < .leastNormalMagnitude ? 1 : 0) }
        // A voxel without a usable variance is missing: its value must not weigh in anywhere
        // (flux estimate, starting point), not only in χ².
        var data = image.data
        for n in data.indices where !(variance[n].isFinite && variance[n] >= .leastNormalMagnitude) { data[n] = .nan }
        guard data.contains(where: \.isFinite) else {
            throw GalpakError.badInput(variancePath ?? path, "the variance (\(source)) has no finite positive value "
                + "where the cube has data; every voxel would be left out of the fit")
        }
        if bad > 0 {
            warn("\(variancePath ?? path): the variance (\(source)) has \(bad) zero or negative voxels; "
                 + "they are left out of the fit")
        }

        let cube = Cube(nx: nx, ny: ny, nz: nz, data: data, variance: variance,
                        varianceSource: source, spectral: spectral.axis, pixscale: pixscale,
                        wcsCards: wcs, path: path, celestial: celestial, beam: beam)
        try PlausibleRanges.check(cube)
        return cube
    }

    /// The cube's data HDU as ``read(path:variancePath:overrides:defaults:warn:)`` chooses it
    /// (also used by `galpak plot` to read the fitted cube's voxels the same way): the primary
    /// or a `DATA` extension, else an unnamed or fpack `COMPRESSED_IMAGE` extension.
    static func dataImage(in file: FITSFile) throws -> CubeImage {
        try CubeImage.locateOptional(in: file, accepting: { hdu, name in
            hdu == 1 || name.uppercased().contains("DATA")
        }) ?? CubeImage.locate(in: file, accepting: { hdu, name in
            hdu > 1 && ["", "COMPRESSED_IMAGE"].contains(name.uppercased())
        }, purpose: "a 3-D cube (x, y, wavelength) in the primary HDU or in an extension named DATA")
    }

    /// The variance and a description of where it came from.
    private static func readVariance(file: FITSFile, path: String, variancePath: String?,
                                     shape: (Int, Int, Int), data: [Double]) throws -> ([Double], String) {
        let (nx, ny, nz) = shape
        if let variancePath {
            let varFile = try FITSFile(reading: variancePath)
            let image = try CubeImage.locate(in: varFile, accepting: { _, _ in true },
                                             purpose: "a 3-D variance cube")
            try checkShape(image, against: shape, path: variancePath, dataPath: path)
            return (image.data, "file \(variancePath)")
        }
        if let image = try CubeImage.locateOptional(in: file, accepting: { hdu, name in
            hdu > 1 && ["STAT", "VARIANCE", "VAR"].contains(name.uppercased())
        }) {
            try checkShape(image, against: shape, path: path, dataPath: path)
            return (image.data, "\(image.name.uppercased()) extension")
        }
        let sigma2 = VarianceEstimate.constant(data: data, nx: nx, ny: ny, nz: nz)
        return ([Double](repeating: sigma2, count: data.count), estimatedVarianceSource)
    }

    private static func checkShape(_ image: CubeImage, against shape: (Int, Int, Int),
                                   path: String, dataPath: String) throws {
        guard image.shape != shape else { return }
        let what = image.name.isEmpty ? "HDU \(image.hdu)" : "the \(image.name) extension"
        throw GalpakError.badInput(path, "the variance (\(what)) is \(CubeImage.describe(image.shape)) "
            + "but the cube \(dataPath) is \(CubeImage.describe(shape)); they must have the same shape")
    }

    /// The primary HDU's cards (for keywords such as OBJECT that live there).
    private static func primaryHeader(_ file: FITSFile) throws -> [HeaderCard] {
        try file.moveTo(hdu: 1)
        return try file.cards()
    }
}
