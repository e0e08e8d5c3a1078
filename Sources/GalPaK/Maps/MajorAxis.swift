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
    /// nearest pixel centres (``BilinearSample``); NaN outside the grid or when one of them is NaN.
    public func sample(_ map: [Double], nx: Int, ny: Int, at r: Double) -> Double {
        precondition(map.count == nx * ny, "map does not match the grid")
        let p = point(at: r)
        return BilinearSample(x: p.x, y: p.y, nx: nx, ny: ny)?.value(in: map) ?? .nan
    }

    /// The same line turned by `degrees` of position angle about the centre: offsets along it
    /// are positive towards `(sin(PA + degrees), −cos(PA + degrees))`. Turned by 90° it is the
    /// minor axis, positive towards `(cos PA, sin PA)`: the receding side turned 90°
    /// anticlockwise (x to the right, y up).
    public func turned(by degrees: Double) -> MajorAxis {
        MajorAxis(x: x, y: y, pa: pa + degrees)
    }
}
