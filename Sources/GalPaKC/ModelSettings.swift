import GalPaK

/// What a model handle is made with, read from its options (``OptionsObject``): the instrument
/// and its spread functions, the disk model, the header values that complete or replace the
/// cube's, and for a cube the variance and the statistic. Each option means what the `galpak
/// fit` option of the same name means, checked by the same library types (``Instrument``,
/// ``SpreadFunctionChoice``, ``ModelConfiguration``, ``HeaderOverrides``, ``ChiStatistic``).
struct ModelSettings {
    /// The instrument with the chosen PSF and LSF.
    var instrument: Instrument
    /// Whether the PSF was chosen by an option (then a cube's header beam does not replace it).
    var psfOrigin: PSFOrigin
    var model: ModelConfiguration
    var overrides: HeaderOverrides
    /// A variance cube (`variance`), for a handle made from a cube.
    var variancePath: String?
    var statistic: ChiStatistic

    /// The instrument options (`galpak fit` Instrument group).
    static let instrumentOptions = ["instrument", "instrument-file", "psf", "seeing", "psf-ba", "psf-pa",
                                    "moffat-beta", "moffat-alpha", "lsf", "lsf-fwhm"]
    /// The options that choose the PSF: any of them makes the PSF the options' choice.
    static let psfOptions: Set<String> = ["psf", "seeing", "psf-ba", "psf-pa", "moffat-beta", "moffat-alpha"]
    /// The model options (`galpak fit` Model group).
    static let modelOptions = ["flux-profile", "rotation-curve", "thickness", "dispersion", "aspect",
                               "line", "line-ratio", "z-line", "lines", "doublet", "radial-flow", "bisymmetric"]
    /// The header options (`galpak fit` Cube group).
    static let headerOptions = ["crval3", "crpix3", "cdelt3", "cunit3", "pixscale"]
    /// The options of a handle made from a cube only: the axis type replaces the file's, the
    /// variance and statistic make its χ².
    static let cubeOptions = ["ctype3", "variance", "chi-stat"]

    /// The settings in `options`; `cube` says whether the handle reads a cube (which allows
    /// ``cubeOptions``).
    /// - Throws: ``GalpakError`` `.badInput` naming the option for an unknown option or an
    ///   invalid value or combination.
    init(_ options: OptionsObject, cube: Bool) throws {
        try options.refuseUnused(known: Self.instrumentOptions + Self.modelOptions + Self.headerOptions
                                 + (cube ? Self.cubeOptions : []))
        instrument = try Self.instrument(options)
        psfOrigin = !options.names.isDisjoint(with: Self.psfOptions) ? .options
            : options.has("instrument-file") ? .instrumentFile : .instrument
        model = try Self.model(options)
        overrides = HeaderOverrides(ctype3: try options.text("ctype3"), crval3: try options.number("crval3"),
                                    crpix3: try options.number("crpix3"), cdelt3: try options.number("cdelt3"),
                                    cunit3: try options.choice("cunit3", SpectralUnit.self),
                                    pixscale: try options.number("pixscale"))
        try overrides.check()
        variancePath = try options.text("variance")
        statistic = try options.choice("chi-stat", ChiStatistic.self) ?? .gaussian
    }

    /// The preset (or instrument file) with the PSF and LSF options applied.
    private static func instrument(_ options: OptionsObject) throws -> Instrument {
        let base: Instrument
        if let file = try options.text("instrument-file") {
            guard !options.has("instrument") else {
                throw GalpakError(.badInput, "give either instrument or instrument_file, not both")
            }
            base = try InstrumentFile.read(path: file)
        } else if let name = try options.text("instrument") {
            guard let preset = Instrument.preset(named: name) else {
                throw GalpakError(.badInput, "unknown instrument '\(name)' (valid: \(Instrument.presets.map(\.name).joined(separator: ", ")))"
                    .escapingControlCharacters())
            }
            base = preset
        } else {
            base = FitDefaults.instrument
        }
        let choice = SpreadFunctionChoice(
            psf: try options.text("psf"), seeing: try options.number("seeing"), psfBA: try options.number("psf-ba"),
            psfPA: try options.number("psf-pa"), moffatBeta: try options.number("moffat-beta"),
            moffatAlpha: try options.number("moffat-alpha"),
            lsf: try options.choice("lsf", SpreadFunctionChoice.LSFProfile.self)?.name,
            lsfFWHM: try options.number("lsf-fwhm"))
        return try choice.applied(to: base)
    }

    /// The disk model: profiles, aspect ratio, doublet or set of lines, non-circular motions.
    private static func model(_ options: OptionsObject) throws -> ModelConfiguration {
        let aspect = try options.number("aspect") ?? ModelDefaults.aspect
        try ModelConfiguration.aspectRange.check(aspect, "aspect")
        let configuration = ModelConfiguration(
            fluxProfile: try options.choice("flux-profile", FluxProfile.self) ?? ModelDefaults.fluxProfile,
            rotationCurve: try options.choice("rotation-curve", RotationCurve.self) ?? ModelDefaults.rotationCurve,
            thickness: try options.choice("thickness", ThicknessProfile.self) ?? ModelDefaults.thickness,
            dispersion: try options.choice("dispersion", DispersionProfile.self) ?? ModelDefaults.dispersion,
            aspect: aspect, line: try doublet(options), lines: try lineSet(options),
            motions: NonCircularMotions(radial: try options.flag("radial-flow"), bisymmetric: try options.flag("bisymmetric")))
        if let problem = configuration.problem { throw GalpakError(.badInput, problem) }
        return configuration
    }

    /// The reference's doublet `doublet` (a known one), or nil.
    private static func doublet(_ options: OptionsObject) throws -> LineDoublet? {
        guard let name = try options.text("doublet") else { return nil }
        guard name.lowercased() == "oii" else {
            throw GalpakError(.badInput, "unknown doublet '\(name)': the known doublet is oii (or give lines or line)".escapingControlCharacters())
        }
        guard !options.has("line"), !options.has("lines") else {
            throw GalpakError(.badInput, "give either doublet, lines or line, not two of them")
        }
        return .oii
    }

    /// The set of lines of `lines` (a named set) or `line`, `line_ratio` and `z_line`, as
    /// `galpak fit` reads them (``LineSet/parse(waves:ratios:zLine:)``); nil for one line.
    private static func lineSet(_ options: OptionsObject) throws -> LineSet? {
        let zLine = try options.list("z-line")
        if let name = try options.text("lines") {
            guard !options.has("line"), !options.has("line-ratio") else {
                throw GalpakError(.badInput, "give either lines or line (with line_ratio), not both")
            }
            guard let set = NamedLineSets.named(name) else {
                throw GalpakError(.badInput, "unknown lines '\(name)': the sets are \(NamedLineSets.names.joined(separator: ", "))".escapingControlCharacters())
            }
            return try zLine.map { try LineSet(lines: set.lines, zLine: $0) } ?? set
        }
        guard let waves = try options.list("line") else {
            if options.has("line-ratio") { throw GalpakError(.badInput, "line_ratio needs line") }
            if zLine != nil { throw GalpakError(.badInput, "z_line needs line or lines") }
            return nil
        }
        return try LineSet.parse(waves: waves, ratios: try options.list("line-ratio"), zLine: zLine)
    }
}
