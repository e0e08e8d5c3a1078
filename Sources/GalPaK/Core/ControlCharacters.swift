extension String {
    /// This text made safe to print on a terminal: every control character (C0 U+0000–U+001F,
    /// DEL U+007F, C1 U+0080–U+009F) and every invisible format character (Unicode category
    /// Cf: the bidirectional controls U+202A–U+202E and U+2066–U+2069, the marks U+200E/U+200F
    /// and U+061C, zero-width characters U+200B–U+200D and U+2060, the byte-order mark U+FEFF,
    /// the soft hyphen U+00AD, …) and the line and paragraph separators U+2028/U+2029 is
    /// written out as a visible escape (`\e` for ESC, `\xHH` for the other C0 and DEL,
    /// `\u{HH…}` for the rest), so that a header value, a file name or a manifest cell can
    /// neither move the cursor, change colours or retitle the terminal, nor reorder or hide
    /// what is shown (`evil\u{202E}stif.txt` shown as `eviltxt.fits`).
    /// Line feeds and tabs are kept when `keepingLineBreaks` (a multi-line report or a table,
    /// whose columns may be tab-separated), escaped otherwise (a one-line message stays one
    /// line). Everything else, Unicode included, is unchanged.
    public func escapingControlCharacters(keepingLineBreaks: Bool = false) -> String {
        let layout: Set<Unicode.Scalar> = keepingLineBreaks ? ["\n", "\t"] : []
        guard unicodeScalars.contains(where: { Self.isHidden($0) && !layout.contains($0) }) else {
            return self
        }
        var result = ""
        for scalar in unicodeScalars {
            if layout.contains(scalar) || !Self.isHidden(scalar) {
                result.unicodeScalars.append(scalar)
            } else if scalar == "\u{1B}" {
                result += "\\e"
            } else if scalar.value < 0x80 {
                result += "\\x" + Self.hex(scalar.value)
            } else {
                result += "\\u{" + Self.hex(scalar.value) + "}"
            }
        }
        return result
    }

    /// A control character, an invisible format character or a line or paragraph separator.
    private static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) { return true }
        switch scalar.properties.generalCategory {
        case .format, .lineSeparator, .paragraphSeparator: return true
        default: return false
        }
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return digits.count < 2 ? "0" + digits : digits
    }
}
