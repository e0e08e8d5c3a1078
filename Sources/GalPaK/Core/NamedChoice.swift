/// A choice among a fixed set of cases that the user names (a command-line option's value, a
/// manifest cell): the one list of valid spellings, from which parsing, help and error
/// messages are all derived.
public protocol NamedChoice: CaseIterable, Sendable {
    /// The spelling shown to the user.
    var name: String { get }
    /// The case called `name`, or nil. The default accepts a case's ``name`` in any letter
    /// case; a type may accept further spellings (the reference's, older ones).
    init?(name: String)
}

extension NamedChoice {
    /// Every case's ``name``, in case order.
    public static var names: [String] { allCases.map(\.name) }

    /// The names for a message: `a, b or c`.
    public static var listed: String {
        let all = names
        guard all.count > 1 else { return all.first ?? "" }
        return all.dropLast().joined(separator: ", ") + " or " + all[all.count - 1]
    }

    /// The case whose ``name`` is `text` in any letter case.
    public static func named(_ text: String) -> Self? {
        let key = text.lowercased()
        return allCases.first { $0.name.lowercased() == key }
    }

    public init?(name: String) {
        guard let match = Self.named(name) else { return nil }
        self = match
    }
}

extension NamedChoice where Self: RawRepresentable, RawValue == String {
    /// The raw value.
    public var name: String { rawValue }
}
