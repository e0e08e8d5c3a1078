import Foundation

/// A first guess of the disk parameters from the moments of the cube, so that the chains
/// start near the data instead of at fixed defaults (the reference starts at radius 3 px,
/// inclination 30°, Vmax 100 km/s, σ0 5 km/s and a random PA).
///
/// 1. **Line window.** The emission is located in 3-D (``LineDetection``): the window is its
///    channels widened by one each side, and the *region* its spaxels and those within a PSF
///    FWHM (≥ 1 px) of them. When nothing is detected, the region is the whole field and the
///    window comes from the cube's total spectrum smoothed over 3 channels: the run of channels
///    around its peak where it stays above 10 % of the peak and twice its noise, widened by one
///    channel each side (``line(_:variance:)``; `√ΣV` is that noise only for independent
///    voxels, so on correlated noise this window wanders: hence the detection first).
/// 2. **Image and mask.** `F = Σ_window D` per spaxel, with noise `σ_F = s √(Σ_window V)`; the
///    mask keeps the region's spaxels with `F > 3 σ_F` (then 2 σ_F, then the 10 best with F > 0).
///    `√ΣV` holds for independent channels only: a channel smoothing (Hanning: ×1.6) or a
///    variance that is too small makes it too small, and a beam makes the noise spaxels that
///    then pass the threshold into blobs that drag the centre and the size away (a
///    beam+Hanning calibration cube: centre 4 px off, radius ×2.2, a local mode 13 000 in χ²
///    above the truth's). So `s` = max(1, the scatter of `F/√ΣV` measured on its negative
///    side, where emission adds nothing: median |F/√ΣV| over the spaxels with F < 0, ÷ 0.6745,
///    the half-normal's median), from ≥ 10 such spaxels, else 1.
///    **z** = the centroid channel of the mask's total spectrum in the window (without a
///    detection: in that spectrum's own window, found as in 1). With a set of lines, z, the
///    free ratios and the flux come from the set's template fitted to that spectrum
///    (``LineTemplateFit``); the window of steps 4–5 is then the z-line's channels, and
///    ``lineWindow`` spans every line.
/// 3. **Centre**: the F-weighted centroid of the mask. **Shape**: the F-weighted second
///    moments, minus the PSF's σ² (a Gaussian of the PSF's FWHM); their eigenvalues λ1 ≥ λ2
///    give the axis ratio `q = √(λ2/λ1)` and, for a disk of thickness q0 = `aspect`,
///    `cos² i = (q² − q0²)/(1 − q0²)`. **radius** = the major-axis half-light radius of the
///    region's image in ellipses of the observed axis ratio (``halfLightRadius(_:nx:ny:centre:angle:axisRatio:)``),
///    with the seeing removed in quadrature (`Re² − (1.1774 σ_PSF)²`, at least Re/2).
///    **turnover_radius** = 0.35 Re (typical of the reference's mock galaxies).
/// 4. **Velocity field.** Per masked spaxel, the centroid channel of the positive data in the
///    window; an F-weighted least-squares plane gives the gradient g (in km/s per pixel, the
///    sign of the velocity step included), which points to the receding side. With this
///    project's convention (PA anticlockwise from +y to the approaching side; receding side
///    toward (sin PA, −cos PA)), **PA** = `atan2(g_x, −g_y)`.
/// 5. **maximum_velocity** = the 90th percentile of `v / (cos φ · sin i)` over the spaxels at
///    least 1 px from the centre within 45° of the kinematic axis (φ the angle to it);
///    **velocity_dispersion** = the median over the spaxels of the line width from its area
///    and peak, `σ = A / (P √(2π))`, minus the LSF's σ in quadrature.
///
/// Beam smearing and the mask make this a rough start (sizes and Vmax low, σ0 high), not an
/// estimate: it only has to put the chains near the posterior. Values that cannot be measured
/// (no line detected) are NaN and fall back to the reference defaults.
public struct MomentGuess: Sendable, Equatable {
    /// The guessed parameters (NaN where the cube did not tell).
    public var parameters: GalaxyParameters
    /// Position angle of the image's major axis, in the PA convention, and the same + 180°
    /// (which of the two is the approaching side is unknown from the image alone); NaN if unknown.
    public var morphologicalPA: Double
    /// Number of spaxels in the mask.
    public var spaxels: Int
    /// The line's flux in the mask, `Σ_mask F` (0 if no line was found): usually a little below
    /// the galaxy's flux (the faint outskirts are left out), but with only the noise of the
    /// mask's voxels, where the sum of the whole cube carries the noise of every voxel (with
    /// beam-correlated noise that sum can fall far below, or above, the galaxy's flux).
    public var detectedFlux: Double
    /// The mask's spaxels (flat index `j·nx + i`); empty if no line was found.
    public var detectedSpaxels: [Int]
    /// The mask's spaxel of highest `F/σ_F` (nil if no line was found).
    public var peakSpaxel: Int?
    /// The line's channels (the window of the mask's spectrum, step 1), nil if no line was found.
    public var lineWindow: ClosedRange<Int>?

