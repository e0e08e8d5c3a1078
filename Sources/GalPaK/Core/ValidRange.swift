import Foundation

/// The values a number given by the user may take, written once and used both to check a value
/// and to state the rule (in `--help` and in the error for a value outside it).
///
/// A value is inside when it is finite and lies between the bounds (each open, closed or absent).
/// ``description`` is the rule in words: `in (0, 3600] arcsec`, `≥ 0`, `a finite number`.
public struct ValidRange: Sendable, CustomStringConvertible {
    /// One end of the range.
    public enum Bound: Sendable {
        /// The end value itself is outside.
        case open(Double)
        /// The end value itself is inside.
        case closed(Double)
        /// No limit on this side (the value must still be finite).
        case none
    }

    public let lower: Bound
    public let upper: Bound
    /// The unit the bounds are in, for messages ("arcsec"); empty for none.
    public let unit: String

    public init(_ lower: Bound, _ upper: Bound, unit: String = "") {
        self.lower = lower
        self.upper = upper
        self.unit = unit
    }

    /// Any finite number.
    public static func finite(unit: String = "") -> ValidRange { ValidRange(.none, .none, unit: unit) }

    /// Whether `value` is finite and within the bounds.
    public func contains(_ value: Double) -> Bool {
        guard value.isFinite else { return false }
        switch lower {
        case .open(let a): if !(value > a) { return false }
        case .closed(let a): if !(value >= a) { return false }
        case .none: break
        }
        switch upper {
        case .open(let b): if !(value < b) { return false }
        case .closed(let b): if !(value <= b) { return false }
        case .none: break
        }
        return true
    }

    /// Whether the whole number `value` is within the bounds (as a Double: the bounds here are
    /// far below 2^53, where rounding could matter).
    public func contains(_ value: Int) -> Bool { contains(Double(value)) }

    /// The rule in words, with the unit: `in (0, 3600] arcsec`, `> 0 arcsec`, `≥ 1`,
    /// `a finite number of degrees`.
    public var description: String {
        let suffix = unit.isEmpty ? "" : " \(unit)"
        switch (lower, upper) {
        case (.none, .none):
            return unit.isEmpty ? "a finite number" : "a finite number of \(unit)"
        case (_, .none):
            return "\(lower.isOpen ? ">" : "≥") \(Self.format(lower.value!))\(suffix)"
        case (.none, _):
            return "\(upper.isOpen ? "<" : "≤") \(Self.format(upper.value!))\(suffix)"
        default:
            return "in \(lower.isOpen ? "(" : "[")\(Self.format(lower.value!)), "
                + "\(Self.format(upper.value!))\(upper.isOpen ? ")" : "]")\(suffix)"
        }
    }

    /// Checks the value of `option` (`--seeing`, `--fix radius`).
    /// - Throws: ``GalpakError`` `.badInput`: "`option` must be `description` (got `value`)".
    public func check(_ value: Double, _ option: String) throws {
        guard contains(value) else {
            throw outside(option, got: value == value.rounded() && abs(value) < 1e7 ? String(Int(value)) : "\(value)")
        }
    }

    /// ``check(_:_:)-(Double,String)`` for a whole number.
    public func check(_ value: Int, _ option: String) throws {
        guard contains(value) else { throw outside(option, got: "\(value)") }
    }

    /// The error for a value of `option` outside the range.
    public func outside(_ option: String, got value: String) -> GalpakError {
        GalpakError(.badInput, "\(option) must be \(description) (got \(value))")
    }

    /// Whole numbers in full below 10⁵, a single digit times a power of ten as `1e6`, others to
    /// 9 significant digits with the exponent written the same way: 1, 0.5, 3600, 50000, 1e6,
    /// 2e8, 299792.458, 1e-6.
    public static func format(_ value: Double) -> String {
        let magnitude = abs(value)
        if value == value.rounded(), magnitude < 1e5 { return String(Int(value)) }
        let exponent = magnitude > 0 ? Int(log10(magnitude).rounded(.down)) : 0
        let mantissa = value / pow(10, Double(exponent))
        if exponent >= 5, mantissa == mantissa.rounded() { return "\(Int(mantissa))e\(exponent)" }
        return String(format: "%.9g", value).replacingOccurrences(of: "e+0", with: "e")
            .replacingOccurrences(of: "e+", with: "e").replacingOccurrences(of: "e-0", with: "e-")
    }
}

extension ValidRange.Bound {
    var value: Double? {
        switch self {
        case .open(let v), .closed(let v): v
        case .none: nil
        }
    }

    var isOpen: Bool {
        if case .open = self { return true }
        return false
    }
}
