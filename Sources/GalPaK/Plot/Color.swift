/// An opaque RGB colour, components in [0, 1].
struct Color: Equatable, Sendable {
    var red: Double, green: Double, blue: Double

    init(red: Double, green: Double, blue: Double) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// A colour from `0xRRGGBB`.
    init(hex: UInt32) {
        red = Double((hex >> 16) & 0xff) / 255
        green = Double((hex >> 8) & 0xff) / 255
        blue = Double(hex & 0xff) / 255
    }

    /// Linear interpolation towards `other` (t = 0 gives self).
    func mixed(with other: Color, _ t: Double) -> Color {
        Color(red: red + (other.red - red) * t, green: green + (other.green - green) * t,
              blue: blue + (other.blue - blue) * t)
    }

    static let black = Color(hex: 0x000000)
    static let white = Color(hex: 0xffffff)
    static let grey = Color(hex: 0x808080)
    /// Best values and the model's curve.
    static let highlight = Color(hex: 0xd62728)
    /// Credible bands and intervals.
    static let band = Color(hex: 0x1f77b4)
    /// Spaxels without a value in maps.
    static let missing = Color(hex: 0xe6e6e6)

    /// One colour per chain (matplotlib's tab10 cycle), repeating after ten.
    static func chain(_ index: Int) -> Color {
        let cycle: [UInt32] = [0x1f77b4, 0xff7f0e, 0x2ca02c, 0x9467bd, 0x8c564b,
                               0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf, 0xd62728]
        return Color(hex: cycle[((index % cycle.count) + cycle.count) % cycle.count])
    }
}