    /// Measures `cube`.
    /// - Parameters:
    ///   - psfFWHM: PSF FWHM in pixels.
    ///   - lsfSigma: LSF σ in km/s.
    ///   - aspect: the model's thickness ratio q0 = hz/Re.
    ///   - lines: the model's set of lines on the cube, nil for one line.
    public init(cube: Cube, psfFWHM: Double, lsfSigma: Double, aspect: Double, lines: LineGrid? = nil) {
        parameters = .missing
        morphologicalPA = .nan
        spaxels = 0
        detectedFlux = 0
        detectedSpaxels = []
        let (nx, ny, nz) = (cube.nx, cube.ny, cube.nz)
        let variance = cube.variance ?? [Double](repeating: .nan, count: cube.count)
        func usable(_ n: Int) -> Bool { cube.data[n].isFinite && variance[n].isFinite && variance[n] > 0 }

        // 1. Line window and systemic channel, from the total spectrum.
        func spectrum(over spaxels: [Int]) -> (flux: [Double], variance: [Double]) {
            var flux = [Double](repeating: 0, count: nz), v = flux
            for k in 0..<nz {
                for s in spaxels where usable(k * nx * ny + s) {
                    flux[k] += cube.data[k * nx * ny + s]
                    v[k] += variance[k * nx * ny + s]
                }
            }
            return (flux, v)
        }
        let detection = LineDetection(cube: cube, psfFWHM: psfFWHM)
        let all = spectrum(over: detection?.spaxels ?? Array(0..<nx * ny))
        var window: ClosedRange<Int>, z: Double
        if let detection {
            window = Swift.max(0, detection.channels.lowerBound - 1)...Swift.min(nz - 1, detection.channels.upperBound + 1)
            guard let centroid = Self.centroid(all.flux, over: window) else { return }
            z = centroid
        } else {
            guard let line = Self.line(all.flux, variance: all.variance) else { return }
            (window, z) = line
        }
        // Where the galaxy can be: the detected spaxels and a PSF FWHM around them.
        let region = detection.map { Self.dilate($0.spaxels, nx: nx, ny: ny, by: Swift.max(1, psfFWHM)) }
            ?? [Bool](repeating: true, count: nx * ny)

        // 2. Image and mask.
        var image = [Double](repeating: 0, count: nx * ny)
        var noise = [Double](repeating: 0, count: nx * ny)
        for k in window {
            for s in 0..<nx * ny where usable(k * nx * ny + s) {
                image[s] += cube.data[k * nx * ny + s]
                noise[s] += variance[k * nx * ny + s]
            }
        }
        let scale = Self.noiseScale(image: image, variance: noise)
        for s in noise.indices { noise[s] *= scale * scale }
        var mask: [Int] = []
        for threshold in [3.0, 2.0] where mask.count < 6 {
            mask = (0..<nx * ny).filter { region[$0] && noise[$0] > 0 && image[$0] > threshold * noise[$0].squareRoot() }
        }
        if mask.count < 6 {
            mask = Array((0..<nx * ny).filter { region[$0] && image[$0] > 0 && noise[$0] > 0 }
                .sorted { image[$0] / noise[$0].squareRoot() > image[$1] / noise[$1].squareRoot() }
                .prefix(10))
        }
        guard mask.count >= 3 else { return }
        spaxels = mask.count
        detectedFlux = mask.reduce(0) { $0 + image[$1] }
        detectedSpaxels = mask
        peakSpaxel = mask.max { image[$0] / noise[$0].squareRoot() < image[$1] / noise[$1].squareRoot() }
        // The line again, from the galaxy's spaxels only (far less noise).
        let galaxy = spectrum(over: mask)
        if detection != nil {
            z = Self.centroid(galaxy.flux, over: window) ?? z
        } else if let refined = Self.line(galaxy.flux, variance: galaxy.variance) {
            (window, z) = refined
        }
        lineWindow = window
        var lineImage = image
        if let lines, let fit = LineTemplateFit(flux: galaxy.flux, variance: galaxy.variance, lines: lines) {
            (z, window, lineWindow) = (fit.z, fit.zLineWindow, fit.span)
            for (name, ratio) in fit.ratios { parameters[name] = ratio }
            if fit.totalFlux > 0 { detectedFlux = fit.totalFlux }
            lineImage = (0..<nx * ny).map { s in window.reduce(0) { usable($1 * nx * ny + s) ? $0 + cube.data[$1 * nx * ny + s] : $0 } }
        }
        parameters[.z] = z

        // 3. Centre, size, shape.
        let weight = mask.map { image[$0] }
        let sumWeight = weight.reduce(0, +)
        let xs = mask.map { Double($0 % nx) }, ys = mask.map { Double($0 / nx) }
        let x0 = zip(weight, xs).reduce(0) { $0 + $1.0 * $1.1 } / sumWeight
        let y0 = zip(weight, ys).reduce(0) { $0 + $1.0 * $1.1 } / sumWeight
        var ixx = 0.0, iyy = 0.0, ixy = 0.0
        for (w, (x, y)) in zip(weight, zip(xs, ys)) {
            ixx += w * (x - x0) * (x - x0)
            iyy += w * (y - y0) * (y - y0)
            ixy += w * (x - x0) * (y - y0)
        }
        ixx /= sumWeight
        iyy /= sumWeight
        ixy /= sumWeight
        parameters[.x] = x0
        parameters[.y] = y0
        let half = (ixx - iyy) / 2
        let root = (half * half + ixy * ixy).squareRoot()
        let psfVariance = pow(psfFWHM / fwhmPerSigma, 2)
        let major = Swift.max((ixx + iyy) / 2 + root - psfVariance, 0.1 * ((ixx + iyy) / 2 + root))
        let minor = Swift.min(Swift.max((ixx + iyy) / 2 - root - psfVariance, 0.01 * major), major)
        let theta = 0.5 * atan2(2 * ixy, ixx - iyy)
        let observedRatio = (Swift.max((ixx + iyy) / 2 - root, 1e-6) / ((ixx + iyy) / 2 + root)).squareRoot()
        let regionImage = image.indices.map { region[$0] ? image[$0] : 0 }
        if let observed = Self.halfLightRadius(regionImage, nx: nx, ny: ny, centre: (x0, y0), angle: theta,
                                               axisRatio: observedRatio) {
            let smear = 1.1774 * psfFWHM / fwhmPerSigma
            parameters[.radius] = Swift.max(observed * observed - smear * smear, 0.25 * observed * observed).squareRoot()
        }
        let q = (minor / major).squareRoot(), q0 = Swift.min(aspect, 0.99)
        let cos2 = Swift.min(Swift.max((q * q - q0 * q0) / (1 - q0 * q0), 0), 1)
        let inclination = acos(cos2.squareRoot()) * 180 / Double.pi
        parameters[.inclination] = inclination
        // Major axis at angle θ from +x towards +y; PA of the half along (−sin PA, cos PA).
        morphologicalPA = wrapDegrees(atan2(-cos(theta), sin(theta)) * 180 / Double.pi)
        if parameters[.radius].isFinite { parameters[.turnoverRadius] = 0.35 * parameters[.radius] }

        // 4. Velocity field: centroid and width per spaxel, in channels.
        var centroids: [Double] = [], widths: [Double] = [], used: [Int] = []
        for (m, s) in mask.enumerated() {
            var sum = 0.0, first = 0.0, peak = 0.0
            for k in window where usable(k * nx * ny + s) {
                let d = Swift.max(cube.data[k * nx * ny + s], 0)
                sum += d
                first += d * Double(k)
                peak = Swift.max(peak, d)
            }
            guard sum > 0 else { continue }
            centroids.append(first / sum)
            // A Gaussian line of area A and peak P has σ = A / (P √(2π)), in channels.
            widths.append(lineImage[s] / (peak * (2 * Double.pi).squareRoot()))
            used.append(m)
        }
        guard used.count >= 3 else { return }
        // Weighted least-squares plane c = a + gx·x + gy·y, on values centred on their means.
        let w = used.map { weight[$0] }
        let sw = w.reduce(0, +)
        func centred(_ v: [Double]) -> [Double] {
            let mean = zip(w, v).reduce(0) { $0 + $1.0 * $1.1 } / sw
            return v.map { $0 - mean }
        }
        let dx = centred(used.map { xs[$0] }), dy = centred(used.map { ys[$0] }), dc = centred(centroids)
        var sxx = 0.0, syy = 0.0, sxy = 0.0, cx = 0.0, cy = 0.0
        for n in w.indices {
            sxx += w[n] * dx[n] * dx[n]
            syy += w[n] * dy[n] * dy[n]
            sxy += w[n] * dx[n] * dy[n]
            cx += w[n] * dx[n] * dc[n]
            cy += w[n] * dy[n] * dc[n]
        }
        let determinant = sxx * syy - sxy * sxy
        let dv = cube.velocityStep
        let sinI = Swift.max(sin(inclination * Double.pi / 180), 0.2)
        if determinant > 0 {
            let gx = (syy * cx - sxy * cy) / determinant * dv
            let gy = (sxx * cy - sxy * cx) / determinant * dv
            let g = (gx * gx + gy * gy).squareRoot()
            if g > 0 {
                parameters[.pa] = wrapDegrees(atan2(gx, -gy) * 180 / Double.pi)
                // Rotation speeds of the spaxels within ~45° of the kinematic axis, deprojected.
                var speeds: [Double] = []
                for (c, m) in zip(centroids, used) {
                    let ox = xs[m] - x0, oy = ys[m] - y0
                    let r = (ox * ox + oy * oy).squareRoot()
                    guard r >= 1 else { continue }
                    let cosine = (ox * gx + oy * gy) / (r * g)
                    if abs(cosine) >= 0.7 { speeds.append((c - z) * dv / (cosine * sinI)) }
                }
                if speeds.count >= 3 {
                    speeds.sort()
                    parameters[.maximumVelocity] = speeds[Int((0.9 * Double(speeds.count - 1)).rounded())]
                }
            }
        }
        let sigma = SampleStatistics.upperMedian(widths) * abs(dv)
        parameters[.velocityDispersion] = Swift.max(sigma * sigma - lsfSigma * lsfSigma, 0).squareRoot()
    }

