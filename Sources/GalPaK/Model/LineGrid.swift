/// Where the lines of a ``LineSet`` fall on a cube's spectral axis, each with its own velocity
/// step and line-spread width.
///
/// The axis is linear, `value(k) = CDELT3 · (k + A)` with `A = CRVAL3/CDELT3 + 1 − CRPIX3`
/// (0-based channel k). The z-line is at the `z` channel; line i, of rest value `rest_i`, at
/// `value_i = rest_i · value(z) / rest_z` (one redshift for all lines; on a frequency axis
/// `ν_obs = ν_rest / (1 + z)` gives the same rule), that is at the channel
///
///     k_i = r_i · (z + A) − A,   r_i = rest_i / rest_z,
///
/// with the velocity step at its own place, `dv_i = ±3e5 · CDELT3 / value_i` km/s per channel
/// (+ for a wavelength, − for a frequency: ``SpectralAxis/velocityStep(channels:)``'s rule at
/// `value_i` instead of the cube's centre). A velocity axis has one rest value, so no set.
///
/// **LSF.** The instrument's kernel blurs every channel with the LSF at the cube's centre (σ_c
/// channels). Where the LSF's width changes along the axis (MUSE's: the instrument layer gives
/// it as `lsfSigma`, σ in channels at an axis value) line i is rendered with its width widened
/// by `extra_i = (σ_i² − σ_c²) · dv_i²` (km/s)², σ_i = lsfSigma(value_i), so that after the
/// kernel it has its own LSF width; for an LSF of constant width in channels (no `lsfSigma`)
/// extra_i = 0.
public struct LineGrid: Sendable {
    /// One line's place for a given `z`.
    public struct Placement: Sendable, Equatable {
        /// The line centre's channel k_i (0-based, fractional).
        public var channel: Double
        /// Its velocity step dv_i, km/s per channel (with the axis's sign).
        public var velocityStep: Double
        /// The variance added to its intrinsic width for the LSF, (km/s)² (may be negative).
        public var extraVariance: Double
    }

    /// The lines.
    public let set: LineSet
    /// The z-line's index in ``LineSet/lines``.
    public let zLine: Int
    /// r_i = rest_i / rest_z of each line.
    public let restRatios: [Double]
    /// A, with value(k) = CDELT3 · (k + A).
    let axisOffset: Double
    /// CDELT3.
    let step: Double
    /// +3e5 on a wavelength axis, −3e5 on a frequency axis (km/s).
    let lightSpeed: Double
    /// The LSF's σ in channels at an axis value, when it changes along the axis, else nil.
    let lsfSigma: (@Sendable (Double) -> Double)?
    /// The kernel's LSF σ in channels: `lsfSigma` at the cube's central value (0 without it).
    let kernelSigma: Double

    /// The set on an axis of `nz` channels whose LSF σ in channels at an axis value is
    /// `lsfSigma` (nil: a width constant in channels, or no LSF).
    /// - Throws: ``GalpakError`` `.badInput`: a velocity axis, or a z-line whose flux is not a number.
    public init(_ set: LineSet, spectral: SpectralAxis, channels nz: Int,
                lsfSigma: (@Sendable (Double) -> Double)? = nil) throws {
        guard spectral.quantity != .velocity else {
            throw GalpakError(.badInput, "--line with several lines needs a wavelength or frequency axis; this cube's is a velocity (\(spectral.unit.rawValue)), on which lines of other rest values have no place")
        }
        let z = set.zLineIndex(redderIsLarger: spectral.quantity == .wavelength)
        guard case .fixed = set.lines[z].flux else {
            throw GalpakError(.badInput, "--line-ratio: the z-line \(set.lines[z].wave) must have a number (its flux sets the scale of the others); give --z-line or a number for it")
        }
        self.set = set
        zLine = z
        restRatios = set.lines.map { $0.rest / set.lines[z].rest }
        step = spectral.cdelt
        axisOffset = spectral.crval / spectral.cdelt + 1 - spectral.crpix
        lightSpeed = spectral.quantity == .wavelength ? 3e5 : -3e5
        self.lsfSigma = lsfSigma
        kernelSigma = lsfSigma?(spectral.centralValue(channels: nz)) ?? 0
    }

    /// Number of lines.
    public var count: Int { restRatios.count }

    /// Line `i`'s place when the z-line is at channel `z` (see the type's description).
    @inline(__always)
    public func placement(z: Double, line i: Int) -> Placement {
        let scaled = restRatios[i] * (z + axisOffset)
        let dv = lightSpeed / scaled
        var extra = 0.0
        if let lsfSigma {
            let sigma = lsfSigma(step * scaled)
            extra = (sigma * sigma - kernelSigma * kernelSigma) * dv * dv
        }
        return Placement(channel: scaled - axisOffset, velocityStep: dv, extraVariance: extra)
    }

    /// Whether the axis value at channel `z` is positive and finite, so that every line has a
    /// place (all r_i > 0).
    public func hasPositiveValue(z: Double) -> Bool {
        let value = step * (z + axisOffset)
        return value > 0 && value.isFinite
    }
}
