/// An instrument: how it blurs a cube (PSF and LSF) and what it assumes about a cube whose
/// header lacks calibration cards (``AxisDefaults``).
///
/// Named presets live in ``Instrument/presets``; the command line's `--seeing` and LSF FWHM
/// options are applied with ``withSeeing(_:)`` and ``withLSF(fwhm:)``.
public struct Instrument: Sendable, Equatable {
    /// Lower-case preset name (`musewfm`, …), as typed on the command line.
    public var name: String
    /// The spatial point spread function.
    public var psf: PointSpreadFunction
    /// The line spread function.
    public var lsf: LineSpreadFunction
    /// Header values used when the cube lacks them.
    public var defaults: AxisDefaults

    public init(name: String, psf: PointSpreadFunction, lsf: LineSpreadFunction, defaults: AxisDefaults) {
        self.name = name
        self.psf = psf
        self.lsf = lsf
        self.defaults = defaults
    }

    /// The same instrument with the PSF's FWHM replaced by `fwhm` arcsec (shape, axis ratio and
    /// orientation kept; see ``PointSpreadFunction/withFWHM(_:)``).
    public func withSeeing(_ fwhm: Double) -> Instrument {
        var copy = self
        copy.psf = psf.withFWHM(fwhm)
        return copy
    }

    /// The same instrument with a Gaussian LSF of FWHM `fwhm`, in the cube's CUNIT3 units.
    public func withLSF(fwhm: Double) -> Instrument {
        var copy = self
        copy.lsf = .gaussian(fwhm: fwhm)
        return copy
    }
}
