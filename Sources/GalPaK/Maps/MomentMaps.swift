/// Moment maps of the data, so that the model's maps can be compared with the data and not
/// only with themselves.
///
/// Moments are taken per spaxel over one window of channels `W` shared by all spaxels (see
/// ``lineWindow(model:nx:ny:nz:)``), using only valid voxels (finite data, finite positive
/// variance: the voxels χ² uses), with channel velocities `v_k = (k − z)·dv` relative to the
/// fitted systemic channel z:
///
///     F  = Σ_W D_k                                   (flux, cube units, not × CDELT3)
///     V  = Σ_W v_k·D_k / F                           (km/s)
///     S² = Σ_W (v_k − V)²·D_k / F − σ_LSF²           (km/s; NaN when ≤ 0)
///
/// σ_LSF (km/s) is removed in quadrature so that S compares with the model's dispersion maps,
/// which leave the LSF out.
///
/// **Noise and mask.** The noise of F is `σ_F = √(Σ_W Var_k)` over the same voxels, with the
/// variance taken voxel by voxel from the cube's variance (file, STAT extension or estimate),
/// i.e. assuming independent noise between channels. Every map is NaN where
/// `F / σ_F < minimumSNR` (default 3) or where no voxel of the window is valid.
public struct MomentMaps: Sendable {
    /// Default signal-to-noise threshold of the mask.
    public static let defaultMinimumSNR = 3.0
    /// A channel belongs to the line window when the model's spectrum summed over all spaxels
    /// reaches this fraction of its peak.
    public static let windowFraction = 0.01

    /// The masked flux, velocity and dispersion maps.
    public var maps: KinematicMaps
    /// `F / σ_F` per spaxel, unmasked (NaN without a valid voxel).
    public var signalToNoise: [Double]
    /// The channels summed (0-based, inclusive).
    public var window: ClosedRange<Int>
    /// The S/N threshold applied.
    public var minimumSNR: Double
    /// The LSF dispersion removed in quadrature, km/s.
    public var lsfSigma: Double

    /// Computes the moments of `cube` over `window`, relative to channel `systemicChannel`.
    /// A cube without variance gives all-NaN maps (no S/N can be computed).
    public init(cube: Cube, systemicChannel z: Double, window: ClosedRange<Int>, lsfSigma: Double,
                minimumSNR: Double = defaultMinimumSNR) {
        let plane = cube.nx * cube.ny
        let dv = cube.velocityStep
        let variance = cube.variance ?? [Double](repeating: .nan, count: cube.count)
        let channels = window.clamped(to: 0...(cube.nz - 1))
        var flux = [Double](repeating: .nan, count: plane)
        var velocity = flux, dispersion = flux, snr = flux
        for s in 0..<plane {
            var f0 = 0.0, f1 = 0.0, f2 = 0.0, noise = 0.0, valid = 0
            for k in channels {
                let n = k * plane + s
                let d = cube.data[n], v = variance[n]
                guard d.isFinite, v.isFinite, v > 0 else { continue }
                let vk = (Double(k) - z) * dv
                f0 += d
                f1 += vk * d
                f2 += vk * vk * d
                noise += v
                valid += 1
            }
            guard valid > 0 else { continue }
            snr[s] = f0 / noise.squareRoot()
            guard snr[s] >= minimumSNR else { continue }
            let mean = f1 / f0
            let spread = f2 / f0 - mean * mean - lsfSigma * lsfSigma
            flux[s] = f0
            velocity[s] = mean
            dispersion[s] = spread > 0 ? spread.squareRoot() : .nan
        }
        maps = KinematicMaps(nx: cube.nx, ny: cube.ny, flux: flux, velocity: velocity, dispersion: dispersion)
        signalToNoise = snr
        self.window = channels
        self.minimumSNR = minimumSNR
        self.lsfSigma = lsfSigma
    }

    /// The channels that hold the line: from the first to the last channel where the model
    /// cube (`nz·ny·nx`, e.g. the convolved model at the estimate) summed over all spaxels
    /// reaches ``windowFraction`` of its peak. All channels when the model has no flux.
    public static func lineWindow(model: [Double], nx: Int, ny: Int, nz: Int) -> ClosedRange<Int> {
        precondition(model.count == nx * ny * nz, "model does not match the shape")
        let plane = nx * ny
        let spectrum = (0..<nz).map { k in model[k * plane..<(k + 1) * plane].reduce(0, +) }
        guard let peak = spectrum.max(), peak > 0,
              let first = spectrum.firstIndex(where: { $0 >= windowFraction * peak }),
              let last = spectrum.lastIndex(where: { $0 >= windowFraction * peak })
        else { return 0...(nz - 1) }
        return first...last
    }
}
