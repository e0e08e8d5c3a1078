/// Transform lengths FFTW handles fastest.
///
/// FFTW has hand-optimised codelets for small prime factors; lengths of the form
/// `2^a · 3^b · 5^c · 7^d` ("7-smooth") avoid its slower generic-prime and Rader paths.
public enum FFTSize {
    /// The smallest 7-smooth integer ≥ `n` (`n ≥ 1`): e.g. 39 → 40, 41 → 42, 43 → 45, 47 → 48.
    public static func fast(atLeast n: Int) -> Int {
        precondition(n >= 1, "an FFT length must be positive")
        var m = n
        while !isSevenSmooth(m) { m += 1 }
        return m
    }

    /// Whether `n` has no prime factor above 7.
    public static func isSevenSmooth(_ n: Int) -> Bool {
        var m = n
        for p in [2, 3, 5, 7] {
            while m % p == 0 { m /= p }
        }
        return m == 1
    }
}
