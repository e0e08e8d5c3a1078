/// A deterministic, seedable random number generator: xoshiro256** (Blackman & Vigna),
/// its 256-bit state filled from the seed by SplitMix64.
///
/// The same seed always gives the same stream on every platform, so a fit run with the same
/// `--seed`, inputs and settings produces the identical chain. Not cryptographically secure.
///
/// `Codable` as its four state words (each a JSON integer, exact for every `UInt64`): a
/// decoded generator continues the stream exactly where the encoded one was.
public struct SeededGenerator: RandomNumberGenerator, Sendable, Codable, Equatable {
    private var s0, s1, s2, s3: UInt64

    /// Creates a generator whose stream is fully determined by `seed`.
    public init(seed: UInt64) {
        var sm = seed
        func splitMix() -> UInt64 {
            sm &+= 0x9E37_79B9_7F4A_7C15
            var z = sm
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix()
        s1 = splitMix()
        s2 = splitMix()
        s3 = splitMix()
    }

    public mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, 45)
        return result
    }

    private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 - k))
    }
}

extension RandomNumberGenerator {
    /// A uniform draw from the open interval (0, 1): 53 random bits, centred in their cell,
    /// so neither 0 nor 1 can occur.
    @inlinable
    public mutating func nextOpenUnitInterval() -> Double {
        (Double(next() >> 11) + 0.5) * 0x1p-53
    }
}
