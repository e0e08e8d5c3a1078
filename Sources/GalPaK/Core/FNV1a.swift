/// The 64-bit FNV-1a hash (Fowler, Noll, Vo): for each byte b, `h ← (h ⊕ b) · 0x100000001b3`,
/// starting from `0xcbf29ce484222325`. Not cryptographic: it tells whether two inputs are the
/// same bytes (a chance collision has probability ~2⁻⁶⁴), which is what fingerprints need.
public struct FNV1a: Sendable {
    /// The hash of the bytes added so far.
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    /// Adds bytes in order.
    public mutating func add<Bytes: Sequence>(bytes: Bytes) where Bytes.Element == UInt8 {
        var h = value
        for byte in bytes { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
        value = h
    }

    /// Adds the eight bytes of `x`'s IEEE-754 bit pattern, least significant first (so +0 and
    /// −0, or two NaN payloads, hash differently: the digest is of the stored numbers).
    public mutating func add(_ x: Double) {
        var h = value, bits = x.bitPattern
        for _ in 0..<8 {
            h = (h ^ (bits & 0xff)) &* 0x100_0000_01b3
            bits >>= 8
        }
        value = h
    }

    /// The hash as 16 lowercase hexadecimal digits.
    public var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
