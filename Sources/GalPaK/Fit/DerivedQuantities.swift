import Foundation

/// Quantities derived from the fitted parameters, with their spread over the same chain
/// entries as the estimate (each computed per entry, then summarised like a parameter), or for
/// a Laplace fit by the delta method around the mode (``ParameterSpread``):
///
/// - `V(2.2 Rd)`: the rotation curve at 2.2 disk scale lengths, `v(2.2 · Re / 1.68)` (Rd =
///   Re/1.68 for an exponential disk), km/s — the reference's `v22`.
/// - `Vc(2.2 Rd)`: the circular velocity corrected for pressure support at the same radius,
///   `√(v² + 2σ0²·R/R_d)` with R_d = Re/1.678 (``PressureSupport``), km/s.
/// - `Vmax / σ0`: `maximum_velocity / velocity_dispersion`.
///
/// With a redshift, through ``FlatLambdaCDM/planck15`` (flat ΛCDM, H0 = 67.74 km/s/Mpc,
/// Ωm = 0.3089):
/// - the half-light and turnover radii in proper kpc (pixels × pixel scale × kpc/arcsec);
/// - the dynamical mass within Re, `M = v_c(Re)² · Re / G` in solar masses, with the reference's
///   constants: `(1e3 v_c)² · (3.08567e19 · Re[kpc]) / 6.67384e-11 / 1.9884e30`, v_c the circular
///   speed corrected for pressure support, `√(v(Re)² + 2·1.678·σ0²)` km/s (``PressureSupport``);
/// - the reference's dynamical mass, the same with v(Re) itself (no pressure support, which
///   underestimates the mass of a disk with σ0 ~ v).
public struct DerivedQuantities: Sendable, Equatable {
    /// A derived value: median, population stdev, and the credible interval.
    public struct Value: Sendable, Equatable {
        public var value: Double
        public var stdev: Double
        public var lower: Double
        public var upper: Double
    }

    public var v22: Value
    /// The circular velocity corrected for pressure support at 2.2 Rd, km/s.
    public var vc22: Value
    public var vmaxOverSigma0: Value
    /// The redshift given, if any.
    public var redshift: Double?
    /// Proper kpc per arcsec at ``redshift``.
    public var kpcPerArcsec: Double?
    public var radiusKpc: Value?
    public var turnoverRadiusKpc: Value?
    /// Dynamical mass within Re from the pressure-corrected circular velocity, solar masses.
    public var dynamicalMass: Value?
    /// The reference's dynamical mass within Re, from v(Re) (no pressure support), solar masses.
    public var rotationDynamicalMass: Value?

    /// Computes the quantities over the entries `summary` used from `chains`.
    /// - Parameters:
    ///   - pixscale: arcsec per pixel.
    ///   - redshift: the galaxy's redshift (> 0), or nil for no physical units.
    ///   - scales: the rotation curve's scales for a parameter set (the `mass` curve's amplitude
    ///     depends on the rendering grid: pass ``DiskModel``'s); by default those of the
    ///     parameters alone, right for every other curve.
    public init(chains: [Chain], summary: ChainSummary, rotationCurve: RotationCurve, pixscale: Double,
                redshift: Double?, cosmology: FlatLambdaCDM = .planck15,
                scales: ((GalaxyParameters) -> RotationCurve.Scales)? = nil) {
        self.init(spread: .draws(summary.selection.map { chains[$0.chain].parameters(at: $0.row) },
                                 counts: summary.selection.map(\.count)),
                  percentile: summary.percentile, rotationCurve: rotationCurve, pixscale: pixscale,
                  redshift: redshift, cosmology: cosmology, scales: scales)
    }

