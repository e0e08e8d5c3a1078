import ArgumentParser
import GalPaK

/// The bounds (the uniform priors) the calibration's fits use.
///
/// A credible interval covers the truth at its level on average over truths drawn from the
/// prior the fit used (Cook, Gelman & Rubin 2006; Talts et al. 2018, simulation-based
/// calibration). Where the data constrain a parameter the prior hardly matters and any bounds
/// give nominal coverage; where they do not (the turnover radius and Vmax at low S/N), the
/// posterior leans on the prior, and coverage measured against truths from narrower ranges
/// measures the prior's mismatch as well as the fit.
enum CalibrationBounds: String, NamedChoice, ExpressibleByArgument {
    /// The fit's own defaults, as a user gets them.
    case `default`
    /// The ranges the truths are drawn from (``CalibrationPopulation/range(of:shape:)``) for
    /// radius, inclination, turnover radius, Vmax and σ0; the defaults for the others.
    case simulation

    var name: String { rawValue }

    /// Lays these bounds over `options`, for truths drawn from `population` on a cube of `shape`.
    func apply(to options: inout FitOptions, population: CalibrationPopulation, shape: (nx: Int, ny: Int, nz: Int)) {
        guard self == .simulation else { return }
        for name in CalibrationCube.drawnRanges.keys {
            let range = population.range(of: name, shape: shape)
            options.minimum[name] = range.lowerBound
            options.maximum[name] = range.upperBound
        }
    }
}
