@testable import GalPaK

/// A toy posterior for the sampler tests: independent Gaussians in x, y and flux (means `mu`,
/// standard deviations `sigma`), every other parameter fixed at its value in `mu`.
enum ToyPosterior {
    static let mu = GalaxyParameters(x: 15, y: 14, z: 15, flux: 100, radius: 3, inclination: 45, pa: 30,
                                     turnoverRadius: 1, maximumVelocity: 100, velocityDispersion: 20)
    static let sigma: [ParameterName: Double] = [.x: 0.5, .y: 0.3, .flux: 10]

    /// χ² = Σ ((p − μ)/σ)² over x, y and flux.
    static func chi2(_ p: GalaxyParameters) -> Double {
        sigma.reduce(0) { sum, entry in
            let d = (p[entry.key] - mu[entry.key]) / entry.value
            return sum + d * d
        }
    }

    /// `mu` with the free parameters (x, y, flux) set to NaN: the values
    /// ``ParameterBounds/fixing(_:)`` holds fixed.
    static var known: GalaxyParameters {
        var k = mu
        for name in sigma.keys { k[name] = .nan }
        return k
    }

    /// A sampler over wide bounds with the fixed parameters of `known`, Cauchy steps of `sigma`
    /// and 100 degrees of freedom.
    static func sampler(bounds: ParameterBounds? = nil, settings: SamplerSettings) throws -> MetropolisSampler<CauchyProposal> {
        let wide = try bounds ?? ParameterBounds(
            min: GalaxyParameters([0, 0, 0, 0, 0.8, -5, -40, 0.01, 10, 0]),
            max: GalaxyParameters([30, 30, 30, 1000, 12, 90.5, 400, 6, 350, 180])
        ).fixing(known)
        var scales = [Double](repeating: 0, count: 10)
        for (name, s) in sigma { scales[name.knownIndex!] = s }
        return MetropolisSampler(bounds: wide, proposal: CauchyProposal(scales: scales),
                                 degreesOfFreedom: 100, settings: settings)
    }

    /// A start away from the means: x = 16, y = 13.5, flux = 80.
    static var start: GalaxyParameters {
        var p = mu
        p[.x] = 16; p[.y] = 13.5; p[.flux] = 80
        return p
    }
}
