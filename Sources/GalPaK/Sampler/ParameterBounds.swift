/// The box the sampler explores: an inclusive minimum and maximum per parameter.
///
/// A proposal with any component outside `[min, max]` has zero prior probability and is
/// rejected without evaluating the model (reference §5.4, §6.2 step 3).
public struct ParameterBounds: Equatable, Sendable {
    /// Lower bounds, inclusive.
    public private(set) var min: GalaxyParameters
    /// Upper bounds, inclusive.
    public private(set) var max: GalaxyParameters

    /// Creates bounds from explicit limits.
    /// - Throws: ``GalpakError`` `.badInput` if any limit is NaN or any `min > max`.
    /// - Precondition: `min` and `max` have the same parameters.
    public init(min: GalaxyParameters, max: GalaxyParameters) throws {
        precondition(min.values.count == max.values.count, "bounds need the same parameters on both sides")
        for name in min.names {
            let lo = min[name], hi = max[name]
            if lo.isNaN || hi.isNaN {
                throw GalpakError(.badInput, "bounds of \(name.key) must be numbers (got min \(lo), max \(hi))")
            }
            if lo > hi {
                throw GalpakError(.badInput,
                    "minimum of \(name.key) (\(lo)) is larger than its maximum (\(hi)); swap or correct them")
            }
        }
        self.min = min
        self.max = max
    }

    /// The default bounds of `parameters` (each its ``ParameterDescriptor/defaultBounds``) for
    /// a cube of `nx × ny × nz` voxels; for the ten, the reference's (§6.1 step 2) except the
    /// turnover radius:
    ///
    /// | parameter | min | max |
    /// |---|---|---|
    /// | x, y, z | n/3 | 2n/3 (n = nx, ny, nz) |
    /// | flux | 0 | 3 · fluxEstimate (``fluxEstimate(of:detected:)``) |
    /// | radius | 0.8 | (ny + nx)/2 · 3/8 |
    /// | inclination | −5 | 90.5 |
    /// | pa | −40 | 400 |
    /// | turnover_radius | 0.01 | (ny + nx)/2 · 3/8 |
    /// | maximum_velocity | 10 | 350 |
    /// | velocity_dispersion | 0 | 180 |
    ///
    /// The reference's turnover-radius maximum, (ny + nx)/2 · 3/16, is half the radius's: on
    /// small cubes real galaxies reach it (a SAMI cube of 31 × 27 pixels fitted 5.43 against
    /// 5.44), so it is the radius's here. Beyond it the rotation curve is solid-body across the
    /// cube, which any smaller bound would only hide.
    ///
    /// - Parameter fluxEstimate: see ``fluxEstimate(of:detected:)``; must be finite and ≥ 0.
    public static func defaults(nx: Int, ny: Int, nz: Int, fluxEstimate: Double,
                                parameters: [ParameterName] = ParameterName.reference) -> ParameterBounds {
        let extent = ParameterDescriptor.CubeExtent(nx: nx, ny: ny, nz: nz, fluxEstimate: fluxEstimate)
        let bounds = parameters.map { $0.descriptor.defaultBounds(extent) }
        return ParameterBounds(unchecked: GalaxyParameters(bounds.map(\.min), names: parameters),
                               GalaxyParameters(bounds.map(\.max), names: parameters))
    }

    /// The parameters these bounds are for.
    public var names: [ParameterName] { min.names }

    /// The total-flux estimate that scales the flux's default bound and start: the reference's
    /// (§6.1 step 1) — the sum of all non-NaN voxels, or, if that sum is negative, the sum of the
    /// positive voxels only — or `detected`, the flux of the line where it is detected, when that
    /// is larger. The sum of the whole cube carries the noise of every voxel, √(voxels ×
    /// voxels per correlation volume) σ: with beam-correlated noise it can fall to a fraction of
    /// the galaxy's flux, and 3 × it below the galaxy's flux (a simulated cube: flux 1000, sum
    /// 211); the detected flux does not.
    public static func fluxEstimate(of data: [Double], detected: Double = 0) -> Double {
        var total = 0.0
        var positive = 0.0
        for v in data where !v.isNaN {
            total += v
            if v > 0 { positive += v }
        }
        let reference = total < 0 ? positive : total
        return detected.isFinite ? Swift.max(reference, detected) : reference
    }

    /// These bounds with the user's limits laid over them: a finite entry of `min`/`max`
    /// replaces the default, a NaN keeps it (`nil` = keep all); a limit of a parameter these
    /// bounds do not have is ignored.
    /// - Throws: ``GalpakError`` `.badInput` if the result has some `min > max`.
    public func merging(min userMin: GalaxyParameters?, max userMax: GalaxyParameters?) throws -> ParameterBounds {
        var lo = min, hi = max
        for name in names {
            if let v = userMin?[name], !v.isNaN { lo[name] = v }
            if let v = userMax?[name], !v.isNaN { hi[name] = v }
        }
        return try ParameterBounds(min: lo, max: hi)
    }

    /// These bounds with every finite entry of `known` pinned (§6.1 step 4): for a known
    /// value P, `min = P(1 − 0.003·sign) − 0.003` and `max = P(1 + 0.003·sign) + 0.003` with
    /// `sign = copysign(1, P)`, a band of ±0.3 % + 0.003 around P. NaN entries stay free.
    /// The pinned parameters must also get a zero proposal scale (``ProposalScales``).
    public func fixing(_ known: GalaxyParameters) -> ParameterBounds {
        var lo = min, hi = max
        for name in names {
            let p = known[name]
            guard p.isFinite else { continue }
            let sign = Double(signOf: p, magnitudeOf: 1)
            lo[name] = p * (1 - 0.003 * sign) - 0.003
            hi[name] = p * (1 + 0.003 * sign) + 0.003
        }
        return ParameterBounds(unchecked: lo, hi)
    }

    /// Whether every component of `parameters` lies in `[min, max]` (inclusive; NaN is outside).
    ///
    /// PA is an angle (its ``ParameterDescriptor/period`` is 360), and the sampler stores it
    /// wrapped to [0, 360): it is inside when PA, PA − 360 or PA + 360 is. With the default PA bounds [−40, 400] this changes nothing for
    /// stored states; it keeps a chain from sticking when user bounds or a fixed PA lie
    /// outside [0, 360) (e.g. `--fix pa=-20`, `--min pa=-30 --max pa=30`).
    public func contains(_ parameters: GalaxyParameters) -> Bool {
        contains(values: parameters.values)
    }

    /// ``contains(_:)`` on raw values in vector order, for the sampler's inner loop.
    public func contains(values: [Double]) -> Bool {
        for i in 0..<min.values.count where !contains(values[i], at: i) { return false }
        return true
    }

    /// Whether `value` of parameter `name` is inside its bounds (an angle circularly, see ``contains(_:)``).
    public func contains(_ value: Double, for name: ParameterName) -> Bool {
        min.index(of: name).map { contains(value, at: $0) } ?? false
    }

    /// Whether `v` is inside the bounds of the parameter at position `i` (an angle circularly).
    @inline(__always)
    func contains(_ v: Double, at i: Int) -> Bool {
        let lo = min.values[i], hi = max.values[i]
        // Written so that NaN fails.
        if v >= lo && v <= hi { return true }
        guard let t = ParameterName.period(at: i, in: min.names) else { return false }
        return (v - t >= lo && v - t <= hi) || (v + t >= lo && v + t <= hi)
    }

    private init(unchecked min: GalaxyParameters, _ max: GalaxyParameters) {
        self.min = min
        self.max = max
    }
}
