import Foundation

/// The beam a radio cube's header states: `BMAJ`, `BMIN` (FWHM of the major and minor axes,
/// degrees in the header) and `BPA` (position angle of the major axis, degrees east of north).
///
/// The sizes are kept in arcsec rounded to ``significantDigits`` significant digits: radio
/// packages write them from single-precision values (7″ is stored as 1.94444449153E-03°, i.e.
/// 7.00000017″), and a beam is never known better than that.
public struct HeaderBeam: Sendable, Equatable {
    /// Significant digits kept of BMAJ and BMIN in arcsec.
    public static let significantDigits = 6
    /// The keywords, written back on the outputs at the data's resolution.
    public static let keywords = ["BMAJ", "BMIN", "BPA"]

    /// FWHM of the major axis, arcsec.
    public var major: Double
    /// FWHM of the minor axis, arcsec (≤ ``major``).
    public var minor: Double
    /// Position angle of the major axis, degrees east of north (0 without BPA).
    public var positionAngle: Double

    public init(major: Double, minor: Double, positionAngle: Double) {
        self.major = major
        self.minor = minor
        self.positionAngle = positionAngle
    }

    /// The beam `header` states, nil without BMAJ. BMIN defaults to BMAJ (a round beam) and
    /// BPA to 0; BMAJ and BMIN are swapped when BMIN is the larger.
    /// - Throws: ``GalpakError`` `.badInput` when BMAJ, BMIN or BPA is not a number, or a size
    ///   is not positive or above a degree.
    init?(header: FITSHeader) throws {
        guard let bmaj = try header.double("BMAJ") else { return nil }
        let bmin = try header.double("BMIN") ?? bmaj
        for (name, value) in [("BMAJ", bmaj), ("BMIN", bmin)] where !(value > 0 && value <= 1) {
            throw GalpakError.badInput(header.path, "\(name) = \(value) is not a beam size (degrees, above 0 and at most 1); "
                + "fix the header, or give --seeing to choose the PSF")
        }
        let sizes = [bmaj, bmin].map { Self.rounded($0 * 3600) }
        self.init(major: sizes.max()!, minor: sizes.min()!,
                  positionAngle: (try header.double("BPA") ?? 0) + (bmin > bmaj ? 90 : 0))
    }

    /// `value` to ``significantDigits`` significant digits.
    static func rounded(_ value: Double) -> Double {
        Double(String(format: "%.\(significantDigits)g", value)) ?? value
    }

    /// The header cards of this beam, in degrees as FITS states them.
    public var cards: [HeaderCard] {
        [
            HeaderCard(name: "BMAJ", number: major / 3600, comment: "[deg] beam major axis FWHM (input header)"),
            HeaderCard(name: "BMIN", number: minor / 3600, comment: "[deg] beam minor axis FWHM (input header)"),
            HeaderCard(name: "BPA", number: positionAngle, comment: "[deg] beam position angle, east of north"),
        ]
    }
}
