import Foundation

/// Selection of the header cards an output file needs to keep the input's world coordinates.
public enum WCSCards {
    /// Per-axis keywords kept (followed by the axis number): CTYPEn, CUNITn, CRVALn, CRPIXn,
    /// CDELTn, CROTAn, CNAMEn.
    static let axisKeywords = ["CTYPE", "CUNIT", "CRVAL", "CRPIX", "CDELT", "CROTA", "CNAME"]
    /// Two-index keywords kept (`CDi_j`, `PCi_j`, `PVi_m`).
    static let matrixKeywords = ["CD", "PC", "PV"]
    /// Keywords that are not tied to an axis but describe the coordinates, the data or the
    /// observation.
    static let globalKeywords = [
        "RADESYS", "RADECSYS", "EQUINOX", "EPOCH", "LONPOLE", "LATPOLE", "SPECSYS", "SSYSOBS",
        "VELOSYS", "VELREF", "RESTFRQ", "RESTFREQ", "RESTWAV", "BUNIT", "OBJECT", "DATE-OBS", "MJD-OBS",
        "TELESCOP", "INSTRUME",
    ]

    /// The axis numbers keyword `name` refers to: `CTYPE3` → [3], `PC1_2` → [1, 2],
    /// `PV2_1` → [2]; empty for a kept global keyword; nil for any other keyword.
    static func axes(of name: String) -> [Int]? {
        let name = name.uppercased()
        if globalKeywords.contains(name) { return [] }
        for key in axisKeywords where name.hasPrefix(key) {
            return Int(name.dropFirst(key.count)).map { [$0] }
        }
        for key in matrixKeywords where name.hasPrefix(key) {
            let indices = name.dropFirst(key.count).split(separator: "_").compactMap { Int($0) }
            guard indices.count == 2 else { return nil }
            return key == "PV" ? [indices[0]] : indices
        }
        return nil
    }

    /// The cards of `cards` that a cube output should keep: WCS cards of axes 1–3 and the global
    /// keywords above. Global keywords missing from `cards` are taken from `fallback` (the primary
    /// header of a file whose data sit in an extension, where OBJECT and DATE-OBS usually live).
    static func kept(from cards: [HeaderCard], fallback: [HeaderCard] = []) -> [HeaderCard] {
        let own = limited(cards.filter { axes(of: $0.name) != nil && !$0.value.isEmpty }, toAxes: 3)
        let names = Set(own.map { $0.name.uppercased() })
        let inherited = fallback.filter {
            axes(of: $0.name) == [] && !$0.value.isEmpty && !names.contains($0.name.uppercased())
        }
        return modernised(own + inherited)
    }

    /// Deprecated spellings and their standard names: the outputs carry the standard one (as
    /// wcslib reads the old one), so that fitsverify finds nothing to warn about.
    static let deprecated = ["EPOCH": "EQUINOX", "RADECSYS": "RADESYS"]

    /// `cards` with each ``deprecated`` keyword renamed to its standard name, or dropped when
    /// the standard one is there too (which wins, as in wcslib).
    static func modernised(_ cards: [HeaderCard]) -> [HeaderCard] {
        let names = Set(cards.map { $0.name.uppercased() })
        return cards.compactMap { card in
            guard let standard = deprecated[card.name.uppercased()] else { return card }
            guard !names.contains(standard) else { return nil }
            var renamed = card
            renamed.name = standard
            return renamed
        }
    }

    /// `cards` without the ones that refer to an axis beyond `n`: for a 2-D map of a cube pass
    /// n = 2 (drops CTYPE3, CD3_3, PC1_3, …); cards not tied to an axis are kept.
    public static func limited(_ cards: [HeaderCard], toAxes n: Int) -> [HeaderCard] {
        cards.filter { card in (axes(of: card.name) ?? []).allSatisfy { $0 <= n } }
    }

    /// `cards` with axes `a` and `b` exchanged in every per-axis and matrix keyword (`CTYPE4` ↔
    /// `CTYPE3`, `PC4_4` → `PC3_3`, `PC1_4` → `PC1_3`, alternate descriptions such as `CTYPE4A`
    /// too); other cards are unchanged. Used when the channels lie along FITS axis 4.
    static func swappingAxes(_ cards: [HeaderCard], _ a: Int, _ b: Int) -> [HeaderCard] {
        func swapped(_ n: Int) -> Int { n == a ? b : n == b ? a : n }
        return cards.map { card in
            let name = card.name.uppercased()
            for key in axisKeywords + ["CRDER", "CSYER"] where name.hasPrefix(key) {
                let rest = name.dropFirst(key.count)
                let digits = rest.prefix { $0.isNumber }
                guard let n = Int(digits), digits.count + 1 >= rest.count else { continue }
                var renamed = card
                renamed.name = key + String(swapped(n)) + rest.dropFirst(digits.count)
                return renamed
            }
            for key in matrixKeywords + ["PS"] where name.hasPrefix(key) {
                let parts = name.dropFirst(key.count).split(separator: "_", omittingEmptySubsequences: false)
                guard parts.count == 2, let i = Int(parts[0]) else { continue }
                let digits = parts[1].prefix { $0.isNumber }
                guard let j = Int(digits), digits.count + 1 >= parts[1].count else { continue }
                let suffix = parts[1].dropFirst(digits.count)
                // PVi_m and PSi_m carry one axis (i) and a parameter number (m).
                let second = key == "PV" || key == "PS" ? j : swapped(j)
                var renamed = card
                renamed.name = "\(key)\(swapped(i))_\(second)\(suffix)"
                return renamed
            }
            return card
        }
    }

    /// `cards` with the spectral axis replaced by the calibrated one: CRVAL3, CRPIX3, CUNIT3, the
    /// step (CD3_3 when the cards use a CD matrix, else CDELT3 with PC3_3 removed) and, when
    /// `type` is given, CTYPE3.
    static func replacingSpectral(_ cards: [HeaderCard], with axis: SpectralAxis, type: String?) -> [HeaderCard] {
        let usesCD = cards.contains { $0.name.hasPrefix("CD") && $0.name.contains("_") }
        let stepName = usesCD ? "CD3_3" : "CDELT3"
        var replaced: Set<String> = ["CRVAL3", "CRPIX3", "CUNIT3", "CDELT3", "CD3_3", "PC3_3"]
        if type != nil { replaced.insert("CTYPE3") }
        return cards.filter { !replaced.contains($0.name.uppercased()) }
            + (type.map { [HeaderCard(name: "CTYPE3", string: $0, comment: "set by galpak")] } ?? []) + [
            HeaderCard(name: "CRVAL3", number: axis.crval, comment: "calibrated by galpak"),
            HeaderCard(name: "CRPIX3", number: axis.crpix, comment: "calibrated by galpak"),
            HeaderCard(name: stepName, number: axis.cdelt, comment: "calibrated by galpak"),
            HeaderCard(name: "CUNIT3", string: axis.unit.rawValue, comment: "calibrated by galpak"),
        ]
    }
}
