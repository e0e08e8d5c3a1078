/// Fingerprints of what a fit's likelihood was computed from, so that fits can be checked to be
/// comparable (`galpak compare`): two fits whose digests agree summed their χ² over the same
/// voxels with the same data, variances and noise model, so their χ², BIC, AIC and DIC differ
/// only by the models. 64-bit FNV-1a (``FNV1a``) as 16 hexadecimal digits.
public enum LikelihoodDigest {
    /// The digest of the χ² data term: the cube's shape, then for every voxel its data and
    /// 1/variance as ``ChiSquare`` keeps them (both 0 for a voxel the χ² excludes: NaN data,
    /// non-positive variance, masked or outside `--channels`). It changes with the cube, the
    /// variance (including a `--variance-scale`) and the voxels used.
    public static func data(_ chiSquare: ChiSquare, nx: Int, ny: Int, nz: Int) -> String {
        var hash = FNV1a()
        for n in [nx, ny, nz] { hash.add(Double(n)) }
        for n in 0..<chiSquare.data.count {
            hash.add(chiSquare.data[n])
            hash.add(chiSquare.inverseVariance[n])
        }
        return hash.hex
    }

    /// The digest of the noise model the likelihood used: the statistic, then the correlation's
    /// spatial lag covariance, spectral width and width margin, or nothing more for independent
    /// voxels (`correlation` nil or white).
    public static func noise(statistic: ChiStatistic, correlation: NoiseCorrelation?) -> String {
        var hash = FNV1a()
        hash.add(bytes: statistic.rawValue.utf8)
        if let c = correlation, c != .white {
            for x in [c.spatial.xx, c.spatial.xy, c.spatial.yy, c.spectral, c.spatialWidthMargin] { hash.add(x) }
        }
        return hash.hex
    }
}
