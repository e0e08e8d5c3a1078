/// The sums over one line of sight that make a spaxel of the intrinsic maps (see ``DiskModel``):
///
///     F = Σ f,   Σ vz·f,   Σ vz²·f,   Σ f²,   Σ σ_d²·f²,
///
/// with the emissivity `f = e^(ln f)`, the line-of-sight velocity `vz = sin(i)·X·v(R)/R` and the
/// local dispersion σ_d (``DispersionProfile``), over the points whose `ln f` is at least
/// `floor`; points at R = 0 add only to F and Σ f² (their velocity is undefined, as in the
/// reference's NaN-sums). Summed four points at a time in separate lanes, so the sums differ
/// from a point-by-point loop by float64 round-off only (~1e-16 relative).
///
/// With non-circular motions (``NonCircularMotions``) vz is instead `sin(i)·v_los/sin i` of the
/// ``DiskVelocityField`` at each point's (X, Y), and σ_d comes from the rotation alone
/// (`V·ω₁`), so the flows enter F's velocity and its mixing sums exactly as the rotation does.
struct LineOfSightMoments {
    typealias Lanes = SIMD4<Double>

    private(set) var flux = 0.0
    private(set) var velocityFlux = 0.0
    private(set) var velocitySquaredFlux = 0.0
    private(set) var fluxSquared = 0.0
    private(set) var dispersionFluxSquared = 0.0

    /// Sums the `count` points of `radius` and `logEmissivity` (buffers readable up to `count`
    /// rounded up to a multiple of 4, as ``LineOfSightGeometry/sample(x:w:range:radius:logEmissivity:)``
    /// leaves them). `offset` is added to each `ln f` after the `floor` test; `projection` is
    /// `sin(i)·X`, so that `vz = projection·v/R`.
    @inline(__always)
    init(radius: UnsafePointer<Double>, logEmissivity: UnsafePointer<Double>, count: Int,
         floor: Double, offset: Double, projection: Double,
         rotationCurve: RotationCurve, rotation: RotationCurve.Scales,
         dispersion: DispersionProfile, hz: Double) {
        self.init(radius: radius, logEmissivity: logEmissivity, count: count, floor: floor, offset: offset,
                  dispersion: dispersion, hz: hz) { r, _ in
            let omega = rotationCurve.angularSpeeds(r, rotation)
            return (projection * omega, omega)
        }
    }

    /// The same sums with non-circular motions: `vz = sin(i)·field.lineOfSight(X, Y, R, ω₁)`,
    /// ω₁ the curve's shape (`shape`, the curve's scales with V = 1) and σ_d from the rotation's
    /// angular speed `V·ω₁`. Point n of the buffers lies at in-plane `Y = firstY − sin(i)·n`.
    @inline(__always)
    init(radius: UnsafePointer<Double>, logEmissivity: UnsafePointer<Double>, count: Int,
         floor: Double, offset: Double, x: Double, firstY: Double, sinI: Double,
         rotationCurve: RotationCurve, shape: RotationCurve.Scales, field: DiskVelocityField,
         dispersion: DispersionProfile, hz: Double) {
        let lane = Lanes(0, 1, 2, 3)
        self.init(radius: radius, logEmissivity: logEmissivity, count: count, floor: floor, offset: offset,
                  dispersion: dispersion, hz: hz) { r, n in
            let omega1 = rotationCurve.angularSpeeds(r, shape)
            let y = firstY - sinI * (Lanes(repeating: Double(n)) + lane)
            return (sinI * field.lineOfSight(x: x, y: y, radius: r, shape: omega1), field.rotation * omega1)
        }
    }

    /// The sums, four points at a time; `motion(R, n)` gives the four points from `n` on their
    /// line-of-sight velocity vz and the rotation's angular speed that sets σ_d.
    @inline(__always)
    private init(radius: UnsafePointer<Double>, logEmissivity: UnsafePointer<Double>, count: Int,
                 floor: Double, offset: Double, dispersion: DispersionProfile, hz: Double,
                 motion: (_ radius: Lanes, _ first: Int) -> (vz: Lanes, angularSpeed: Lanes)) {
        var f0 = Lanes(), f1 = Lanes(), f2 = Lanes(), ff = Lanes(), s2 = Lanes()
        let floor = Lanes(repeating: floor)
        var n = 0
        while n < count {
            let r = UnsafeRawPointer(radius + n).loadUnaligned(as: Lanes.self)
            let logf = UnsafeRawPointer(logEmissivity + n).loadUnaligned(as: Lanes.self)
            let f = VectorExp.exp(logf + offset).replacing(with: 0, where: logf .< floor)
            let (vz, omega) = motion(r, n)
            let vf = vz * f
            let fSquared = f * f
            f0 += f
            f1 += vf
            f2 += vz * vf
            ff += fSquared
            s2 += dispersion.sigmaSquared(angularSpeed: omega, radius: r, hz: hz) * fSquared
            n += 4
        }
        flux = f0.sum()
        velocityFlux = f1.sum()
        velocitySquaredFlux = f2.sum()
        fluxSquared = ff.sum()
        dispersionFluxSquared = s2.sum()
    }
}
