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

    /// On a rough random grid (saddles, NaNs, values equal to the level), the same segments in
    /// the same order as marching squares written out plainly, cell by cell.
    @Test func aRandomGridGivesThePlainAlgorithmsSegments() {
        var state: UInt64 = 12345
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        let (columns, rows) = (23, 17)
        let values = (0..<(columns * rows)).map { _ -> Double in
            let u = next()
            return u < 0.03 ? .nan : (u < 0.08 ? 0.5 : next())
        }
        let lines = ContourLines(values, columns: columns, rows: rows)
        for level in [0.2, 0.5, 0.77] {
            let segments = lines.segments(at: level)
            #expect(segments == Self.plainSegments(values, columns: columns, rows: rows, level: level))
            #expect(segments.count > 50)
        }
    }

    /// Marching squares as ``ContourLines`` documents it, without any shortcut.
    static func plainSegments(_ values: [Double], columns: Int, rows: Int, level: Double) -> [ContourLines.Segment] {
        var segments: [ContourLines.Segment] = []
        for j in 0..<(rows - 1) {
            for i in 0..<(columns - 1) {
                let corners = [(i, j), (i + 1, j), (i + 1, j + 1), (i, j + 1)]
                let v = corners.map { values[$0.1 * columns + $0.0] }
                guard v.allSatisfy(\.isFinite) else { continue }
                let inside = v.map { $0 >= level }
                func crossing(_ e: Int) -> (x: Double, y: Double) {
                    let (p, q) = (corners[e], corners[(e + 1) % 4])
                    let t = (level - v[e]) / (v[(e + 1) % 4] - v[e])
                    return (Double(p.0) + t * Double(q.0 - p.0), Double(p.1) + t * Double(q.1 - p.1))
                }
                let crossed = (0..<4).filter { inside[$0] != inside[($0 + 1) % 4] }
                if crossed.count == 2 {
                    segments.append(ContourLines.Segment(from: crossing(crossed[0]), to: crossing(crossed[1])))
                } else if crossed.count == 4 {
                    let centreInside = v.reduce(0, +) / 4 >= level
                    for k in 0..<4 where inside[k] != centreInside {
                        segments.append(ContourLines.Segment(from: crossing((k + 3) % 4), to: crossing(k)))
                    }
                }
            }
        }
        return segments
    }
}
