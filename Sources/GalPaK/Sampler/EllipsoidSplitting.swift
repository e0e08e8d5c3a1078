import Foundation

/// Builds the multi-ellipsoid bound of a set of points by recursive splitting (Feroz & Hobson
/// 2008; the rule of nestle and dynesty):
///
/// 1. bound all points by one ellipsoid (``Ellipsoid/bounding(_:dimension:members:enlargement:minimumLogVolume:)``);
/// 2. split the points in two by 2-means (Lloyd's iterations in the unit-cube coordinates,
///    started from the member farthest from the mean and the member farthest from that one,
///    so no randomness is involved);
/// 3. bound each half and split it the same way, recursively; keep the pieces when both halves
///    have at least `2d` points (d the dimension: enough for a covariance) and the pieces'
///    summed volume is less than half the parent's, else keep the parent. Splitting further
///    before judging (as dynesty does) finds the pieces of a curved region, a ring say, whose
///    first two halves are no smaller than the whole.
///
/// An ellipsoid of n of the N points is enlarged by the volume factor `enlargement · √(N/n)`
/// (MultiNest's `f_k = f_0 √(N/n_k)`): the fewer the points, the more they fall short of the
/// region's edge. Each ellipsoid is also made at least `X · n / N` in volume, X the expected
/// prior volume inside the likelihood contour (MultiNest's rule): an ellipsoid fitted to few
/// points can otherwise be smaller than the region they sample. With it, pieces sum to at
/// least X, so a bound already within 2X of the region is never split.
enum EllipsoidSplitting {
    /// The fraction of the parent's volume the pieces must stay under for a split to be kept.
    static let splitVolumeFraction = 0.5

    /// The bound of `points` (a flat row-major array with `dimension` columns).
    /// - Parameters:
    ///   - enlargement: volume factor applied to the ellipsoid of all points after it encloses
    ///     them (more for fewer points, see above).
    ///   - logExpectedVolume: ln X, the expected volume (in the unit cube) of the region the
    ///     points sample.
    static func bound(_ points: [Double], dimension d: Int, enlargement: Double,
                      logExpectedVolume: Double) -> EllipsoidUnion {
        let total = points.count / d
        func minimum(_ members: [Int]) -> Double {
            logExpectedVolume + log(Double(members.count) / Double(total))
        }
        func enlarged(_ members: [Int]) -> Double {
            enlargement * (Double(total) / Double(members.count)).squareRoot()
        }
        func split(_ members: [Int], _ parent: Ellipsoid) -> [Ellipsoid] {
            guard members.count >= 4 * d else { return [parent] }
            let (left, right) = twoMeans(points, dimension: d, members: members)
            guard left.count >= 2 * d, right.count >= 2 * d else { return [parent] }
            let l = Ellipsoid.bounding(points, dimension: d, members: left, enlargement: enlarged(left),
                                       minimumLogVolume: minimum(left))
            let r = Ellipsoid.bounding(points, dimension: d, members: right, enlargement: enlarged(right),
                                       minimumLogVolume: minimum(right))
            let pieces = split(left, l) + split(right, r)
            guard logSummedVolume(pieces) < parent.logVolume + log(splitVolumeFraction) else { return [parent] }
            return pieces
        }
        let all = Array(0..<total)
        let whole = Ellipsoid.bounding(points, dimension: d, members: all, enlargement: enlargement,
                                       minimumLogVolume: minimum(all))
        return EllipsoidUnion(split(all, whole))
    }

    /// ln Σ V_k of `ellipsoids`.
    static func logSummedVolume(_ ellipsoids: [Ellipsoid]) -> Double {
        let largest = ellipsoids.map(\.logVolume).max()!
        return largest + log(ellipsoids.reduce(0) { $0 + exp($1.logVolume - largest) })
    }

    /// 2-means clustering of `members`: at most 100 Lloyd iterations (stopping when no point
    /// changes cluster), Euclidean distances; both clusters non-empty when the points differ.
    static func twoMeans(_ points: [Double], dimension d: Int, members: [Int]) -> ([Int], [Int]) {
        func distance(_ m: Int, _ c: [Double]) -> Double {
            var s = 0.0
            for i in 0..<d {
                let t = points[m * d + i] - c[i]
                s += t * t
            }
            return s
        }
        func row(_ m: Int) -> [Double] { Array(points[m * d..<(m + 1) * d]) }
        var mean = [Double](repeating: 0, count: d)
        for m in members { for i in 0..<d { mean[i] += points[m * d + i] / Double(members.count) } }
        let first = members.max { distance($0, mean) < distance($1, mean) }!
        let second = members.max { distance($0, row(first)) < distance($1, row(first)) }!
        var centres = [row(first), row(second)]
        var assignment = [Int](repeating: -1, count: members.count)
        for _ in 0..<100 {
            var changed = false
            for (k, m) in members.enumerated() {
                let side = distance(m, centres[1]) < distance(m, centres[0]) ? 1 : 0
                if side != assignment[k] { assignment[k] = side; changed = true }
            }
            if !changed { break }
            var sums = [[Double]](repeating: [Double](repeating: 0, count: d), count: 2)
            var counts = [0, 0]
            for (k, m) in members.enumerated() {
                counts[assignment[k]] += 1
                for i in 0..<d { sums[assignment[k]][i] += points[m * d + i] }
            }
            for c in 0..<2 where counts[c] > 0 { centres[c] = sums[c].map { $0 / Double(counts[c]) } }
        }
        var left: [Int] = [], right: [Int] = []
        for (k, m) in members.enumerated() {
            if assignment[k] == 0 { left.append(m) } else { right.append(m) }
        }
        return (left, right)
    }
}
