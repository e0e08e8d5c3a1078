import ArgumentParser
import GalPaK

/// Options of the results in the sky frame (`fit`): the rest value and the velocity definition
/// of the systemic velocity (``SpectralVelocity``).
struct SkyOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Rest wavelength or frequency of the line in the cube's spectral unit (CUNIT3), \(SpectralVelocity.restRange), for the systemic velocity and redshift of a wavelength or frequency cube (default: the header's RESTWAV or RESTFRQ/RESTFREQ).",
        valueName: "value"))
    var rest: Double?

    @Option(help: ArgumentHelp(
        "Definition of the systemic velocity (default: a velocity axis's own, optical for wavelength and radio for frequency axes).",
        valueName: "name"))
    var velocityDefinition: VelocityDefinition?

    func validate() throws {
        if let rest { try SpectralVelocity.restRange.validate(rest, "--rest") }
    }

    /// Writes these choices into `options`.
    func apply(to options: inout FitOptions) {
        options.rest = rest
        options.velocityDefinition = velocityDefinition
    }
}
