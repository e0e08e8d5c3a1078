/// The distributions a dataset draws its cubes from (`galpak simulate --dataset N --priors
/// FILE.json`): a JSON object with one ``Prior`` per name, the names being the model's
/// parameters (their keys or short names, ``ParameterName``) and the settings of
/// ``SimulationSetting``, e.g.
///
///     {"x": [9, 11], "y": [9, 11], "z": {"normal": [20, 1]}, "flux": {"loguniform": [100, 1000]},
///      "radius": [2, 5], "inclination": {"uniform": [20, 80]}, "pa": [0, 360],
///      "turnover_radius": 1.2, "maximum_velocity": [100, 250],
///      "velocity_dispersion": {"normal": [50, 10]}, "snr": {"loguniform": [3, 30]}, "seeing": [0.6, 1.0]}
///
/// Every parameter of the model needs a prior (a number fixes it); a setting left out keeps
/// the command line's value (no noise without `snr` or `noise_sigma`). No draw falls outside a
/// quantity's valid values: uniform and log-uniform ranges must lie inside them, and a normal's
/// draws outside them are redrawn (``Prior/check(in:source:key:)``).
public struct DatasetPriors: Sendable {
    /// One quantity and its distribution.
    public struct Entry: Sendable, Equatable {
        public var quantity: DatasetQuantity
        public var prior: Prior
    }

    /// The file the priors come from, naming it in messages.
    public let source: String
    /// The priors in the order they are drawn and listed in `truth.csv`: the model's parameters
    /// in its order, then the settings in ``SimulationSetting``'s order.
    public private(set) var entries: [Entry]
    /// The warnings about the priors (truncated normals), each naming the file and the key.
    public private(set) var warnings: [String] = []
    /// The model's parameters, which every cube gets.
    public let parameters: [ParameterName]

    /// The priors in the file at `path`, for a model with the parameters `parameters`
    /// (``ModelConfiguration/parameters``).
    /// - Throws: ``GalpakError`` `.badInput`, one line naming the file (and the key at fault).
    public init(path: String, parameters: [ParameterName]) throws {
        let json = try JSONInput(parsing: try InputFile.contents(path, what: "a JSON file of priors"), source: path)
        try self.init(json: json, source: path, parameters: parameters)
    }

    /// The priors written `json`, read from `source`.
    /// - Throws: ``GalpakError`` `.badInput` "`source`: …": not an object; an unknown name; a
    ///   parameter the model does not have; a name given twice (by its key and short name);
    ///   a parameter without a prior; `snr` and `noise_sigma` together; a bad distribution or
    ///   one reaching outside the valid values (``Prior``).
    public init(json: JSONInput, source: String, parameters: [ParameterName]) throws {
        self.source = source
        self.parameters = parameters
        guard case .object(let members) = json else {
            throw GalpakError.badInput(source, "must hold a JSON object of distributions by name, e.g. "
                + "{\"inclination\": {\"uniform\": [20, 80]}, \"snr\": [5, 30]} (got \(json.described))")
        }
        var given: [DatasetQuantity: (key: String, prior: Prior)] = [:]
        for (key, value) in members {
            guard let quantity = DatasetQuantity(key: key) else {
                throw GalpakError.badInput(source, "unknown name '\(key)'".escapingControlCharacters() + "; \(Self.names(parameters))")
            }
            if case .parameter(let name) = quantity, !parameters.contains(name) {
                let hint = name.descriptor.addedBy.map { " (it needs \($0))" } ?? ""
                throw GalpakError.badInput(source, "\(key): not a parameter of this model\(hint)")
            }
            if let earlier = given[quantity] {
                throw GalpakError.badInput(source, "\(quantity.key) is given twice (as '\(earlier.key)' and '\(key)')")
            }
            given[quantity] = (key, try Prior(json: value, source: source, key: key))
        }
        let missing = parameters.filter { given[.parameter($0)] == nil }.map(\.key)
        guard missing.isEmpty else {
            throw GalpakError.badInput(source, "no prior for \(missing.joined(separator: ", ")); every parameter of the model "
                + "needs one (a number fixes it)")
        }
        if given[.setting(.snr)] != nil, given[.setting(.noiseSigma)] != nil {
            throw GalpakError.badInput(source, "give either snr or noise_sigma, not both")
        }
        let order = parameters.map(DatasetQuantity.parameter) + SimulationSetting.allCases.map(DatasetQuantity.setting)
        entries = order.compactMap { quantity in given[quantity].map { Entry(quantity: quantity, prior: $0.prior) } }
        for entry in entries {
            let key = given[entry.quantity]!.key
            if let warning = try entry.prior.check(in: entry.quantity.validRange, source: source, key: key) {
                warnings.append(warning)
            }
        }
    }

    /// Adds a setting given on the command line by `option` as a fixed prior.
    /// - Throws: ``GalpakError`` `.badInput` when the file gives it too, or gives the other
    ///   noise level (`snr` against `--noise-sigma`).
    public mutating func fix(_ setting: SimulationSetting, _ value: Double, option: String) throws {
        let noise: Set<SimulationSetting> = [.snr, .noiseSigma]
        if let clash = entries.first(where: { entry in
            guard case .setting(let other) = entry.quantity else { return false }
            return other == setting || (noise.contains(setting) && noise.contains(other))
        }) {
            let advice = clash.quantity == .setting(setting) ? "give it once" : "give one noise level"
            throw GalpakError.badInput(source, "\(clash.quantity.key) is given here and \(option) on the command line: \(advice)")
        }
        let index = entries.firstIndex {
            guard case .setting(let other) = $0.quantity else { return false }
            return SimulationSetting.allCases.firstIndex(of: other)! > SimulationSetting.allCases.firstIndex(of: setting)!
        } ?? entries.endIndex
        entries.insert(Entry(quantity: .setting(setting), prior: .fixed(value)), at: index)
    }

    /// The draws of `count` cubes from seed `seed`. Cube i draws from its own generator, seeded
    /// with the i-th number of a generator seeded with `seed` (so its values do not depend on
    /// `count`): one value per entry in order, then its noise seed, below 2⁵³ (exact in any
    /// reader that takes numbers as doubles, and a signed 64-bit integer in FITS and CSV).
    public func draw(count: Int, seed: UInt64) -> [DatasetDraw] {
        var seeds = SeededGenerator(seed: seed)
        return (0..<count).map { index in
            var generator = SeededGenerator(seed: seeds.next())
            let values = entries.map { $0.prior.draw(in: $0.quantity.validRange, using: &generator) }
            return DatasetDraw(index: index, values: values, noiseSeed: generator.next() >> 11)
        }
    }

    /// The names a priors file may use, for messages.
    static func names(_ parameters: [ParameterName]) -> String {
        "the names are the model's parameters (\(parameters.map(\.key).joined(separator: ", "))) and the settings "
            + SimulationSetting.allCases.map(\.key).joined(separator: ", ")
    }
}
