import Foundation

/// The constant variance the reference estimates for a cube that comes without one
/// (galpak 1.35.2, `GalPaK3D.__init__` with `math_utils.median_clip`).
///
/// The rule, on the cube `data[k, j, i]` (0-based):
/// 1. Take the strip of all channels, rows `2 ..< ny − 4` and columns `2 ..< 4` (x = 2 and 3
///    only; ranges are clipped to the cube like numpy slices) and keep its finite values.
/// 2. Sigma-clip at 2.5σ: repeat {remember the previous median; take the median m and the
///    population standard deviation s of the kept values; keep only values with |v − m| < 2.5 s
///    (unless that would keep none)} until |m − previous| / |previous| < 1e-3 or 5 passes.
///    The first "previous" is the median itself, so this is one pass unless the median is 0.
/// 3. σ = the standard deviation of the values left. If σ is not finite (e.g. the strip is
///    empty), redo steps 2–3 on the whole cube. If σ = 0, use σ = 1e-20.
/// 4. The variance is σ², the same for every voxel.
public enum VarianceEstimate {
    /// Clipping threshold, in standard deviations.
    static let clipSigma = 2.5

    /// σ² by the rule above for a cube of `nx × ny × nz` voxels stored x fastest.
    public static func constant(data: [Double], nx: Int, ny: Int, nz: Int) -> Double {
        var strip: [Double] = []
        let rows = 2..<max(2, ny - 4)
        let columns = 2..<max(2, min(4, nx))
        for k in 0..<nz {
            for j in rows {
                for i in columns { strip.append(data[(k * ny + j) * nx + i]) }
            }
        }
        var sigma = clippedStandardDeviation(strip)
        if !sigma.isFinite { sigma = clippedStandardDeviation(data) }
        if sigma == 0 || !sigma.isFinite { sigma = 1e-20 }
        return sigma * sigma
    }

    /// The standard deviation left after the reference's iterative 2.5σ median clipping
    /// (`median_clip(data, 2.5)`: ratio limit 1e-3, at most 5 passes); NaN for no finite value.
    static func clippedStandardDeviation(_ values: [Double]) -> Double {
        var kept = values.filter(\.isFinite)
        var median = SampleStatistics.median(kept)
        for pass in 1...5 {
            let previous = median
            median = SampleStatistics.median(kept)
            let s = SampleStatistics.standardDeviation(kept)
            let clipped = kept.filter { abs($0 - median) < clipSigma * s }
            if !clipped.isEmpty { kept = clipped }
            if abs(median - previous) / abs(previous) < 1e-3 || pass == 5 { break }
        }
        return SampleStatistics.standardDeviation(kept)
    }
}
