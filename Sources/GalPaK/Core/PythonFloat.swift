/// Python's `repr(float)` spelling of a Double (what astropy writes into `.dat` tables):
/// the shortest digits that round-trip, in positional notation when 1e-4 ≤ |v| < 1e16
/// (always with a fractional part, `100.0`), otherwise in exponential notation with a signed
/// exponent of at least two digits (`8.5e-17`, `1e+16`); `nan`, `inf`, `-inf`.
///
/// Swift's `description` already produces the same shortest digits; only its switch to
/// exponential notation differs (Swift changes at 2^53, Python at 1e16), so the digits are
/// re-laid-out here.
enum PythonFloat {
    static func repr(_ v: Double) -> String {
        if v.isNaN { return "nan" }
        if v.isInfinite { return v < 0 ? "-inf" : "inf" }
        let text = v.description
        let negative = text.hasPrefix("-")
        let body = negative ? String(text.dropFirst()) : text
        // Split Swift's text into significant digits and the decimal exponent of the first digit.
        let mantissa: Substring
        var exponent = 0
        if let e = body.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = body[..<e]
            exponent = Int(body[body.index(after: e)...])!
        } else {
            mantissa = body[...]
        }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let intPart = String(parts[0])
        let fracPart = parts.count > 1 ? String(parts[1]) : ""
        var digits = intPart + fracPart
        var pointPosition = intPart.count + exponent  // digits before the decimal point
        let leadingZeros = digits.prefix { $0 == "0" }.count
        if leadingZeros == digits.count {
            return negative ? "-0.0" : "0.0"
        }
        digits.removeFirst(leadingZeros)
        pointPosition -= leadingZeros
        while digits.count > 1 && digits.hasSuffix("0") { digits.removeLast() }

        let sign = negative ? "-" : ""
        let decimalExponent = pointPosition - 1
        if decimalExponent < -4 || decimalExponent >= 16 {
            let first = digits.prefix(1), rest = digits.dropFirst()
            let m = rest.isEmpty ? String(first) : "\(first).\(rest)"
            let expSign = decimalExponent < 0 ? "-" : "+"
            let expDigits = String(abs(decimalExponent))
            return "\(sign)\(m)e\(expSign)\(expDigits.count < 2 ? "0" + expDigits : expDigits)"
        }
        if pointPosition <= 0 {
            return "\(sign)0.\(String(repeating: "0", count: -pointPosition))\(digits)"
        }
        if pointPosition >= digits.count {
            return "\(sign)\(digits)\(String(repeating: "0", count: pointPosition - digits.count)).0"
        }
        let split = digits.index(digits.startIndex, offsetBy: pointPosition)
        return "\(sign)\(digits[..<split]).\(digits[split...])"
    }
}
