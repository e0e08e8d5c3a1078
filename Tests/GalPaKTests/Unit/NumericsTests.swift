import Foundation
import Testing
@testable import GalPaK

/// The shared numerics of `Sources/GalPaK/Numerics`, each against values worked by hand.
@Suite struct NumericsTests {
    @Test func medianFollowsNumpyForOddAndEvenCounts() {
        #expect(SampleStatistics.median([3, 1, 2]) == 2)
        #expect(SampleStatistics.median([3, 1, 2, 10]) == 2.5)
        #expect(SampleStatistics.median([7]) == 7)
        #expect(SampleStatistics.median([]).isNaN)
    }

    /// Selection gives exactly the sorted order's element, for every k, on random values, on
    /// many ties and on already sorted or reversed input (the partitions' worst orders), and
    /// leaves the values partitioned about it; the medians of long lists equal the sort's.
    @Test func theOrderStatisticIsTheSortedElement() {
        var generator = SeededGenerator(seed: 11)
        let random = (0..<301).map { _ in generator.nextGaussian() }
        let ties = (0..<200).map { _ in Double(Int(generator.nextOpenUnitInterval() * 4)) }
        let ascending = (0..<256).map(Double.init)
        for values in [random, ties, ascending, Array(ascending.reversed()), [5.0]] {
            let sorted = values.sorted()
            for k in values.indices {
                var copy = values
                let found = SampleStatistics.orderStatistic(&copy, k)
                #expect(found == sorted[k], "k = \(k) of \(values.count)")
                #expect(copy[..<k].allSatisfy { $0 <= found } && copy[(k + 1)...].allSatisfy { $0 >= found })
            }
        }
        for count in [100_000, 100_001] {
            let long = (0..<count).map { _ in generator.nextGaussian() }
            let sorted = long.sorted(), mid = count / 2
            #expect(SampleStatistics.median(long) == (count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2))
            #expect(SampleStatistics.upperMedian(long) == sorted[mid])
        }
    }

    @Test func upperMedianIsTheHigherMiddleValue() {
        #expect(SampleStatistics.upperMedian([3, 1, 2]) == 2)
        #expect(SampleStatistics.upperMedian([3, 1, 2, 10]) == 3)
        #expect(SampleStatistics.upperMedian([7]) == 7)
    }

    @Test func standardDeviationIsThePopulationOne() {
        #expect(SampleStatistics.standardDeviation([1, 3]) == 1)
        #expect(SampleStatistics.standardDeviation([2, 4, 4, 4, 5, 5, 7, 9]) == 2)
        #expect(SampleStatistics.standardDeviation([7]) == 0)
        #expect(SampleStatistics.standardDeviation([]).isNaN)
    }

    /// The textbook example: [[4, 12, −16], [12, 37, −43], [−16, −43, 98]] = L Lᵀ with
    /// L = [[2, 0, 0], [6, 1, 0], [−8, 5, 3]], exact in floating point.
    @Test func choleskyFactorsAKnownMatrixExactly() throws {
        let m: [Double] = [4, 12, -16, 12, 37, -43, -16, -43, 98]
        #expect(Cholesky.factor(m, size: 3) == [2, 0, 0, 6, 1, 0, -8, 5, 3])
        // Only the lower triangle is read.
        let lower: [Double] = [4, .nan, .nan, 12, 37, .nan, -16, -43, 98]
        #expect(Cholesky.factor(lower, size: 3) == [2, 0, 0, 6, 1, 0, -8, 5, 3])
        #expect(Cholesky.factor([], size: 0) == [])
    }

    @Test func choleskyRefusesAMatrixThatIsNotPositiveDefinite() {
        #expect(Cholesky.factor([1, 2, 2, 1], size: 2) == nil)      // eigenvalues 3 and −1
        #expect(Cholesky.factor([1, 1, 1, 1], size: 2) == nil)      // singular: second pivot 0
        #expect(Cholesky.factor([-1, 0, 0, 1], size: 2) == nil)
        #expect(Cholesky.factor([.nan, 0, 0, 1], size: 2) == nil)
        #expect(Cholesky.inverse([1, 2, 2, 1], size: 2) == nil)
    }

    @Test func choleskyInverseTimesTheMatrixIsTheIdentity() throws {
        let m: [Double] = [4, 12, -16, 12, 37, -43, -16, -43, 98]
        let inverse = try #require(Cholesky.inverse(m, size: 3))
        for i in 0..<3 {
            for j in 0..<3 {
                let product = (0..<3).reduce(0.0) { $0 + m[i * 3 + $1] * inverse[$1 * 3 + j] }
                #expect(abs(product - (i == j ? 1 : 0)) < 1e-12, "(\(i), \(j)): \(product)")
            }
        }
    }

    /// The sampler's factor of the free parameters' block: the block's factor, zero elsewhere.
    @Test func samplerCholeskyFactorsOnlyTheFreeBlock() throws {
        let n = GalaxyParameters.referenceCount
        var covariance = [Double](repeating: 0, count: n * n)
        for i in 0..<n { covariance[i * n + i] = Double(i + 1) }
        covariance[2 * n + 5] = 1
        covariance[5 * n + 2] = 1
        covariance[3 * n + 3] = -1  // a fixed parameter's entry is never read
        let free = (0..<n).map { $0 != 3 }
        let l = try #require(SampleCovariance.cholesky(covariance, free: free))
        #expect(l[2 * n + 2] == 3.0.squareRoot())
        #expect(l[5 * n + 2] == 1 / 3.0.squareRoot())
        #expect(abs(l[5 * n + 5] - (6 - 1.0 / 3).squareRoot()) < 1e-15)
        #expect((0..<n).allSatisfy { l[3 * n + $0] == 0 && l[$0 * n + 3] == 0 })
        #expect(SampleCovariance.cholesky(covariance, free: Array(repeating: true, count: n)) == nil)
    }

    @Test func halfTurnWrapIsHalfOpenAtMinus180() {
        #expect(wrapHalfTurn(180) == 180)
        #expect(wrapHalfTurn(-180) == 180)
        #expect(wrapHalfTurn(540) == 180)
        #expect(wrapHalfTurn(-540) == 180)
        #expect(wrapHalfTurn(180.5) == -179.5)
        #expect(wrapHalfTurn(-179.5) == -179.5)
        #expect(wrapHalfTurn(190) == -170)
        #expect(wrapHalfTurn(-190) == 170)
        #expect(wrapHalfTurn(360) == 0)
        #expect(wrapHalfTurn(.nan).isNaN)
    }

    @Test func degreeWrapIsPythonsModulo() {
        #expect(wrapDegrees(-10) == 350)
        #expect(wrapDegrees(360) == 0)
        #expect(wrapDegrees(-360) == 0)
        #expect(wrapDegrees(720.5) == 0.5)
        #expect(wrapDegrees(359.75) == 359.75)
        #expect(wrapDegrees(.infinity).isNaN)
    }

    @Test func durationInSecondsKeepsTheFraction() {
        #expect((Duration.seconds(2) + .milliseconds(250)).inSeconds == 2.25)
        #expect(Duration.nanoseconds(1).inSeconds == 1e-9)
        #expect(Duration.milliseconds(-1500).inSeconds == -1.5)
        #expect(Duration.zero.inSeconds == 0)
    }

    @Test func fwhmPerSigmaIsTheReferencesRoundedValue() {
        #expect(fwhmPerSigma == 2.35482)
        let exact = 2 * (2 * log(2.0)).squareRoot()
        #expect(abs(fwhmPerSigma / exact - 1) < 2e-8)
    }
}
