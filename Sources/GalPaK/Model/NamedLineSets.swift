/// The sets of lines `--lines NAME` chooses: the one list of them (help, README and checks read it).
///
/// | name | lines (Å, air) | z-line | fluxes |
/// |---|---|---|---|
/// | `halpha-nii` | 6548.05, 6562.80, 6583.45 | 6562.80 (Hα) | F(6583.45)/F(Hα) free; 6548.05 = 6583.45/2.96 |
/// | `oii` | 3726.2, 3728.9 | 3728.9 | F(3726.2)/F(3728.9) free |
/// | `oiii` | 4958.91, 5006.84 | 5006.84 | 4958.91 = 5006.84/2.98 |
/// | `sii` | 6716.44, 6730.82 | 6730.82 | F(6716.44)/F(6730.82) free |
/// | `hbeta-oiii` | 4861.33, 4958.91, 5006.84 | 5006.84 | F(Hβ)/F(5006.84) free; 4958.91 = 5006.84/2.98 |
///
/// The [NII] and [OIII] ratios of 2.96 and 2.98 are the transition-probability ratios of each
/// doublet (Storey & Zeippen 2000). `--doublet oii` stays the reference's fixed 0.8 : 1 doublet.
public enum NamedLineSets {
    /// A named set: its name, a one-line description for the help, and the set.
    public struct Entry: Sendable {
        public let name: String
        public let summary: String
        public let set: LineSet
    }

    /// Every named set, in the order of the help.
    public static let all: [Entry] = [
        entry("halpha-nii", "Hα + [NII] 6548, 6583, z on Hα, [NII]6583/Hα free, 6548 = 6583/2.96",
              [("6548.05", .tied(wave: "6583.45", divisor: 2.96)), ("6562.80", .fixed(1)), ("6583.45", .free)], zLine: "6562.80"),
        entry("oii", "[OII] 3726.2, 3728.9, ratio free", [("3726.2", .free), ("3728.9", .fixed(1))]),
        entry("oiii", "[OIII] 4958.91, 5006.84 at 1 : 2.98", [("4958.91", .tied(wave: "5006.84", divisor: 2.98)), ("5006.84", .fixed(1))]),
        entry("sii", "[SII] 6716.44, 6730.82, ratio free", [("6716.44", .free), ("6730.82", .fixed(1))]),
        entry("hbeta-oiii", "Hβ + [OIII], z on 5006.84, Hβ/5006.84 free, 4958.91 = 5006.84/2.98",
              [("4861.33", .free), ("4958.91", .tied(wave: "5006.84", divisor: 2.98)), ("5006.84", .fixed(1))], zLine: "5006.84"),
    ]

    /// The names, for messages and the help.
    public static var names: [String] { all.map(\.name) }

    /// The set called `name` (case-insensitive), nil for an unknown name.
    public static func named(_ name: String) -> LineSet? {
        all.first { $0.name == name.lowercased() }?.set
    }

    private static func entry(_ name: String, _ summary: String, _ lines: [(String, LineSet.Flux)],
                              zLine: String? = nil) -> Entry {
        // The lists above are valid sets; a mistake in them fails every test that reads them.
        let set = try! LineSet(lines: lines.map { LineSet.Line(wave: $0.0, rest: Double($0.0)!, flux: $0.1) }, zLine: zLine)
        return Entry(name: name, summary: summary, set: set)
    }
}
