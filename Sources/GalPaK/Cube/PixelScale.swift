import Foundation

/// The spatial pixel scale (arcsec per pixel) of a cube, from its header, the user's override or
/// the instrument's default.
enum PixelScale {
    /// Largest accepted relative difference between the x and y pixel sizes. The reference
    /// rejects |(|y step|) − (|x step|)| > 1e-2 in header units, which never triggers for steps in
    /// degrees and is 5 % of a 0.2″ pixel in arcsec; a relative 1 % means the same in every unit.
    static let squareTolerance = 0.01

    /// Precedence: `overrides.pixscale` (silent, header not consulted) → header → instrument
    /// default (warning) → error asking for `--pixscale`.
    ///
    /// Header steps: the columns of the CD matrix (`hypot(CD1_1, CD2_1)` for x,
    /// `hypot(CD1_2, CD2_2)` for y) when any CD1_1…CD2_2 card exists, else `CDELTi·PCi_j` the same
    /// way (PC defaults to the identity; CROTA does not change lengths). Each world axis is
    /// converted to arcsec with its CUNITi (deg, arcmin, arcsec, mas, rad); a missing CUNITi means
    /// deg for a celestial CTYPEi (RA--, DEC-, GLON, GLAT, ELON, ELAT, …) and "unknown" otherwise,
    /// in which case the header is not used. The scale is the y step, as in the reference; pixels
    /// whose x and y sizes differ by more than ``squareTolerance`` are rejected.
    static func resolve(header: FITSHeader, overrides: HeaderOverrides, defaults: AxisDefaults,
                        warn: (String) -> Void) throws -> Double {
        let path = header.path
        if let v = overrides.pixscale {
            guard v.isFinite, v > 0 else {
                throw GalpakError.badInput(path, "--pixscale \(v) must be a positive number of arcsec")
            }
            return v
        }
        if let steps = try headerSteps(header) {
            let (x, y) = (steps.x, steps.y)
            if let x, abs(y - x) > squareTolerance * max(x, y) {
                throw GalpakError.badInput(path, "pixels are not square (x step \(String(format: "%.4g", x))″, "
                    + "y step \(String(format: "%.4g", y))″); "
                    + "galpak models square spaxels: resample the cube, or give --pixscale to force a scale")
            }
            return y
        }
        if let v = defaults.pixscale {
            warn("\(path): no usable spatial pixel scale in the header (CDELT1/2, CD matrix, CUNIT1/2): "
                 + "using \(defaults.instrument)'s \(v)″ per pixel")
            return v
        }
        throw GalpakError.badInput(path, "no spatial pixel scale in the header (CDELT1/2 or CD matrix with "
            + "CUNIT1/2) and instrument \(defaults.instrument) has no default; give --pixscale (arcsec per pixel)")
    }

    /// The (x, y) pixel sizes in arcsec the header states (x may be unknown), nil when it
    /// states no usable y step.
    static func headerSteps(_ h: FITSHeader) throws -> (x: Double?, y: Double)? {
        guard let f1 = arcsecPerUnit(h, axis: 1) ?? arcsecPerUnit(h, axis: 2),
              let f2 = arcsecPerUnit(h, axis: 2) ?? arcsecPerUnit(h, axis: 1) else { return nil }
        // m[i][j]: change of world axis i+1 per pixel along axis j+1, in arcsec.
        var m: [[Double?]] = [[nil, nil], [nil, nil]]
        let cdNames = ["CD1_1", "CD1_2", "CD2_1", "CD2_2"]
        if cdNames.contains(where: h.has) {
            for i in 0..<2 { for j in 0..<2 { m[i][j] = (try h.double("CD\(i + 1)_\(j + 1)")) ?? 0 } }
        } else {
            let cdelt = [try h.double("CDELT1"), try h.double("CDELT2")]
            guard cdelt[0] != nil || cdelt[1] != nil else { return nil }
            for i in 0..<2 {
                for j in 0..<2 {
                    let pc = try h.double("PC\(i + 1)_\(j + 1)") ?? (i == j ? 1 : 0)
                    m[i][j] = cdelt[i].map { $0 * pc } ?? (pc == 0 ? 0 : nil)
                }
            }
        }
        let factors = [f1, f2]
        func column(_ j: Int) -> Double? {
            guard let a = m[0][j], let b = m[1][j] else { return nil }
            let length = hypot(a * factors[0], b * factors[1])
            return length > 0 ? length : nil
        }
        let (x, yColumn) = (column(0), column(1))
        guard let y = yColumn ?? x else { return nil }
        return (yColumn == nil ? nil : x, y)
    }

    /// Arcsec per header unit of world axis `axis`, nil when the unit is unknown.
    private static func arcsecPerUnit(_ h: FITSHeader, axis: Int) -> Double? {
        if let unit = h.string("CUNIT\(axis)") {
            switch unit.lowercased() {
            case "deg", "degree", "degrees": return 3600
            case "arcmin", "amin": return 60
            case "arcsec", "asec", "arcsecond", "arcseconds", "\"": return 1
            case "mas", "milliarcsec": return 1e-3
            case "rad", "radian", "radians": return 180 / .pi * 3600
            default: return nil
            }
        }
        guard let ctype = h.string("CTYPE\(axis)")?.uppercased() else { return nil }
        let celestial = ["RA", "DEC", "GLON", "GLAT", "ELON", "ELAT", "SLON", "SLAT", "HLN", "HLT"]
        let kind = ctype.split(separator: "-").first.map(String.init) ?? ctype
        return celestial.contains(kind) || kind.hasSuffix("LON") || kind.hasSuffix("LAT") ? 3600 : nil
    }
}
