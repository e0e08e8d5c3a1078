/// A colour map: values in [0, 1] to colours, by linear interpolation in RGB between evenly
/// spaced key colours.
struct ColorMap: Sendable {
    let keys: [Color]

    /// The colour at `t` (clamped to [0, 1]); ``Color/missing`` for NaN.
    func color(at t: Double) -> Color {
        guard t.isFinite else { return .missing }
        let x = Swift.min(Swift.max(t, 0), 1) * Double(keys.count - 1)
        let i = Swift.min(Int(x), keys.count - 2)
        return keys[i].mixed(with: keys[i + 1], x - Double(i))
    }

    /// matplotlib's viridis (perceptually uniform, readable in grey and by colour-blind
    /// readers), sampled at 33 points: within 3/255 of the full 256-entry table.
    static let viridis = ColorMap(keys: [
        0x440154, 0x470d60, 0x48186a, 0x482374, 0x472d7b, 0x453781, 0x424086, 0x3e4989, 0x3b528b,
        0x375b8d, 0x33638d, 0x2f6b8e, 0x2c728e, 0x297a8e, 0x26828e, 0x23898e, 0x21918c, 0x1f988b,
        0x1fa088, 0x22a785, 0x28ae80, 0x32b67a, 0x3fbc73, 0x4ec36b, 0x5ec962, 0x70cf57, 0x84d44b,
        0x98d83e, 0xaddc30, 0xc2df23, 0xd8e219, 0xece51b, 0xfde725,
    ].map(Color.init(hex:)))

    /// matplotlib's RdBu_r, a diverging map (blue negative, white zero, red positive) for
    /// velocities (approaching blue, receding red) and residuals; within 2/255 of the full table.
    static let diverging = ColorMap(keys: [
        0x053061, 0x2065ab, 0x4393c3, 0x90c4dd, 0xd1e5f0, 0xf7f6f6, 0xfddbc7, 0xf3a481, 0xd6604d,
        0xb1182b, 0x67001f,
    ].map(Color.init(hex:)))

    /// White to dark blue, for densities (empty bins stay white).
    static let density = ColorMap(keys: [0xffffff, 0xc6dbef, 0x6baed6, 0x2171b5, 0x08306b].map(Color.init(hex:)))
}
