/// The registry of the files `galpak fit` writes: every file is `PREFIX_` followed by its
/// case's raw value (``suffix``), e.g. `PREFIX_galaxy_parameters.txt`; a figure is one file per
/// format it is drawn in, its raw value followed by the format's extension
/// (``suffix(_:)``), e.g. `PREFIX_maps.png` and `PREFIX_maps.pdf`.
///
/// This is the one list of output names: the writers (``FitOutputs``, the figures), the check
/// that refuses existing outputs without `--overwrite`, a batch's test of whether a cube is
/// done, `galpak fit --help` and the list of files printed after a fit all read it. Cases are
/// in the order a fit writes them.
public enum OutputFile: String, CaseIterable, Sendable {
    case chain = "chain.dat"
    case parametersText = "galaxy_parameters.txt"
    case parametersTable = "galaxy_parameters.dat"
    case parametersJSON = "galaxy_parameters.json"
    case statistics = "stats.dat"
    case convergence = "galaxy_parameters_convergence.dat"
    case runParameters = "run_parameters.txt"
    case instrument = "instrument.txt"
    case model = "model.txt"
    case options = "options.txt"
    case convolvedCube = "convolved_cube.fits"
    case deconvolvedCube = "deconvolved_cube.fits"
    case residualCube = "residuals_cube.fits"
    case kernel = "3Dkernel.fits"
    case trueFluxMap = "true_flux_map.fits"
    case trueVelocityMap = "true_vel_map.fits"
    case trueDispersionMap = "true_disp_map.fits"
    case observedFluxMap = "obs_flux_map.fits"
    case observedVelocityMap = "obs_vel_map.fits"
    case observedDispersionMap = "obs_disp_map.fits"
    case dataFluxMap = "data_flux_map.fits"
    case dataVelocityMap = "data_vel_map.fits"
    case dataDispersionMap = "data_disp_map.fits"
    case residualFluxMap = "resid_flux_map.fits"
    case residualVelocityMap = "resid_vel_map.fits"
    case rotationCurve = "rotcurve.dat"
    case majorAxisPV = "pv_major.fits"
    case minorAxisPV = "pv_minor.fits"
    case voronoiBins = "voronoi_bins.fits"
    case voronoiTable = "voronoi.dat"
    case mcmcFigure = "mcmc"
    case cornerFigure = "corner"
    case gewekeFigure = "geweke"
    case imagesFigure = "images"
    case mapsFigure = "maps"
    case rotationCurveFigure = "rotcurve"
    case positionVelocityFigure = "pv"
    case channelMapsFigure = "channels"
    case incompleteChain = "chain.incomplete.dat"

    /// When a fit writes a file.
    public enum Role: Sendable {
        /// Written by every completed fit.
        case result
        /// A figure of a completed fit, one file per format drawn (`--figure-format`): skipped
        /// with `--no-plots` (`galpak plot` draws it later). Never needed for a set to be complete.
        case figure
        /// The chain so far of an interrupted fit (no other file is written then); a completed
        /// fit removes it.
        case interruption
    }

    /// The name after `PREFIX_`; for a figure, its name without the extension of a format
    /// (``suffix(_:)``).
    public var suffix: String { rawValue }

    /// A figure's name after `PREFIX_` in `format`: `maps.pdf`.
    public func suffix(_ format: FigureFormat) -> String { "\(rawValue).\(format.rawValue)" }

    /// The path of this file for `prefix`: `PREFIX_suffix`.
    /// - Precondition: the file is not a figure (whose path needs a format: ``path(prefix:format:)``).
    public func path(prefix: String) -> String {
        precondition(role != .figure, "the figure \(rawValue) has a path per format")
        return "\(prefix)_\(suffix)"
    }

    /// The path of this figure in `format` for `prefix`: `PREFIX_maps.pdf`.
    public func path(prefix: String, format: FigureFormat) -> String { "\(prefix)_\(suffix(format))" }

    /// The files of `role`, in writing order.
    public static func files(_ role: Role) -> [OutputFile] { allCases.filter { $0.role == role } }

    /// The files of `role` a fit with `estimator` writes, in writing order: a fit without chains
    /// (``Estimator/laplace``) writes none of the files that need them (``needsChains``), nor does
    /// a fit without Markov chains (``Estimator/nested``) those of ``needsMarkovChains``, a fit
    /// without `--voronoi-snr` (`voronoi` false) none of the Voronoi products (``needsVoronoi``).
    public static func files(_ role: Role, estimator: Estimator, voronoi: Bool = false) -> [OutputFile] {
        files(role).filter {
            (estimator.hasChains || !$0.needsChains) && (estimator.hasMarkovChains || !$0.needsMarkovChains)
                && (voronoi || !$0.needsVoronoi)
        }
    }

    /// Whether a complete set written by an earlier galpak may lack this result file: the
    /// residual maps and the position–velocity diagrams, added in December 2026. A batch's test
    /// of completion (``FitState``) does not require them, so upgrading does not make finished
    /// fits look partial (every file a completion record lists is still checked).
    public var olderFitsMayLack: Bool {
        switch self {
        case .residualFluxMap, .residualVelocityMap, .majorAxisPV, .minorAxisPV: true
        default: false
        }
    }

