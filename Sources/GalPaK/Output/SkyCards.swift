import Foundation

/// The header cards that carry a fit's results in the sky frame (``SkyResults``) on its model
/// cubes, residual cube and maps (README, "Results in the sky frame"). A value that cannot be
/// known (no rest value, no equinox) has no card; a cube without a celestial WCS gets none.
enum SkyCards {
    /// Card name, comment and value of each result, in the order written.
    static func cards(_ sky: SkyResults?) -> [HeaderCard] {
        guard let sky else { return [] }
        let numbers: [(String, Double?, String)] = [
            ("SKYEQNX", sky.equinox, "[yr] equinox of SKYFRAME"),
            ("RA_FIT", sky.ra, "[deg] fitted centre, longitude in SKYFRAME"),
            ("DEC_FIT", sky.dec, "[deg] fitted centre, latitude in SKYFRAME"),
            ("RA_ERR", sky.raErrorArcsec, "[arcsec] error of RA*cos(Dec)"),
            ("DEC_ERR", sky.decErrorArcsec, "[arcsec] error of Dec"),
            ("PA_EON", sky.paEastOfNorth, "[deg] PA east of north, receding side"),
            ("PA_EONAP", sky.paEastOfNorthApproaching, "[deg] PA east of north, approaching side"),
            ("PA_EONER", sky.paEastOfNorthError, "[deg] error of PA_EON and PA_EONAP"),
            ("VSYS", sky.systemicVelocity, "[km/s] systemic velocity (VELDEF) at channel z"),
            ("VSYS_ERR", sky.systemicVelocityError, "[km/s] error of VSYS"),
            ("ZSYS", sky.redshift, "redshift D - 1 at channel z"),
            ("RE_ASEC", sky.radiusArcsec.value, "[arcsec] half-light radius"),
            ("RE_AERR", sky.radiusArcsec.stdev, "[arcsec] error of RE_ASEC"),
            ("RT_ASEC", sky.turnoverRadiusArcsec.value, "[arcsec] turnover radius"),
            ("RT_AERR", sky.turnoverRadiusArcsec.stdev, "[arcsec] error of RT_ASEC"),
        ]
        var cards = [HeaderCard(name: "SKYFRAME", string: sky.frame, comment: "celestial frame of the galpak sky results")]
        cards += numbers.compactMap { name, value, comment in
            value.flatMap { $0.isFinite ? HeaderCard(name: name, number: $0, comment: comment) : nil }
        }
        if let definition = sky.velocityDefinition {
            cards.append(HeaderCard(name: "VELDEF", string: definition.name, comment: "definition of VSYS"))
        }
        return cards
    }
}
