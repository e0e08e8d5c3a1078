import Foundation

/// The line-of-sight sampling of one render: for a spaxel at disk coordinates (X, w)
/// (``DiskOrientation``), the points at heights `dl = l − (depth − 1)/2`, l = 0 … depth − 1, have
///
///     Y = cos(i)·w − sin(i)·dl,   Z = sin(i)·w + cos(i)·dl,   R = √(X² + Y²),
///
/// and the renderer needs R and the scaled height Z/h of each (h the thickness profile's own
/// scale for `hz = aspect·Re`). ``losRange(x:w:floor:)`` finds the heights where the disk can be
/// bright enough to count, so that most of a long line of sight through a thin disk is skipped.
struct LineOfSightGeometry {
    let disk: DiskOrientation
    /// Points on a line: ``DiskModel/losDepth``.
    let depth: Int
    /// dl of point l is `l − midPlane`.
    let midPlane: Double
    /// Disk scale height hz = q·Re and the profile's scale h, pixels.
    let hz: Double, h: Double
    let inverseH: Double
    /// tan(i) and 1/cos(i), for ``losRange(x:w:floor:)`` (~1.6e16 at i = 90°, where cos i rounds to 6e-17).
    let tanI: Double, inverseCosI: Double
    /// `ln` of the thickness profile's normalisation, added to every `ln f`.
    let logNormalization: Double
    let re: Double
    let brightness: SurfaceBrightness
    let thickness: ThicknessProfile

    init(_ p: GalaxyParameters, configuration: ModelConfiguration, depth: Int) {
        disk = DiskOrientation(p)
        self.depth = depth
        midPlane = Double(depth - 1) / 2
        re = p.radius
        hz = configuration.aspect * p.radius
        h = configuration.thickness.scale(hz: hz)
        inverseH = 1 / h
        tanI = disk.sinI / disk.cosI
        inverseCosI = 1 / disk.cosI
        logNormalization = configuration.thickness.logNormalization(h: h)
        brightness = SurfaceBrightness(configuration.fluxProfile, p)
        thickness = configuration.thickness
    }

    /// The in-plane coordinate `Y = cos(i)·w − sin(i)·dl` of the point at height index
    /// `height` of the line through (X, w).
    @inline(__always)
    func inPlaneY(w: Double, height: Int) -> Double {
        disk.cosI * w - disk.sinI * (Double(height) - midPlane)
    }

    /// The heights l of the line through (X, w) that can be within e^−``DiskModel/negligibleLogRatio``
    /// of the line's brightest point, and whose `ln f` (less the normalisation) is at least
    /// `floor` (see ``DiskModel``'s `projectMaps`): a superset of the points that count, and
    /// never empty.
    func losRange(x u: Double, w: Double, floor: Double = -.infinity) -> Range<Int> {
        let sinI = disk.sinI, cosI = disk.cosI
        guard thickness != .none, cosI > 0 else { return 0..<depth }
        // P₀: ln f (less the normalisation) at a grid point near the mid-plane Z = 0 (any
        // point of the line gives a lower bound of its peak; the nearest gives the best).
        let last = Double(depth - 1)
        let mid = midPlane - w * tanI
        guard mid.isFinite else { return 0..<depth }
        let nearest = Double((Swift.min(Swift.max(mid, 0), last) + 0.5).nonNegativeFloor)
        let dl = nearest - midPlane
        let y = cosI * w - sinI * dl, z = sinI * w + cosI * dl
        let p0 = brightness.logIntensity((u * u + y * y).squareRoot(), re: re) + thickness.logShape(z * inverseH)
        let brightest = brightness.logIntensity(Swift.abs(u), re: re)
        let zmax = h * thickness.largestScaledHeight(aboveLogShape: Swift.max(p0 - DiskModel.negligibleLogRatio, floor) - brightest)
        // |sin(i)·w + cos(i)·dl| ≤ zmax, clamped to the grid before rounding to whole heights.
        let low = (-zmax - sinI * w) * inverseCosI + midPlane
        let high = (zmax - sinI * w) * inverseCosI + midPlane
        guard !low.isNaN, !high.isNaN else { return 0..<depth }
        let lo = Swift.min(Swift.max(low, 0), nearest).nonNegativeCeiling
        let hi = Swift.max(Swift.min(high, last), nearest).nonNegativeFloor
        return lo..<(hi + 1)
    }

    /// Writes R and `ln I(R) + ln T'(Z/h)` (the log emissivity less the thickness
    /// normalisation) of the points `range` of the line through (X, w) to `radius` and
    /// `logEmissivity` from index 0, four points at a time; returns the largest log emissivity.
    /// Both buffers need room for `range.count` rounded up to a multiple of 4: the lanes past
    /// the end get a valid radius and a log emissivity of −∞.
    @inline(__always)
    func sample(x u: Double, w: Double, range: Range<Int>, radius: UnsafeMutablePointer<Double>,
                logEmissivity: UnsafeMutablePointer<Double>) -> Double {
        typealias Lanes = SIMD4<Double>
        let sinI = disk.sinI, cosI = disk.cosI, u2 = u * u
        let y0 = cosI * w, z0 = sinI * w, inverseRe = 1 / re
        let lane = Lanes(0, 1, 2, 3)
        let count = range.count
        var peak = Lanes(repeating: -.infinity)
        var n = 0
        while n < count {
            let dl = Lanes(repeating: Double(range.lowerBound + n) - midPlane) + lane
            let y = y0 - sinI * dl
            let r = (u2 + y * y).squareRoot()
            var logf = brightness.logIntensities(r, inverseRe: inverseRe)
                + thickness.logShapes((z0 + cosI * dl) * inverseH)
            if n + 4 > count { logf.replace(with: -.infinity, where: lane .>= Lanes(repeating: Double(count - n))) }
            UnsafeMutableRawPointer(radius + n).storeBytes(of: r, as: Lanes.self)
            UnsafeMutableRawPointer(logEmissivity + n).storeBytes(of: logf, as: Lanes.self)
            peak.replace(with: logf, where: logf .> peak)
            n += 4
        }
        return Swift.max(Swift.max(peak[0], peak[1]), Swift.max(peak[2], peak[3]))
    }
}
