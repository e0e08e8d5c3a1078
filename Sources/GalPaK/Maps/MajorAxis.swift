import Foundation

/// The kinematic major axis of a fitted disk on the cube's grid: the line through the centre
/// (x, y) along the receding direction `(sin PA, −cos PA)` (see ``DiskModel``), with signed
/// offsets r in pixels, positive on the receding side.
public struct MajorAxis: Sendable, Equatable {
    /// Centre, 0-based pixels.
    public var x: Double, y: Double
    /// Position angle, degrees (the reference's: towards the approaching side).
    public var pa: Double

    public init(x: Double, y: Double, pa: Double) {
        self.x = x
        self.y = y
        self.pa = pa
    }

    /// The axis of a parameter set.
    public init(_ p: GalaxyParameters) {
        self.init(x: p.x, y: p.y, pa: p.pa)
    }

    /// The grid position at signed offset `r` (pixels).
    public func point(at r: Double) -> (x: Double, y: Double) {
        let angle = pa * .pi / 180
        return (x + r * sin(angle), y - r * cos(angle))
    }

    /// Offsets `…, −2·step, −step, 0, step, …` whose points lie inside the `nx × ny` grid of
    /// pixel centres (`0…nx−1`, `0…ny−1`), ascending; empty when the centre is off the grid.
    public func offsets(nx: Int, ny: Int, step: Double) -> [Double] {
        func inside(_ r: Double) -> Bool {
            let p = point(at: r)
            return p.x >= 0 && p.x <= Double(nx - 1) && p.y >= 0 && p.y <= Double(ny - 1)
        }
        guard step > 0, inside(0) else { return [] }
        var receding: [Double] = []
        var n = 1
        while inside(Double(n) * step) { receding.append(Double(n) * step); n += 1 }
        var approaching: [Double] = []
        n = 1
        while inside(-Double(n) * step) { approaching.append(-Double(n) * step); n += 1 }
        return approaching.reversed() + [0] + receding
    }

    /// `map` (`ny·nx`, x fastest) at offset `r`, interpolated bilinearly between the four
    /// nearest pixel centres; NaN outside the grid or when one of them is NaN.
    public func sample(_ map: [Double], nx: Int, ny: Int, at r: Double) -> Double {
        precondition(map.count == nx * ny, "map does not match the grid")
        let p = point(at: r)
        guard p.x >= 0, p.y >= 0, p.x <= Double(nx - 1), p.y <= Double(ny - 1) else { return .nan }
        let i0 = Swift.min(Int(p.x), Swift.max(nx - 2, 0)), j0 = Swift.min(Int(p.y), Swift.max(ny - 2, 0))
        let i1 = Swift.min(i0 + 1, nx - 1), j1 = Swift.min(j0 + 1, ny - 1)
        let tx = p.x - Double(i0), ty = p.y - Double(j0)
        let a = map[j0 * nx + i0], b = map[j0 * nx + i1], c = map[j1 * nx + i0], d = map[j1 * nx + i1]
        return (a * (1 - tx) + b * tx) * (1 - ty) + (c * (1 - tx) + d * tx) * ty
    }
}
