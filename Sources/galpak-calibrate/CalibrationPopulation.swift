import ArgumentParser
import GalPaK

/// Where the truths of the shape and rotation parameters (radius, inclination, turnover radius,
/// Vmax and σ0) are drawn from, each uniformly.
///
/// A fit's credible intervals cover the truth at their level on average over truths drawn from
/// the prior the fit used (Cook, Gelman & Rubin 2006; Talts et al. 2018: simulation-based
/// calibration). `prior` draws the truths from the fit's default bounds on the class's grid,
/// the default command's own prior, so that the default fit is calibrated as a user runs it.
/// `realistic` draws them from the narrower ranges of real disks (``CalibrationCube/drawnRanges``):
/// where the data constrain a parameter, any flat prior wide enough gives the same coverage; where
/// they do not (Vmax and the turnover radius at S/N 3–6), the coverage then also measures how far
/// the default prior is from that population.
enum CalibrationPopulation: String, NamedChoice, ExpressibleByArgument {
    /// ``CalibrationCube/drawnRanges``.
    case realistic
    /// The fit's default bounds on the class's grid (``ParameterDescriptor/defaultBounds``).
    case prior

    var name: String { rawValue }

    /// The range the truth of `parameter` (one of ``CalibrationCube/drawnRanges``' keys) is
    /// drawn from on a cube of `shape`.
    func range(of parameter: ParameterName, shape: (nx: Int, ny: Int, nz: Int)) -> ClosedRange<Double> {
        switch self {
        case .realistic:
            return CalibrationCube.drawnRanges[parameter]!
        case .prior:
            let bounds = parameter.descriptor.defaultBounds(.init(nx: shape.nx, ny: shape.ny, nz: shape.nz, fluxEstimate: 0))
            return bounds.min...bounds.max
        }
    }
}
