import Foundation

/// The sine and cosine of `a` degrees, exact (0 and ±1) at the multiples of 90°, where those
/// of the angle in radians are off by ~1e-16 (`cos(π/2)` = 6e-17): a direction along a pixel
/// axis then stays exactly on it, e.g. a point 6e-17 off the grid's edge is not lost.
public func sinCosDegrees(_ a: Double) -> (sin: Double, cos: Double) {
    switch wrapDegrees(a) {
    case 0: (0, 1)
    case 90: (1, 0)
    case 180: (0, -1)
    case 270: (-1, 0)
    default: (sin(a * Double.pi / 180), cos(a * Double.pi / 180))
    }
}
