import Foundation

/// Renders the clean (unconvolved) cube of a thick rotating disk, exactly as GalPaK3D 1.35
/// does, so that a parameter set means the same galaxy in both tools.
///
/// For every spaxel (i, j) the disk is sampled along the line of sight on
/// `Nlos = ceil((nx + ny)/2)` points at heights `dl = l − (Nlos − 1)/2`, with
/// `dx = i − x`, `dy = j − y`, and the sky → disk rotation (PA, inclination in radians)
///
///     X = sin(PA)·dx − cos(PA)·dy
///     w = cos(PA)·dx + sin(PA)·dy
///     Y = cos(i)·w − sin(i)·dl,   Z = sin(i)·w + cos(i)·dl,   R = √(X² + Y²)
///
/// The emissivity is `f = I(R)·T(Z)` (``FluxProfile``, ``ThicknessProfile``), the line-of-sight
/// velocity `vz = v(R)·sin(i)·X/R` (``RotationCurve``), plus the radial and bisymmetric flows of
/// ``NonCircularMotions`` when the model has them (``DiskVelocityField``). Collapsing along the line of sight gives
/// the intrinsic maps: flux `F = Σf`, velocity `V = Σ vz·f / F`, and dispersion
/// `S = √(σ_mix² + σ_loc² + σ0²)` with `σ_mix² = Σ vz²·f/F − V²` (if positive) and
/// `σ_loc² = Σ σ_d²·f² / Σ f²` (``DispersionProfile``). Each spaxel's spectrum is a Gaussian
/// in velocity `exp(−½((v_k − V)/S)²)` at channel velocities `v_k = (k − z)·dv` (plus the blue
/// line of a ``LineDoublet``), renormalised to sum to the spaxel's share of `flux` over the
/// cube's channels, so the whole cube sums to the `flux` parameter.
///
/// **A set of lines** (``LineSet`` placed by ``LineGrid``): line i is a Gaussian at channel
/// velocities `(k − k_i)·dv_i` of width `S_i = √(S² + extra_i)` (at least 1e-3 |dv_i|),
/// normalised to its relative flux a_i (``LineSet/relativeFluxes(_:z:into:)``): its values are
/// divided by `N_i = Σ_k exp(−½((k − c_i)/w_i)²)` over all integers k (`c_i = k_i + V/dv_i`,
/// `w_i = S_i/|dv_i|` channels; `w_i √(2π)` when w_i ≥ 1, within 6e-9), so that the lines'
/// fluxes keep their ratios wherever they fall on the channel grid. The spaxel's spectrum is
/// then renormalised to its share of `flux` over the cube's channels as for one line: the
/// `flux` parameter is the total over all lines (of the parts inside the cube). A line whose
/// nearest channel is beyond 6.07 S_i is left out (below ``negligibleRatio``).
///
/// The receding half of the disk lies towards (sin PA, −cos PA) in (x, y).
///
/// **Window.** A renderer may write only a box of its cube (``window``, a fit's crop): the
/// intrinsic maps, and so the normalisation to `flux`, still cover every spaxel, and each line
/// is normalised over every channel, so the box holds exactly the voxels of the whole cube's
/// render (the spectra of the other spaxels are not made).
///
/// Accuracy: matches the reference renders voxel by voxel to ~1e-8 (``negligibleRatio``;
/// relative L2 error ~2.5e-8 against the float32 parity files, their own rounding). Work buffers are allocated once in `init`;
/// ``render(_:into:)`` allocates nothing. Not thread-safe: one instance per thread.
public final class DiskModel {
    /// Cube shape.
    public let nx: Int, ny: Int, nz: Int
    /// Velocity step per channel, km/s (may be negative).
    public let velocityStep: Double
    /// The model's options.
    public let configuration: ModelConfiguration
    /// Depth of the line-of-sight grid, `ceil((nx + ny)/2)`.
    public let losDepth: Int
    /// The voxels ``render(_:into:)`` writes (the whole cube unless given).
    public let window: CropBox
    /// The placement of a set of lines (``ModelConfiguration/lines``) on the cube, else nil.
    public let lines: LineGrid?
    /// Which faint points of a line of sight are skipped.
    public let neglecting: NegligibleLight

