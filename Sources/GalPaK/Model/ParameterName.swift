/// The name of a model parameter: the reference's ten, always first and in their order, then
/// the optional parameters a model configuration adds (``ModelConfiguration/parameters``).
/// What each is — spelling, unit, bounds, period — is its ``descriptor``.
public enum ParameterName: Int, Sendable, CustomStringConvertible {
    case x, y, z, flux, radius, inclination, pa, turnoverRadius, maximumVelocity, velocityDispersion
    /// The Sérsic index n of `--flux-profile sersic` (optional).
    case sersicIndex

    /// The reference's ten, in its order.
    public static let reference: [ParameterName] = [
        .x, .y, .z, .flux, .radius, .inclination, .pa, .turnoverRadius, .maximumVelocity, .velocityDispersion,
    ]
    /// Every parameter galpak knows, in vector order: the reference's ten, then the optional ones.
    /// A fit's parameters are always a prefix of this list (``GalaxyParameters/names``).
    public static let all: [ParameterName] = reference + [.sersicIndex]

    /// The descriptor of each parameter of ``all``, by raw value (read in the sampler's loop).
    static let descriptors: [ParameterDescriptor] = all.map(\.descriptor)
    /// The ``ParameterDescriptor/period`` of each parameter of ``all``, by raw value.
    public static let periods: [Double?] = descriptors.map(\.period)

    /// The reference's column name (`turnover_radius`), used in every file and flag.
    public var key: String { Self.descriptors[rawValue].key }
    /// The reference's short name in one-line parameter summaries (`rhalf`, `Vmax`, ...).
    public var shortName: String { Self.descriptors[rawValue].shortName }
    /// Unit as written in the parameter table.
    public var unit: String { Self.descriptors[rawValue].unit }
    /// Short unit for the JSON output.
    public var jsonUnit: String { Self.descriptors[rawValue].jsonUnit }
    /// printf format of the reference's display (z `%3.6f`, flux `%3.2e`, ...).
    public var displayFormat: String { Self.descriptors[rawValue].displayFormat }
    /// The period of an angle parameter (360 for `pa`), nil for others.
    public var period: Double? { Self.periods[rawValue] }
    /// The valid known, starting or simulated values (``ParameterDescriptor/validRange``).
    public var validRange: ValidRange { Self.descriptors[rawValue].validRange }
    /// The valid bounds (``ParameterDescriptor/boundRange``).
    public var boundRange: ValidRange { Self.descriptors[rawValue].boundRange }

    /// Looks a parameter up by its reference name (`turnover_radius`) or short name (`rv`).
    public init?(key: String) {
        guard let found = Self.all.first(where: { $0.key == key || $0.shortName == key }) else { return nil }
        self = found
    }

    public var description: String { key }
}
