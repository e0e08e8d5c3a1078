import Foundation

/// The sky → disk rotation of one parameter set (reference doc §2.2), shared by everything
/// that walks the rendering grid: for a spaxel offset (dx, dy) from the centre,
///
///     X = sin(PA)·dx − cos(PA)·dy,   w = cos(PA)·dx + sin(PA)·dy,
///
/// and at line-of-sight height dl the in-plane coordinate `Y = cos(i)·w − sin(i)·dl` and the
/// height `Z = sin(i)·w + cos(i)·dl`.
struct DiskOrientation {
    let sinPA: Double, cosPA: Double, sinI: Double, cosI: Double

    init(_ p: GalaxyParameters) {
        let pa = p.pa * .pi / 180, inc = p.inclination * .pi / 180
        (sinPA, cosPA, sinI, cosI) = (sin(pa), cos(pa), sin(inc), cos(inc))
    }

    /// (X, w) of the spaxel at offset (dx, dy).
    @inline(__always)
    func project(dx: Double, dy: Double) -> (x: Double, w: Double) {
        (sinPA * dx - cosPA * dy, cosPA * dx + sinPA * dy)
    }
}