    /// Intrinsic flux map of the last render (ny·nx, x fastest), summing to `flux`.
    public private(set) var fluxMap: [Double]
    /// Intrinsic flux-weighted line-of-sight velocity map (km/s) of the last render; NaN where
    /// there is no flux.
    public private(set) var velocityMap: [Double]
    /// Intrinsic dispersion map (km/s) of the last render; NaN where there is no flux.
    public private(set) var dispersionMap: [Double]

    private var spectrum: [Double]
    /// Per line of a set, for the current render: relative flux, channel, velocity step, added variance.
    private var lineFluxes: [Double]
    private var linePlacements: [LineGrid.Placement]
    /// ln f and R along the current line of sight (``LineOfSightGeometry/sample(x:w:range:radius:logEmissivity:)``).
    private var losLogFlux: [Double]
    private var losRadius: [Double]

    /// What the renderer neglects, relative to the brightest part of a line of sight or of a
    /// spectrum (and with ``NegligibleLight/belowTheDisk`` to the disk's brightest point): 1e-8.
    /// The model cube is convolved in Float next (``SeparableConvolver``), which rounds at 6e-8
    /// of the peak, so nothing below this can change a fit; and cutting here rather than at
    /// float64 round-off skips a third of the points of a line of sight through a thin disk and
    /// half of each spectrum. Measured against the renderer that neglected
    /// nothing above 1e-16: relative L2 ≤ 6e-9 and no voxel off by more than 1e-8 of the peak,
    /// on nine models (inclinations 0–90°, every thickness, a doublet); the cube still sums
    /// exactly to `flux`.
    static let negligibleRatio = 1e-8

    /// Line-of-sight points fainter than e^−18.42 = ``negligibleRatio`` of the brightest point
    /// of their line are skipped.
    static let negligibleLogRatio = -Foundation.log(negligibleRatio)

    /// A renderer for cubes of `nx × ny × nz` with channel velocity step `velocityStep` (km/s)
    /// that writes the voxels of `window` (default: all); `lines` places the configuration's
    /// set of lines on the cube, skipping the faint points `neglecting` says.
    /// - Precondition: `window` lies within the cube; `lines` is given exactly when the
    ///   configuration has a set of lines, and is that set's.
    public init(nx: Int, ny: Int, nz: Int, velocityStep: Double,
                configuration: ModelConfiguration = ModelConfiguration(), window: CropBox? = nil,
                lines: LineGrid? = nil, neglecting: NegligibleLight = .belowTheLine) {
        precondition(window?.fits(nx: nx, ny: ny, nz: nz) ?? true, "render window outside the cube")
        precondition(lines?.set == configuration.lines, "the line grid is not the configuration's set of lines")
        self.lines = lines
        self.neglecting = neglecting
        lineFluxes = [Double](repeating: 0, count: lines?.count ?? 0)
        linePlacements = [LineGrid.Placement](repeating: LineGrid.Placement(channel: 0, velocityStep: 0, extraVariance: 0),
                                              count: lines?.count ?? 0)
        self.nx = nx
        self.ny = ny
        self.nz = nz
        self.window = window ?? .whole(nx: nx, ny: ny, nz: nz)
        self.velocityStep = velocityStep
        self.configuration = configuration
        self.losDepth = (nx + ny + 1) / 2
        fluxMap = [Double](repeating: 0, count: nx * ny)
        velocityMap = [Double](repeating: .nan, count: nx * ny)
        dispersionMap = [Double](repeating: .nan, count: nx * ny)
        spectrum = [Double](repeating: 0, count: nz)
        // Room for a last partial vector of four.
        losLogFlux = [Double](repeating: 0, count: losDepth + 4)
        losRadius = [Double](repeating: 0, count: losDepth + 4)
    }

