/// The circular velocity of a disk whose gas is partly held up by its pressure: the
/// asymmetric-drift correction of a self-gravitating exponential disk of constant dispersion σ0
/// (Burkert et al. 2010, ApJ 725, 2324, eq. 11),
///
///     v_c²(R) = v_rot²(R) + 2·σ0²·R/R_d,    R_d = Re / 1.678,
///
/// with v_rot the fitted rotation curve and Re the half-light radius (`radius`). It is the
/// exponential disk's correction whatever the flux profile (for another profile, an
/// approximation). The reference's `v22` takes R_d = Re/1.68 for its radius; this formula uses
/// 1.678, the exponential profile's Re/R_d to four digits.
public enum PressureSupport {
    /// Re / R_d of an exponential disk.
    public static let halfLightPerScaleLength = 1.678

    /// `√(v² + 2σ0²·R/R_d)` (km/s) at in-plane radius `r` ≥ 0 for the rotation speed `v`
    /// (km/s), dispersion `sigma0` (km/s) and half-light radius `re` (in r's unit).
    public static func circularSpeed(rotation v: Double, dispersion sigma0: Double, radius r: Double,
                                     halfLightRadius re: Double) -> Double {
        (v * v + 2 * sigma0 * sigma0 * r * halfLightPerScaleLength / re).squareRoot()
    }
}
