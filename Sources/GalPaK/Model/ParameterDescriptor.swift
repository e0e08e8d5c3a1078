/// Everything galpak needs to know about one model parameter, so that tables, files, bounds,
/// proposal scales, first guesses and angle handling come from one place instead of special
/// cases: ``ParameterName/descriptor`` gives each parameter's.
public struct ParameterDescriptor: Sendable {
    /// The size of the cube being fitted and its flux estimate: what default bounds and first
    /// guesses may depend on.
    public struct CubeExtent: Sendable {
        public var nx: Double, ny: Double, nz: Double
        /// ``ParameterBounds/fluxEstimate(of:detected:)``.
        public var fluxEstimate: Double

        public init(nx: Int, ny: Int, nz: Int, fluxEstimate: Double) {
            (self.nx, self.ny, self.nz) = (Double(nx), Double(ny), Double(nz))
            self.fluxEstimate = fluxEstimate
        }

        /// The mean side of the image, (ny + nx)/2, pixels.
        public var size: Double { (ny + nx) / 2 }
    }

    /// The name in every file and flag (`turnover_radius`).
    public let key: String
    /// The short name of one-line summaries (`rv`); accepted in flags too.
    public let shortName: String
    /// Unit as written in the parameter table.
    public let unit: String
    /// Short unit for the JSON output.
    public let jsonUnit: String
    /// The FITS keyword of the true value in a simulated cube's header (`SIM_RT`).
    public let headerKey: String
    /// printf format of the displayed value (`%3.2f`).
    public let displayFormat: String
    /// The period of an angle (360 for a PA): values `v` and `v + period` describe the same
    /// disk, so the sampler stores `v mod period`, bounds admit `v ± period`, and summaries
    /// take the parameter as circular. nil for an ordinary parameter.
    public let period: Double?
    /// Factor on the parameter's proposal scale after the bounds-width rule (``ProposalScales``).
    public let proposalFactor: Double
    /// The valid known, starting and simulated values (`--fix`, `--init`, `simulate --params`).
    public let validRange: ValidRange
    /// The valid lower and upper bounds (`--min`, `--max`).
    public let boundRange: ValidRange
    /// The default bounds for a cube.
    public let defaultBounds: @Sendable (CubeExtent) -> (min: Double, max: Double)
    /// For an optional parameter, the option that adds it to a fit (`--flux-profile sersic`).
    public let addedBy: String?
    /// The reference's starting value, given the cube's flux estimate; NaN = the middle of the bounds.
    public let referenceStart: @Sendable (_ fluxEstimate: Double) -> Double

    public init(key: String, shortName: String, unit: String, jsonUnit: String, headerKey: String,
                displayFormat: String = "%3.2f",
                period: Double? = nil, proposalFactor: Double = 1, addedBy: String? = nil,
                validRange: ValidRange, boundRange: ValidRange,
                defaultBounds: @escaping @Sendable (CubeExtent) -> (min: Double, max: Double),
                referenceStart: @escaping @Sendable (_ fluxEstimate: Double) -> Double) {
        self.key = key
        self.shortName = shortName
        self.unit = unit
        self.jsonUnit = jsonUnit
        self.headerKey = headerKey
        self.displayFormat = displayFormat
        self.period = period
        self.proposalFactor = proposalFactor
        self.addedBy = addedBy
        self.validRange = validRange
        self.boundRange = boundRange
        self.defaultBounds = defaultBounds
        self.referenceStart = referenceStart
    }
}