    /// A renderer matching `cube`'s shape and velocity step, writing the voxels of `window`
    /// (default: all), with the lines (if any) placed by `lines`, skipping the faint points
    /// `neglecting` says.
    public convenience init(cube: Cube, configuration: ModelConfiguration = ModelConfiguration(), window: CropBox? = nil,
                            lines: LineGrid? = nil, neglecting: NegligibleLight = .belowTheLine) {
        self.init(nx: cube.nx, ny: cube.ny, nz: cube.nz, velocityStep: cube.velocityStep,
                  configuration: configuration, window: window, lines: lines, neglecting: neglecting)
    }

    /// Renders the clean cube for `parameters` into `cube`: the voxels of ``window``, x fastest
    /// (nz·ny·nx voxels for the whole cube).
    ///
    /// Returns false (and leaves the cube all zeros) when the disk has no flux on the grid,
    /// e.g. for a degenerate radius; a fit treats that as an impossible parameter set.
    @discardableResult
    public func render(_ parameters: GalaxyParameters, into cube: UnsafeMutableBufferPointer<Double>) -> Bool {
        precondition(cube.count == window.count, "cube buffer does not match the model shape")
        let p = parameters.sanitized()
        let total = projectMaps(p)
        guard total > 0, total.isFinite, placeLines(p) else {
            cube.update(repeating: 0)
            return false
        }
        synthesizeSpectra(p, totalFlux: total, into: cube)
        return true
    }

    /// Renders the clean cube (the voxels of ``window``) for `parameters` into a new array.
    public func render(_ parameters: GalaxyParameters) -> [Double] {
        var cube = [Double](repeating: 0, count: window.count)
        cube.withUnsafeMutableBufferPointer { _ = render(parameters, into: $0) }
        return cube
    }

    /// Collapses the 3-D disk along the line of sight into the flux, velocity and dispersion
    /// maps (flux not yet scaled). Returns the total of the flux map.
    ///
    /// Only the part of each line of sight where the disk is not negligible is computed: the
    /// points whose emissivity is within e^−18.42 = 1e-8 (``negligibleLogRatio``) of the line's
    /// brightest, and with ``NegligibleLight/belowTheDisk`` also of the disk's brightest point
    /// (below the Float convolution's rounding either way). The disk's brightest is bounded
    /// below by G, the peak of the line through the spaxel nearest the centre, so a point is
    /// kept when `ln f ≥ max(line peak, G) − 18.42` (G = −∞ with ``NegligibleLight/belowTheLine``).
    /// `ln f = ln I(R) + ln T(Z)`; since R ≥ |X|, `ln I(R) ≤ ln I(|X|)`, so a point can only
    /// pass if `ln T(Z) ≥ max(P₀, G) − 18.42 − ln I(|X|)`, where P₀ ≤ peak is `ln f` at the grid
    /// point nearest the mid-plane. That bounds |Z|, hence the heights l of the line to visit
    /// (``LineOfSightGeometry/losRange(x:w:floor:)``); the points kept are exactly those the full
    /// line would keep. On faint spaxels far from the centre the lines shrink (at 1e-4 of the
    /// centre's brightness, a Gaussian layer's ±6.1 h becomes ±4.3 h); a spaxel whose whole line
    /// is below G's floor gets no flux.
    private func projectMaps(_ p: GalaxyParameters) -> Double {
        let geometry = LineOfSightGeometry(p, configuration: configuration, depth: losDepth)
        let rotation = rotationScales(for: p)
        // Non-circular motions: the velocity field and the curve's shape they take.
        let field = configuration.motions.isEmpty ? nil : DiskVelocityField(p, motions: configuration.motions)
        let shape = field == nil ? rotation : rotationScales(for: p, amplitude: 1)
        let sigma0Squared = p.velocityDispersion * p.velocityDispersion
        let config = configuration
        let sinI = geometry.disk.sinI
        let negligibleLogRatio = Self.negligibleLogRatio
        var total = 0.0
        let galaxyFloor = neglecting == .belowTheLine ? -Double.infinity : diskFloor(p, geometry)

        fluxMap.withUnsafeMutableBufferPointer { fmap in
        velocityMap.withUnsafeMutableBufferPointer { vmap in
        dispersionMap.withUnsafeMutableBufferPointer { smap in
        losLogFlux.withUnsafeMutableBufferPointer { logfBuffer in
        losRadius.withUnsafeMutableBufferPointer { radiusBuffer in
            let logf = logfBuffer.baseAddress!, radius = radiusBuffer.baseAddress!
            for j in 0..<ny {
                let dy = Double(j) - p.y
                for i in 0..<nx {
                    let (u, w) = geometry.disk.project(dx: Double(i) - p.x, dy: dy)
                    // ln f on the part of the line that can matter and its brightest point;
                    // then the sums over the points within 1e-8 of it.
                    let range = geometry.losRange(x: u, w: w, floor: galaxyFloor)
                    let floor = Swift.max(geometry.sample(x: u, w: w, range: range, radius: radius, logEmissivity: logf)
                                          - negligibleLogRatio, galaxyFloor)
                    let sums: LineOfSightMoments
                    if let field {
                        sums = LineOfSightMoments(
                            radius: radius, logEmissivity: logf, count: range.count,
                            floor: floor, offset: geometry.logNormalization,
                            x: u, firstY: geometry.inPlaneY(w: w, height: range.lowerBound), sinI: sinI,
                            rotationCurve: config.rotationCurve, shape: shape, field: field,
                            dispersion: config.dispersion, hz: geometry.hz)
                    } else {
                        sums = LineOfSightMoments(
                            radius: radius, logEmissivity: logf, count: range.count,
                            floor: floor, offset: geometry.logNormalization,
                            projection: sinI * u, rotationCurve: config.rotationCurve, rotation: rotation,
                            dispersion: config.dispersion, hz: geometry.hz)
                    }
                    let f0 = sums.flux
                    let s = j * nx + i
                    fmap[s] = f0
                    if f0 * f0 == 0 {
                        vmap[s] = .nan
                        smap[s] = .nan
                        continue
                    }
                    total += f0
                    let vmean = sums.velocityFlux / f0
                    let mix = sums.velocitySquaredFlux / f0 - vmean * vmean
                    let local = sums.dispersionFluxSquared / sums.fluxSquared
                    vmap[s] = vmean
                    smap[s] = (Swift.max(mix, 0) + local + sigma0Squared).squareRoot()
                }
            }
        }
        }
        }
        }
        }
        return total
    }

