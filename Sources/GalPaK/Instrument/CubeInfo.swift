import Foundation

/// What `fit` would use for a cube, without fitting (`galpak info`): the cube as read and
/// calibrated, the HDUs of its file, and the instrument's PSF and LSF on its grid, with the
/// warnings the reader gave and a few more about the sampling of the spread functions.
public struct CubeInfo: Sendable {
    /// The cube as `fit` reads it (same overrides, defaults and variance rules).
    public let cube: Cube
    /// One line per HDU of the file ("HDU 2 'DATA': 3-D image 30×30×36").
    public let hdus: [String]
    /// The cube's `CTYPE3`: the header's, or the one `--ctype3` gave or galpak inferred for a
    /// missing or non-standard one (``Cube/wcsCards``); nil when absent.
    public let ctype3: String?
    /// The instrument, with its PSF and LSF (the PSF the cube's beam gives, when it does).
    public let instrument: Instrument
    /// Where the PSF comes from.
    public let psfOrigin: PSFOrigin
    /// The PSF and LSF as used (both set).
    public let psf: PointSpreadFunction, lsf: LineSpreadFunction
    /// The LSF FWHM in the cube's spectral unit; nil for no LSF.
    public let lsfFWHM: Double?
    /// Warnings: missing cards filled in, undersampled spread functions, a pixel scale far from
    /// the instrument's.
    public let warnings: [String]

    /// Reads `path` as `fit` would with `instrument` (whose PSF comes from `psfOrigin`: a
    /// header beam replaces the instrument's default, ``HeaderBeamPSF``) and `overrides`.
    /// - Throws: ``GalpakError`` (`.badInput`) when `fit` would refuse the cube or the instrument;
    ///   its message names the cube's file (see ``GalpakError/naming(_:)``).
    public init(path: String, variancePath: String? = nil, overrides: HeaderOverrides = .init(),
                instrument given: Instrument, psfOrigin: PSFOrigin = .instrument) throws {
        var warnings: [String] = []
        let cube = try CubeReader.read(path: path, variancePath: variancePath, overrides: overrides,
                                       defaults: given.defaults, warn: { warnings.append($0) })
        self.cube = cube
        hdus = try CubeImage.inventory(try FITSFile(reading: path))
        ctype3 = cube.wcsCards.first { $0.name.uppercased() == "CTYPE3" }?.text
        let (instrument, origin) = HeaderBeamPSF.resolve(given, origin: psfOrigin, cube: cube,
                                                         warn: { warnings.append($0) })
        self.instrument = instrument
        self.psfOrigin = origin
        // The spread functions on this cube's grid: an error says which cube.
        let (psf, lsf, lsfFWHM, lsfSigma) = try GalpakError.naming(path) {
            let psf = try instrument.requiredPSF()
            let lsf = try instrument.requiredLSF()
            _ = try Kernel3D(instrument: instrument, cube: cube)
            return (psf, lsf, try lsf.fwhm(spectral: cube.spectral, channels: cube.nz),
                    try lsf.sigmaChannels(spectral: cube.spectral, channels: cube.nz))
        }
        (self.psf, self.lsf, self.lsfFWHM) = (psf, lsf, lsfFWHM)

        if let fwhm = psf.fwhm, fwhm / cube.pixscale < 2 {
            warnings.append(String(format: "the PSF FWHM is %.2f pixels: undersampled (below 2 pixels)", fwhm / cube.pixscale))
        }
        if let sigma = lsfSigma, sigma < 0.5 {
            warnings.append(String(format: "the LSF σ is %.2f channels: the line profile is barely resolved", sigma))
        }
        if let nominal = instrument.defaults.pixscale, abs(nominal - cube.pixscale) > 0.1 * cube.pixscale {
            warnings.append("the cube's \(cube.pixscale)″ pixels differ by more than 10 % from \(instrument.name)'s "
                + "\(nominal)″: is --instrument right?")
        }
        self.warnings = warnings
    }

    /// The LSF FWHM in km/s (`|fwhm / CDELT3 · dv|`), nil for no LSF.
    public var lsfFWHMKms: Double? {
        lsfFWHM.map { abs($0 / cube.spectral.cdelt * cube.velocityStep) }
    }
}
