import Foundation

/// The reference's INI description of an instrument (`PREFIX_instrument.txt`, reference §8):
/// written by `fit`, read by `--instrument-file`.
///
///     [INSTRUMENT] :
///       type = MUSEWFM
///       pixscale = 0.2 "
///
///     [PSF] :
///       type = Gaussian
///       fwhm         = 0.8 "
///       pa           = 0.0 °
///       ba           = 1.0
///     [LSF] :
///       type = Gaussian
///       fwhm = 2.5377087111718755  Angstrom
///
///     cube_xy_step   = 0.2 "
///     …
///
/// Reading follows the reference's `_read_instrument` (Python `configparser`): `key = value`
/// (or `key : value`) lines in `[SECTION]`s, keys case-insensitive and optionally prefixed
/// `psf_`/`lsf_`, a number being the first word of its value. `[INSTRUMENT]` `type` is a preset
/// name (missing section: `muse`) and `pixscale` its default pixel scale; `[PSF]` `type` is
/// `gaussian` (fwhm, pa = 0, ba = 1), `moffat` (beta and alpha or fwhm, pa, ba), `custom`
/// (`image_psf` = a FITS image, relative paths tried from the working directory then from the
/// file's) or `none`; `[LSF]` `type` is `gaussian` (fwhm, in the unit written after it, else the
/// cube's) or `none`. A missing `[PSF]` or `[LSF]` keeps the instrument's.
public enum InstrumentFile {
    /// Reads the instrument described in the file at `path`.
    /// - Throws: ``GalpakError`` (`.badInput`) naming the file and the problem.
    public static func read(path: String) throws -> Instrument {
        let data = try InputFile.contents(path, what: "an instrument file")
        guard !data.isEmpty else { throw GalpakError.badInput(path, "is empty (0 bytes), not an instrument file") }
        let sections = parse(String(decoding: data, as: UTF8.self))
        guard !Set(sections.keys).isDisjoint(with: knownSections) else {
            throw GalpakError.badInput(path, "is not an instrument file: it has no "
                + knownSections.map { "[\($0)]" }.joined(separator: ", ") + " section (the layout of a fit's PREFIX_instrument.txt)")
        }
        var instrument = Instrument.muse
        if let section = sections["INSTRUMENT"] {
            guard let type = section["type"]?.lowercased() else {
                throw GalpakError.badInput(path, "[INSTRUMENT] has no type; give one of "
                    + Instrument.presets.map(\.name).joined(separator: ", "))
            }
            guard let preset = Instrument.preset(named: type) else {
                throw GalpakError.badInput(path, "[INSTRUMENT] type = \(type) is not an instrument galpak knows ("
                    + Instrument.presets.map(\.name).joined(separator: ", ") + ")")
            }
            instrument = preset
            if let scale = try number(section, "pixscale", "INSTRUMENT", path, range: PlausibleRanges.pixelScales) {
                instrument.defaults.pixscale = scale
            }
        }
        if let section = sections["PSF"] { instrument.psf = try psf(section, path) }
        if let section = sections["LSF"] { instrument.lsf = try lsf(section, path) }
        return instrument
    }

    /// The file's text for `instrument` used on `cube` (the reference's `Instrument.__str__`),
    /// with the LSF's FWHM in the cube's unit.
    public static func text(instrument: Instrument, cube: Cube) throws -> String {
        let axis = cube.spectral
        let unit = axis.unit.rawValue
        let f = PythonFloat.repr
        let psfText: String
        switch try instrument.requiredPSF() {
        case let .gaussian(fwhm, ba, pa):
            psfText = "  type = Gaussian\n  fwhm         = \(f(fwhm)) \"\n  pa           = \(f(pa)) °\n  ba           = \(f(ba))"
        case let .moffat(alpha, beta, ba, pa):
            let fwhm = PointSpreadFunction.moffat(alpha: alpha, beta: beta).fwhm ?? .nan
            psfText = "  type = Moffat\n  fwhm         = \(f(fwhm)) \"\n  alpha        = \(f(alpha)) \"\n"
                + "  beta         = \(f(beta))  \n  pa           = \(f(pa)) °\n  ba           = \(f(ba))"
        case let .image(image):
            psfText = "  type = custom\n  image_psf = \(image.path)"
        case .none:
            psfText = "  type = none"
        }
        let lsfText: String
        if let fwhm = try instrument.requiredLSF().fwhm(spectral: axis, channels: cube.nz) {
            lsfText = "  type = Gaussian\n  fwhm = \(f(fwhm))  \(unit) \n"
        } else {
            lsfText = "  type = none\n"
        }
        return """
            [INSTRUMENT] :
              type = \(instrument.referenceClassName)
              pixscale = \(f(cube.pixscale)) "

            [PSF] :
            \(psfText)
            [LSF] :
            \(lsfText)
            cube_xy_step   = \(f(cube.pixscale)) "
            cube_z_step    = \(f(axis.cdelt)) \(unit)

            cube z_step_kms = \(f(cube.velocityStep)) km/s  at \(f(axis.centralValue(channels: cube.nz))) \(unit)


            """
    }

