/// The noise of weighted sums over a spaxel's channels in the data's line window (the window
/// ``MomentMaps`` sums, the same for every spaxel or one per spaxel): over the window's valid voxels (finite data, finite positive
/// variance: those ``MomentMaps`` uses),
///
///     Var(Σ_k w_k D_k) = Σ_k Σ_l w_k w_l σ_k σ_l ρ_z(k − l),
///
/// with σ² the cube's variance and ρ_z the spectral part of the noise's correlation as the fit
/// measured it (``NoiseCorrelation/spectralValue(dz:)``); for white noise `Σ_k w_k² σ_k²`, the
/// independent-channel variance ``MomentMaps`` assumes. The variance ratio the fit measured is
/// not folded in: the variance is the one the fit used (rescaled only with `--variance-scale`).
struct LineWindowNoise {
    let cube: Cube
    /// The channels summed, within the cube (the widest window when spaxels have their own).
    let channels: ClosedRange<Int>
    /// ρ_z at lags 0, 1, …, up to the last lag within ``channels`` where it exceeds 10⁻⁹ (only
    /// lag 0 for white noise).
    private let rho: [Double]

    init(cube: Cube, window: ClosedRange<Int>, correlation: NoiseCorrelation) {
        self.cube = cube
        channels = window.clamped(to: 0...(cube.nz - 1))
        var rho = [1.0]
        while rho.count < channels.count, correlation.spectralValue(dz: Double(rho.count)) > 1e-9 {
            rho.append(correlation.spectralValue(dz: Double(rho.count)))
        }
        self.rho = rho
    }

    /// σ of the voxel of channel `k` at spaxel `s`; nil when the voxel is not valid.
    private func sigma(_ k: Int, _ s: Int) -> Double? {
        let n = k * cube.nx * cube.ny + s
        guard let v = cube.variance?[n], v.isFinite, v > 0, cube.data[n].isFinite else { return nil }
        return v.squareRoot()
    }

    /// The variance of `Σ_k weight(k)·D_k` at spaxel `s` (`j·nx + i`) over `window` (default:
    /// ``channels``; a spaxel's own window must lie within them); NaN without a valid voxel (or
    /// without a variance).
    func variance(spaxel s: Int, window: ClosedRange<Int>? = nil, weight: (Int) -> Double) -> Double {
        let terms = (window ?? channels).clamped(to: channels).compactMap { k in sigma(k, s).map { (k: k, ws: weight(k) * $0) } }
        guard !terms.isEmpty else { return .nan }
        var sum = 0.0
        for (a, p) in terms.enumerated() {
            sum += p.ws * p.ws
            for q in terms[(a + 1)...] {
                let lag = q.k - p.k
                guard lag < rho.count else { break }
                sum += 2 * p.ws * q.ws * rho[lag]
            }
        }
        return sum
    }

    /// The line-integrated flux `Σ_k D_k` of spaxel `s` and its variance (weights 1); NaN for both
    /// without a valid voxel.
    func flux(spaxel s: Int) -> (flux: Double, variance: Double) {
        let valid = channels.filter { sigma($0, s) != nil }
        guard !valid.isEmpty else { return (.nan, .nan) }
        let plane = cube.nx * cube.ny
        return (valid.reduce(0) { $0 + cube.data[$1 * plane + s] }, variance(spaxel: s) { _ in 1 })
    }
}
