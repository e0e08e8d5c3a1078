/// The ten parameters of a GalPaK3D disk, in the reference's fixed order.
///
/// Meanings and units are exactly those of GalPaK3D 1.35, so a parameter set written by
/// either tool describes the same galaxy:
///
/// | index | name                  | unit   | meaning |
/// |-------|-----------------------|--------|---------|
/// | 0     | `x`                   | pixel  | centre, 0-based index along NAXIS1, at pixel centres |
/// | 1     | `y`                   | pixel  | centre, 0-based index along NAXIS2 |
/// | 2     | `z`                   | channel| systemic line centre, 0-based channel along NAXIS3 |
/// | 3     | `flux`                | cube units | sum of all voxels of the clean model cube |
/// | 4     | `radius`              | pixel  | half-light radius Re |
/// | 5     | `inclination`         | deg    | 0 face-on, 90 edge-on |
/// | 6     | `pa`                  | deg    | anticlockwise from +y to the approaching half of the major axis |
/// | 7     | `turnover_radius`     | pixel  | rotation-curve scale radius |
/// | 8     | `maximum_velocity`    | km/s   | intrinsic rotation amplitude |
/// | 9     | `velocity_dispersion` | km/s   | constant intrinsic dispersion sigma0 |
public struct GalaxyParameters: Equatable, Sendable, Codable {
    /// The values in reference order; always ``GalaxyParameters/count`` long.
    public var values: [Double]

    /// Number of parameters.
    public static let count = 10

    /// Creates a parameter set from values in reference order.
    /// - Precondition: `values.count == 10`.
    public init(_ values: [Double]) {
        precondition(values.count == Self.count, "GalaxyParameters needs exactly 10 values")
        self.values = values
    }

    /// Creates a parameter set by name.
    public init(
        x: Double, y: Double, z: Double, flux: Double, radius: Double, inclination: Double,
        pa: Double, turnoverRadius: Double, maximumVelocity: Double, velocityDispersion: Double
    ) {
        self.values = [x, y, z, flux, radius, inclination, pa, turnoverRadius,
                       maximumVelocity, velocityDispersion]
    }

    /// A parameter set with every value NaN (the reference's "missing").
    public static var missing: GalaxyParameters { GalaxyParameters([Double](repeating: .nan, count: count)) }

    public subscript(_ name: ParameterName) -> Double {
        get { values[name.rawValue] }
        set { values[name.rawValue] = newValue }
    }

    public var x: Double { self[.x] }
    public var y: Double { self[.y] }
    public var z: Double { self[.z] }
    public var flux: Double { self[.flux] }
    public var radius: Double { self[.radius] }
    public var inclination: Double { self[.inclination] }
    public var pa: Double { self[.pa] }
    public var turnoverRadius: Double { self[.turnoverRadius] }
    public var maximumVelocity: Double { self[.maximumVelocity] }
    public var velocityDispersion: Double { self[.velocityDispersion] }

    /// The sanitisation before every evaluation: a negative inclination is reflected to
    /// `|inclination|` with PA unchanged, and PA is wrapped to [0, 360). In place, so the
    /// sampler's loop copies nothing.
    ///
    /// The reference instead keeps −i and adds 180° to PA; since (−i, PA + 180°) renders exactly
    /// like (i, PA) (doc §2.3), both evaluate the same disk. Storing the canonical (|i|, PA)
    /// keeps a chain near face-on from flipping its stored PA by 180° at every step, which
    /// the reference's form does (each re-sanitisation of a negative inclination adds 180°).
    ///
    /// Writes only what changes, so that sanitising an already sane copy does not copy its
    /// storage (a heap allocation per model evaluation otherwise).
    public mutating func sanitize() {
        let i = ParameterName.inclination.rawValue, pa = ParameterName.pa.rawValue
        if values[i] < 0 { values[i] = -values[i] }
        let wrapped = wrapDegrees(values[pa])
        if wrapped != values[pa] { values[pa] = wrapped }
    }

    /// A sanitised copy (see ``sanitize()``).
    public func sanitized() -> GalaxyParameters {
        var p = self
        p.sanitize()
        return p
    }
}

/// The name of one of the ten parameters, with the reference's spelling, unit and display format.
public enum ParameterName: Int, CaseIterable, Sendable, CustomStringConvertible {
    case x, y, z, flux, radius, inclination, pa, turnoverRadius, maximumVelocity, velocityDispersion

    /// The reference's column name (`turnover_radius`, ...), used in every file and flag.
    public var key: String {
        switch self {
        case .x: "x"
        case .y: "y"
        case .z: "z"
        case .flux: "flux"
        case .radius: "radius"
        case .inclination: "inclination"
        case .pa: "pa"
        case .turnoverRadius: "turnover_radius"
        case .maximumVelocity: "maximum_velocity"
        case .velocityDispersion: "velocity_dispersion"
        }
    }

    /// The reference's short name in one-line parameter summaries (`rhalf`, `Vmax`, ...).
    public var shortName: String {
        switch self {
        case .x: "x"
        case .y: "y"
        case .z: "z"
        case .flux: "flux"
        case .radius: "rhalf"
        case .inclination: "incl"
        case .pa: "PA"
        case .turnoverRadius: "rv"
        case .maximumVelocity: "Vmax"
        case .velocityDispersion: "Vdisp"
        }
    }

    /// Unit as written in the parameter table.
    public var unit: String {
        switch self {
        case .x, .y, .z, .radius, .turnoverRadius: "pixel"
        case .flux: "same units as the input Cube"
        case .inclination, .pa: "deg"
        case .maximumVelocity, .velocityDispersion: "km/s"
        }
    }

    /// Short unit for the JSON output.
    public var jsonUnit: String {
        switch self {
        case .x, .y, .radius, .turnoverRadius: "pixel"
        case .z: "channel"
        case .flux: "cube units"
        case .inclination, .pa: "deg"
        case .maximumVelocity, .velocityDispersion: "km/s"
        }
    }

    /// printf format of the reference's display (z `%3.6f`, flux `%3.2e`, ...).
    public var displayFormat: String {
        switch self {
        case .z: "%3.6f"
        case .flux: "%3.2e"
        case .inclination: "%4.1f"
        case .pa: "%5.1f"
        case .maximumVelocity: "%6.2f"
        default: "%3.2f"
        }
    }

    /// Looks a parameter up by its reference name (`turnover_radius`) or short name (`rv`).
    public init?(key: String) {
        guard let found = Self.allCases.first(where: { $0.key == key || $0.shortName == key }) else {
            return nil
        }
        self = found
    }

    public var description: String { key }
}
