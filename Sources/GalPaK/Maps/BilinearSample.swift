/// Bilinear interpolation of a map on a grid of `nx × ny` pixel centres (0-based, x fastest:
/// `index = j·nx + i`) at a point (x, y) with `0 ≤ x ≤ nx − 1`, `0 ≤ y ≤ ny − 1`:
///
///     v = (a·(1 − tx) + b·tx)·(1 − ty) + (c·(1 − tx) + d·tx)·ty
///
/// for the four nearest pixel centres a = (i0, j0), b = (i1, j0), c = (i0, j1), d = (i1, j1)
/// and the point's fractional position (tx, ty) between them. Exact at a pixel centre; NaN
/// when one of the four is NaN.
public struct BilinearSample: Sendable, Equatable {
    /// Indices of a, b, c, d in a `ny·nx` map.
    let a: Int, b: Int, c: Int, d: Int
    /// The point's position between a and b (x) and between a and c (y), in [0, 1].
    let tx: Double, ty: Double

    /// The sample at (x, y); nil when the point is off the grid (or not finite).
    public init?(x: Double, y: Double, nx: Int, ny: Int) {
        guard x >= 0, y >= 0, x <= Double(nx - 1), y <= Double(ny - 1) else { return nil }
        let i0 = Swift.min(Int(x), Swift.max(nx - 2, 0)), j0 = Swift.min(Int(y), Swift.max(ny - 2, 0))
        let i1 = Swift.min(i0 + 1, nx - 1), j1 = Swift.min(j0 + 1, ny - 1)
        (a, b, c, d) = (j0 * nx + i0, j0 * nx + i1, j1 * nx + i0, j1 * nx + i1)
        (tx, ty) = (x - Double(i0), y - Double(j0))
    }

    /// The interpolated value of the map that starts at `offset` in `values` (e.g. a channel
    /// of a cube: `offset = k·nx·ny`).
    public func value(in values: [Double], offset: Int = 0) -> Double {
        let va = values[offset + a], vb = values[offset + b], vc = values[offset + c], vd = values[offset + d]
        return (va * (1 - tx) + vb * tx) * (1 - ty) + (vc * (1 - tx) + vd * tx) * ty
    }

    /// The 1σ error of ``value(in:offset:)`` for a map whose values have the errors `errors`
    /// (`ny·nx`) correlated as `correlation(p, q)` between the spaxels of indices p and q (1 for
    /// p = q): `√(Σ_pq w_p w_q σ_p σ_q ρ(p, q))` over a, b, c, d with their weights w.
    public func standardError(of errors: [Double], correlation: (Int, Int) -> Double) -> Double {
        let terms = [(a, (1 - tx) * (1 - ty)), (b, tx * (1 - ty)), (c, (1 - tx) * ty), (d, tx * ty)]
        var sum = 0.0
        for (p, wp) in terms {
            for (q, wq) in terms { sum += wp * wq * errors[p] * errors[q] * correlation(p, q) }
        }
        return sum.squareRoot()
    }
}
