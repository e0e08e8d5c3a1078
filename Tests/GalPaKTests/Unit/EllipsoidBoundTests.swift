import Foundation
import Testing
@testable import GalPaK

/// The nested sampler's bounds: one ellipsoid (``Ellipsoid``), their union with the overlap
/// correction (``EllipsoidUnion``), and the recursive splitting (``EllipsoidSplitting``).
@Suite struct EllipsoidBoundTests {
    @Test func volumeOfBallsAndEllipsoids() throws {
        let ball = try #require(Ellipsoid(centre: [0, 0, 0], shape: [1, 0, 0, 0, 1, 0, 0, 0, 1]))
        #expect(abs(exp(ball.logVolume) - 4 * Double.pi / 3) < 1e-12)
        // Semi-axes 2, 3 in 2-D: area 6π.
        let ellipse = try #require(Ellipsoid(centre: [1, 1], shape: [4, 0, 0, 9]))
        #expect(abs(exp(ellipse.logVolume) - 6 * Double.pi) < 1e-12)
        #expect(abs(exp(ellipse.scaled(toLogVolume: log(3 * Double.pi)).logVolume) - 3 * Double.pi) < 1e-12)
        #expect(ellipse.contains([2.9, 1]) && !ellipse.contains([3.1, 1]) && ellipse.contains([1, 3.9]))
    }

    @Test func boundingEllipsoidHoldsEveryPointEnlarged() {
        var generator = SeededGenerator(seed: 1)
        let d = 4
        let points = (0..<(200 * d)).map { k in generator.nextGaussian() * Double(1 + k % d) }
        let plain = Ellipsoid.bounding(points, dimension: d, members: Array(0..<200), enlargement: 1,
                                       minimumLogVolume: -.infinity)
        let farthest = (0..<200).map { plain.mahalanobis(Array(points[$0 * d..<($0 + 1) * d])) }.max()!
        #expect(abs(farthest - 1) < 1e-9, "the farthest point lies on the surface")
        let enlarged = Ellipsoid.bounding(points, dimension: d, members: Array(0..<200), enlargement: 1.25,
                                          minimumLogVolume: -.infinity)
        #expect(abs(enlarged.logVolume - plain.logVolume - log(1.25)) < 1e-9)
        let floor = Ellipsoid.bounding(points, dimension: d, members: Array(0..<200), enlargement: 1,
                                       minimumLogVolume: plain.logVolume + 1)
        #expect(abs(floor.logVolume - plain.logVolume - 1) < 1e-9)
    }

    @Test func unionSamplesUniformlyAcrossTheOverlap() throws {
        // Unit discs at (0, 0) and (1, 0): lens area 2π/3 − √3/2, union 2π − lens. Uniform in
        // the union puts lens/union = 0.2430 of the draws in the lens; without the overlap
        // correction the lens would get twice its share of the discs' draws, 2·lens/2π = 0.391.
        // 100 000 draws: binomial standard error 0.0014, tolerance 0.01.
        let a = try #require(Ellipsoid(centre: [0, 0], shape: [1, 0, 0, 1]))
        let b = try #require(Ellipsoid(centre: [1, 0], shape: [1, 0, 0, 1]))
        let union = EllipsoidUnion([a, b])
        var generator = SeededGenerator(seed: 2)
        var x = [0.0, 0], scratch = [0.0, 0]
        var inLens = 0
        let n = 100_000
        for _ in 0..<n {
            union.sample(into: &x, scratch: &scratch, using: &generator)
            if union.overlapCount(x) == 2 { inLens += 1 }
        }
        let lens = 2 * Double.pi / 3 - 3.0.squareRoot() / 2
        let expected = lens / (2 * Double.pi - lens)
        #expect(abs(Double(inLens) / Double(n) - expected) < 0.01, "lens fraction \(Double(inLens) / Double(n)) vs \(expected)")
    }

    @Test func separatedClustersSplitAndOneBlobDoesNot() {
        var generator = SeededGenerator(seed: 3)
        let d = 2
        // Two clusters of 100 uniform points in discs of radius 0.05 at (0.2, 0.5) and (0.8, 0.5).
        var points: [Double] = []
        var z = [0.0, 0]
        for k in 0..<200 {
            unitBallPoint(into: &z, using: &generator)
            points += [(k < 100 ? 0.2 : 0.8) + 0.05 * z[0], 0.5 + 0.05 * z[1]]
        }
        let two = EllipsoidSplitting.bound(points, dimension: d, enlargement: 1.25, logExpectedVolume: log(0.01))
        #expect(two.ellipsoids.count == 2)
        for k in 0..<200 { #expect(two.overlapCount(Array(points[k * 2..<k * 2 + 2])) >= 1) }
        let one = EllipsoidSplitting.bound(Array(points[0..<200]), dimension: d, enlargement: 1.25,
                                           logExpectedVolume: log(0.005))
        #expect(one.ellipsoids.count == 1)
    }
}
