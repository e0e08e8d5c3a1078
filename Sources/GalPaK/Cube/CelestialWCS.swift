import CWCSLIB
import Foundation

/// The celestial part (FITS axes 1 and 2) of a cube's world coordinate system, through wcslib.
///
/// The header (cfitsio's `fits_hdr2str` of the data HDU) is parsed by `wcspih` with every
/// relaxation wcslib knows (`CROTAn`, `EPOCH`, `RADECSYS`, AIPS conventions), the primary
/// description's axes 1 and 2 are extracted with `wcssub`, mended by `wcsfix` as astropy does
/// (NCP → SIN with `PV2_1 = 0`, `PV2_2 = cot δ0`; `'DEG'` → `deg`; …) and set up by `wcsset`;
/// the `wcspih` result is freed with `wcsvfree`, the extracted copy with `wcsfree` when this
/// object goes. Any projection, CD or PC+CDELT (rotated, skewed, flipped) matrix and axis order
/// (x may be the latitude) is handled by wcslib.
///
/// Pixel coordinates here are galpak's: 0-based, `(x, y)` = (column, row); wcslib's 1-based
/// FITS pixel is `x + 1`. World coordinates are in degrees, in the header's own frame (no
/// conversion between frames).
public final class CelestialWCS: @unchecked Sendable {
    /// The frame of the longitude and latitude: for equatorial axes RADESYS as stated, else the
    /// FITS standard's default (`ICRS` without EQUINOX, `FK4` for EQUINOX < 1984, else `FK5`);
    /// `GALACTIC`, `ECLIPTIC`, `SUPERGALACTIC`, or `LON/LAT` (the CTYPE types) for other axes.
    public let frame: String
    /// The equinox in years (Besselian for FK4, Julian for FK5 and ecliptic axes): EQUINOX (or
    /// EPOCH) as stated, else the FITS standard's 1950 for FK4 and 2000 for FK5; nil for frames
    /// that have none (ICRS, galactic).
    public let equinox: Double?
    /// True when FITS axis 1 (x) is the longitude, false when it is the latitude.
    public let longitudeIsX: Bool

    private let wcs: UnsafeMutablePointer<wcsprm>
    private let lock = NSLock()

    /// wcslib's value for an undefined number (`UNDEFINED` in wcsmath.h).
    private static let undefined = 987654321.0e99

    /// The celestial WCS of a header, or nil when its axes 1 and 2 are not celestial
    /// (`LINEAR`, no CTYPE1/2, …). A header whose celestial description wcslib cannot use
    /// (a bad projection parameter, celestial axes tied to the spectral one) gives nil and a
    /// `warn` naming `path` and wcslib's reason: no sky coordinates are then invented.
    ///
    /// - Parameters:
    ///   - header: the header records (``FITSFile/headerRecords()``, which blanks the malformed
    ///     ones wcspih would overrun on), NUL-terminated.
    ///   - count: the number of 80-character records.
    public static func read(header: [CChar], count: Int, path: String,
                            warn: (String) -> Void) -> CelestialWCS? {
        var text = header
        var rejected: Int32 = 0
        var found: Int32 = 0
        var descriptions: UnsafeMutablePointer<wcsprm>?
        wcserr_enable(1)
        let parsed = wcspih(&text, Int32(count), WCSHDR_all, 0, &rejected, &found, &descriptions)
        defer { wcsvfree(&found, &descriptions) }
        guard parsed == 0, let descriptions,
              let primary = (0..<Int(found)).first(where: { descriptions[$0].alt.0 == 32 || descriptions[$0].alt.0 == 0 }),
              descriptions[primary].naxis >= 2 else { return nil }
        let celestial = UnsafeMutablePointer<wcsprm>.allocate(capacity: 1)
        celestial.initialize(to: wcsprm())
        celestial.pointee.flag = -1
        var axes: [Int32] = [1, 2]
        var kept: Int32 = 2
        let extracted = wcssub(1, descriptions + primary, &kept, &axes, celestial)
        var fixes = [Int32](repeating: 0, count: 16)
        if extracted == 0 { wcsfix(0, nil, celestial, &fixes) }
        let status = extracted == 0 ? wcsset(celestial) : extracted
        guard status == 0, celestial.pointee.lng >= 0, celestial.pointee.lat >= 0 else {
            if status != 0, looksCelestial(descriptions[primary]) {
                warn("\(path): the celestial WCS (CTYPE1/CTYPE2) cannot be used (wcslib: \(message(celestial, status))); "
                     + "the results are given in pixels only")
            }
            wcsfree(celestial)
            celestial.deallocate()
            return nil
        }
        return CelestialWCS(celestial)
    }

