import Foundation

/// A Gaussian model of the noise's normalised autocorrelation, separable into a spatial and a
/// spectral part:
///
///     ρ(dx, dy, dz) = exp(−½ (dx, dy) C⁻¹ (dx, dy)ᵀ) · exp(−dz² / 2s_z²)
///
/// with `C` the spatial lag covariance (px², possibly elliptical) and `s_z` the spectral lag
/// width (channels). A zero width means no correlation along that axis (ρ = 1 at lag 0, else
/// 0): white noise is `C = 0, s_z = 0`.
///
/// Noise smoothed by a Gaussian beam of standard deviation `b` has a Gaussian correlation of
/// width `√2·b`: the FWHMs reported here are those of the equivalent smoothing kernel,
/// `2√(2 ln 2) · s / √2`, comparable with a header's BMAJ/BMIN. A Hanning [¼, ½, ¼] channel
/// smoothing (ρ = 1, ⅔, ⅙ at lags 0, 1, 2) is matched within 0.02 in ρ by `s_z` ≈ 1.06.
///
/// A measured correlation also carries ``spatialWidthMargin``, the relative amount by which its
/// spatial width may be too large; ``NoisePowerSpectrum`` guards against it.
public struct NoiseCorrelation: Sendable, Equatable {
    /// Spatial lag covariance (px²): `[xx, xy, yy]`.
    public var spatial: (xx: Double, xy: Double, yy: Double)
    /// Spectral lag width `s_z` (channels).
    public var spectral: Double
    /// δ: the spatial width may be up to `δ` (relative) smaller than stated; 0 when it is known
    /// (given, or a model). See ``NoiseMeasurement/spatialWidthMargin(voxels:voxelsPerCorrelation:)``.
    public var spatialWidthMargin = 0.0

    /// Widths below this (px or channels) count as no correlation: ρ(1) < e⁻⁵⁰.
    static let negligibleWidth = 0.1

    /// No correlation.
    public static let white = NoiseCorrelation(spatial: (0, 0, 0), spectral: 0)

    public init(spatial: (xx: Double, xy: Double, yy: Double), spectral: Double) {
        self.spatial = spatial
        self.spectral = spectral
    }

    /// A circular spatial correlation of width `spatialWidth` (px) and a spectral one of width
    /// `spectralWidth` (channels).
    public init(spatialWidth: Double, spectralWidth: Double) {
        self.init(spatial: (spatialWidth * spatialWidth, 0, spatialWidth * spatialWidth), spectral: spectralWidth)
    }

    public static func == (a: NoiseCorrelation, b: NoiseCorrelation) -> Bool {
        a.spatial == b.spatial && a.spectral == b.spectral && a.spatialWidthMargin == b.spatialWidthMargin
    }

    /// This correlation with its spatial lag covariance scaled by `factor²` (widths by `factor`).
    public func spatiallyScaled(by factor: Double) -> NoiseCorrelation {
        let f2 = factor * factor
        return NoiseCorrelation(spatial: (spatial.xx * f2, spatial.xy * f2, spatial.yy * f2), spectral: spectral)
    }

    /// Geometric mean of the spatial widths, `(det C)^¼` (px).
    public var spatialWidth: Double {
        Swift.max(spatial.xx * spatial.yy - spatial.xy * spatial.xy, 0).squareRoot().squareRoot()
    }

    /// FWHM (px) of the Gaussian beam that would produce this spatial correlation (geometric
    /// mean of its axes); 0 for spatially white noise.
    public var spatialFWHM: Double { Self.beamFWHM(spatialWidth) }

    /// FWHM (channels) of the Gaussian channel smoothing that would produce this spectral
    /// correlation; 0 for spectrally white noise.
    public var spectralFWHM: Double { Self.beamFWHM(spectral) }

    private static func beamFWHM(_ width: Double) -> Double {
        width < negligibleWidth ? 0 : 2 * (2 * log(2.0)).squareRoot() * width / 2.0.squareRoot()
    }

    /// ρ at a spatial lag (px).
    public func spatialValue(dx: Double, dy: Double) -> Double {
        if dx == 0, dy == 0 { return 1 }
        let det = spatial.xx * spatial.yy - spatial.xy * spatial.xy
        guard spatialWidth >= Self.negligibleWidth, det > 0 else { return 0 }
        let q = (spatial.yy * dx * dx - 2 * spatial.xy * dx * dy + spatial.xx * dy * dy) / det
        return exp(-q / 2)
    }

    /// ρ at a spectral lag (channels).
    public func spectralValue(dz: Double) -> Double {
        if dz == 0 { return 1 }
        guard spectral >= Self.negligibleWidth else { return 0 }
        return exp(-dz * dz / (2 * spectral * spectral))
    }
}

extension NoiseCorrelation {
    /// Voxels per correlation volume, `Σ_τ ρ(τ)` over all lags: the factor by which the
    /// independent voxels are fewer than the voxels (1 for white noise). For noise smoothed by
    /// a Gaussian beam of FWHM 4 px and a Hanning [¼, ½, ¼] channel kernel it is ≈ 36 × 2.7.
    public var voxelsPerCorrelation: Double {
        let s = Swift.max(spatial.xx, spatial.yy).squareRoot()
        let rxy = Int((6 * s).rounded(.up)), rz = Int((6 * spectral).rounded(.up))
        var sxy = 0.0, sz = 0.0
        for dy in -rxy...rxy {
            for dx in -rxy...rxy { sxy += spatialValue(dx: Double(dx), dy: Double(dy)) }
        }
        for dz in -rz...rz { sz += spectralValue(dz: Double(dz)) }
        return sxy * sz
    }

