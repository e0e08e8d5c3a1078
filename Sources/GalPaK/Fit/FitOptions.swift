/// Everything a fit needs to know, as chosen on the command line. Defaults are the
/// reference's `galpak.run` defaults unless noted.
public struct FitOptions: Sendable {
    /// The cube to fit.
    public var cubePath: String
    /// A separate variance cube (else the cube's STAT/VARIANCE extension, else an estimate).
    public var variancePath: String?
    /// Header cards given on the command line.
    public var overrides = HeaderOverrides()
    /// Instrument with any seeing / LSF override already applied.
    public var instrument: Instrument = .default
    /// Disk model options.
    public var model = ModelConfiguration()
    /// Number of accepted steps (reference `max_iterations`).
    public var iterations = 15000
    /// Stop when the acceptance rate falls below this percentage.
    public var minAcceptance = 5.0
    /// Multiplier of every proposal scale.
    public var randomScale = 1.0
    /// Random seed: the same seed and inputs give the same chain.
    public var seed: UInt64 = 1234
    /// Which part of the chain gives the parameters.
    public var method: ChainSummary.Method = .last
    /// Percentage of the chain used by `method`.
    public var fraction = 60.0
    /// Width of the credible interval, percent.
    public var percentile = 95.0
    /// Output prefix: files are `PREFIX_chain.dat`, … (default: the cube's name in the working directory).
    public var outputPrefix: String
    /// Replace existing outputs.
    public var overwrite = false
    /// Draw the figures (`PREFIX_*.png`).
    public var plots = true
    /// The galaxy's redshift, for sizes in kpc (nil: unknown).
    public var redshift: Double?

    public init(cubePath: String, outputPrefix: String? = nil) {
        self.cubePath = cubePath
        self.outputPrefix = outputPrefix ?? FitOutputs.defaultPrefix(for: cubePath)
    }
}
