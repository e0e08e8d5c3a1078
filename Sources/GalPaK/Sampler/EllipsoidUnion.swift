import Foundation

/// A union of ellipsoids, the nested sampler's bound on the region above the current
/// likelihood threshold (MultiNest's multi-ellipsoid bound, Feroz, Hobson & Bridges 2009), and
/// uniform sampling in it.
///
/// Uniform in the union, overlaps included: choose ellipsoid k with probability `V_k / Σ V`,
/// draw x uniformly in it, count the ellipsoids q ≥ 1 that contain x, and keep x with
/// probability 1/q (else start again). A point in q ellipsoids can be drawn through each of
/// them, so its density before the test is `q / Σ V`; after it, `1 / Σ V` everywhere in the
/// union. The mean number of draws per point is `Σ V / V_union ≥ 1`.
struct EllipsoidUnion: Sendable {
    /// The ellipsoids, at least one.
    let ellipsoids: [Ellipsoid]
    /// `cumulative[k] = Σ_{j ≤ k} V_j / Σ V`, for choosing an ellipsoid by volume.
    private let cumulative: [Double]

    init(_ ellipsoids: [Ellipsoid]) {
        precondition(!ellipsoids.isEmpty, "a union needs at least one ellipsoid")
        self.ellipsoids = ellipsoids
        let largest = ellipsoids.map(\.logVolume).max()!
        var running = 0.0
        let partial = ellipsoids.map { e -> Double in
            running += Foundation.exp(e.logVolume - largest)
            return running
        }
        cumulative = partial.map { $0 / running }
    }

    /// The number of ellipsoids that contain `x`.
    func overlapCount(_ x: [Double]) -> Int {
        var q = 0
        for e in ellipsoids where e.contains(x) { q += 1 }
        return q
    }

    /// Writes a point drawn uniformly from the union into `x` (see the type's description).
    /// `scratch` has count `dimension`; nothing is allocated.
    func sample<G: RandomNumberGenerator>(into x: inout [Double], scratch: inout [Double], using generator: inout G) {
        while true {
            let r = generator.nextOpenUnitInterval()
            var k = 0
            while k < cumulative.count - 1 && cumulative[k] < r { k += 1 }
            ellipsoids[k].sample(into: &x, scratch: &scratch, using: &generator)
            let q = ellipsoids.count == 1 ? 1 : overlapCount(x)
            if q <= 1 || generator.nextOpenUnitInterval() * Double(q) < 1 { return }
        }
    }

    /// The ellipsoid whose `(x − c)ᵀ A⁻¹ (x − c)` is smallest: the one containing `x` or, if
    /// none does, the nearest in that measure.
    func nearest(to x: [Double]) -> Ellipsoid {
        ellipsoids.min { $0.mahalanobis(x) < $1.mahalanobis(x) }!
    }
}
