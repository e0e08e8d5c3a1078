import CCFITSIO
import Foundation

/// Reads a spectral cube from a FITS file into a ``Cube``: picks the HDU, calibrates the
/// spectral axis and pixel scale (header, then overrides and instrument defaults), finds or
/// estimates the variance and keeps the WCS cards for the outputs.
public enum CubeReader {
    /// Description of the variance source when none was given (see ``VarianceEstimate``).
    public static let estimatedVarianceSource = "estimated from the cube (reference strip rule)"

    /// Reads the cube at `path`.
    ///
    /// - Data HDU: the first HDU holding a 3-D image that is the primary or an extension whose
    ///   EXTNAME contains `DATA` (case-insensitive; `DATA`, `IFU.1.DATA`); an empty or non-3-D
    ///   primary is skipped. A 4-D image whose 4th axis has length 1 (a Stokes axis) counts as 3-D.
    /// - Variance: `variancePath` (the primary or first 3-D image of that file, same shape as
    ///   the data), else an extension named `STAT` or `VARIANCE` in the cube file, else
    ///   ``VarianceEstimate`` (a constant). Zero, negative and NaN voxels are kept as they are;
    ///   the number of zero or negative ones is reported through `warn`.
    /// - Calibration: see ``SpectralAxis`` and the pixel-scale rules; `overrides` replace header
    ///   values silently, `defaults` fill missing ones with a warning.
    ///
    /// - Throws: ``GalpakError`` (`.badInput`) whose message starts with the file's path.
    public static func read(path: String, variancePath: String? = nil,
                            overrides: HeaderOverrides = .init(), defaults: AxisDefaults,
                            warn: (String) -> Void) throws -> Cube {
        let file = try FITSFile(reading: path)
        let image = try dataImage(in: file)
        let (nx, ny, nz) = image.shape

        guard image.data.contains(where: { $0.isFinite && $0 != 0 }) else {
            throw GalpakError.badInput(path, "the cube (HDU \(image.hdu)) holds no data: every voxel is NaN or zero")
        }

        let header = FITSHeader(cards: image.cards, path: path)
        let spectral = try SpectralCalibration(header: header, channels: nz, overrides: overrides,
                                               defaults: defaults, warn: warn)
        let pixscale = try PixelScale.resolve(header: header, overrides: overrides,
                                             defaults: defaults, warn: warn)

        let primaryCards = image.hdu == 1 ? [] : try primaryHeader(file)
        var wcs = WCSCards.kept(from: image.cards, fallback: primaryCards)
        if spectral.changedHeader { wcs = WCSCards.replacingSpectral(wcs, with: spectral.axis) }

        let (variance, source) = try readVariance(file: file, path: path, variancePath: variancePath,
                                                  shape: image.shape, data: image.data)
        let bad = variance.reduce(0) { $0 + ($1 <= 0 ? 1 : 0) }
        if bad > 0 {
            warn("\(variancePath ?? path): the variance (\(source)) has \(bad) zero or negative voxels; "
                 + "they are left out of the fit")
        }

        return Cube(nx: nx, ny: ny, nz: nz, data: image.data, variance: variance,
                    varianceSource: source, spectral: spectral.axis, pixscale: pixscale,
                    wcsCards: wcs, path: path)
    }

    /// The cube's data HDU as ``read(path:variancePath:overrides:defaults:warn:)`` chooses it
    /// (also used by `galpak plot` to read the fitted cube's voxels the same way).
    static func dataImage(in file: FITSFile) throws -> CubeImage {
        try CubeImage.locate(in: file, accepting: { hdu, name in
            hdu == 1 || name.uppercased().contains("DATA")
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
            hdu > 1 && ["STAT", "VARIANCE"].contains(name.uppercased())
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
