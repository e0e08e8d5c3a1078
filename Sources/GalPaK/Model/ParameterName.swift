/// The name of a model parameter: the reference's ten, always first and in their order, then
/// the optional parameters a model configuration adds (``ModelConfiguration/parameters``).
/// What each is — spelling, unit, bounds, period — is its ``descriptor``.
///
/// Most names are fixed (``known``); a free line ratio is named by its line's rest value as
/// written in `--line` (`ratio_6583.45`), so its name comes with the value.
public enum ParameterName: Hashable, Sendable, CustomStringConvertible {
    case x, y, z, flux, radius, inclination, pa, turnoverRadius, maximumVelocity, velocityDispersion
    /// The Sérsic index n of `--flux-profile sersic` (optional).
    case sersicIndex
    /// The radial flow's amplitude V_r of `--radial-flow` (optional; ``NonCircularMotions``).
    case radialVelocity
    /// The bisymmetric flow's tangential and radial amplitudes V_2t, V_2r and its angle φ_b in
    /// the disk plane, of `--bisymmetric` (optional; ``NonCircularMotions``).
    case barTangential, barRadial, barAngle
    /// The PSF's FWHM of `--seeing VALUE:SIGMA`, a nuisance parameter of the instrument
    /// (optional; ``PSFWidthPrior``).
    case psfFWHM
    /// The free flux ratio F(line)/F(z-line) of the line whose rest value is written `wave` in
    /// `--line` (optional; ``LineSet``).
    case lineRatio(String)

    /// The reference's ten, in its order.
    public static let reference: [ParameterName] = [
        .x, .y, .z, .flux, .radius, .inclination, .pa, .turnoverRadius, .maximumVelocity, .velocityDispersion,
    ]
    /// Every parameter with a fixed name, in vector order: the reference's ten, then the
    /// optional ones. A fit's parameters are the ten, then its model's optional ones
    /// (``GalaxyParameters/names``), line ratios last.
    public static let known: [ParameterName] = reference
        + [.sersicIndex, .radialVelocity, .barTangential, .barRadial, .barAngle, .psfFWHM]

    /// The prefix of a free line ratio's name: `ratio_<wave>`.
    public static let lineRatioPrefix = "ratio_"

    /// The position of a fixed-name parameter in ``known`` (for the ten, their position in
    /// every vector); nil for a line ratio.
    public var knownIndex: Int? {
        switch self {
        case .x: 0
        case .y: 1
        case .z: 2
        case .flux: 3
        case .radius: 4
        case .inclination: 5
        case .pa: 6
        case .turnoverRadius: 7
        case .maximumVelocity: 8
        case .velocityDispersion: 9
        case .sersicIndex: 10
        case .radialVelocity: 11
        case .barTangential: 12
        case .barRadial: 13
        case .barAngle: 14
        case .psfFWHM: 15
        case .lineRatio: nil
        }
    }

    /// The descriptor of each parameter of ``known``, in its order.
    static let descriptors: [ParameterDescriptor] = known.map(\.descriptor)
    /// The ``ParameterDescriptor/period`` of each parameter of ``known``.
    private static let periods: [Double?] = descriptors.map(\.period)

    /// The period of the parameter at position `index` of a vector of the parameters `names`
    /// (a fit's: the reference's ten first and in order, then its optional ones, among them the
    /// angle `bar_angle`). Read in the sampler's loops, so it allocates nothing: one of the ten
    /// by its position, an optional parameter by its name (``period``).
    /// - Precondition: `index < names.count`.
    @inline(__always)
    public static func period(at index: Int, in names: [ParameterName]) -> Double? {
        index < GalaxyParameters.referenceCount ? periods[index] : names[index].period
    }

    /// The period of each parameter of `names` (nil for a non-angle), for loops that would
    /// otherwise look each up per iteration.
    public static func periods(of names: [ParameterName]) -> [Double?] { names.map(\.period) }

    /// This parameter's descriptor, from the static table for a fixed name.
    private var stored: ParameterDescriptor { knownIndex.map { Self.descriptors[$0] } ?? descriptor }

    /// The reference's column name (`turnover_radius`), used in every file and flag.
    public var key: String { stored.key }
    /// The reference's short name in one-line parameter summaries (`rhalf`, `Vmax`, ...).
    public var shortName: String { stored.shortName }
    /// Unit as written in the parameter table.
    public var unit: String { stored.unit }
    /// Short unit for the JSON output.
    public var jsonUnit: String { stored.jsonUnit }
    /// printf format of the reference's display (z `%3.6f`, flux `%3.2e`, ...).
    public var displayFormat: String { stored.displayFormat }
    /// The period of an angle parameter (360 for `pa`, 180 for `bar_angle`), nil for others;
    /// a line ratio is no angle (its descriptor has no period, checked by the tests), so this
    /// never builds a descriptor.
    public var period: Double? { knownIndex.flatMap { Self.periods[$0] } }
    /// The valid known, starting or simulated values (``ParameterDescriptor/validRange``).
    public var validRange: ValidRange { stored.validRange }
    /// The valid bounds (``ParameterDescriptor/boundRange``).
    public var boundRange: ValidRange { stored.boundRange }

    /// Looks a parameter up by its reference name (`turnover_radius`) or short name (`rv`), or
    /// a line ratio by `ratio_<wave>` (any non-empty `<wave>`; whether the model has it is
    /// checked with the model, ``GalaxyParameters/checkBelongs(to:option:)``).
    public init?(key: String) {
        if let found = Self.known.first(where: { $0.key == key || $0.shortName == key }) {
            self = found
        } else if key.hasPrefix(Self.lineRatioPrefix), key.count > Self.lineRatioPrefix.count {
            self = .lineRatio(String(key.dropFirst(Self.lineRatioPrefix.count)))
        } else {
            return nil
        }
    }

    public var description: String { key }
}
