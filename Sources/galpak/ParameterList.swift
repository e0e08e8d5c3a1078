import ArgumentParser
import GalPaK

/// Parses `name=value,name=value` lists of galaxy parameters (reference names or short names).
enum ParameterList {
    /// Values by name; `requireAll` demands all ten.
    static func parse(_ text: String, option: String, requireAll: Bool = true) throws -> GalaxyParameters {
        var p = GalaxyParameters.missing
        for item in text.split(separator: ",") {
            let pair = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else { throw ValidationError("\(option): '\(item)' is not name=value") }
            guard let name = ParameterName(key: pair[0]) else {
                let names = ParameterName.allCases.map(\.key).joined(separator: ", ")
                throw ValidationError("\(option): unknown parameter '\(pair[0])'; the parameters are \(names)")
            }
            guard let v = Double(pair[1]), v.isFinite else {
                throw ValidationError("\(option): \(pair[0]) = '\(pair[1])' is not a number")
            }
            p[name] = v
        }
        if requireAll {
            let missing = ParameterName.allCases.filter { p[$0].isNaN }.map(\.key)
            guard missing.isEmpty else {
                throw ValidationError("\(option) is missing \(missing.joined(separator: ", "))")
            }
        }
        return p
    }
}
