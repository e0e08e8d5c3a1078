import Foundation
import Testing
@testable import GalPaK

/// The north and east arrows of the sky maps (``Compass``) follow the cube's CD matrix: on a
/// rotated and on a flipped grid they point where the matrix says, computed here from the
/// matrix alone (at the reference pixel a TAN projection's intermediate coordinates are the
/// offsets east and north, so the pixel direction of north is CD⁻¹·(0, 1), of east CD⁻¹·(1, 0)).
@Suite struct CompassTests {
    /// A 9 × 8 × 4 cube whose celestial axes have the CD matrix `cd` (degrees per pixel, rows
    /// CD1_j then CD2_j), reference pixel (5, 4) (0-based (4, 3)); the compass there.
    static func compass(cd: [[Double]]) throws -> Compass {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cards = [
            HeaderCard(name: "CTYPE1", string: "RA---TAN"), HeaderCard(name: "CTYPE2", string: "DEC--TAN"),
            HeaderCard(name: "CRPIX1", number: 5), HeaderCard(name: "CRPIX2", number: 4),
            HeaderCard(name: "CRVAL1", number: 150.1), HeaderCard(name: "CRVAL2", number: 2.2),
            HeaderCard(name: "CD1_1", number: cd[0][0]), HeaderCard(name: "CD1_2", number: cd[0][1]),
            HeaderCard(name: "CD2_1", number: cd[1][0]), HeaderCard(name: "CD2_2", number: cd[1][1]),
            HeaderCard(name: "CTYPE3", string: "AWAV"), HeaderCard(name: "CUNIT3", string: "Angstrom"),
            HeaderCard(name: "CRPIX3", number: 1), HeaderCard(name: "CRVAL3", number: 6570), HeaderCard(name: "CD3_3", number: 1.25),
        ]
        let path = dir.appendingPathComponent("cube.fits").path
        try FITSWriter.write(Array(repeating: 0, count: 9 * 8 * 4), shape: [9, 8, 4], cards: cards, to: path)
        let wcs = try #require(try FigureInputs.celestialWCS(FITSImage(path: path)))
        return Compass(try #require(LocalSkyFrame(wcs: wcs, x: 4, y: 3)))
    }

    /// The unit pixel directions of north and east for the CD matrix `cd`.
    static func expected(cd: [[Double]]) -> (north: SIMD2<Double>, east: SIMD2<Double>) {
        let det = cd[0][0] * cd[1][1] - cd[0][1] * cd[1][0]
        // CD⁻¹ = [[d, −b], [−c, a]] / det; its columns are the pixel steps of a unit east and north offset.
        let east = SIMD2(cd[1][1], -cd[1][0]) / det, north = SIMD2(-cd[0][1], cd[0][0]) / det
        func unit(_ v: SIMD2<Double>) -> SIMD2<Double> { v / (v * v).sum().squareRoot() }
        return (unit(north), unit(east))
    }

    static func close(_ a: SIMD2<Double>, _ b: SIMD2<Double>) -> Bool { abs(a.x - b.x) < 1e-6 && abs(a.y - b.y) < 1e-6 }

    @Test func northUpEastLeftOnAPlainGrid() throws {
        let s = 0.2 / 3600
        let compass = try Self.compass(cd: [[-s, 0], [0, s]])
        #expect(Self.close(compass.north, SIMD2(0, 1)) && Self.close(compass.east, SIMD2(-1, 0)))
    }

    @Test func theArrowsTurnWithARotatedMatrix() throws {
        let s = 0.2 / 3600, r = 35.0 * .pi / 180
        let cd = [[-s * cos(r), s * sin(r)], [s * sin(r), s * cos(r)]]
        let compass = try Self.compass(cd: cd)
        let want = Self.expected(cd: cd)
        #expect(Self.close(compass.north, want.north) && Self.close(compass.east, want.east),
                "north \(compass.north) (expected \(want.north)), east \(compass.east) (expected \(want.east))")
        // Not the plain grid's: north is 35° away from +y.
        #expect(abs(acos(compass.north.y) - r) < 1e-6)
    }

    @Test func theArrowsFollowAFlippedSkewedMatrix() throws {
        let s = 0.2 / 3600
        let cd = [[0.8 * s, 0.3 * s], [-0.2 * s, 1.1 * s]]  // east towards +x: a mirrored grid
        let compass = try Self.compass(cd: cd)
        let want = Self.expected(cd: cd)
        #expect(Self.close(compass.north, want.north) && Self.close(compass.east, want.east),
                "north \(compass.north) (expected \(want.north)), east \(compass.east) (expected \(want.east))")
        #expect(compass.east.x > 0)
    }

    /// On a panel the arrows point the same way (device y down) and stay in its bottom-right corner.
    @Test func theArrowsAreDrawnInTheBottomRightCorner() throws {
        let s = 0.2 / 3600, r = 35.0 * .pi / 180
        let compass = try Self.compass(cd: [[-s * cos(r), s * sin(r)], [s * sin(r), s * cos(r)]])
        let axes = Axes(x: 10, y: 20, width: 300, height: 300, xRange: -3...3, yRange: -3...3)
        let at = compass.layout(on: axes)
        for (tip, direction) in [(at.north, compass.north), (at.east, compass.east)] {
            let arrow = tip - at.origin
            let length = (arrow * arrow).sum().squareRoot()
            #expect(abs(length - Compass.lengthFraction * 300) < 1e-9)
            #expect(Self.close(arrow / length, SIMD2(direction.x, -direction.y)))
        }
        #expect(at.points.allSatisfy { $0.x > 10 + 150 && $0.x < 310 && $0.y > 20 + 150 && $0.y < 320 })
    }
}
