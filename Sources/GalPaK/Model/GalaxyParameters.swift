/// The parameters of a GalPaK3D disk: the reference's ten in its fixed order, then the optional
/// parameters the fit's model adds (``ModelConfiguration/parameters``), each at its position in
/// ``ParameterName/all``.
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
/// A parameter beyond the vector's length is not part of this set and reads as NaN (missing);
/// writing it lengthens the vector. The vector is one array, so copying it in the sampler's loop
/// allocates nothing.
public struct GalaxyParameters: Equatable, Sendable, Codable {
    /// The values in vector order: the ten, then any optional parameters.
    public var values: [Double]

    /// Number of the reference's parameters, which every set has.
    public static let referenceCount = ParameterName.reference.count

    /// Creates a parameter set from values in vector order.
    /// - Precondition: `values.count` is at least 10 and at most ``ParameterName/all``'s count.
    public init(_ values: [Double]) {
        precondition((Self.referenceCount...ParameterName.all.count).contains(values.count),
                     "GalaxyParameters needs 10 to \(ParameterName.all.count) values")
        self.values = values
    }

    /// A set of the parameters `names` (a prefix of ``ParameterName/all``), every value NaN.
    public static func missing<C: Collection<ParameterName>>(_ names: C) -> GalaxyParameters {
        GalaxyParameters([Double](repeating: .nan, count: names.count))
    }

    /// Every parameter `names` has the value `value`.
    public static func uniform<C: Collection<ParameterName>>(_ value: Double, _ names: C) -> GalaxyParameters {
        GalaxyParameters([Double](repeating: value, count: names.count))
    }

    /// The values of `names` (a prefix of ``ParameterName/all``) taken from this set, NaN
    /// for a parameter it does not have; values of other parameters are dropped.
    public func restricted<C: Collection<ParameterName>>(to names: C) -> GalaxyParameters {
        GalaxyParameters(names.map { self[$0] })
    }

    /// The parameters of this set, in vector order.
    public var names: ArraySlice<ParameterName> { ParameterName.all.prefix(values.count) }

    /// Creates a parameter set by name.
    public init(
        x: Double, y: Double, z: Double, flux: Double, radius: Double, inclination: Double,
        pa: Double, turnoverRadius: Double, maximumVelocity: Double, velocityDispersion: Double
    ) {
        self.values = [x, y, z, flux, radius, inclination, pa, turnoverRadius,
                       maximumVelocity, velocityDispersion]
    }

    /// The reference's ten with every value NaN (the reference's "missing"); an optional
    /// parameter reads NaN from it too.
    public static var missing: GalaxyParameters { missing(ParameterName.reference) }

    /// The value of `name`; NaN when this set does not have it. Setting a parameter beyond the
    /// set lengthens it, the parameters between getting NaN.
    public subscript(_ name: ParameterName) -> Double {
        get { name.rawValue < values.count ? values[name.rawValue] : .nan }
        set {
            if name.rawValue >= values.count {
                values += [Double](repeating: .nan, count: name.rawValue + 1 - values.count)
            }
            values[name.rawValue] = newValue
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
        let i = ParameterName.inclination.rawValue
        if values[i] < 0 { values[i] = -values[i] }
        for k in values.indices {
            guard let period = ParameterName.periods[k] else { continue }
            let wrapped = wrapPeriod(values[k], period)
            if wrapped != values[k] { values[k] = wrapped }
        }
    }

    /// A sanitised copy (see ``sanitize()``).
    public func sanitized() -> GalaxyParameters {
        var p = self
        p.sanitize()
        return p
    }
}
