/// The Cholesky factorisation of a symmetric positive-definite matrix, and the inverse it
/// gives. Matrices are `size × size`, row-major; only the lower triangle of the input is read.
enum Cholesky {
    /// The lower-triangular L with `L Lᵀ = m` (zero above the diagonal), by the
    /// Cholesky–Banachiewicz order (column by column, sums in increasing index), or nil when a
    /// pivot `m_jj − Σ_{t<j} L_jt²` is not > 0 (m not positive definite, to rounding) or NaN.
    /// Backward stable: `L Lᵀ = m + E` with `|E| ≤ c·size·ε·|L||Lᵀ|`.
    static func factor(_ m: [Double], size k: Int) -> [Double]? {
        precondition(m.count == k * k, "a \(k)×\(k) matrix needs \(k * k) values")
        var l = [Double](repeating: 0, count: k * k)
        for j in 0..<k {
            var d = m[j * k + j]
            for t in 0..<j { d -= l[j * k + t] * l[j * k + t] }
            guard d > 0 else { return nil }
            let root = d.squareRoot()
            l[j * k + j] = root
            for i in (j + 1)..<k {
                var s = m[i * k + j]
                for t in 0..<j { s -= l[i * k + t] * l[j * k + t] }
                l[i * k + j] = s / root
            }
        }
        return l
    }

    /// `m⁻¹` from ``factor(_:size:)``: each column solves `L y = e_c`, then `Lᵀ x = y`
    /// (relative error about `size · ε · cond(m)`); nil when m is not positive definite.
    static func inverse(_ m: [Double], size k: Int) -> [Double]? {
        guard let l = factor(m, size: k) else { return nil }
        var inverse = [Double](repeating: 0, count: k * k)
        for c in 0..<k {
            var e = [Double](repeating: 0, count: k)
            e[c] = 1
            let x = substitute(l, e, size: k)
            for i in 0..<k { inverse[i * k + c] = x[i] }
        }
        return inverse
    }

    /// The solution x of `m x = b` by ``factor(_:size:)`` and two substitutions; nil when m
    /// is not positive definite.
    static func solve(_ m: [Double], _ b: [Double], size k: Int) -> [Double]? {
        factor(m, size: k).map { substitute($0, b, size: k) }
    }

    /// x with `L Lᵀ x = b`: `L y = b` forwards, then `Lᵀ x = y` backwards.
    private static func substitute(_ l: [Double], _ b: [Double], size k: Int) -> [Double] {
        var y = b
        for i in 0..<k {
            for t in 0..<i { y[i] -= l[i * k + t] * y[t] }
            y[i] /= l[i * k + i]
        }
        for i in stride(from: k - 1, through: 0, by: -1) {
            for t in (i + 1)..<k { y[i] -= l[t * k + i] * y[t] }
            y[i] /= l[i * k + i]
        }
        return y
    }
}
