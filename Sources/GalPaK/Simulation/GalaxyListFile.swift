/// A JSON file of galaxies to simulate (`simulate --params FILE.json`): one object of parameter
/// values by name (`{"x": 14.5, "y": 15.2, …}`, reference or short names as in `--params`) for
/// one galaxy, or a list of such objects, one per galaxy.
public enum GalaxyListFile {
    /// The galaxies in the file at `path`, each with the values it gives (the others NaN:
    /// whether the model's are all there is the caller's check).
    /// - Throws: ``GalpakError`` `.badInput` naming `path` (and the galaxy and key at fault):
    ///   unreadable, not JSON, not an object or a list of 1 … ``SimulationSpec/maximumGalaxies``
    ///   objects, an unknown name, a name given twice, a value that is not a finite number.
    public static func read(path: String) throws -> [GalaxyParameters] {
        let json = try JSONInput(parsing: try InputFile.contents(path, what: "a JSON file of galaxy parameters"), source: path)
        let objects: [JSONInput]
        switch json {
        case .object: objects = [json]
        case .array(let items): objects = items
        default:
            throw GalpakError.badInput(path, "must hold an object of parameter values, e.g. {\"x\": 14.5, \"y\": 15.2, …}, "
                + "or a list of such objects, one per galaxy (got \(json.described))")
        }
        guard (1...SimulationSpec.maximumGalaxies).contains(objects.count) else {
            throw GalpakError.badInput(path, "lists \(objects.count) galaxies; a cube holds 1 to \(SimulationSpec.maximumGalaxies)")
        }
        return try objects.enumerated().map { k, object in
            let which = objects.count == 1 ? "" : "galaxy \(k + 1): "
            guard case .object(let members) = object else {
                throw GalpakError.badInput(path, "\(which)must be an object of parameter values (got \(object.described))")
            }
            var galaxy = GalaxyParameters.missing
            var given: [ParameterName: String] = [:]
            for (key, value) in members {
                guard let name = ParameterName(key: key) else {
                    throw GalpakError.badInput(path, "\(which)unknown parameter '\(key)'".escapingControlCharacters())
                }
                if let earlier = given[name] {
                    throw GalpakError.badInput(path, "\(which)\(name.key) is given twice (as '\(earlier)' and '\(key)')")
                }
                guard let v = value.number, v.isFinite else {
                    throw GalpakError.badInput(path, "\(which)\(key) must be a number (got \(value.described))")
                }
                given[name] = key
                galaxy[name] = v
            }
            return galaxy
        }
    }
}