    /// The Gaussian model fitted to a measured autocorrelation: least squares on
    /// `−2 ln ρ = a dx² + 2b dx dy + c dy²` (spatial, `C = [[a, b], [b, c]]⁻¹`) and
    /// `−2 ln ρ = dz² / s_z²` (spectral), over the lags of the central peak where ρ exceeds
    /// ``fitThreshold`` (lower values are dominated by the estimate's noise). An axis with no
    /// such lag is white. When the elliptical fit is not positive definite the spatial part
    /// falls back to a circular fit.
    init(fitting rho: MaskedAutocorrelation) {
        let t = Self.fitThreshold
        // Central peak: lags up to the first one, along each spatial axis, below the threshold.
        func reach(_ value: (Int) -> Double, _ limit: Int) -> Int {
            var r = 0
            while r < limit, value(r + 1) > t { r += 1 }
            return r
        }
        let rxy = Swift.max(reach({ rho($0, 0, 0) }, rho.maxLag.x), reach({ rho(-$0, 0, 0) }, rho.maxLag.x),
                            reach({ rho(0, $0, 0) }, rho.maxLag.y), reach({ rho(0, -$0, 0) }, rho.maxLag.y))
        let rz = Swift.max(reach({ rho(0, 0, $0) }, rho.maxLag.z), reach({ rho(0, 0, -$0) }, rho.maxLag.z))

        var n = [[Double]](repeating: [0, 0, 0], count: 3), v = [0.0, 0, 0]
        var r4 = 0.0, r2y = 0.0
        if rxy > 0 {
            for dy in -Swift.min(rxy + 1, rho.maxLag.y)...Swift.min(rxy + 1, rho.maxLag.y) {
                for dx in -Swift.min(rxy + 1, rho.maxLag.x)...Swift.min(rxy + 1, rho.maxLag.x) where dx != 0 || dy != 0 {
                    let r = rho(dx, dy, 0)
                    guard r > t, r < 1 else { continue }
                    let y = -2 * log(r), x = Double(dx), yy = Double(dy)
                    let f = [x * x, 2 * x * yy, yy * yy]
                    for i in 0..<3 {
                        v[i] += f[i] * y
                        for j in 0..<3 { n[i][j] += f[i] * f[j] }
                    }
                    let r2 = x * x + yy * yy
                    r4 += r2 * r2
                    r2y += r2 * y
                }
            }
        }
        var spatial = (xx: 0.0, xy: 0.0, yy: 0.0)
        if let q = Self.solve3(n, v), q[0] > 0, q[0] * q[2] - q[1] * q[1] > 0 {
            let det = q[0] * q[2] - q[1] * q[1]
            spatial = (q[2] / det, -q[1] / det, q[0] / det)
        } else if r2y > 0 {
            let s2 = r4 / r2y
            spatial = (s2, 0, s2)
        }
        var z4 = 0.0, z2y = 0.0
        if rz > 0 {
            for dz in 1...rz {
                for sign in [-1, 1] {
                    let r = rho(0, 0, sign * dz)
                    guard r > t, r < 1 else { continue }
                    let z2 = Double(dz * dz)
                    z4 += z2 * z2
                    z2y += z2 * -2 * log(r)
                }
            }
        }
        self.init(spatial: spatial, spectral: z2y > 0 ? (z4 / z2y).squareRoot() : 0)
    }

    /// The circular spatial correlation, without spectral correlation, whose
    /// ``voxelsPerCorrelation`` is `voxels` (to 10⁻⁶ relative; white for `voxels` ≤ 1): its
    /// width found by bisection on the exact lattice sum (≈ `√(voxels/2π)` px for a wide beam).
    public static func circular(voxels: Double) -> NoiseCorrelation {
        guard voxels > 1 else { return .white }
        // At the negligible width the sum is 1; at √(voxels/π) it exceeds `voxels`.
        var low = negligibleWidth, high = Swift.max((voxels / Double.pi).squareRoot(), 1)
        while high - low > 1e-7 * high {
            let mid = (low + high) / 2
            if NoiseCorrelation(spatialWidth: mid, spectralWidth: 0).voxelsPerCorrelation < voxels { low = mid } else { high = mid }
        }
        return NoiseCorrelation(spatialWidth: (low + high) / 2, spectralWidth: 0)
    }

    /// Lags whose measured ρ is below this are left out of the fit.
    static let fitThreshold = 0.15

    /// Solves the 3×3 system `n·q = v` (Cramer's rule); nil when it is singular.
    private static func solve3(_ n: [[Double]], _ v: [Double]) -> [Double]? {
        func det(_ m: [[Double]]) -> Double {
            m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0])
        }
        let d = det(n)
        let scale = n.flatMap { $0 }.map(abs).max() ?? 0
        guard scale > 0, abs(d) > 1e-9 * scale * scale * scale else { return nil }
        return (0..<3).map { i in
            var m = n
            for r in 0..<3 { m[r][i] = v[r] }
            return det(m) / d
        }
    }
}
