import Foundation
import Testing
@testable import GalPaK

/// The Levenberg–Marquardt step's products of a Float Jacobian (``JacobianProducts``) against
/// plain Double sums, over block edges and with one or several workers.
@Suite struct JacobianProductsTests {
    /// A column-major n × k Jacobian and residuals of mixed signs and scales.
    private func problem(n: Int, k: Int, seed: UInt64) -> (jacobian: [Float], residuals: [Double]) {
        var generator = SeededGenerator(seed: seed)
        let jacobian = (0..<(n * k)).map { Float((1 + Double($0 / n)) * generator.nextGaussian()) }
        let residuals = (0..<n).map { _ in 3 * generator.nextGaussian() }
        return (jacobian, residuals)
    }

    @Test(arguments: [(1, 1), (7, 3), (512, 4), (1_537, 10), (4_099, 6)], [1, 2, 3])
    func normalEquationsEqualPlainSums(shape: (n: Int, k: Int), workers: Int) {
        let (n, k) = shape
        let (jacobian, residuals) = problem(n: n, k: k, seed: UInt64(n * 31 + k))
        let (a, g) = jacobian.withUnsafeBufferPointer { jac in
            residuals.withUnsafeBufferPointer { JacobianProducts.normalEquations(jac, residuals: $0, columns: k, workers: workers) }
        }
        let gradient = jacobian.withUnsafeBufferPointer { jac in
            residuals.withUnsafeBufferPointer { JacobianProducts.gradient(jac, residuals: $0, columns: k) }
        }
        for i in 0..<k {
            let plainG = (0..<n).reduce(0.0) { $0 + Double(jacobian[i * n + $1]) * residuals[$1] }
            let scaleG = (0..<n).reduce(0.0) { $0 + abs(Double(jacobian[i * n + $1]) * residuals[$1]) }
            // g in Double throughout: rounding only.
            #expect(abs(g[i] - plainG) <= 1e-12 * scaleG, "g[\(i)] \(g[i]) vs \(plainG)")
            #expect(abs(gradient[i] - plainG) <= 1e-12 * scaleG, "gradient[\(i)] \(gradient[i]) vs \(plainG)")
            for j in 0..<k {
                let plain = (0..<n).reduce(0.0) { $0 + Double(jacobian[i * n + $1]) * Double(jacobian[j * n + $1]) }
                let scale = (0..<n).reduce(0.0) { $0 + abs(Double(jacobian[i * n + $1]) * Double(jacobian[j * n + $1])) }
                // A: Float lanes within a block of 512 rows, ~1e-7 of the terms' magnitude.
                #expect(abs(a[i * k + j] - plain) <= 1e-6 * scale, "A[\(i),\(j)] \(a[i * k + j]) vs \(plain)")
                #expect(a[i * k + j] == a[j * k + i], "A is symmetric")
            }
        }
    }

    /// The workers split the blocks the same way whatever the timing: the same inputs and
    /// number of workers give bit-identical products.
    @Test func theSameWorkersGiveTheSameBits() {
        let (jacobian, residuals) = problem(n: 20_000, k: 9, seed: 5)
        func run() -> [Double] {
            let (a, g) = jacobian.withUnsafeBufferPointer { jac in
                residuals.withUnsafeBufferPointer { JacobianProducts.normalEquations(jac, residuals: $0, columns: 9, workers: 2) }
            }
            return a + g
        }
        let first = run()
        for _ in 0..<5 { #expect(run() == first) }
    }
}
