/// The data's line-of-sight velocity map (the first moment of ``MomentMaps``) with its 1σ
/// formal error per spaxel, propagated from the cube's variance through the intensity-weighted
/// mean `V = Σ_k v_k D_k / F` (`∂V/∂D_k = (v_k − V) / F`):
///
///     σ_V² = Σ_k Σ_l (v_k − V)(v_l − V) σ_k σ_l ρ_z(k − l) / F²
///
/// over the valid voxels of the spaxel's window (``LineWindowNoise``: ρ_z the spectral correlation of the noise
/// the fit measured, white without one). Formal: F and the window are taken as exact. For
/// Voronoi-binned maps (``VoronoiMomentMaps``) every spaxel carries its bin's error.
///
/// A sample along an axis interpolates the map bilinearly (``BilinearSample``); its error is
/// propagated through the interpolation weights `w` of the four spaxels p, q around it,
/// `√(Σ_pq w_p w_q σ_p σ_q c(p, q))`, with c = 1 for two spaxels of one Voronoi bin (they carry one
/// value) and otherwise the spatial correlation of the noise at their lag (0 for white noise).
public struct DataVelocityMap: Sendable {
    public let nx: Int, ny: Int
    /// Velocity, km/s, relative to the systemic channel (NaN where the data's map is).
    public var velocity: [Double]
    /// Its 1σ formal error, km/s (NaN where the velocity is).
    public var error: [Double]
    /// The Voronoi bin of every spaxel when the maps are binned.
    let bins: [Int]?
    /// The noise's correlation (only its spatial part is used here).
    let correlation: NoiseCorrelation

    /// The map of `moments` (per spaxel) with its errors, for the cube `moments` was made of.
    init(moments: MomentMaps, cube: Cube, systemicChannel: Double, correlation: NoiseCorrelation) {
        self.init(velocity: moments.maps.velocity,
                  error: Self.errors(of: moments, cube: cube, systemicChannel: systemicChannel, correlation: correlation),
                  nx: cube.nx, ny: cube.ny, bins: nil, correlation: correlation)
    }

    init(velocity: [Double], error: [Double], nx: Int, ny: Int, bins: [Int]?, correlation: NoiseCorrelation) {
        self.nx = nx
        self.ny = ny
        self.velocity = velocity
        self.error = error
        self.bins = bins
        self.correlation = correlation
    }

    /// σ_V of every "spaxel" of `moments` (as above), made of `cube` (its spaxels, or one
    /// spectrum per Voronoi bin) with velocities `(k − systemicChannel)·dv`.
    static func errors(of moments: MomentMaps, cube: Cube, systemicChannel z: Double,
                       correlation: NoiseCorrelation) -> [Double] {
        guard let widest = moments.window else { return [Double](repeating: .nan, count: moments.maps.velocity.count) }
        let noise = LineWindowNoise(cube: cube, window: widest, correlation: correlation)
        let dv = cube.velocityStep
        return moments.maps.velocity.indices.map { s in
            let v = moments.maps.velocity[s], f = moments.maps.flux[s]
            guard v.isFinite, f.isFinite, f != 0, let window = moments.windows[s] else { return .nan }
            return noise.variance(spaxel: s, window: window) { k in ((Double(k) - z) * dv - v) / f }.squareRoot()
        }
    }

    /// The velocity at offset `r` (pixels) along `axis` and its 1σ error; NaN for both off the
    /// grid or where a spaxel around the point has none.
    public func sample(along axis: MajorAxis, at r: Double) -> (velocity: Double, error: Double) {
        let p = axis.point(at: r)
        guard let sample = BilinearSample(x: p.x, y: p.y, nx: nx, ny: ny) else { return (.nan, .nan) }
        let value = sample.value(in: velocity)
        return (value, value.isNaN ? .nan : sample.standardError(of: error, correlation: errorCorrelation))
    }

    /// c(p, q) above.
    private func errorCorrelation(_ p: Int, _ q: Int) -> Double {
        if p == q { return 1 }
        if let bins, bins[p] == bins[q], bins[p] != VoronoiBinning.notBinned { return 1 }
        return correlation.spatialValue(dx: Double(p % nx - q % nx), dy: Double(p / nx - q / nx))
    }
}