    /// Computes the quantities with their spread as `spread` gives it (over chain entries, or
    /// by the delta method around a mode), for an interval of `percentile` %.
    public init(spread: ParameterSpread, percentile: Double, rotationCurve: RotationCurve, pixscale: Double,
                redshift: Double?, cosmology: FlatLambdaCDM = .planck15,
                scales: ((GalaxyParameters) -> RotationCurve.Scales)? = nil) {
        let scalesOf = scales ?? { p in
            RotationCurve.Scales(turnoverRadius: p.turnoverRadius, maximumVelocity: p.maximumVelocity,
                                 radius: p.radius, fluxProfile: .exponential)
        }
        func value(_ f: (GalaxyParameters) -> Double) -> Value {
            let s = spread.summary(of: f, percentile: percentile)
            return Value(value: s.value, stdev: s.stdev, lower: s.lower, upper: s.upper)
        }
        v22 = value { rotationCurve.speed(2.2 * $0.radius / 1.68, scalesOf($0)) }
        vc22 = value { p in
            let r = 2.2 * p.radius / 1.68
            return PressureSupport.circularSpeed(rotation: rotationCurve.speed(r, scalesOf(p)), dispersion: p.velocityDispersion,
                                                 radius: r, halfLightRadius: p.radius)
        }
        vmaxOverSigma0 = value { $0.maximumVelocity / $0.velocityDispersion }
        self.redshift = redshift
        guard let redshift else { return }
        let scale = cosmology.kiloparsecsPerArcsecond(redshift: redshift)
        let kpcPerPixel = scale * pixscale
        kpcPerArcsec = scale
        radiusKpc = value { $0.radius * kpcPerPixel }
        turnoverRadiusKpc = value { $0.turnoverRadius * kpcPerPixel }
        dynamicalMass = value { p in
            let v = PressureSupport.circularSpeed(rotation: rotationCurve.speed(p.radius, scalesOf(p)),
                                                  dispersion: p.velocityDispersion, radius: p.radius, halfLightRadius: p.radius)
            return Self.dynamicalMass(speed: v, radiusKpc: p.radius * kpcPerPixel)
        }
        rotationDynamicalMass = value { p in
            Self.dynamicalMass(speed: rotationCurve.speed(p.radius, scalesOf(p)), radiusKpc: p.radius * kpcPerPixel)
        }
    }

    /// `v² R / G` in solar masses for `speed` in km/s and `radiusKpc` in kpc (reference constants).
    public static func dynamicalMass(speed: Double, radiusKpc: Double) -> Double {
        let v = 1e3 * speed
        return v * v * (3.08567e16 * radiusKpc * 1e3) / 6.67384e-11 / 1.9884e30
    }

    /// The quantities as lines of text, e.g. `V(2.2 Rd) = 175.3 ± 4.1 km/s`.
    public var text: String {
        func line(_ name: String, _ v: Value, _ format: String, _ unit: String) -> String {
            guard v.value.isFinite else { return "    \(name): not finite (a parameter it divides by is 0)\n" }
            let spread = v.stdev.isFinite ? String(format: format, v.stdev) : "(none)"
            return "    \(name) = " + String(format: format, v.value) + " ± " + spread + unit + "\n"
        }
        var s = "Derived values:\n"
        s += line("V(2.2 Rd)", v22, "%.2f", " km/s")
        s += line("Vc(2.2 Rd) (with pressure support)", vc22, "%.2f", " km/s")
        s += line("Vmax/sigma0", vmaxOverSigma0, "%.3f", "")
        if let redshift, let kpcPerArcsec, let radiusKpc, let turnoverRadiusKpc, let dynamicalMass, let rotationDynamicalMass {
            s += "    at z = \(redshift): \(String(format: "%.4f", kpcPerArcsec)) kpc/arcsec (flat LCDM, H0 = 67.74 km/s/Mpc, Omega_m = 0.3089)\n"
            s += line("radius", radiusKpc, "%.3f", " kpc")
            s += line("turnover_radius", turnoverRadiusKpc, "%.3f", " kpc")
            s += line("Mdyn(<Re) (from Vc(Re), with pressure support)", dynamicalMass, "%.3e", " Msun")
            s += line("Mdyn(<Re) (the reference's, from v(Re))", rotationDynamicalMass, "%.3e", " Msun")
        }
        return s
    }
}
