import Foundation

/// A position–velocity diagram: the cube (data and model) averaged across a slit through the
/// fitted centre, as a function of the offset along the slit and of the channel's velocity.
///
/// **The slit.** It runs through the centre (x, y) of ``axis`` along `u = (sin θ, −cos θ)` for
/// the axis's angle θ (``MajorAxis``, the reference's PA convention): θ = PA gives the
/// kinematic major axis, offsets positive on the receding side; θ = PA + 90° the minor axis,
/// offsets positive towards `(cos PA, sin PA)`, the receding side turned 90° anticlockwise
/// (x to the right, y up). Along it the diagram is sampled every pixel, at the offsets
/// `r = …, −1, 0, 1, …` where the slit's centre line lies on the grid
/// (``MajorAxis/offsets(nx:ny:step:)``: none, and one NaN column at r = 0, when the centre is
/// off the grid). Across it, a slit `W` arcsec wide is `n = max(1, round(W / pixscale))`
/// parallel lines one pixel apart, at `t_m = m − (n − 1)/2` pixels (m = 0 … n − 1) along
/// `n̂ = (cos θ, sin θ)`.
///
/// **The value.** In channel k at offset r it is the mean over the n points `c + r·u + t_m·n̂`
/// of the channel map interpolated bilinearly between the four nearest pixel centres
/// (``BilinearSample``: exact at a pixel centre, so for θ = 0° or 90° and a whole-pixel centre
/// the value is the plain mean of n pixels of one row or column). Points off the grid, and
/// those next to a NaN voxel, are left out of the mean; NaN when none is left.
///
/// **The velocity** of channel k is `v_k = (k − z)·dv` km/s, relative to the systemic channel
/// z, `dv` the cube's signed velocity step (positive = receding, as in the maps).
public struct PositionVelocityDiagram: Sendable, Equatable {
    /// The slit's centre (0-based pixels) and angle θ (degrees).
    public var axis: MajorAxis
    /// The slit's width, arcsec.
    public var width: Double
    /// The parallel lines averaged across the slit (n above).
    public var linesAcross: Int
    /// Arcsec per pixel.
    public var pixscale: Double
    /// Offsets along the slit, pixels, ascending in steps of one.
    public var offsets: [Double]
    /// The systemic channel z (0-based).
    public var systemicChannel: Double
    /// Velocity step per channel, km/s, signed.
    public var velocityStep: Double
    /// The data and the model, `channels × offsets.count` each, the offset fastest.
    public var data: [Double], model: [Double]

    /// The width (arcsec) of the slit when none is given: the PSF's FWHM (its major axis);
    /// one pixel when the PSF has no FWHM (a PSF image, `--psf none`).
    public static func defaultWidth(psf: PointSpreadFunction?, pixscale: Double) -> Double {
        psf?.fwhm ?? pixscale
    }

    /// The widths a user may give (`--pv-width`).
    public static let widthRange = ValidRange(.open(0), .none, unit: "arcsec")

    /// A diagram from its parts (e.g. as read back from a file).
    /// - Precondition: `data` and `model` hold a whole number of rows of `offsets.count`, as many each.
    public init(axis: MajorAxis, width: Double, linesAcross: Int, pixscale: Double, offsets: [Double],
                systemicChannel: Double, velocityStep: Double, data: [Double], model: [Double]) {
        precondition(!offsets.isEmpty && data.count % offsets.count == 0 && model.count == data.count,
                     "diagram values do not match its offsets")
        self.axis = axis
        self.width = width
        self.linesAcross = linesAcross
        self.pixscale = pixscale
        self.offsets = offsets
        self.systemicChannel = systemicChannel
        self.velocityStep = velocityStep
        self.data = data
        self.model = model
    }

    /// The diagram of the cubes `data` and `model` (`nz·ny·nx`, x fastest) along `axis`,
    /// through a slit `width` arcsec wide, as described above.
    public init(cutting data: [Double], model: [Double], nx: Int, ny: Int, nz: Int, axis: MajorAxis, width: Double,
                pixscale: Double, systemicChannel: Double, velocityStep: Double) {
        precondition(data.count == nx * ny * nz && model.count == data.count, "cubes do not match the grid")
        let along = axis.offsets(nx: nx, ny: ny, step: 1)
        let offsets = along.isEmpty ? [0] : along
        let lines = Self.linesAcross(width: width, pixscale: pixscale, nx: nx, ny: ny)
        let points = Self.slitPoints(axis: axis, offsets: offsets, across: lines, nx: nx, ny: ny)
        self.init(axis: axis, width: width, linesAcross: lines, pixscale: pixscale, offsets: offsets,
                  systemicChannel: systemicChannel,
                  velocityStep: velocityStep,
                  data: Self.cut(data, points: points, plane: nx * ny, nz: nz),
                  model: Self.cut(model, points: points, plane: nx * ny, nz: nz))
    }

    /// Channels (rows).
    public var channels: Int { data.count / offsets.count }

    /// The velocity of channel `k`, km/s relative to systemic.
    public func velocity(channel k: Int) -> Double { (Double(k) - systemicChannel) * velocityStep }

    /// The number of parallel lines averaged across a slit `width` arcsec wide: the width in
    /// pixels, rounded, at least 1; at most `nx + ny`, wider than the grid's diagonal, so that
    /// a wider slit (whose further lines are all off the grid) gives the same diagram.
    /// - Precondition: `width` and `pixscale` are finite and positive (``widthRange``).
    static func linesAcross(width: Double, pixscale: Double, nx: Int, ny: Int) -> Int {
        precondition(widthRange.contains(width) && pixscale > 0, "slit width \(width), pixel scale \(pixscale)")
        return Int(Swift.min(Swift.max(width / pixscale, 1), Double(nx + ny)).rounded())
    }

    /// For each offset r, the samples of the points `c + r·u + t_m·n̂` across the slit that lie
    /// on the grid (``sinCosDegrees(_:)``: a slit along a pixel axis stays exactly on it).
    private static func slitPoints(axis: MajorAxis, offsets: [Double], across n: Int, nx: Int, ny: Int) -> [[BilinearSample]] {
        let (s, c) = sinCosDegrees(axis.pa)
        return offsets.map { r in
            (0..<n).compactMap { m in
                let t = Double(m) - Double(n - 1) / 2
                return BilinearSample(x: axis.x + r * s + t * c, y: axis.y - r * c + t * s, nx: nx, ny: ny)
            }
        }
    }

    /// The mean over each offset's points of every channel of `cube`, rows of channels.
    private static func cut(_ cube: [Double], points: [[BilinearSample]], plane: Int, nz: Int) -> [Double] {
        var values = [Double](repeating: .nan, count: nz * points.count)
        for k in 0..<nz {
            for (o, samples) in points.enumerated() {
                var sum = 0.0, count = 0
                for sample in samples {
                    let v = sample.value(in: cube, offset: k * plane)
                    guard v.isFinite else { continue }
                    sum += v
                    count += 1
                }
                if count > 0 { values[k * points.count + o] = sum / Double(count) }
            }
        }
        return values
    }
}
