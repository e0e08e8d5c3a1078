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
}
