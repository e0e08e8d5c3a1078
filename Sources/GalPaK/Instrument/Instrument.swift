/// An instrument: how it blurs a cube (PSF and LSF) and what it assumes about a cube whose
/// header lacks calibration cards (``AxisDefaults``).
///
/// Named presets live in ``Instrument/presets``; command-line choices of PSF and LSF are
/// applied with ``SpreadFunctionChoice``, an INI instrument file is read by ``InstrumentFile``.
public struct Instrument: Sendable, Equatable {
    /// Lower-case preset name (`musewfm`, `kmos`, …), as typed on the command line.
    public var name: String
    /// The spatial point spread function; nil when the instrument has no default (HARMONI,
    /// generic) and the user must give one.
    public var psf: PointSpreadFunction?
    /// The line spread function; nil when the instrument has no default (HARMONI, generic).
    public var lsf: LineSpreadFunction?
    /// Header values used when the cube lacks them.
    public var defaults: AxisDefaults

    public init(name: String, psf: PointSpreadFunction?, lsf: LineSpreadFunction?, defaults: AxisDefaults) {
        self.name = name
        self.psf = psf
        self.lsf = lsf
        self.defaults = defaults
    }

    /// The same instrument with the PSF's FWHM replaced by `fwhm` arcsec (shape, axis ratio and
    /// orientation kept; see ``PointSpreadFunction/withFWHM(_:)``); a round Gaussian when the
    /// instrument has no PSF.
    public func withSeeing(_ fwhm: Double) -> Instrument {
        var copy = self
        copy.psf = psf?.withFWHM(fwhm) ?? .gaussian(fwhm: fwhm)
        return copy
    }

    /// The FITS file the PSF image was read from (`--psf FILE.fits`), if the PSF is one.
    public var psfImageFile: String? {
        if case .image(let image)? = psf { return image.path }
        return nil
    }

    /// The PSF, or an error saying how to give one.
    public func requiredPSF() throws -> PointSpreadFunction {
        guard let psf else {
            throw GalpakError(.badInput, "instrument \(name) has no default PSF; give --seeing (FWHM in arcsec), "
                + "--psf moffat with --moffat-beta, --psf FILE.fits or --psf none")
        }
        return psf
    }

    /// The LSF, or an error saying how to give one.
    public func requiredLSF() throws -> LineSpreadFunction {
        guard let lsf else {
            throw GalpakError(.badInput, "instrument \(name) has no default LSF; give --lsf-fwhm "
                + "(FWHM in the cube's spectral unit) or --lsf none")
        }
        return lsf
    }
}