    /// G − 18.42 (see `projectMaps`): the peak `ln f` (less the normalisation) of the line
    /// through the spaxel nearest the centre, a lower bound of the disk's brightest point, less
    /// ``negligibleLogRatio``; −∞ when that line has no light.
    private func diskFloor(_ p: GalaxyParameters, _ geometry: LineOfSightGeometry) -> Double {
        losLogFlux.withUnsafeMutableBufferPointer { logf in
            losRadius.withUnsafeMutableBufferPointer { radius in
                let i = Swift.min(Swift.max((p.x + 0.5).rounded(.down), 0), Double(nx - 1))
                let j = Swift.min(Swift.max((p.y + 0.5).rounded(.down), 0), Double(ny - 1))
                let (u, w) = geometry.disk.project(dx: i - p.x, dy: j - p.y)
                let peak = geometry.sample(x: u, w: w, range: geometry.losRange(x: u, w: w),
                                           radius: radius.baseAddress!, logEmissivity: logf.baseAddress!)
                return peak.isFinite ? peak - Self.negligibleLogRatio : -.infinity
            }
        }
    }

    /// Places the set of lines (if any) for `p`: each line's channel, velocity step, added
    /// variance and relative flux. False when a line cannot be placed (a `z` whose axis value is
    /// not positive) or a relative flux is negative or not finite.
    private func placeLines(_ p: GalaxyParameters) -> Bool {
        guard let lines else { return true }
        guard lines.hasPositiveValue(z: p.z) else { return false }
        for i in 0..<lines.count { linePlacements[i] = lines.placement(z: p.z, line: i) }
        lineFluxes.withUnsafeMutableBufferPointer { lines.set.relativeFluxes(p, z: lines.zLine, into: $0) }
        return lineFluxes.allSatisfy { $0 >= 0 && $0.isFinite } && lineFluxes.contains { $0 > 0 }
    }

