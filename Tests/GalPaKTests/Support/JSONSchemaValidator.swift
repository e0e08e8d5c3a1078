import Foundation

/// A JSON document decoded exactly: booleans, integers and other numbers kept apart.
enum JSONValue: Decodable, Equatable {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let i = try? c.decode(Int.self) {
            self = .integer(i)
        } else if let d = try? c.decode(Double.self) {
            self = .number(d)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let a = try? c.decode([JSONValue].self) {
            self = .array(a)
        } else {
            self = .object(try c.decode([String: JSONValue].self))
        }
    }

    /// Parses `text`.
    static func parse(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    subscript(key: String) -> JSONValue? {
        if case .object(let fields) = self { return fields[key] }
        return nil
    }

    /// The JSON Schema type names this value has (an integer is also a `number`).
    var typeNames: Set<String> {
        switch self {
        case .null: ["null"]
        case .bool: ["boolean"]
        case .integer: ["integer", "number"]
        case .number: ["number"]
        case .string: ["string"]
        case .array: ["array"]
        case .object: ["object"]
        }
    }
}

/// Checks a JSON document against a JSON Schema (draft 2020-12) for the keywords galpak's
/// schemas in `docs/` use: `type`, `const`, `enum`, `properties`, `required`,
/// `patternProperties`, `additionalProperties: false`, `items`, `oneOf`, `pattern` (an ECMA-262
/// regular expression searched in a string, as NSRegularExpression reads the patterns used) and
/// `$ref` to `#/$defs/NAME`. The
/// annotations `$schema`, `$id`, `title`, `description` and `$defs` are skipped; any other
/// keyword is reported as an error, so a schema cannot lean on a rule this does not check.
struct JSONSchemaValidator {
    let root: JSONValue

    static let annotations: Set<String> = ["$schema", "$id", "title", "description", "$defs"]

    /// The ways `document` breaks the schema, each as `path: problem` (empty: it conforms).
    func errors(in document: JSONValue) -> [String] {
        check(document, against: root, at: "$")
    }

    private func check(_ value: JSONValue, against schema: JSONValue, at path: String) -> [String] {
        guard case .object(let keywords) = schema else { return ["\(path): the schema is not an object"] }
        var errors: [String] = []
        for (keyword, argument) in keywords.sorted(by: { $0.key < $1.key }) where !Self.annotations.contains(keyword) {
            switch keyword {
            case "type":
                let allowed: Set<String>
                switch argument {
                case .string(let name): allowed = [name]
                case .array(let names): allowed = Set(names.compactMap { if case .string(let n) = $0 { n } else { nil } })
                default: return ["\(path): unreadable type \(argument)"]
                }
                if value.typeNames.isDisjoint(with: allowed) {
                    errors.append("\(path): is \(value.typeNames.sorted().joined(separator: "/")), not \(allowed.sorted().joined(separator: " or "))")
                }
            case "const":
                if !Self.equal(value, argument) { errors.append("\(path): is \(value), not \(argument)") }
            case "enum":
                guard case .array(let options) = argument else { return ["\(path): unreadable enum"] }
                if !options.contains(where: { Self.equal(value, $0) }) { errors.append("\(path): \(value) is not one of \(options)") }
            case "required":
                guard case .object(let fields) = value else { continue }
                guard case .array(let names) = argument else { return ["\(path): unreadable required"] }
                for case .string(let name) in names where fields[name] == nil {
                    errors.append("\(path): lacks the required key \(name)")
                }
            case "properties":
                guard case .object(let fields) = value else { continue }
                guard case .object(let schemas) = argument else { return ["\(path): unreadable properties"] }
                for (name, field) in fields.sorted(by: { $0.key < $1.key }) {
                    if let sub = schemas[name] { errors += check(field, against: sub, at: "\(path).\(name)") }
                }
            case "patternProperties":
                guard case .object(let fields) = value else { continue }
                guard case .object(let patterns) = argument else { return ["\(path): unreadable patternProperties"] }
                for (pattern, sub) in patterns.sorted(by: { $0.key < $1.key }) {
                    for (name, field) in fields.sorted(by: { $0.key < $1.key }) where Self.matches(name, pattern) {
                        errors += check(field, against: sub, at: "\(path).\(name)")
                    }
                }
            case "additionalProperties":
                guard case .object(let fields) = value else { continue }
                guard argument == .bool(false) else { return ["\(path): only additionalProperties: false is supported"] }
                var known = Set<String>()
                if case .object(let properties)? = keywords["properties"] { known = Set(properties.keys) }
                var patterns: [String] = []
                if case .object(let byPattern)? = keywords["patternProperties"] { patterns = Array(byPattern.keys) }
                for name in fields.keys.sorted() where !known.contains(name) && !patterns.contains(where: { Self.matches(name, $0) }) {
                    errors.append("\(path): has the undocumented key \(name)")
                }
            case "items":
                guard case .array(let elements) = value else { continue }
                for (i, element) in elements.enumerated() { errors += check(element, against: argument, at: "\(path)[\(i)]") }
            case "oneOf":
                guard case .array(let branches) = argument else { return ["\(path): unreadable oneOf"] }
                let matching = branches.filter { check(value, against: $0, at: path).isEmpty }.count
                if matching != 1 { errors.append("\(path): matches \(matching) of the oneOf branches, not exactly 1") }
            case "pattern":
                guard case .string(let text) = value else { continue }
                guard case .string(let pattern) = argument, let regex = try? NSRegularExpression(pattern: pattern) else {
                    return ["\(path): unreadable pattern \(argument)"]
                }
                if regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil {
                    errors.append("\(path): \"\(text)\" does not match \(pattern)")
                }
            case "$ref":
                guard case .string(let reference) = argument, reference.hasPrefix("#/$defs/"),
                      let target = root["$defs"]?[String(reference.dropFirst("#/$defs/".count))] else {
                    return ["\(path): unresolvable $ref \(argument)"]
                }
                errors += check(value, against: target, at: path)
            default:
                errors.append("\(path): the schema uses \(keyword), which this validator does not check")
            }
        }
        return errors
    }

    /// Whether `name` matches the regular expression `pattern` (anywhere, as JSON Schema says).
    private static func matches(_ name: String, _ pattern: String) -> Bool {
        name.range(of: pattern, options: .regularExpression) != nil
    }

    /// JSON equality, with an integer equal to the same number written with a fraction.
    private static func equal(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.integer(let i), .number(let d)), (.number(let d), .integer(let i)): Double(i) == d
        default: a == b
        }
    }
}
