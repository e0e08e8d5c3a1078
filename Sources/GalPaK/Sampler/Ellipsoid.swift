import Foundation

/// A solid ellipsoid `{x : (x − c)ᵀ A⁻¹ (x − c) ≤ 1}` in `dimension` dimensions, with centre c
/// and symmetric positive-definite shape matrix A (row-major), as the nested sampler's bounds
/// use it (Mukherjee, Parkinson & Liddle 2006; Feroz & Hobson 2008).
///
/// Stored as the Cholesky factor `L` of A (`A = L Lᵀ`: a point is `c + L z` with `|z| ≤ 1`) and
/// the precision `A⁻¹` (membership). Its volume is `V = V_d · √det A = V_d · Π L_ii` with
/// `V_d = π^{d/2} / Γ(d/2 + 1)` the unit ball's, kept as a logarithm.
struct Ellipsoid: Sendable {
    let dimension: Int
    /// The centre c.
    let centre: [Double]
    /// The lower Cholesky factor L of the shape matrix A.
    let factor: [Double]
    /// A⁻¹.
    let precision: [Double]
    /// ln V.
    let logVolume: Double

    /// The ellipsoid with centre `centre` and shape matrix `shape`, or nil when `shape` is not
    /// positive definite.
    init?(centre: [Double], shape: [Double]) {
        let d = centre.count
        guard let factor = Cholesky.factor(shape, size: d), let precision = Cholesky.inverse(shape, size: d)
        else { return nil }
        self.dimension = d
        self.centre = centre
        self.factor = factor
        self.precision = precision
        var logDeterminantRoot = 0.0
        for i in 0..<d { logDeterminantRoot += Foundation.log(factor[i * d + i]) }
        logVolume = Self.logUnitBallVolume(d) + logDeterminantRoot
    }

    /// `ln V_d = (d/2) ln π − ln Γ(d/2 + 1)`, the log volume of the unit ball in d dimensions.
    static func logUnitBallVolume(_ d: Int) -> Double {
        0.5 * Double(d) * Foundation.log(Double.pi) - lgamma(0.5 * Double(d) + 1)
    }

    /// `(x − c)ᵀ A⁻¹ (x − c)`: ≤ 1 inside. Allocates nothing.
    func mahalanobis(_ x: [Double]) -> Double {
        let d = dimension
        var sum = 0.0
        for i in 0..<d {
            let di = x[i] - centre[i]
            var row = 0.0
            for j in 0..<i { row += precision[i * d + j] * (x[j] - centre[j]) }
            sum += di * (2 * row + precision[i * d + i] * di)
        }
        return sum
    }

    /// Whether `x` is inside (or on) the ellipsoid.
    func contains(_ x: [Double]) -> Bool { mahalanobis(x) <= 1 }

    /// This ellipsoid scaled about its centre to volume `exp(logVolume)`: A multiplied by
    /// `exp(2 (ln V_new − ln V) / d)`.
    func scaled(toLogVolume target: Double) -> Ellipsoid {
        let factor = Foundation.exp(2 * (target - logVolume) / Double(dimension))
        return Ellipsoid(centre: centre, shape: shape.map { $0 * factor })!
    }

    /// The shape matrix A = L Lᵀ.
    var shape: [Double] {
        let d = dimension
        var a = [Double](repeating: 0, count: d * d)
        for i in 0..<d {
            for j in 0...i {
                var s = 0.0
                for t in 0...j { s += factor[i * d + t] * factor[j * d + t] }
                a[i * d + j] = s
                a[j * d + i] = s
            }
        }
        return a
    }

    /// Writes a point drawn uniformly from the ellipsoid into `x`: `x = c + L z` with z uniform
    /// in the unit ball (a standard normal vector's direction, radius `U^{1/d}`). `scratch`
    /// (count `dimension`) holds z, so nothing is allocated.
    func sample<G: RandomNumberGenerator>(into x: inout [Double], scratch z: inout [Double], using generator: inout G) {
        unitBallPoint(into: &z, using: &generator)
        transform(z, into: &x)
    }

    /// Writes `c + L z` into `x`.
    func transform(_ z: [Double], into x: inout [Double]) {
        let d = dimension
        for i in 0..<d {
            var s = centre[i]
            for j in 0...i { s += factor[i * d + j] * z[j] }
            x[i] = s
        }
    }

    /// The ellipsoid that bounds `points` (indices `members` of a flat row-major array with
    /// `dimension` columns): centred on their mean, shaped like their covariance C, scaled so
    /// that the farthest member is on its surface (A = k C, k the largest `(x − c)ᵀ C⁻¹ (x − c)`),
    /// then enlarged by the volume factor `enlargement`, and at least `exp(minimumLogVolume)`.
    /// A covariance that is singular (fewer members than `dimension + 1`, or members on a plane)
    /// gets a ridge of 10⁻¹⁰ × its trace (or 10⁻²⁰ if zero) on the diagonal, raised tenfold
    /// until it is positive definite.
    static func bounding(_ points: [Double], dimension d: Int, members: [Int], enlargement: Double,
                         minimumLogVolume: Double) -> Ellipsoid {
        precondition(!members.isEmpty, "an ellipsoid needs at least one point")
        var mean = [Double](repeating: 0, count: d)
        for m in members { for i in 0..<d { mean[i] += points[m * d + i] } }
        for i in 0..<d { mean[i] /= Double(members.count) }
        var covariance = [Double](repeating: 0, count: d * d)
        for m in members {
            for i in 0..<d {
                let di = points[m * d + i] - mean[i]
                for j in 0...i { covariance[i * d + j] += di * (points[m * d + j] - mean[j]) }
            }
        }
        for i in 0..<d {
            for j in 0...i {
                covariance[i * d + j] /= Double(members.count)
                covariance[j * d + i] = covariance[i * d + j]
            }
        }
        var trace = 0.0
        for i in 0..<d { trace += covariance[i * d + i] }
        var ridge = trace > 0 ? 1e-10 * trace : 1e-20
        var fitted = Ellipsoid(centre: mean, shape: covariance)
        while fitted == nil {
            var regular = covariance
            for i in 0..<d { regular[i * d + i] += ridge }
            fitted = Ellipsoid(centre: mean, shape: regular)
            ridge *= 10
        }
        var ellipsoid = fitted!
        var farthest = 0.0
        var x = [Double](repeating: 0, count: d)
        for m in members {
            for i in 0..<d { x[i] = points[m * d + i] }
            farthest = Swift.max(farthest, ellipsoid.mahalanobis(x))
        }
        if farthest > 0 {
            ellipsoid = ellipsoid.scaled(toLogVolume: ellipsoid.logVolume + 0.5 * Double(d) * Foundation.log(farthest))
        }
        let target = Swift.max(ellipsoid.logVolume + Foundation.log(enlargement), minimumLogVolume)
        return ellipsoid.scaled(toLogVolume: target)
    }
}

/// Writes a point drawn uniformly from the unit ball of `z.count` dimensions into `z`: a
/// standard normal vector scaled to radius `U^{1/d}`, U uniform on (0, 1).
func unitBallPoint<G: RandomNumberGenerator>(into z: inout [Double], using generator: inout G) {
    var norm = 0.0
    repeat {
        norm = 0
        for i in 0..<z.count {
            z[i] = generator.nextGaussian()
            norm += z[i] * z[i]
        }
    } while norm == 0
    let radius = Foundation.pow(generator.nextOpenUnitInterval(), 1 / Double(z.count)) / norm.squareRoot()
    for i in 0..<z.count { z[i] *= radius }
}