    /// The factor `s ≥ 1` by which the noise of the window image exceeds `√variance` (step 2):
    /// the scatter of `image/√variance` on its negative side (median |x| over x < 0, ÷ 0.6745),
    /// 1 with fewer than 10 negative spaxels.
    static func noiseScale(image: [Double], variance: [Double]) -> Double {
        let ratios = image.indices.compactMap { s in variance[s] > 0 ? image[s] / variance[s].squareRoot() : nil }
        return Swift.max(1, SampleStatistics.negativeSideScatter(ratios) ?? 1)
    }

    /// The spaxels within `radius` px of one of `spaxels` (flat indices), as a flag per spaxel.
    static func dilate(_ spaxels: [Int], nx: Int, ny: Int, by radius: Double) -> [Bool] {
        var inside = [Bool](repeating: false, count: nx * ny)
        let r = Int(radius.rounded(.down))
        for s in spaxels {
            let (i, j) = (s % nx, s / nx)
            for dj in -r...r where j + dj >= 0 && j + dj < ny {
                for di in -r...r where i + di >= 0 && i + di < nx && Double(di * di + dj * dj) <= radius * radius {
                    inside[(j + dj) * nx + i + di] = true
                }
            }
        }
        return inside
    }

    /// The channels of the line in `flux` (with per-channel `variance`) and its centroid: the
    /// 3-channel-smoothed spectrum's peak, extended while the smoothed flux stays above both
    /// 10 % of the peak and twice its noise, widened by one channel each side; the centroid of
    /// the positive flux in that window. Nil if there is no positive peak.
    static func line(_ flux: [Double], variance: [Double]) -> (window: ClosedRange<Int>, z: Double)? {
        let nz = flux.count
        let range = { (k: Int) in Swift.max(0, k - 1)...Swift.min(nz - 1, k + 1) }
        let smooth = (0..<nz).map { flux[range($0)].reduce(0, +) }
        let noise = (0..<nz).map { variance[range($0)].reduce(0, +).squareRoot() }
        guard let peak = smooth.indices.max(by: { smooth[$0] < smooth[$1] }), smooth[peak] > 0 else { return nil }
        func inLine(_ k: Int) -> Bool { smooth[k] > Swift.max(0.1 * smooth[peak], 2 * noise[k]) }
        var low = peak, high = peak
        while low > 0 && inLine(low - 1) { low -= 1 }
        while high < nz - 1 && inLine(high + 1) { high += 1 }
        let window = Swift.max(0, low - 1)...Swift.min(nz - 1, high + 1)
        return centroid(flux, over: window).map { (window, $0) }
    }

