extension Provenance {
    /// The header cards that record this provenance on every FITS file galpak writes:
    /// `CREATOR = 'galpak VERSION'`, `DATE` (the run's start, UTC, ``fitsDate``) and two HISTORY
    /// cards, "galpak VERSION run of DATE UTC:" and the ``commandLine`` (cfitsio continues a
    /// long one on further HISTORY cards). A character a FITS header cannot hold (outside
    /// printable ASCII) is written as `\u{HEX}`.
    public var fitsCards: [HeaderCard] {
        [
            HeaderCard(name: "CREATOR", string: Self.creator, comment: "software that wrote this file"),
            HeaderCard(name: "DATE", string: fitsDate, comment: "[UTC] start of the run that wrote this file"),
            HeaderCard(name: "HISTORY", value: "", comment: "\(Self.creator) run of \(fitsDate) UTC:"),
            HeaderCard(name: "HISTORY", value: "", comment: Self.fitsText(commandLine)),
        ]
    }

    /// `text` with every character outside printable ASCII (U+0020–U+007E) as `\u{HEX}`.
    static func fitsText(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if (0x20...0x7E).contains(scalar.value) {
                result.unicodeScalars.append(scalar)
            } else {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return result
    }
}
