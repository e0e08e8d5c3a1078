import Foundation

/// Line-of-sight velocities (km/s, in one stated ``VelocityDefinition``) and redshifts along a
/// cube's spectral axis.
///
/// - A velocity axis holds velocities in its own definition (``VelocityDefinition/ofVelocityAxis(ctype3:velref:)``):
///   the velocity of channel k is the axis value there, in km/s; another `definition` is
///   reached through the Doppler factor, `D = own.dopplerFactor(v)`, which needs no rest value.
///   An axis whose CTYPE3 names no definition gives its values with none (and no redshift).
/// - A wavelength or frequency axis needs a rest value, in the axis's unit: `rest` (`--rest`),
///   else the header's `RESTWAV` (metres) for a wavelength axis, `RESTFRQ`/`RESTFREQ` (Hz) for a
///   frequency one (a rest value of the other quantity is not used: air and vacuum wavelengths
///   would differ by 3e-4). Then `D = λ/λ0` or `ν0/ν` and `v = definition.velocity(D)`, with the
///   definition optical for wavelength and radio for frequency unless `definition` says.
/// - The redshift, wherever D is known, is `z = D − 1`.
public struct SpectralVelocity: Sendable, Equatable {
    /// The valid rest values (`--rest`), in the axis's unit.
    public static let restRange = ValidRange(.open(0), .none)

    /// The spectral axis.
    public let axis: SpectralAxis
    /// The definition of the velocities given; nil for a velocity axis whose CTYPE3 names none.
    public let definition: VelocityDefinition?
    /// A velocity axis's own definition (nil for a wavelength or frequency axis, or when CTYPE3
    /// names none).
    public let axisDefinition: VelocityDefinition?
    /// The rest wavelength or frequency in the axis's unit; nil for a velocity axis or when unknown.
    public let rest: Double?

    /// - Parameters:
    ///   - cards: the cube's WCS cards (CTYPE3, VELREF, RESTFRQ, RESTFREQ, RESTWAV).
    ///   - rest: `--rest`, in the axis's unit.
    ///   - definition: `--velocity-definition`.
    /// - Throws: ``GalpakError`` `.badInput` naming `path` for `--rest` on a velocity axis, a rest
    ///   value outside ``restRange``, or `--velocity-definition` on a velocity axis whose CTYPE3
    ///   does not say which velocity it holds.
    public init(axis: SpectralAxis, cards: [HeaderCard], rest: Double?, definition: VelocityDefinition?,
                path: String) throws {
        self.axis = axis
        let header = FITSHeader(cards: cards, path: path)
        if let rest { try GalpakError.naming(path) { try Self.restRange.check(rest, "--rest") } }
        switch axis.quantity {
        case .velocity:
            if rest != nil {
                throw GalpakError.badInput(path, "--rest applies to wavelength and frequency axes; this cube's spectral axis "
                    + "holds velocities already")
            }
            let ctype = header.string("CTYPE3") ?? ""
            axisDefinition = VelocityDefinition.ofVelocityAxis(ctype3: ctype, velref: try header.double("VELREF"))
            if definition != nil, axisDefinition == nil {
                throw GalpakError.badInput(path, "CTYPE3 = '\(ctype)' does not say which velocity the axis holds (VRAD, VOPT "
                    + "or VELO), so it cannot be converted to --velocity-definition \(definition!.name)")
            }
            self.definition = definition ?? axisDefinition
            self.rest = nil
        case .wavelength, .frequency:
            axisDefinition = nil
            self.definition = definition ?? (axis.quantity == .wavelength ? .optical : .radio)
            self.rest = try rest ?? Self.headerRest(header, unit: axis.unit)
        }
    }

    /// The rest value the header states, converted into `unit`.
    private static func headerRest(_ header: FITSHeader, unit: SpectralUnit) throws -> Double? {
        let stated: (Double, SpectralUnit)?
        switch unit.quantity {
        case .wavelength:
            stated = try header.double("RESTWAV").map { ($0, .metre) }
        case .frequency:
            stated = try (header.double("RESTFRQ") ?? header.double("RESTFREQ")).map { ($0, .hertz) }
        case .velocity:
            stated = nil
        }
        guard let (value, from) = stated, value > 0 else { return nil }
        return from.convert(value, to: unit)
    }

    /// The Doppler factor `D` at 0-based channel `k` (fractional allowed), nil when unknown.
    public func dopplerFactor(channel k: Double) -> Double? {
        let value = axis.value(channel: k)
        switch axis.quantity {
        case .velocity:
            return axisDefinition?.dopplerFactor(velocity: value * axis.unit.scale)
        case .wavelength:
            return rest.map { value / $0 }
        case .frequency:
            return rest.map { $0 / value }
        }
    }

    /// The velocity in km/s at channel `k` in ``definition``, nil when it cannot be known.
    public func velocity(channel k: Double) -> Double? {
        if axis.quantity == .velocity, definition == axisDefinition {
            return axis.value(channel: k) * axis.unit.scale
        }
        guard let definition, let d = dopplerFactor(channel: k) else { return nil }
        return definition.velocity(dopplerFactor: d)
    }

    /// The redshift `D − 1` at channel `k`, nil when D is unknown.
    public func redshift(channel k: Double) -> Double? {
        dopplerFactor(channel: k).map { $0 - 1 }
    }
}
