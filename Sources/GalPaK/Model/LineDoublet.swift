/// A doublet (e.g. [OII] λλ3726,3729): two lines whose reddest member is the primary one at
/// the `z` channel, with the other placed
///
///     Δ = 3e5 · (λ_red − λ_blue) / ((λ_red + λ_blue)/2)  km/s
///
/// lower in velocity, with amplitude ratio ρ = ratio_blue / ratio_red.
public struct LineDoublet: Sendable, Equatable {
    /// Rest wavelengths (any unit, only the ratio matters), blue then red.
    public var wavelengths: (blue: Double, red: Double)
    /// Relative amplitudes, blue then red.
    public var ratios: (blue: Double, red: Double)

    public init(blue: Double, red: Double, ratioBlue: Double, ratioRed: Double) {
        self.wavelengths = (min(blue, red), max(blue, red))
        // Keep each ratio with its line if the user gave the lines red first.
        if blue <= red {
            self.ratios = (ratioBlue, ratioRed)
        } else {
            self.ratios = (ratioRed, ratioBlue)
        }
    }

    /// [OII] λλ3726.2, 3728.9 with ratio 0.8 : 1.0 (the reference's `OII`).
    public static let oii = LineDoublet(blue: 3726.2, red: 3728.9, ratioBlue: 0.8, ratioRed: 1.0)

    /// Velocity offset of the blue line below the red one, km/s.
    public var separationKms: Double {
        3e5 * (wavelengths.red - wavelengths.blue) / ((wavelengths.red + wavelengths.blue) / 2)
    }

    /// Amplitude of the blue line relative to the red one.
    public var amplitudeRatio: Double { ratios.blue / ratios.red }

    public static func == (a: LineDoublet, b: LineDoublet) -> Bool {
        a.wavelengths == b.wavelengths && a.ratios == b.ratios
    }
}
