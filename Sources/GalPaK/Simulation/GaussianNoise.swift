import Foundation

extension RandomNumberGenerator {
    /// A standard normal deviate (mean 0, variance 1) by the Box–Muller transform of two
    /// uniform draws; deterministic for a seeded generator.
    public mutating func nextGaussian() -> Double {
        // u1 in (0, 1] so that log(u1) is finite.
        let u1 = 1 - Double.random(in: 0..<1, using: &self)
        let u2 = Double.random(in: 0..<1, using: &self)
        return (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
    }
}
