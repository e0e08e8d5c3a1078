import Testing
@testable import GalPaK

@Suite struct FFTSizeTests {
    @Test func roundsUpToSevenSmoothLengths() {
        #expect([1, 7, 11, 13, 39, 41, 43, 47, 64, 67].map(FFTSize.fast(atLeast:))
                == [1, 7, 12, 14, 40, 42, 45, 48, 64, 70])
        #expect(FFTSize.isSevenSmooth(2 * 3 * 5 * 7 * 8))
        #expect(!FFTSize.isSevenSmooth(22))
    }
}
