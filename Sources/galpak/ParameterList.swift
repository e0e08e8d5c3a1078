import ArgumentParser
import GalPaK

/// Parses `name=value,name=value` lists of galaxy parameters (reference names or short names).
enum ParameterList {
    /// Values by name; `required` must all be given.
    static func parse(_ text: String, option: String, required: [ParameterName] = []) throws -> GalaxyParameters {
        var p = GalaxyParameters.missing
        for (name, value) in try pairs(text, option: option) {
            guard let v = Double(value), v.isFinite else {
                throw ValidationError("\(option): \(name.key) = '\(value)' is not a number")
            }
            p[name] = v
        }
        let missing = required.filter { p[$0].isNaN }.map(\.key)
        guard missing.isEmpty else {
            throw ValidationError("\(option) is missing \(missing.joined(separator: ", "))")
        }
        return p
    }

    /// Several occurrences of an option, each a list, merged (a later value wins).
    static func parse(_ texts: [String], option: String) throws -> GalaxyParameters {
        var p = GalaxyParameters.missing
        for text in texts {
            let part = try parse(text, option: option)
            for name in part.names where !part[name].isNaN { p[name] = part[name] }
        }
        return p
    }

    /// `name=mu:sigma` Gaussian priors, from every occurrence of `--prior`.
    static func priors(_ texts: [String], option: String) throws -> GaussianPriors {
        var priors = GaussianPriors()
        for text in texts {
            for (name, value) in try pairs(text, option: option) {
                let parts = value.split(separator: ":").map { Double($0.trimmingCharacters(in: .whitespaces)) }
                guard parts.count == 2, let mu = parts[0], let sigma = parts[1], mu.isFinite, sigma.isFinite, sigma > 0 else {
                    throw ValidationError("\(option): \(name.key)=\(value) is not mean:sigma with sigma > 0 (e.g. \(name.key)=60:5)")
                }
                priors.set(name, mean: mu, sigma: sigma)
            }
        }
        return priors
    }

    /// The `name=value` items of a comma-separated list, names resolved.
    private static func pairs(_ text: String, option: String) throws -> [(ParameterName, String)] {
        try text.split(separator: ",").map { item in
            let pair = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else { throw ValidationError("\(option): '\(item)' is not name=value") }
            guard let name = ParameterName(key: pair[0]) else {
                throw ValidationError("\(option): unknown parameter '\(pair[0])'; the parameters are \(names)")
            }
            return (name, pair[1])
        }
    }

    /// The parameters' names, for messages.
    static var names: String {
        (ParameterName.known.map(\.key) + ["\(ParameterName.lineRatioPrefix)<wave> (a free --line-ratio)"]).joined(separator: ", ")
    }

    /// The valid known, starting and simulated values, for the help: parameters with the same
    /// ``ParameterName/validRange`` together ("x, y in [-1e6, 1e6] pixels; …").
    static var validValues: String { describe(\.validRange) }

    /// The valid bounds (``ParameterName/boundRange``), for the help.
    static var validBounds: String { describe(\.boundRange) }

    private static func describe(_ range: (ParameterName) -> ValidRange) -> String {
        var groups: [(names: [String], rule: String)] = []
        for name in ParameterName.known + [.lineRatio("<wave>")] {
            let rule = range(name).description
            if let last = groups.indices.last, groups[last].rule == rule {
                groups[last].names.append(name.key)
            } else {
                groups.append(([name.key], rule))
            }
        }
        return groups.map { "\($0.names.joined(separator: ", ")) \($0.rule)" }.joined(separator: "; ")
    }
}