    private init(_ wcs: UnsafeMutablePointer<wcsprm>) {
        self.wcs = wcs
        longitudeIsX = wcs.pointee.lng == 0
        let type = Self.text(wcs.pointee.lngtyp)
        let stated = Self.text(wcs.pointee.radesys).uppercased()
        let equinox = wcs.pointee.equinox == Self.undefined ? nil : wcs.pointee.equinox
        switch type {
        case "RA":
            let frame = stated.isEmpty ? (equinox.map { $0 < 1984 ? "FK4" : "FK5" } ?? "ICRS") : stated
            self.frame = frame
            switch frame {
            case "FK4", "FK4-NO-E": self.equinox = equinox ?? 1950
            case "FK5": self.equinox = equinox ?? 2000
            case "ICRS": self.equinox = nil
            default: self.equinox = equinox
            }
        case "GLON":
            frame = "GALACTIC"
            self.equinox = nil
        case "ELON":
            frame = "ECLIPTIC"
            self.equinox = equinox ?? 2000
        case "SLON":
            frame = "SUPERGALACTIC"
            self.equinox = nil
        default:
            frame = "\(type)/\(Self.text(wcs.pointee.lattyp))"
            self.equinox = equinox
        }
    }

    deinit {
        wcsfree(wcs)
        wcs.deallocate()
    }

    /// The (longitude, latitude) in degrees of 0-based pixel `(x, y)`, longitude in [0, 360);
    /// nil where the projection has no sky (outside a SIN hemisphere, …).
    public func world(x: Double, y: Double) -> (longitude: Double, latitude: Double)? {
        var pixel = [x + 1, y + 1]
        var intermediate = [0.0, 0.0], world = [0.0, 0.0]
        var phi = 0.0, theta = 0.0
        var status: Int32 = 0
        let failed = lock.withLock {
            wcsp2s(wcs, 1, 2, &pixel, &intermediate, &phi, &theta, &world, &status)
        }
        guard failed == 0, status == 0 else { return nil }
        let (lng, lat) = (Int(wcs.pointee.lng), Int(wcs.pointee.lat))
        return (wrapDegrees(world[lng]), world[lat])
    }

    /// The 0-based pixel `(x, y)` of (`longitude`, `latitude`) in degrees; nil where the sky
    /// position has no pixel.
    public func pixel(longitude: Double, latitude: Double) -> (x: Double, y: Double)? {
        var world = [0.0, 0.0]
        world[Int(wcs.pointee.lng)] = longitude
        world[Int(wcs.pointee.lat)] = latitude
        var intermediate = [0.0, 0.0], pixel = [0.0, 0.0]
        var phi = 0.0, theta = 0.0
        var status: Int32 = 0
        let failed = lock.withLock {
            wcss2p(wcs, 1, 2, &world, &phi, &theta, &intermediate, &pixel, &status)
        }
        guard failed == 0, status == 0 else { return nil }
        return (pixel[0] - 1, pixel[1] - 1)
    }

    /// Whether `description`'s first two CTYPEs name celestial axes (`RA--`, `DEC-`, `xLON`,
    /// `xLAT`), so that a failure to set it up is worth a warning.
    private static func looksCelestial(_ description: wcsprm) -> Bool {
        guard let types = description.ctype else { return false }
        return (0..<2).contains { axis in
            let type = withUnsafeBytes(of: types[axis]) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            let kind = type.prefix(4)
            return ["RA--", "DEC-"].contains(kind) || kind.hasSuffix("LON") || kind.hasSuffix("LAT")
        }
    }

    /// wcslib's explanation of a failure.
    private static func message(_ wcs: UnsafeMutablePointer<wcsprm>, _ status: Int32) -> String {
        if let error = wcs.pointee.err, let text = error.pointee.msg, text.pointee != 0 {
            return String(cString: text)
        }
        return "status \(status)"
    }

    /// A C character array as a Swift string, up to its first NUL.
    private static func text<T>(_ chars: T) -> String {
        withUnsafeBytes(of: chars) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            .trimmingCharacters(in: .whitespaces)
    }
}
