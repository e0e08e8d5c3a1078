/// The values the user may give the parameters (each parameter's ``ParameterName/descriptor``).
///
/// ``ParameterName/validRange``: a known value (`--fix`), a starting value (`--init`) or a
/// simulated galaxy's (`simulate --params`) must describe a disk at all:
///
/// | parameter | valid | why |
/// |---|---|---|
/// | x, y, z | [−1e6, 1e6] pixels, channels | a centre may lie off the cube, not a million pixels off |
/// | flux | (0, 1e60] cube units | a disk of no light has no kinematics; 1e60 is beyond any cube's total |
/// | radius, turnover_radius | (0, 1e6] pixels | a size; a million pixels is beyond any cube |
/// | inclination | [0, 90] degrees | 0 face-on, 90 edge-on; beyond is the same disk seen from the other side |
/// | pa | [−360, 360] degrees | an angle; more than a turn either way is a typo |
/// | maximum_velocity, velocity_dispersion | [0, 299792.458) km/s | a speed below that of light |
/// | sersic_index | [0.2, 20] | b_n = 1.9992·n − 0.3271 must be positive (n > 0.164); 20 is beyond any galaxy |
/// | radial_velocity, bar_tangential, bar_radial | (−299792.458, 299792.458) km/s | a velocity of either sign below that of light |
/// | bar_angle | [−180, 180] degrees | an angle of period 180; more than a period either way is a typo |
/// | ratio_<wave> | [0, 1000] | a flux is not negative; a line 1000 times its z-line's means another z-line |
/// | psf_fwhm | (0, 3600] arcsec | a width; a degree is the largest pixel scale galpak reads (`--seeing`'s range) |
///
/// ``ParameterName/boundRange``: a bound (`--min`, `--max`) may reach beyond, as the default
/// inclination bounds −5…90.5 do, but stays within plausible magnitudes, so that the proposal
/// scales derived from the bounds' widths (``ProposalScales``) stay finite: x, y, z, radius and
/// turnover_radius within ±1e6, flux within ±1e60, inclination [−90, 180], pa [−720, 720],
/// the velocities within ±299792.458 km/s, sersic_index [0.2, 20], the line ratios [0, 1000] and
/// psf_fwhm (0, 3600] arcsec (their valid values), bar_angle [−360, 360].
extension ParameterName {
    /// The largest size or offset in pixels (or channels).
    static let maximumSize = 1e6
    /// The largest total flux, cube units.
    static let maximumFlux = 1e60
    /// The speed of light, km/s: no velocity reaches it.
    static let speedOfLight = 299_792.458
}

extension GalaxyParameters {
    /// Checks every given (non-NaN) value against its parameter's ``ParameterName/validRange``
    /// (or, with `bounds`, its ``ParameterName/boundRange``).
    /// - Parameter option: the option the values came from, for the message (`--fix`).
    /// - Throws: ``GalpakError`` `.badInput`: "`option` radius must be in (0, 1e6] pixels (got -5)".
    public func checkValid(option: String, bounds: Bool = false) throws {
        for name in names where !self[name].isNaN {
            try (bounds ? name.boundRange : name.validRange).check(self[name], "\(option) \(name.key)")
        }
    }

    /// Checks that every given (non-NaN) value is of one of `parameters` (a model's,
    /// ``ModelConfiguration/parameters``).
    /// - Throws: ``GalpakError`` `.badInput`: "--fix sersic_index is not a parameter of this
    ///   model (it needs --flux-profile sersic)".
    public func checkBelongs(to parameters: [ParameterName], option: String) throws {
        for name in names where !self[name].isNaN && !parameters.contains(name) {
            let hint = name.descriptor.addedBy.map { " (it needs \($0))" } ?? ""
            throw GalpakError(.badInput, "\(option) \(name.key) is not a parameter of this model\(hint)")
        }
    }
}