    /// Scales the flux map to the `flux` parameter and writes each spaxel's normalised line
    /// profile into the cube (the spaxels and channels of ``window``; a line is normalised
    /// over all channels): the cube is cleared once, then each spaxel writes only the
    /// channels its line reaches: above ``negligibleRatio`` of its peak (|t| ≤ 6.07; the
    /// Gaussian falls monotonically away from the peak). Left alone, the far wings would also
    /// decay into subnormal numbers, which x86 processors multiply and add ~100× more slowly.
    private func synthesizeSpectra(_ p: GalaxyParameters, totalFlux: Double,
                                   into cube: UnsafeMutableBufferPointer<Double>) {
        let dv = velocityStep
        let scale = p.flux / totalFlux
        let doublet = configuration.line
        let separation = doublet?.separationKms ?? 0
        let ratio = doublet?.amplitudeRatio ?? 0
        let plane = nx * ny
        let (x0, y0, z0) = (window.x.lowerBound, window.y.lowerBound, window.z.lowerBound)
        let (wx, wplane) = (window.nx, window.nx * window.ny)
        let whole = window.count == nx * ny * nz
        cube.update(repeating: 0)
        fluxMap.withUnsafeMutableBufferPointer { fmap in
        velocityMap.withUnsafeBufferPointer { vmap in
        dispersionMap.withUnsafeBufferPointer { smap in
        spectrum.withUnsafeMutableBufferPointer { g in
            for s in 0..<plane {
                fmap[s] *= scale
                let (i, j) = (s % nx, s / nx)
                guard whole || (window.x.contains(i) && window.y.contains(j)) else { continue }
                let v = vmap[s], sigma = smap[s]
                guard v.isFinite, sigma.isFinite, sigma > 0 else { continue }
                // t_k = ((k − z)·dv − V)/S = a + k·δ
                let delta = dv / sigma
                let a = (-p.z * dv - v) / sigma
                var channels: Range<Int>
                let sum: Double
                if lines != nil {
                    (channels, sum) = lineSetProfile(into: g, velocity: v, dispersion: sigma)
                } else if doublet != nil {
                    g.update(repeating: 0)
                    let red = Self.gaussianProfile(into: g, a: a, delta: delta, amplitude: 1)
                    let blue = Self.gaussianProfile(into: g, a: a + separation / sigma, delta: delta,
                                                    amplitude: ratio)
                    channels = Swift.min(red.channels.lowerBound, blue.channels.lowerBound)
                        ..< Swift.max(red.channels.upperBound, blue.channels.upperBound)
                    sum = red.sum + blue.sum
                } else {
                    (channels, sum) = Self.gaussianProfile(into: g, a: a, delta: delta, amplitude: 1, accumulate: false)
                }
                let amplitude = sum > 0 ? fmap[s] / sum : 0
                guard amplitude != 0, amplitude.isFinite else { continue }
                let target = (j - y0) * wx + i - x0
                for k in channels.clamped(to: window.z.lowerBound..<(window.z.upperBound + 1)) {
                    let value = amplitude * g[k]
                    cube[(k - z0) * wplane + target] = value.isFinite ? value : 0
                }
            }
        }
        }
        }
        }
    }

    /// Half-width, in σ, beyond which a Gaussian is below ``negligibleRatio`` of its peak:
    /// √(2 · 18.42) = 6.07.
    static let negligibleWidths = (2 * negligibleLogRatio).squareRoot()

