import Foundation
import Testing
@testable import GalPaK

/// ``InitialParameters/guess(bounds:fluxEstimate:moments:user:chi2:)`` without moments: the
/// reference's defaults, and the PA of smallest χ² among the trial angles (every 30° and the
/// middle of the PA bounds), the same whether the candidates are shared among copies of χ² or not.
@Suite struct InitialParametersTests {
    @Test(arguments: [1, 2, 3])
    func thePAOfSmallestChiSquareIsChosenOnAnyNumberOfCopies(copies: Int) throws {
        let bounds = try ParameterBounds.defaults(nx: 30, ny: 30, nz: 36, fluxEstimate: 100)
        let calls = Counter()
        // χ² = the angular distance from 125°: of the trials (0°, 30°, …, 330° and 180°, the
        // middle of −40…400°), 120° is the nearest.
        let chi2: (GalaxyParameters) throws -> Double = { p in
            calls.next()
            let d = abs(p[.pa] - 125)
            return Swift.min(d, 360 - d)
        }
        let start = try InitialParameters.guess(bounds: bounds, fluxEstimate: 100, chi2: Array(repeating: chi2, count: copies))
        #expect(start[.pa] == 120)
        #expect(calls.value == InitialParameters.trialAngles + 1)
        #expect(start[.radius] == 3 && start[.inclination] == 30 && start[.maximumVelocity] == 100)
    }

    @Test func aUserPAIsKeptWithoutEvaluatingAnything() throws {
        let bounds = try ParameterBounds.defaults(nx: 30, ny: 30, nz: 36, fluxEstimate: 100)
        var user = GalaxyParameters.missing
        user[.pa] = 77
        let calls = Counter()
        let start = try InitialParameters.guess(bounds: bounds, fluxEstimate: 100, user: user, chi2: [{ _ in calls.next(); return 0 }])
        #expect(start[.pa] == 77 && calls.value == 0)
    }
}
