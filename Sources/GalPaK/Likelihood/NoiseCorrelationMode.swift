/// Whether a fit measures the noise's correlation and uses it in the likelihood
/// (`--noise-correlation auto|none|<voxels>`).
public enum NoiseCorrelationMode: Equatable, Sendable {
    /// Measure the noise (``NoiseMeasurement``) and fit with ``CorrelatedChiSquare``.
    case auto
    /// Treat the noise as independent between voxels: the plain ``ChiSquare``.
    case none
    /// The noise is correlated over this many voxels (≥ 1), taken as a circular Gaussian beam
    /// of that area without spectral correlation (``NoiseCorrelation/circular(voxels:)``),
    /// instead of the measured correlation; the variance ratio is still measured and reported.
    case voxels(Double)

    /// The valid numbers of voxels per correlation volume: at least one voxel (white noise),
    /// at most a million (a beam far wider than any cube).
    public static let voxelRange = ValidRange(.closed(1), .closed(1e6))

    /// Parses `auto`, `none` (any letter case) or a number of voxels in ``voxelRange``; nil otherwise.
    public init?(argument: String) {
        let text = argument.trimmingCharacters(in: .whitespaces)
        switch text.lowercased() {
        case "auto": self = .auto
        case "none": self = .none
        default:
            guard let n = Double(text), Self.voxelRange.contains(n) else { return nil }
            self = .voxels(n)
        }
    }

    /// Whether the noise is measured from the residuals (`auto` and `<voxels>`).
    public var measures: Bool { self != .none }

    /// The spelling on the command line.
    public var name: String {
        switch self {
        case .auto: "auto"
        case .none: "none"
        case .voxels(let n): PythonFloat.repr(n)
        }
    }
}
