import Foundation

/// A JSON document read for its shape, so that a file's reader can say exactly what it found
/// where it expected something else (a number, a list, an object): `true` is a boolean, never
/// the number 1, and `1` never a boolean.
public indirect enum JSONInput: Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONInput])
    /// An object's members, sorted by key (a JSON object is unordered; of a repeated key
    /// Foundation keeps one value).
    case object([(key: String, value: JSONInput)])

    /// Parses `data` (UTF-8 JSON text).
    /// - Throws: ``GalpakError`` `.badInput` naming `source`: "`source`: not valid JSON (…)".
    public init(parsing data: Data, source: String) throws {
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw GalpakError.badInput(source, "not valid JSON (\(error.localizedDescription))")
        }
        self.init(foundation: parsed)
    }

    /// The value of a Foundation JSON object (`JSONSerialization`'s output). Foundation reads
    /// `true`/`false` as numbers of Objective-C type `c`, a type no JSON number gets.
    private init(foundation value: Any) {
        switch value {
        case is NSNull:
            self = .null
        case let text as String:
            self = .string(text)
        case let number as NSNumber:
            self = String(cString: number.objCType) == "c" ? .bool(number.boolValue) : .number(number.doubleValue)
        case let list as [Any]:
            self = .array(list.map(JSONInput.init(foundation:)))
        case let object as [String: Any]:
            self = .object(object.keys.sorted().map { (key: $0, value: JSONInput(foundation: object[$0]!)) })
        default:
            self = .string("\(value)")
        }
    }

    /// The number, nil for anything else (a boolean too).
    public var number: Double? {
        if case .number(let v) = self { return v }
        return nil
    }

    /// What the value is, for messages: "the number 3", "the text 'abc'", "a list of 2",
    /// "an object", "true", "null".
    public var described: String {
        switch self {
        case .null: "null"
        case .bool(let b): b ? "true" : "false"
        case .number(let v): "the number \(ValidRange.format(v))"
        case .string(let s): "the text '\(s)'".escapingControlCharacters()
        case .array(let items): "a list of \(items.count)"
        case .object: "an object"
        }
    }
}
