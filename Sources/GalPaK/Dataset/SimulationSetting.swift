/// A setting of `galpak simulate` besides the galaxy's parameters that a dataset may draw per
/// cube (`--priors`): each named like its option, dashes as underscores, and valid where the
/// option is (the ranges are the options' own).
///
/// | key | option | meaning |
/// |---|---|---|
/// | `snr` | `--snr` | noise σ = peak of the convolved cube / snr |
/// | `noise_sigma` | `--noise-sigma` | noise σ per voxel, cube units |
/// | `seeing` | `--seeing` | PSF FWHM, arcsec |
/// | `psf_ba` | `--psf-ba` | PSF axis ratio b/a |
/// | `psf_pa` | `--psf-pa` | PSF major-axis angle, deg anticlockwise from +y |
/// | `moffat_beta` | `--moffat-beta` | Moffat PSF wing exponent β |
/// | `lsf_fwhm` | `--lsf-fwhm` | FWHM of a Gaussian LSF, in CUNIT3 |
public enum SimulationSetting: String, CaseIterable, Sendable {
    case snr
    case noiseSigma = "noise_sigma"
    case seeing
    case psfBA = "psf_ba"
    case psfPA = "psf_pa"
    case moffatBeta = "moffat_beta"
    case lsfFWHM = "lsf_fwhm"

    /// The name in a priors file and in `truth.csv`.
    public var key: String { rawValue }

    /// The option of `galpak simulate` that sets it (`--noise-sigma`).
    public var option: String { "--" + rawValue.replacingOccurrences(of: "_", with: "-") }

    /// The setting named `key`, nil for any other name.
    public init?(key: String) { self.init(rawValue: key) }

    /// The values the option takes.
    public var validRange: ValidRange {
        switch self {
        case .snr: SimulationSpec.snrRange
        case .noiseSigma: SimulationSpec.noiseSigmaRange
        case .seeing: SpreadFunctionChoice.seeingRange
        case .psfBA: SpreadFunctionChoice.axisRatioRange
        case .psfPA: SpreadFunctionChoice.angleRange
        case .moffatBeta: SpreadFunctionChoice.moffatBetaRange
        case .lsfFWHM: SpreadFunctionChoice.lsfFWHMRange
        }
    }

    /// Whether it chooses the instrument's PSF or LSF (applied with ``SpreadFunctionChoice``).
    var isInstrumental: Bool { self != .snr && self != .noiseSigma }

    /// `spec` with these settings' `values` applied: the noise from `snr` or `noise_sigma`
    /// (the spec's own otherwise), the PSF and LSF by ``SpreadFunctionChoice`` on the spec's
    /// instrument, as the options would choose them.
    /// - Throws: ``GalpakError`` `.badInput` when a value cannot apply to the instrument (a
    ///   seeing for an image PSF, β for a Gaussian one).
    static func applied(_ values: [SimulationSetting: Double], to spec: SimulationSpec) throws -> SimulationSpec {
        var result = spec
        if let snr = values[.snr] { result.noise = .peakSNR(snr) }
        if let sigma = values[.noiseSigma] { result.noise = .sigma(sigma) }
        if values.keys.contains(where: \.isInstrumental) {
            let choice = SpreadFunctionChoice(seeing: values[.seeing], psfBA: values[.psfBA], psfPA: values[.psfPA],
                                              moffatBeta: values[.moffatBeta], lsfFWHM: values[.lsfFWHM])
            result.instrument = try choice.applied(to: spec.instrument)
        }
        return result
    }
}
