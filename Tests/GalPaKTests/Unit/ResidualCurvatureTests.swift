import Foundation
import Testing
@testable import GalPaK

/// ``ResidualCurvature``: the Hessian of `f = c + Σ w²` from the residuals, `2(JᵀJ + S)`, in
/// 1 + 2k + k(k − 1)/2 evaluations; exact for residuals linear in p, and close to the analytic
/// Hessian for curved ones.
@Suite struct ResidualCurvatureTests {
    static let centre = ToyPosterior.mu
    static let free = ParameterName.reference.map { [.x, .y].contains($0) }

    /// Curved residuals of u = (x − x₀)/10, v = (y − y₀)/10, not zero at the centre:
    /// w = (1 + u + v²/2, ½ + v + uv, eᵘ). There JᵀJ = [[2, 0], [0, 1]] and
    /// S = Σ w ∇²w = [[1, ½], [½, 1]], so in x and y `2 H⁻¹ = 100 (JᵀJ + S)⁻¹`
    /// = 100/5.75 × [[2, −½], [−½, 3]].
    static func curved(calls: Counter? = nil) -> ChiSquareResiduals.Writer {
        { p, out in
            calls?.next()
            let u = (p[.x] - centre[.x]) / 10, v = (p[.y] - centre[.y]) / 10
            out[0] = 1 + u + 0.5 * v * v
            out[1] = 0.5 + v + u * v
            out[2] = exp(u)
            return true
        }
    }

    @Test func curvedResidualsGiveTheAnalyticCovarianceInFewerEvaluations() throws {
        let calls = Counter()
        let residuals = ChiSquareResiduals(count: 3, constant: 4, write: Self.curved(calls: calls))
        let steps = (0..<10).map { Self.free[$0] ? 0.2 : 0 }
        let m = try #require(try ResidualCurvature.measure(at: Self.centre, steps: steps, free: Self.free, residuals: residuals))
        #expect(calls.value == ResidualCurvature.evaluations(free: 2) && calls.value == 6)
        let c = try #require(m.covariance), n = ParameterName.reference.count
        let (ix, iy) = (ParameterName.x.knownIndex!, ParameterName.y.knownIndex!)
        let expected = [[200 / 5.75, -50 / 5.75], [-50 / 5.75, 300 / 5.75]]
        for (a, i) in [ix, iy].enumerated() {
            for (b, j) in [ix, iy].enumerated() {
                #expect(abs(c[i * n + j] - expected[a][b]) < 2e-3 * expected[a][a], "C[\(a), \(b)] = \(c[i * n + j]) vs \(expected[a][b])")
            }
        }
        // f and its gradient 2Jᵀw: f = 4 + 1 + ¼ + 1; ∂f/∂x = 2(1·1 + 1·1)/10, ∂f/∂y = 2(½·1)/10.
        #expect(abs(m.value - 6.25) < 1e-12)
        #expect(abs(m.gradient[ix] - 0.4) < 1e-4 && abs(m.gradient[iy] - 0.1) < 1e-4, "\(m.gradient[ix]) \(m.gradient[iy])")
    }

    /// Residuals linear in p (a quadratic f): the covariance is `(JᵀJ)⁻¹` exactly (to the
    /// Float storage of J), the same as ``Curvature``'s from f.
    @Test func linearResidualsGiveTheExactCovarianceAsFDoes() throws {
        let residuals = ChiSquareResiduals(count: 3, constant: 0) { p, out in
            let u = p[.x] - Self.centre[.x], v = p[.y] - Self.centre[.y]
            (out[0], out[1], out[2]) = (2 * u + 0.3 * v - 1, -0.4 * u + 1.5 * v, u - v + 0.2)
            return true
        }
        let f: (GalaxyParameters) throws -> Double = { p in
            var w = [Double](repeating: 0, count: 3)
            _ = try w.withUnsafeMutableBufferPointer { try residuals.write(p, $0) }
            return w.reduce(0) { $0 + $1 * $1 }
        }
        let steps = (0..<10).map { Self.free[$0] ? 0.5 : 0 }
        let fromResiduals = try #require(try ResidualCurvature.measure(at: Self.centre, steps: steps, free: Self.free, residuals: residuals))
        let fromF = try #require(try Curvature.measure(at: Self.centre, steps: steps, free: Self.free, workers: [f]))
        let a = try #require(fromResiduals.covariance), b = try #require(fromF.covariance)
        for (x, y) in zip(a, b) { #expect(abs(x - y) <= 1e-6 * Swift.max(1, abs(y)), "\(x) vs \(y)") }
        for (x, y) in zip(fromResiduals.gradient, fromF.gradient) { #expect(abs(x - y) <= 1e-6 * Swift.max(1, abs(y))) }
    }

    /// Shared among writers, the points give the same bits as on one.
    @Test func theEvaluationsSharedAmongWritersGiveTheSameResult() throws {
        let steps = (0..<10).map { Self.free[$0] ? 0.2 : 0 }
        let alone = ChiSquareResiduals(count: 3, constant: 0, write: Self.curved())
        let shared = ChiSquareResiduals(count: 3, constant: 0, copies: [Self.curved(), Self.curved()], write: Self.curved())
        let a = try #require(try ResidualCurvature.measure(at: Self.centre, steps: steps, free: Self.free, residuals: alone))
        let b = try #require(try ResidualCurvature.measure(at: Self.centre, steps: steps, free: Self.free, residuals: shared))
        #expect(a.covariance != nil && a.covariance == b.covariance && a.gradient == b.gradient)
    }
}
