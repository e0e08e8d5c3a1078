extension String {
    /// This text made safe to print on a terminal: every control character (C0 U+0000–U+001F,
    /// DEL U+007F, C1 U+0080–U+009F) is written out as a visible escape (`\e` for ESC, `\xHH`
    /// for the other C0 and DEL, `\u{HH}` for C1), so that a header value, a file name or a
    /// manifest cell cannot move the cursor, change colours or retitle the terminal.
    /// Line feeds are kept when `keepingLineBreaks` (a multi-line report), escaped otherwise
    /// (a one-line message stays one line). Everything else, Unicode included, is unchanged.
    public func escapingControlCharacters(keepingLineBreaks: Bool = false) -> String {
        guard unicodeScalars.contains(where: { Self.isControl($0) && !(keepingLineBreaks && $0 == "\n") }) else {
            return self
        }
        var result = ""
        for scalar in unicodeScalars {
            if (keepingLineBreaks && scalar == "\n") || !Self.isControl(scalar) {
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

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return digits.count < 2 ? "0" + digits : digits
    }
}
