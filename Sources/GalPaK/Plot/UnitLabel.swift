import Foundation

/// A cube's `BUNIT` as a colour bar shows it: short enough for a label under a map panel.
///
/// Headers spell units at length (`10**(-20)*erg/s/cm**2/Angstrom`) or carry a remark in
/// parentheses (`unknown (flux units as shipped by …)`). The label keeps the unit and drops
/// the remark: a parenthesised part holding a space is removed, a power of ten is written
/// `1e-20`, `**` becomes `^`, `Angstrom` `Å`, a `*` between factors a space; what is still
/// longer than ``longest`` characters is cut, ending in `…`.
public enum UnitLabel {
    /// The most characters a unit keeps in a label.
    public static let longest = 24

    /// `quantity (unit)` with the unit shortened as above; `quantity` alone for an empty unit.
    public static func label(_ quantity: String, unit: String) -> String {
        let short = abbreviated(unit)
        return short.isEmpty ? quantity : "\(quantity) (\(short))"
    }

    /// The unit shortened as the type's description says.
    public static func abbreviated(_ unit: String) -> String {
        var text = withoutRemarks(unit)
            .replacing(#/10(?:\*\*|\^)\(?([-+]?[0-9]+)\)?/#) { "1e\($0.output.1)" }
        for (long, short) in [("**", "^"), ("Angstrom", "Å"), ("*", " ")] {
            text = text.replacingOccurrences(of: long, with: short)
        }
        text = text.split(separator: " ").joined(separator: " ")
        return text.count <= longest ? text : String(text.prefix(longest - 1)) + "…"
    }

    /// `unit` without its parenthesised parts that hold a space (remarks, not factors).
    static func withoutRemarks(_ unit: String) -> String {
        var out = ""
        var group: String?
        var depth = 0
        for c in unit {
            if c == "(" {
                depth += 1
                if depth == 1 { group = "" }
            }
            if depth > 0 { group?.append(c) } else { out.append(c) }
            if c == ")", depth > 0 {
                depth -= 1
                if depth == 0, let g = group {
                    if !g.contains(" ") { out += g }
                    group = nil
                }
            }
        }
        if let group { out += group }
        return out.trimmingCharacters(in: .whitespaces)
    }
}