    /// The centroid channel of the positive flux in `window`; nil if there is none.
    static func centroid(_ flux: [Double], over window: ClosedRange<Int>) -> Double? {
        let positive = window.map { Swift.max(flux[$0], 0) }
        let total = positive.reduce(0, +)
        guard total > 0 else { return nil }
        return zip(window, positive).reduce(0) { $0 + Double($1.0) * $1.1 } / total
    }

    /// The major-axis radius of the ellipse (centre, angle θ of the major axis from +x, axis
    /// ratio) that holds half the image's total flux, interpolated between spaxels; nil if the
    /// total is not positive.
    static func halfLightRadius(_ image: [Double], nx: Int, ny: Int, centre: (x: Double, y: Double),
                                angle: Double, axisRatio: Double) -> Double? {
        let total = image.reduce(0, +)
        guard total > 0 else { return nil }
        let (c, s) = (cos(angle), sin(angle))
        let radii = (0..<nx * ny).map { n -> Double in
            let dx = Double(n % nx) - centre.x, dy = Double(n / nx) - centre.y
            let a = dx * c + dy * s, b = (-dx * s + dy * c) / axisRatio
            return (a * a + b * b).squareRoot()
        }
        var running = 0.0, previousRadius = 0.0
        for n in radii.indices.sorted(by: { radii[$0] < radii[$1] }) {
            let next = running + image[n]
            if next >= total / 2 {
                let t = image[n] > 0 ? (total / 2 - running) / image[n] : 1
                return previousRadius + t * (radii[n] - previousRadius)
            }
            running = next
            previousRadius = radii[n]
        }
        return nil
    }
}