    /// Writes one spaxel's spectrum of a set of lines (velocity `v`, width `sigma`, km/s) into
    /// `g`, each line normalised to its relative flux over all channels (see the type's
    /// description); returns the channels written (their span) and the sum over them.
    private func lineSetProfile(into g: UnsafeMutableBufferPointer<Double>, velocity v: Double,
                                dispersion sigma: Double) -> (channels: Range<Int>, sum: Double) {
        g.update(repeating: 0)
        var low = Int.max, high = Int.min, sum = 0.0
        let last = Double(nz - 1)
        for i in 0..<linePlacements.count where lineFluxes[i] > 0 {
            let place = linePlacements[i]
            let dv = place.velocityStep
            let variance = sigma * sigma + place.extraVariance
            let width = Swift.max(variance > 0 ? variance.squareRoot() : 0, 1e-3 * Swift.abs(dv))
            let channels = width / Swift.abs(dv)
            let centre = place.channel + v / dv
            let nearest = Swift.min(Swift.max(centre.rounded(), 0), last)
            guard Swift.abs(nearest - centre) <= Self.negligibleWidths * channels else { continue }
            let line = Self.gaussianProfile(into: g, a: (-place.channel * dv - v) / width, delta: dv / width,
                                            amplitude: lineFluxes[i] / Self.channelSum(centre: centre, width: channels))
            low = Swift.min(low, line.channels.lowerBound)
            high = Swift.max(high, line.channels.upperBound)
            sum += line.sum
        }
        return (low < high ? low..<high : 0..<0, sum)
    }

    /// `Σ_k exp(−½((k − c)/w)²)` over all integers k: `w √(2π)` for w ≥ 1 (the Poisson sum's
    /// first correction, 2 e^(−2π²w²) ≤ 6e-9, is left out), else summed over |k − c| ≤ 6.07 w + 1.
    @inline(__always)
    static func channelSum(centre c: Double, width w: Double) -> Double {
        if w >= 1 { return w * (2 * Double.pi).squareRoot() }
        let reach = negligibleWidths * w + 1
        var sum = 0.0
        var k = (c - reach).rounded(.up)
        while k <= c + reach {
            let t = (k - c) / w
            sum += Foundation.exp(-0.5 * t * t)
            k += 1
        }
        return sum
    }

    /// Adds (or writes) `amplitude · exp(−½ t_k²)` with `t_k = a + k·δ` for the channels k
    /// where it is not negligible, and returns those channels (the others are left alone) and
    /// the sum of the values written. From the channel nearest the peak, consecutive values
    /// differ by the factor `exp(∓t_k·δ − δ²/2)`, which itself changes by `exp(−δ²)` per step,
    /// so the four exponentials a line needs are one ``VectorExp`` call. Relative error
    /// ≲ nz·ε (1e-14 for 36 channels); channels below ``negligibleRatio`` of the peak
    /// are treated as 0.
    @inline(__always) @discardableResult
    static func gaussianProfile(into g: UnsafeMutableBufferPointer<Double>, a: Double, delta: Double,
                                amplitude: Double, accumulate: Bool = true) -> (channels: Range<Int>, sum: Double) {
        let nz = g.count
        let centre = delta != 0 ? -a / delta : 0
        let k0 = (Swift.min(Swift.max(centre, 0), Double(nz - 1)) + 0.5).nonNegativeFloor
        let t0 = a + Double(k0) * delta
        let half = 0.5 * delta * delta
        let e = VectorExp.exp(SIMD4(-0.5 * t0 * t0, -delta * delta, -t0 * delta - half, t0 * delta - half))
        let peak = amplitude * e[0], step = e[1]
        let negligible = peak * Self.negligibleRatio
        if accumulate { g[k0] += peak } else { g[k0] = peak }
        var sumUp = peak, sumDown = 0.0
        var value = peak
        var ratio = e[2]
        var k = k0 + 1
        while k < nz {
            value *= ratio
            ratio *= step
            if value < negligible { break }
            if accumulate { g[k] += value } else { g[k] = value }
            sumUp += value
            k += 1
        }
        let upper = k
        value = peak
        ratio = e[3]
        k = k0 - 1
        while k >= 0 {
            value *= ratio
            ratio *= step
            if value < negligible { break }
            if accumulate { g[k] += value } else { g[k] = value }
            sumDown += value
            k -= 1
        }
        return ((k + 1)..<upper, sumUp + sumDown)
    }
}