    /// Whether only a fit with chains writes this file: the chain, the convergence scores and
    /// the figures drawn from the chain.
    public var needsChains: Bool {
        switch self {
        case .chain, .convergence, .mcmcFigure, .cornerFigure, .gewekeFigure, .incompleteChain: true
        default: false
        }
    }

    /// Whether this file holds a diagnostic of Markov chains (the Geweke scores), which weighted
    /// draws (``Estimator/nested``) do not have.
    public var needsMarkovChains: Bool {
        switch self {
        case .convergence, .gewekeFigure, .incompleteChain: true
        default: false
        }
    }

    /// Whether only a fit with `--voronoi-snr` writes this file: the Voronoi bins of the data's
    /// moment maps. Never needed for a set to be complete (``FitOutputs/required(for:)``); a
    /// completion record that lists them has them checked like every file it lists.
    public var needsVoronoi: Bool {
        self == .voronoiBins || self == .voronoiTable
    }

    /// The map file of `kind` (`true`: intrinsic model, `obs`: model smeared by the PSF, `data`:
    /// moments of the data, `resid`: data − obs) and `quantity` (`flux`, `vel`, `disp`; no
    /// `disp` for `resid`).
    /// - Precondition: `kind` and `quantity` are among those names.
    public static func map(_ kind: String, _ quantity: String) -> OutputFile {
        guard let file = OutputFile(rawValue: "\(kind)_\(quantity)_map.fits") else {
            preconditionFailure("no map file for kind \(kind), quantity \(quantity)")
        }
        return file
    }

    /// When a fit writes this file.
    public var role: Role {
        switch self {
        case .mcmcFigure, .cornerFigure, .gewekeFigure, .imagesFigure, .mapsFigure, .rotationCurveFigure, .positionVelocityFigure,
             .channelMapsFigure: .figure
        case .incompleteChain: .interruption
        default: .result
        }
    }

    /// What the file holds, in one line of at most 74 characters (plain ASCII, for `--help`).
    public var content: String {
        switch self {
        case .chain: "every accepted state of every chain, with reduced chi2, weight, chain"
        case .parametersText: "the parameter table: value +/- stdev and the credible interval"
        case .parametersTable: "the same as a table: rows value, stdev, lower, upper"
        case .parametersJSON: "the same + chi2, counts, convergence, estimator; written last, lists all"
        case .statistics: "goodness of fit (chi2, BIC, AIC, DIC), R-hat, ESS, derived and sky values"
        case .convergence: "the reference's Geweke convergence score per parameter (1 = converged)"
        case .runParameters: "how the fit was run: input, instrument, model, sampler, bounds, start"
        case .instrument: "the instrument in the reference's INI layout (--instrument-file reads it)"
        case .model: "the model options in the reference's INI layout"
        case .options: "the options given: galpak fit --options FILE CUBE repeats the fit"
        case .convolvedCube: "the model as observed (PSF x LSF) at the estimate"
        case .deconvolvedCube: "the intrinsic model (no PSF, no LSF)"
        case .residualCube: "(data - model) / sigma"
        case .kernel: "the 3-D kernel PSF x LSF, unit sum"
        case .trueFluxMap: "intrinsic flux map of the model at the estimate"
        case .trueVelocityMap: "intrinsic line-of-sight velocity map of the model (km/s)"
        case .trueDispersionMap: "intrinsic velocity dispersion map of the model (km/s)"
        case .observedFluxMap: "flux map of the model smeared by the PSF"
        case .observedVelocityMap: "velocity map of the model smeared by the PSF (km/s)"
        case .observedDispersionMap: "dispersion map of the model smeared by the PSF (km/s)"
        case .dataFluxMap: "flux moment map of the data, masked below the S/N threshold"
        case .dataVelocityMap: "velocity moment map of the data (km/s)"
        case .dataDispersionMap: "dispersion moment map of the data, LSF removed (km/s)"
        case .residualFluxMap: "data flux map - observed model flux map (NaN where the data's is)"
        case .residualVelocityMap: "data velocity map - observed model velocity map (km/s)"
        case .rotationCurve: "rotation curve and credible band; velocity, dispersion on the major axis"
        case .majorAxisPV: "position-velocity diagram, major axis: HDUs DATA, MODEL (arcsec x km/s)"
        case .minorAxisPV: "position-velocity diagram, minor axis: HDUs DATA, MODEL (arcsec x km/s)"
        case .voronoiBins: "the Voronoi bin of every spaxel (-1: not binned)"
        case .voronoiTable: "the Voronoi bins: centroid, spaxels, S/N, flux, velocity, dispersion"
        case .mcmcFigure: "figure: the trace of every parameter along the chains"
        case .cornerFigure: "figure: the posterior of the free parameters, one and two at a time"
        case .gewekeFigure: "figure: Geweke z-scores of every free parameter, one trace per chain"
        case .imagesFigure: "figure: data, convolved and intrinsic model, residuals"
        case .mapsFigure: "figure: flux, velocity and dispersion maps of the data and the models"
        case .rotationCurveFigure: "figure: the rotation curve and dispersion along the major axis"
        case .positionVelocityFigure: "figure: the PV diagrams, data in colour, model contours"
        case .channelMapsFigure: "figure: channel maps across the line, data in colour, model contours"
        case .incompleteChain: "the chain so far of an interrupted fit (no other file is written then)"
        }
    }
}
