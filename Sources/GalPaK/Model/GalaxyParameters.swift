/// The parameters of a GalPaK3D disk: the reference's ten in its fixed order, then the optional
/// parameters the fit's model adds (``ModelConfiguration/parameters``), in the model's order.
///
/// Meanings and units of the ten are exactly those of GalPaK3D 1.35, so a parameter set written
/// by either tool describes the same galaxy:
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
///
/// A set carries its parameters' names (``names``, the ten always first): a parameter it does not
/// have reads as NaN (missing); writing one appends it. The values and the names are arrays, so
/// copying a set in the sampler's loop allocates nothing.
public struct GalaxyParameters: Equatable, Sendable, Codable {
    /// The values in vector order: the ten, then any optional parameters.
    public var values: [Double]
    /// The parameters of this set, in vector order: the reference's ten, then optional ones.
    public private(set) var names: [ParameterName]

    /// Number of the reference's parameters, which every set has.
    public static let referenceCount = ParameterName.reference.count

    /// Creates a parameter set of the parameters `names` from values in the same order.
    /// - Precondition: `names` starts with the reference's ten and has one value each.
    public init<C: Collection<ParameterName>>(_ values: [Double], names: C) {
        precondition(values.count == names.count, "GalaxyParameters needs one value per name")
        precondition(names.prefix(Self.referenceCount).elementsEqual(ParameterName.reference),
                     "GalaxyParameters starts with the reference's ten")
        self.values = values
        self.names = Array(names)
    }

    /// A set of the first `values.count` parameters of ``ParameterName/known`` (the ten, then
    /// the optional parameters with fixed names) from values in that order.
    /// - Precondition: `values.count` is at least 10 and at most ``ParameterName/known``'s count.
    public init(_ values: [Double]) {
        precondition((Self.referenceCount...ParameterName.known.count).contains(values.count),
                     "GalaxyParameters needs 10 to \(ParameterName.known.count) values")
        self.init(values, names: ParameterName.known.prefix(values.count))
    }

    /// A set of the parameters `names`, every value NaN.
    public static func missing<C: Collection<ParameterName>>(_ names: C) -> GalaxyParameters {
        GalaxyParameters([Double](repeating: .nan, count: names.count), names: names)
    }

    /// Every parameter `names` has the value `value`.
    public static func uniform<C: Collection<ParameterName>>(_ value: Double, _ names: C) -> GalaxyParameters {
        GalaxyParameters([Double](repeating: value, count: names.count), names: names)
    }

    /// The values of `names` (the ten first) taken from this set, NaN for a parameter it does
    /// not have; values of other parameters are dropped.
    public func restricted<C: Collection<ParameterName>>(to names: C) -> GalaxyParameters {
        GalaxyParameters(names.map { self[$0] }, names: names)
    }

    /// The position of `name` in ``values``, nil when this set does not have it: the ten at
    /// their fixed places, an optional parameter looked up among the few after them.
    @inline(__always)
    public func index(of name: ParameterName) -> Int? {
        if let k = name.knownIndex, k < Self.referenceCount { return k }
        var n = Self.referenceCount
        while n < names.count {
            if names[n] == name { return n }
            n += 1
        }
        return nil
    }

    /// Creates a parameter set by name.
    public init(
        x: Double, y: Double, z: Double, flux: Double, radius: Double, inclination: Double,
        pa: Double, turnoverRadius: Double, maximumVelocity: Double, velocityDispersion: Double
    ) {
        self.values = [x, y, z, flux, radius, inclination, pa, turnoverRadius,
                       maximumVelocity, velocityDispersion]
        self.names = ParameterName.reference
    }

    /// The reference's ten with every value NaN (the reference's "missing"); an optional
    /// parameter reads NaN from it too.
    public static var missing: GalaxyParameters { missing(ParameterName.reference) }

    /// The value of `name`; NaN when this set does not have it. Setting a parameter the set
    /// does not have appends it.
    public subscript(_ name: ParameterName) -> Double {
        get { index(of: name).map { values[$0] } ?? .nan }
        set {
            if let k = index(of: name) {
                values[k] = newValue
            } else {
                names.append(name)
                values.append(newValue)
            }
        }
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
    /// `|inclination|` with PA unchanged, and every angle (a parameter with a
    /// ``ParameterDescriptor/period``: PA) is wrapped to [0, period). In place, so the sampler's
    /// loop copies nothing.
    ///
    /// The reference instead keeps −i and adds 180° to PA; since (−i, PA + 180°) renders exactly
    /// like (i, PA) (doc §2.3), both evaluate the same disk. Storing the canonical (|i|, PA)
    /// keeps a chain near face-on from flipping its stored PA by 180° at every step, which
    /// the reference's form does (each re-sanitisation of a negative inclination adds 180°).
    ///
    /// Writes only what changes, so that sanitising an already sane copy does not copy its
    /// storage (a heap allocation per model evaluation otherwise).
    public mutating func sanitize() {
        guard needsSanitizing else { return }
        let i = ParameterName.inclination.knownIndex!
        if values[i] < 0 { values[i] = -values[i] }
        for k in values.indices {
            guard let period = ParameterName.period(at: k, in: names) else { continue }
            let wrapped = wrapPeriod(values[k], period)
            if wrapped != values[k] { values[k] = wrapped }
        }
    }

    /// Whether ``sanitize()`` would change anything: read first, so that a sane set (every
    /// evaluation of a chain inside its bounds) is never made unique, which would copy its values.
    private var needsSanitizing: Bool {
        if values[ParameterName.inclination.knownIndex!] < 0 { return true }
        for k in values.indices {
            if let period = ParameterName.period(at: k, in: names), wrapPeriod(values[k], period) != values[k] { return true }
        }
        return false
    }

    /// A sanitised copy (see ``sanitize()``).
    public func sanitized() -> GalaxyParameters {
        guard needsSanitizing else { return self }
        var p = self
        p.sanitize()
        return p
    }
}

extension GalaxyParameters {
    private enum CodingKeys: String, CodingKey { case values, names }

    /// Decodes a set; one stored without names (before optional parameters could be any) has
    /// the ten, then the Sérsic index if it has eleven values.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let values = try container.decode([Double].self, forKey: .values)
        let names = try container.decodeIfPresent([String].self, forKey: .names)?.map { key in
            guard let name = ParameterName(key: key) else {
                throw DecodingError.dataCorruptedError(forKey: .names, in: container, debugDescription: "unknown parameter \(key)")
            }
            return name
        } ?? Array(ParameterName.known.prefix(values.count))
        guard names.count == values.count, names.prefix(Self.referenceCount).elementsEqual(ParameterName.reference) else {
            throw DecodingError.dataCorruptedError(forKey: .values, in: container, debugDescription: "not a parameter set")
        }
        self.init(values, names: names)
    }

    /// Encodes the values and the names' keys.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(values, forKey: .values)
        try container.encode(names.map(\.key), forKey: .names)
    }
}
