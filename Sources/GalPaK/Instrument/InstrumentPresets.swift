/// The named instruments of the reference (GalPaK3D 1.35 `instruments.py`), with its default
/// PSF, LSF and header values (reference §3.3). PSFs are Gaussians with FWHM in arcsec, `pa`
/// anticlockwise from +y and axis ratio `ba`; LSF widths carry their unit and are converted to
/// the cube's (the reference assumes the cube uses the instrument's unit).
///
/// | name | pixel (″) | CDELT3 | CRVAL3 | unit | PSF FWHM, ba, pa | LSF FWHM |
/// |---|---|---|---|---|---|---|
/// | musewfm, muse | 0.2 | 1.25 | 6564 | Angstrom | 1.0, 1, 0 | MUSE formula |
/// | musenfm | 0.025 | 1.25 | 6564 | Angstrom | 1.0, 1, 0 | MUSE formula |
/// | kmos | 0.2 | 0.0002 | – | um | 0.6, 0.8, 90 | 0.00065 um |
/// | sinfok250 / sinfok100 | 0.125 / 0.05 | 2.45e-4 | 2.20 | um | 1.2, 0.8, 90 | 0.00065 um |
/// | sinfoh250 | 0.125 | 1.95e-4 | 1.50 | um | 1.2, 0.8, 90 | 0.00078 um |
/// | sinfoj250 / sinfoj100 | 0.125 / 0.05 | 1.45e-4 | 1.20 | um | 1.2, 0.8, 90 | 0.00065 um |
/// | osiris | 0.035 | 0.25e-4 | 1.99 | um | 0.091, 1, 0 | 2.5 channels |
/// | alma | – | – | – | Hz | 1.2, 1, 0 | 1 channel |
/// | harmoni | – | – | – | um | required | required |
/// | generic | – | – | – | – | required | required |
///
/// "–": no default, the cube's header (or a command-line override) must give it.
extension Instrument {
    /// MUSE in wide-field mode, the default.
    public static let museWFM = muse(named: "musewfm", pixscale: 0.2)
    /// MUSE in narrow-field mode: as ``museWFM`` with 0.025"/px.
    public static let museNFM = muse(named: "musenfm", pixscale: 0.025)
    /// The reference's generic `MUSE` instrument: identical to ``museWFM``.
    public static let muse = muse(named: "muse", pixscale: 0.2)

    /// ESO VLT KMOS.
    public static let kmos = Instrument(
        name: "kmos", psf: .gaussian(fwhm: 0.6, ba: 0.8, pa: 90), lsf: .gaussian(fwhm: 0.00065, unit: .micron),
        defaults: AxisDefaults(instrument: "kmos", pixscale: 0.2, cdelt3: 0.0002, cunit3: .micron))
    /// SINFONI, K band, 250 mas field.
    public static let sinfoK250 = sinfoni("sinfok250", pixscale: 0.125, cdelt3: 2.45e-4, crval3: 2.20, lsf: 0.00065)
    /// SINFONI, K band, 100 mas field.
    public static let sinfoK100 = sinfoni("sinfok100", pixscale: 0.05, cdelt3: 2.45e-4, crval3: 2.20, lsf: 0.00065)
    /// SINFONI, H band, 250 mas field.
    public static let sinfoH250 = sinfoni("sinfoh250", pixscale: 0.125, cdelt3: 1.95e-4, crval3: 1.50, lsf: 0.00078)
    /// SINFONI, J band, 250 mas field.
    public static let sinfoJ250 = sinfoni("sinfoj250", pixscale: 0.125, cdelt3: 1.45e-4, crval3: 1.20, lsf: 0.00065)
    /// SINFONI, J band, 100 mas field.
    public static let sinfoJ100 = sinfoni("sinfoj100", pixscale: 0.05, cdelt3: 1.45e-4, crval3: 1.20, lsf: 0.00065)
    /// Keck OSIRIS: the LSF is 2.5 channels wide whatever the cube (the reference sets it to
    /// 2.5 × CDELT3 when it reads the cube).
    public static let osiris = Instrument(
        name: "osiris", psf: .gaussian(fwhm: 0.091), lsf: .gaussianChannels(2.5),
        defaults: AxisDefaults(instrument: "osiris", pixscale: 0.035, cdelt3: 0.25e-4, crval3: 1.99, cunit3: .micron))
    /// ALMA: pixel scale and spectral axis from the cube, LSF one channel wide.
    public static let alma = Instrument(
        name: "alma", psf: .gaussian(fwhm: 1.2), lsf: .gaussianChannels(1),
        defaults: AxisDefaults(instrument: "alma", cunit3: .hertz))
    /// ELT HARMONI: PSF and LSF must be given (`--seeing`, `--lsf-fwhm`).
    public static let harmoni = Instrument(
        name: "harmoni", psf: nil, lsf: nil, defaults: AxisDefaults(instrument: "harmoni", cunit3: .micron))
    /// Any other instrument: no defaults at all; PSF, LSF and any missing header value must be given.
    public static let generic = Instrument(
        name: "generic", psf: nil, lsf: nil, defaults: AxisDefaults(instrument: "generic"))

    /// Every named instrument, in the order they are listed to the user.
    public static let presets: [Instrument] = [
        museWFM, museNFM, muse, kmos, sinfoJ250, sinfoJ100, sinfoH250, sinfoK250, sinfoK100, osiris,
        harmoni, alma, generic,
    ]

    /// The preset called `name` (case-insensitive), or nil.
    public static func preset(named name: String) -> Instrument? {
        let key = name.lowercased()
        return presets.first { $0.name == key }
    }

    /// The reference's class name for this instrument (`MUSEWFM`, `SINFOK250`, `Generic`), as
    /// written in the `type` of an instrument file.
    public var referenceClassName: String {
        name == "generic" ? "Generic" : name.uppercased()
    }

    private static func muse(named name: String, pixscale: Double) -> Instrument {
        Instrument(
            name: name,
            psf: .gaussian(fwhm: 1.0),
            lsf: .muse,
            defaults: AxisDefaults(instrument: name, pixscale: pixscale, cdelt3: 1.25,
                                   crval3: 6564, cunit3: .angstrom))
    }

    private static func sinfoni(_ name: String, pixscale: Double, cdelt3: Double, crval3: Double,
                                lsf: Double) -> Instrument {
        Instrument(
            name: name, psf: .gaussian(fwhm: 1.2, ba: 0.8, pa: 90), lsf: .gaussian(fwhm: lsf, unit: .micron),
            defaults: AxisDefaults(instrument: name, pixscale: pixscale, cdelt3: cdelt3, crval3: crval3,
                                   cunit3: .micron))
    }
}
