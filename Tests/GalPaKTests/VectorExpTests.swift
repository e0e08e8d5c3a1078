import Foundation
import Testing
@testable import GalPaK

@Suite struct VectorExpTests {
    /// Relative error against the library exponential over the renderer's range and beyond.
    @Test func matchesTheLibraryExponential() {
        var worst = 0.0
        var x = -707.9
        while x < 709 {
            let lanes = VectorExp.Lanes(x, x * 0.5, -x * 0.01, x * 1e-3)
            let ours = VectorExp.exp(lanes)
            for lane in 0..<4 {
                let exact = Foundation.exp(lanes[lane])
                worst = max(worst, abs(ours[lane] - exact) / exact)
            }
            x += 0.0371
        }
        #expect(worst < 4 * Double.ulpOfOne, "worst relative error \(worst)")
        #expect(worst > 0)   // a different algorithm, not a call to the library
    }

    @Test func underflowsToZeroAndOverflowsToInfinity() {
        let r = VectorExp.exp(VectorExp.Lanes(-709, -1e6, 710, 0))
        #expect(r[0] == 0 && r[1] == 0)
        #expect(r[2] == .infinity)
        #expect(r[3] == 1)
    }

    @Test func exponentiatesABufferInPlace() {
        var values: [Double] = [0, 1, -2, 3.5, -40, 0.25, 7] + [0]   // 7 values + room for the last vector
        values.withUnsafeMutableBufferPointer { VectorExp.exponentiate($0.baseAddress!, count: 7) }
        let expected = [0, 1, -2, 3.5, -40, 0.25, 7].map { Foundation.exp($0) }
        for (a, b) in zip(values, expected) { #expect(abs(a - b) <= 4 * Double.ulpOfOne * b) }
    }
}
