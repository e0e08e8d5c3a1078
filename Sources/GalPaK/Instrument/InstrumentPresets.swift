/// The named instruments of the reference, with its default PSF, LSF and header values.
///
/// To add one, define a static property and list it in ``presets``.
extension Instrument {
    /// MUSE in wide-field mode, the default: 0.2"/px, 1.25 Å channels, CRVAL3 6564 Å,
    /// round Gaussian PSF of FWHM 1.0", MUSE LSF (``LineSpreadFunction/muse``).
    public static let museWFM = muse(named: "musewfm", pixscale: 0.2)

    /// MUSE in narrow-field mode: as ``museWFM`` with 0.025"/px.
    public static let museNFM = muse(named: "musenfm", pixscale: 0.025)

    /// The reference's generic `MUSE` instrument: identical to ``museWFM``.
    public static let muse = muse(named: "muse", pixscale: 0.2)

    /// The default instrument, ``museWFM``.
    public static let `default` = museWFM

    /// Every named instrument, in the order they are listed to the user.
    public static let presets: [Instrument] = [museWFM, museNFM, muse]

    /// The preset called `name` (case-insensitive), or nil.
    public static func preset(named name: String) -> Instrument? {
        let key = name.lowercased()
        return presets.first { $0.name == key }
    }

    private static func muse(named name: String, pixscale: Double) -> Instrument {
        Instrument(
            name: name,
            psf: .gaussian(fwhm: 1.0),
            lsf: .muse,
            defaults: AxisDefaults(instrument: name, pixscale: pixscale, cdelt3: 1.25,
                                   crval3: 6564, cunit3: .angstrom))
    }
}