    // MARK: - Reading

    /// The sections a file must have at least one of.
    static let knownSections = ["INSTRUMENT", "PSF", "LSF"]

    /// Sections (upper-cased names) of `key → value` (lower-cased keys, trimmed values).
    static func parse(_ text: String) -> [String: [String: String]] {
        var sections: [String: [String: String]] = [:]
        var current: String?
        for raw in text.components(separatedBy: .newlines) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("["), let close = line.lastIndex(of: "]") {
                let name = line[line.index(after: line.startIndex)..<close].trimmingCharacters(in: .whitespaces).uppercased()
                if sections[name] == nil { sections[name] = [:] }
                current = name
                continue
            }
            guard let current, let separator = line.firstIndex(where: { $0 == "=" || $0 == ":" }) else { continue }
            let key = line[..<separator].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: separator)...].trimmingCharacters(in: .whitespaces)
            sections[current]![key] = value
        }
        return sections
    }

    /// `key` (or `prefix_key`) of `section`.
    private static func value(_ section: [String: String], _ key: String, prefix: String) -> String? {
        section[key] ?? section["\(prefix)_\(key)"]
    }

    /// The first word of `key`'s value as a number; nil when absent.
    /// - Throws: when it is not a number, or not in `range` (see ``SpreadFunctionChoice``'s ranges).
    private static func number(_ section: [String: String], _ key: String, _ name: String,
                               _ path: String, range: ValidRange = .finite()) throws -> Double? {
        guard let text = value(section, key, prefix: name.lowercased()) else { return nil }
        let word = text.split(separator: " ").first.map(String.init) ?? ""
        guard let v = Double(word), v.isFinite else {
            throw GalpakError.badInput(path, "[\(name)] \(key) = \(text) is not a number")
        }
        try GalpakError.naming(path) { try range.check(v, "[\(name)] \(key)") }
        return v
    }

    private static func psf(_ section: [String: String], _ path: String) throws -> PointSpreadFunction {
        let type = value(section, "type", prefix: "psf")?.lowercased() ?? ""
        let width = SpreadFunctionChoice.seeingRange
        let num = { (key: String, range: ValidRange) in try number(section, key, "PSF", path, range: range) }
        let pa = try num("pa", SpreadFunctionChoice.angleRange) ?? 0
        let ba = try num("ba", SpreadFunctionChoice.axisRatioRange) ?? 1
        switch type {
        case "gaussian":
            guard let fwhm = try num("fwhm", width) else {
                throw GalpakError.badInput(path, "[PSF] type = gaussian needs a fwhm (arcsec)")
            }
            return .gaussian(fwhm: fwhm, ba: ba, pa: pa)
        case "moffat":
            guard let beta = try num("beta", SpreadFunctionChoice.moffatBetaRange) else {
                throw GalpakError.badInput(path, "[PSF] type = moffat needs a beta")
            }
            if let alpha = try num("alpha", width) { return .moffat(alpha: alpha, beta: beta, ba: ba, pa: pa) }
            guard let fwhm = try num("fwhm", width) else {
                throw GalpakError.badInput(path, "[PSF] type = moffat needs alpha or fwhm (arcsec)")
            }
            return .moffat(fwhm: fwhm, beta: beta, ba: ba, pa: pa)
        case "custom":
            guard let image = value(section, "image_psf", prefix: "psf") else {
                throw GalpakError.badInput(path, "[PSF] type = custom needs image_psf = FILE.fits")
            }
            return .image(try PSFImage.read(path: resolve(image, relativeTo: path)))
        case "none":
            return .none
        default:
            throw GalpakError.badInput(path, "[PSF] type = '\(type)' is not supported; use gaussian, moffat, custom or none")
        }
    }

    private static func lsf(_ section: [String: String], _ path: String) throws -> LineSpreadFunction {
        let type = value(section, "type", prefix: "lsf")?.lowercased() ?? ""
        switch type {
        case "gaussian":
            guard let fwhm = try number(section, "fwhm", "LSF", path), fwhm != 0 else {
                throw GalpakError.badInput(path, "[LSF] type = gaussian needs a non-zero fwhm")
            }
            let words = value(section, "fwhm", prefix: "lsf")?.split(separator: " ") ?? []
            let unit = words.count > 1 ? SpectralUnit(fits: String(words[1])) : nil
            return .gaussian(fwhm: abs(fwhm), unit: unit)
        case "none":
            return .none
        default:
            throw GalpakError.badInput(path, "[LSF] type = '\(type)' is not supported; use gaussian or none")
        }
    }

    /// `file` as given when it exists, else relative to the directory of `reference`.
    private static func resolve(_ file: String, relativeTo reference: String) -> String {
        if file.hasPrefix("/") || FileManager.default.fileExists(atPath: file) { return file }
        let dir = (reference as NSString).deletingLastPathComponent
        return dir.isEmpty ? file : (dir as NSString).appendingPathComponent(file)
    }
}
