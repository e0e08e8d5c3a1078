/// The products a Levenberg–Marquardt step takes of its Jacobian J (n residuals × k columns,
/// column-major, stored in Float): the Gauss–Newton matrix `A = JᵀJ` and `g = Jᵀr`.
///
/// The n rows are cut into blocks of ``block``; a block's k columns (k · 2 kB) stay in the
/// first-level cache while all k(k+1)/2 column pairs are multiplied over it, instead of reading
/// each column from memory k times (on the CARMA CO cube n = 470 400, a column 1.9 MB). Within a
/// block a pair is summed in 8 Float lanes, each block's sum is added in Double (relative error
/// ~1e-6: enough for a step direction); `g` is summed in Double throughout. The blocks are shared
/// among `workers` threads, worker w taking blocks w, w + workers, …, and the workers' partial
/// sums are added in worker order, so the result depends on the number of workers but never on
/// timing.
enum JacobianProducts {
    /// Rows per block.
    static let block = 512

    /// `A = JᵀJ` (k × k, row-major, symmetric) and `g = Jᵀr`.
    /// - Precondition: `jacobian.count == n·k` and `residuals.count == n`.
    static func normalEquations(_ jacobian: UnsafeBufferPointer<Float>, residuals: UnsafeBufferPointer<Double>,
                                columns k: Int, workers: Int) -> (a: [Double], g: [Double]) {
        let n = residuals.count
        precondition(jacobian.count == n * k, "Jacobian and residuals differ in length")
        let blocks = (n + block - 1) / block, used = Swift.max(1, Swift.min(workers, blocks))
        // Per worker: k·k entries of A (lower triangle used), then k of g.
        let stride = k * k + k
        var partial = [Double](repeating: 0, count: used * stride)
        partial.withUnsafeMutableBufferPointer { partial in
            let base = partial.baseAddress!
            try! forEachConcurrently(used, workers: used) { _, w in
                let a = base + w * stride, g = a + k * k
                for b in Swift.stride(from: w, to: blocks, by: used) {
                    let rows = (b * block)..<Swift.min(n, (b + 1) * block)
                    for i in 0..<k {
                        let ci = jacobian.baseAddress! + i * n
                        g[i] += dot(ci, residuals.baseAddress!, rows)
                        for j in 0...i { a[i * k + j] += dot(ci, jacobian.baseAddress! + j * n, rows) }
                    }
                }
            }
        }
        var a = [Double](repeating: 0, count: k * k), g = [Double](repeating: 0, count: k)
        for w in 0..<used {
            for i in 0..<k {
                g[i] += partial[w * stride + k * k + i]
                for j in 0...i { a[i * k + j] += partial[w * stride + i * k + j] }
            }
        }
        for i in 0..<k { for j in 0..<i { a[j * k + i] = a[i * k + j] } }
        return (a, g)
    }

    /// `g = Jᵀr` alone.
    /// - Precondition: `jacobian.count == n·k` and `residuals.count == n`.
    static func gradient(_ jacobian: UnsafeBufferPointer<Float>, residuals: UnsafeBufferPointer<Double>,
                         columns k: Int) -> [Double] {
        let n = residuals.count
        precondition(jacobian.count == n * k, "Jacobian and residuals differ in length")
        return (0..<k).map { dot(jacobian.baseAddress! + $0 * n, residuals.baseAddress!, 0..<n) }
    }

    /// `Σ a_m b_m` over `rows`, in 8 Float lanes (the caller keeps `rows` within one block).
    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ rows: Range<Int>) -> Double {
        var lanes = SIMD8<Float>()
        var m = rows.lowerBound
        while m + 8 <= rows.upperBound {
            let x = UnsafeRawPointer(a + m).loadUnaligned(as: SIMD8<Float>.self)
            let y = UnsafeRawPointer(b + m).loadUnaligned(as: SIMD8<Float>.self)
            lanes += x * y
            m += 8
        }
        var total = Double(lanes.sum())
        while m < rows.upperBound { total += Double(a[m]) * Double(b[m]); m += 1 }
        return total
    }

    /// `Σ a_m r_m` over `rows`, in 4 Double lanes.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ r: UnsafePointer<Double>, _ rows: Range<Int>) -> Double {
        var lanes = SIMD4<Double>()
        var m = rows.lowerBound
        while m + 4 <= rows.upperBound {
            let x = SIMD4<Double>(UnsafeRawPointer(a + m).loadUnaligned(as: SIMD4<Float>.self))
            lanes += x * UnsafeRawPointer(r + m).loadUnaligned(as: SIMD4<Double>.self)
            m += 4
        }
        var total = lanes.sum()
        while m < rows.upperBound { total += Double(a[m]) * r[m]; m += 1 }
        return total
    }
}
