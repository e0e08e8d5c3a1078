import Foundation
import GalPaK

/// The options of a model handle as the caller writes them: a JSON object whose keys are the
/// long option names of `galpak fit` and `galpak simulate` (`lsf_fwhm`, `lsf-fwhm` and
/// `LSF_FWHM` are one name, ``OptionSetting/canonicalName(_:)``), each value of the type that
/// option takes (a number, a name, true or false for a switch, or for `line` and `line_ratio`
/// two numbers).
///
/// ``refuseUnused(known:)`` names any key that is not an option the caller reads, so that a
/// misspelt option is an error, not silently ignored.
struct OptionsObject {
    private let values: [String: Any]
    private let source: String

    /// The object in `json` (an empty text is `{}`).
    /// - Throws: ``GalpakError`` `.badInput` when the text is not a JSON object, or two keys
    ///   spell the same option.
    init(json: String, source: String = "options") throws {
        self.source = source
        let trimmed = json.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            values = [:]
            return
        }
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: Data(trimmed.utf8), options: [.fragmentsAllowed])
        } catch {
            throw GalpakError(.badInput, "\(source): not valid JSON (\(error.localizedDescription))")
        }
        guard let object = parsed as? [String: Any] else {
            throw GalpakError(.badInput, "\(source): must be a JSON object of option names and values, e.g. {\"seeing\": 0.8}")
        }
        var canonical: [String: Any] = [:]
        for (key, value) in object {
            let name = OptionSetting.canonicalName(key)
            guard canonical[name] == nil else {
                throw GalpakError(.badInput, "\(source): option '\(Self.shown(name))' is given twice (as '\(key)' and another spelling)")
            }
            // JSON null means "not given".
            if !(value is NSNull) { canonical[name] = value }
        }
        values = canonical
    }

    /// The names given, canonical.
    var names: Set<String> { Set(values.keys) }

    /// Whether `name` is given.
    func has(_ name: String) -> Bool { values[name] != nil }

    /// The number given for `name`, nil when absent.
    /// - Throws: ``GalpakError`` `.badInput` when the value is not a finite number.
    func number(_ name: String) throws -> Double? {
        guard let value = values[name] else { return nil }
        guard let number = value as? NSNumber, !Self.isBoolean(number), number.doubleValue.isFinite else {
            throw GalpakError(.badInput, "\(source): option '\(Self.shown(name))' takes a finite number (got \(describe(value)))")
        }
        return number.doubleValue
    }

    /// The text given for `name`, nil when absent.
    /// - Throws: ``GalpakError`` `.badInput` when the value is not a string.
    func text(_ name: String) throws -> String? {
        guard let value = values[name] else { return nil }
        guard let text = value as? String else {
            throw GalpakError(.badInput, "\(source): option '\(Self.shown(name))' takes a text value (got \(describe(value)))")
        }
        return text
    }

    /// The switch given for `name` (JSON `true` or `false`), false when absent.
    /// - Throws: ``GalpakError`` `.badInput` when the value is not `true` or `false`.
    func flag(_ name: String) throws -> Bool {
        guard let value = values[name] else { return false }
        guard let number = value as? NSNumber, Self.isBoolean(number) else {
            throw GalpakError(.badInput, "\(source): option '\(Self.shown(name))' takes true or false (got \(describe(value)))")
        }
        return number.boolValue
    }

    /// The named choice given for `name`, nil when absent.
    /// - Throws: ``GalpakError`` `.badInput` listing the valid names for an unknown one.
    func choice<C: NamedChoice>(_ name: String, _ type: C.Type) throws -> C? {
        guard let text = try text(name) else { return nil }
        guard let value = C(name: text) else {
            throw GalpakError(.badInput, "\(source): unknown \(Self.shown(name)) '\(text)' (valid: \(C.listed))")
        }
        return value
    }

    /// The comma-separated list given for `name`, as a JSON array of numbers or texts
    /// (`[6562.8, 6583.45]`, `[1, "free"]`), one text (`"6562.8,6583.45"`) or one number, nil
    /// when absent; a number is written as Swift writes it shortest, a whole one without a fraction.
    /// - Throws: ``GalpakError`` `.badInput` for anything else.
    func list(_ name: String) throws -> String? {
        guard let value = values[name] else { return nil }
        func item(_ item: Any) -> String? {
            if let text = item as? String { return text }
            guard let number = item as? NSNumber, !Self.isBoolean(number), number.doubleValue.isFinite else { return nil }
            let v = number.doubleValue
            return v == v.rounded() && Swift.abs(v) < 1e15 ? String(Int64(v)) : "\(v)"
        }
        if let list = value as? [Any] {
            let items = list.compactMap(item)
            if items.count == list.count, !items.isEmpty { return items.joined(separator: ",") }
        } else if let single = item(value) {
            return single
        }
        throw GalpakError(.badInput, "\(source): option '\(Self.shown(name))' takes a list, [a, b, ...] or \"a,b,...\" (got \(describe(value)))")
    }

    /// Refuses any given name not in `known`, naming it and the known ones.
    func refuseUnused(known: [String]) throws {
        let unknown = names.subtracting(known).sorted()
        guard let first = unknown.first else { return }
        throw GalpakError(.badInput, "\(source): unknown option '\(Self.shown(first))' (known: \(known.map(Self.shown).joined(separator: ", ")))")
    }

    /// `name` as a Python keyword (`lsf_fwhm`), for messages.
    static func shown(_ name: String) -> String {
        name.replacingOccurrences(of: "-", with: "_")
    }

    /// Whether `number` is a JSON `true` or `false` (Foundation reads them as numbers of
    /// Objective-C type `c`, a type no JSON number gets).
    private static func isBoolean(_ number: NSNumber) -> Bool {
        String(cString: number.objCType) == "c"
    }

    private func describe(_ value: Any) -> String {
        if let number = value as? NSNumber, Self.isBoolean(number) { return number.boolValue ? "true" : "false" }
        if let text = value as? String { return "'\(text)'".escapingControlCharacters() }
        if let number = value as? NSNumber { return number.stringValue }
        if value is [Any] { return "a list" }
        if value is [String: Any] { return "an object" }
        return "\(value)"
    }
}
