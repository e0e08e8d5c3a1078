/// Moment maps of the data, so that the model's maps can be compared with the data and not
/// only with themselves.
///
/// Moments are taken per spaxel over a window of channels `W`, in a fit each spaxel's own
/// window around its line (``spaxelWindows(model:nx:ny:nz:)``: a window shared by all spaxels
/// takes in noise far from a spaxel's line on one side, which the second moment weighs by the
/// square of its distance), using only valid voxels (finite data, finite positive variance: the
/// voxels χ² uses), with channel velocities `v_k = (k − z)·dv` relative to the fitted systemic
/// channel z:
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
/// `F / σ_F < minimumSNR` (default 3), where no voxel of the window is valid, and where a
/// spaxel has no window (its line runs past the cube's spectral edge, so its moments would be
/// cut).
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
    /// The channels summed at each spaxel (0-based, inclusive), nil where the spaxel has none.
    public var windows: [ClosedRange<Int>?]
    /// The S/N threshold applied.
    public var minimumSNR: Double
    /// The LSF dispersion removed in quadrature, km/s.
    public var lsfSigma: Double

    /// The channels summed at some spaxel: from the first of any spaxel's window to the last
    /// of any (nil when no spaxel has one).
    public var window: ClosedRange<Int>? {
        let set = windows.compactMap { $0 }
        guard let low = set.map(\.lowerBound).min(), let high = set.map(\.upperBound).max() else { return nil }
        return low...high
    }

    /// Computes the moments of `cube` over `window`, the same for every spaxel, relative to
    /// channel `systemicChannel`. A cube without variance gives all-NaN maps (no S/N can be computed).
    public init(cube: Cube, systemicChannel z: Double, window: ClosedRange<Int>, lsfSigma: Double,
                minimumSNR: Double = defaultMinimumSNR) {
        self.init(cube: cube, systemicChannel: z, windows: Array(repeating: window, count: cube.nx * cube.ny),
                  lsfSigma: lsfSigma, minimumSNR: minimumSNR)
    }

    /// Computes the moments of `cube` over each spaxel's window of `windows` (`ny·nx`, x
    /// fastest; nil: no moments there), relative to channel `systemicChannel`.
    public init(cube: Cube, systemicChannel z: Double, windows: [ClosedRange<Int>?], lsfSigma: Double,
                minimumSNR: Double = defaultMinimumSNR) {
        let plane = cube.nx * cube.ny
        precondition(windows.count == plane, "one window per spaxel")
        let dv = cube.velocityStep
        let variance = cube.variance ?? [Double](repeating: .nan, count: cube.count)
        var flux = [Double](repeating: .nan, count: plane)
        var velocity = flux, dispersion = flux, snr = flux
        for s in 0..<plane {
            guard let window = windows[s] else { continue }
            var f0 = 0.0, f1 = 0.0, f2 = 0.0, noise = 0.0, valid = 0
            for k in window.clamped(to: 0...(cube.nz - 1)) {
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
        self.windows = windows.map { $0?.clamped(to: 0...(cube.nz - 1)) }
        self.minimumSNR = minimumSNR
        self.lsfSigma = lsfSigma
    }

    /// Each spaxel's window (`ny·nx`, x fastest): the channels from the first to the last where
    /// the spaxel's spectrum in `model` (e.g. the convolved model at the estimate) reaches
    /// ``windowFraction`` of its own peak, or where the spaxel's model has no flux, the line's
    /// window over the whole cube (``lineWindow(model:nx:ny:nz:)``); nil where the window
    /// reaches the cube's first or last channel: the line runs past the spectral edge there.
    public static func spaxelWindows(model: [Double], nx: Int, ny: Int, nz: Int) -> [ClosedRange<Int>?] {
        precondition(model.count == nx * ny * nz, "model does not match the shape")
        let plane = nx * ny
        let whole = lineWindow(model: model, nx: nx, ny: ny, nz: nz)
        return (0..<plane).map { s in
            var peak = 0.0
            for k in 0..<nz { peak = Swift.max(peak, model[k * plane + s]) }
            var window = whole
            if peak > 0, peak.isFinite,
               let first = (0..<nz).first(where: { model[$0 * plane + s] >= windowFraction * peak }),
               let last = (0..<nz).last(where: { model[$0 * plane + s] >= windowFraction * peak }) {
                window = first...last
            }
            return window.lowerBound > 0 && window.upperBound < nz - 1 ? window : nil
        }
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
