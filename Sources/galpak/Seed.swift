import ArgumentParser

/// A `--seed` value: a whole number from 0 to 2⁶⁴ − 1 (a negative or fractional one is refused
/// with that range, not with the parser's bare "invalid value").
enum Seed {
    /// The valid seeds, in words.
    static let rule = "a whole number from 0 to \(UInt64.max)"

    static func parse(_ text: String) throws -> UInt64 {
        guard let seed = UInt64(text) else { throw ValidationError("the seed must be \(rule)") }
        return seed
    }
}
