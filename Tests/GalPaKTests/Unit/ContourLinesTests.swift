import Testing
@testable import GalPaK

/// Marching squares (``ContourLines``): crossings interpolated on the edges, saddles resolved
/// by the cell's mean, cells with a NaN left out.
@Suite struct ContourLinesTests {
    @Test func aRampIsCutWhereItReachesTheLevel() {
        // Columns 0, 1, 2 hold 0, 1, 3 in both rows: the level 2 lies halfway along the second cell.
        let lines = ContourLines([0, 1, 3, 0, 1, 3], columns: 3, rows: 2)
        #expect(lines.segments(at: 2) == [.init(from: (1.5, 0), to: (1.5, 1))])
        #expect(lines.segments(at: 0.25) == [.init(from: (0.25, 0), to: (0.25, 1))])
        #expect(lines.segments(at: 5).isEmpty)
    }

    @Test func aSaddleIsResolvedByTheCellsMean() {
        // Corners a (0, 0) and c (1, 1) inside; the mean 0.5 decides at levels below and above it.
        let lines = ContourLines([1, 0, 0, 1], columns: 2, rows: 2)
        // Level 0.4: the mean is inside, so the outside corners b (1, 0) and d (0, 1) are cut off.
        #expect(lines.segments(at: 0.4) == [.init(from: (0.6, 0), to: (1, 0.4)), .init(from: (0.4, 1), to: (0, 0.6))])
        // Level 0.6: the mean is outside, so the inside corners a and c are cut off.
        #expect(lines.segments(at: 0.6) == [.init(from: (0, 0.4), to: (0.4, 0)), .init(from: (1, 0.6), to: (0.6, 1))])
    }

    @Test func aCellWithANaNHasNoSegment() {
        let lines = ContourLines([0, 1, 3, 0, .nan, 3], columns: 3, rows: 2)
        #expect(lines.segments(at: 0.5).isEmpty && lines.segments(at: 2).isEmpty)
    }
}
