import Foundation

extension HeaderCard {
    /// A card with a numeric value, written in the shortest text that reads back as the same
    /// Double (`1.25`, `6564.0`, `-5.5555555555555E-05`).
    public init(name: String, number: Double, comment: String = "") {
        self.init(name: name, value: "\(number)".uppercased(), comment: comment)
    }

    /// A card with a string value, quoted as FITS requires (`'Angstrom'`; quotes doubled).
    public init(name: String, string: String, comment: String = "") {
        self.init(name: name, value: "'\(string.replacingOccurrences(of: "'", with: "''"))'",
                  comment: comment)
    }

    /// The value as text: quotes and trailing blanks removed for strings, as written otherwise.
    public var text: String { FITSFile.unquoted(value) }

    /// The value as a number (FITS `D` exponents accepted), or nil when it is not numeric.
    public var number: Double? {
        let t = text.replacingOccurrences(of: "D", with: "E").replacingOccurrences(of: "d", with: "e")
        return Double(t)
    }
}

/// The cards of one HDU with typed lookup by keyword (the first occurrence wins).
struct FITSHeader {
    /// The cards in header order.
    let cards: [HeaderCard]
    /// The file the header comes from, for error messages.
    let path: String
    private let byName: [String: HeaderCard]

    init(cards: [HeaderCard], path: String) {
        self.cards = cards
        self.path = path
        byName = Dictionary(cards.map { ($0.name.uppercased(), $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The card named `name`, nil when absent or without a value.
    subscript(name: String) -> HeaderCard? {
        guard let card = byName[name.uppercased()], !card.value.isEmpty else { return nil }
        return card
    }

    /// Whether a card named `name` with a value is present.
    func has(_ name: String) -> Bool { self[name] != nil }

    /// Keyword `name` as a number, nil when absent; an error when present but not numeric.
    func double(_ name: String) throws -> Double? {
        guard let card = self[name] else { return nil }
        guard let v = card.number, v.isFinite else {
            throw GalpakError.badInput(path, "header card \(name) = \(card.value) is not a number; fix the header")
        }
        return v
    }

    /// Keyword `name` as text (unquoted, trimmed), nil when absent or blank.
    func string(_ name: String) -> String? {
        guard let t = self[name]?.text, !t.isEmpty else { return nil }
        return t
    }
}
