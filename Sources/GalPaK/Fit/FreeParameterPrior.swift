import Foundation

/// A fit's prior over its free parameters, in the form the generic samplers take
/// (``NestedSampler``, ``EnsembleSampler``): uniform within the bounds, times the `--prior`
/// Gaussians, normalised: π(θ) = g(θ) 1_box(θ) / ∫_box g.
///
/// The Gaussians go to the ``BoxPrior``, except a prior on an angle whose bounds span a full
/// period (PA, bar angle): it is wrapped (``GaussianPriors``), so it is added to the log-likelihood
/// instead (``wrapped``), and its normaliser, `σ√(2π)` over the period (exact to e⁻¹⁸ for
/// σ < period/6), is ``wrappedLogNormaliser``.
///
/// With `onePeriod` (the nested sampler, whose ln Z counts prior volume), such an angle's box is
/// one period from its lower bound, `[lo, lo + T)`: the default PA bounds −40…400 would
/// otherwise count the PAs within 40° of 0° twice, a prior not uniform on the circle (ln Z off by
/// ln(440/360) = 0.2 for a PA away from 0°, more near it). The ensemble sampler keeps the whole
/// bounds: its walkers start around a first guess that may lie in the overlap, and the double
/// counting does not reach a posterior that lives in one copy of the overlap.
struct FreeParameterPrior: Sendable {
    /// The indices (in the parameter vector) of the free parameters, in order.
    let indices: [Int]
    /// The box and the Gaussian terms the sampler handles.
    let box: BoxPrior
    /// The wrapped priors, added to ln L.
    let wrapped: GaussianPriors
    /// `Σ ln(σ√(2π) / period)` over the wrapped priors: ln Z with respect to π is the sampler's
    /// ln Z minus this.
    let wrappedLogNormaliser: Double
    /// The full parameter vector, fixed parameters at their values.
    let template: GalaxyParameters

    /// - Throws: ``GalpakError`` `.badInput` when no parameter is free.
    init(constraints: ParameterConstraints, template: GalaxyParameters, free: [Bool], onePeriod: Bool = false) throws {
        let bounds = constraints.bounds, priors = constraints.priors
        indices = template.values.indices.filter { free[$0] }
        guard !indices.isEmpty else {
            throw GalpakError(.badInput, "sampling needs at least one free parameter (every one is fixed)")
        }
        var mean = [Double](), sigma = [Double](), normaliser = 0.0
        var wrapped = GaussianPriors()
        let names = indices.map { template.names[$0] }
        var lower = names.map { bounds.min[$0] }, upper = names.map { bounds.max[$0] }
        for (k, name) in names.enumerated() {
            if onePeriod, let period = name.period, upper[k] - lower[k] > period { upper[k] = lower[k] + period }
        }
        for (k, name) in names.enumerated() {
            let mu = priors.mean[name], width = upper[k] - lower[k]
            if !mu.isNaN, let period = name.period, width >= period {
                wrapped.set(name, mean: mu, sigma: priors.sigma[name])
                normaliser += Foundation.log(priors.sigma[name] * (2 * Double.pi).squareRoot() / width)
                mean.append(.nan)
                sigma.append(.nan)
            } else {
                mean.append(mu)
                sigma.append(mu.isNaN ? .nan : priors.sigma[name])
            }
        }
        box = try BoxPrior(lower: lower, upper: upper, gaussianMean: mean, gaussianSigma: sigma)
        // GaussianPriors pairs a prior with its parameter by position: the template's order (an
        // optional angle, bar_angle, would otherwise sit after the ten where it was set).
        (wrapped.mean, wrapped.sigma) = (wrapped.mean.restricted(to: template.names), wrapped.sigma.restricted(to: template.names))
        self.wrapped = wrapped
        wrappedLogNormaliser = normaliser
        self.template = template
    }

    /// The full parameter vector with the free parameters set to `theta`.
    func parameters(_ theta: [Double]) -> GalaxyParameters {
        var p = template
        for (k, i) in indices.enumerated() { p.values[i] = theta[k] }
        return p
    }

    /// The sampler's ln L: `−χ²/2` plus the wrapped priors, χ² from a pool of forward models
    /// made by `objective` (one per thread evaluating at once).
    func logLikelihood(objective: @escaping @Sendable () -> (GalaxyParameters) -> Double) -> @Sendable ([Double]) -> Double {
        let pool = ForwardModelPool(template: template, free: indices, make: objective)
        let wrapped = wrapped, hasWrapped = !wrapped.isEmpty
        return { theta in
            pool.evaluate(theta) { p, chi2 in -0.5 * chi2 + (hasWrapped ? wrapped.logDensity(p) : 0) }
        }
    }

    /// The free parameters of `p`, in order.
    func free(_ p: GalaxyParameters) -> [Double] { indices.map { p.values[$0] } }
}
