/// The unit of what an output FITS file holds, stated by its `BUNIT` card.
public enum ProductUnit: Sendable, Equatable {
    /// The input cube's unit: its `BUNIT` is kept as it is (none when it has none). The model
    /// cubes, the position–velocity diagrams.
    case cube
    /// No unit: `BUNIT = ''`, the comment saying why (residuals in σ, a unit-sum kernel).
    case dimensionless(String)
    /// `BUNIT = 'km/s'`: velocity and dispersion maps.
    case kilometresPerSecond
    /// A sum over channels of the cube (the flux maps, which sum to the parameter `flux`):
    /// `BUNIT = '(B) chan'` for the cube's `BUNIT` B (`chan`, one channel, is a FITS unit), and
    /// the channel width as `CHANWID` (in `CUNIT3`) and `CHANKMS` (km/s), both positive, so
    /// that value × CHANWID is the line flux integrated over the spectral axis, and
    /// value × CHANKMS the same over velocity (e.g. Jy/beam km/s). Without a cube `BUNIT`, or
    /// when `(B) chan` is longer than a card holds (68 characters), no `BUNIT` is written.
    case channelSum

    /// The cards stating this unit for a product of `cube`; written after the cube's own cards
    /// (``Cube/wcsCards``, which hold its `BUNIT`), so they replace it.
    public func cards(for cube: Cube) -> [HeaderCard] {
        switch self {
        case .cube:
            return Self.cubeUnit(cube).map { [$0] } ?? []
        case .dimensionless(let why):
            return [HeaderCard(name: "BUNIT", string: "", comment: "dimensionless: \(why)")]
        case .kilometresPerSecond:
            return [HeaderCard(name: "BUNIT", string: "km/s")]
        case .channelSum:
            let width = [
                HeaderCard(name: "CHANWID", number: abs(cube.spectral.cdelt),
                           comment: "[\(cube.spectral.unit.rawValue)] channel width; line flux = value * CHANWID"),
                HeaderCard(name: "CHANKMS", number: abs(cube.velocityStep),
                           comment: "[km/s] channel width; line flux = value * CHANKMS"),
            ]
            guard let unit = Self.channelSumUnit(cube: cube) else { return width }
            return [HeaderCard(name: "BUNIT", string: unit, comment: "cube's BUNIT x channel: a sum over channels")] + width
        }
    }

    /// The longest `BUNIT` value a card holds (80 columns less the name, `= ` and the quotes).
    static let longestValue = 68

    /// The cube's `BUNIT` card, nil when it has none.
    static func cubeUnit(_ cube: Cube) -> HeaderCard? {
        cube.wcsCards.last { $0.name.uppercased() == "BUNIT" }
    }

    /// `(B) chan` for the cube's `BUNIT` B, nil when the cube has none or it does not fit a card.
    static func channelSumUnit(cube: Cube) -> String? {
        guard let unit = cubeUnit(cube)?.text, !unit.isEmpty else { return nil }
        let product = "(\(unit)) chan"
        return product.count <= longestValue ? product : nil
    }
}

extension OutputFile {
    /// The unit of this FITS product, nil for a file that is not FITS. Every FITS file of the
    /// registry states one: a new one must be classified here.
    public var unit: ProductUnit? {
        switch self {
        case .convolvedCube, .deconvolvedCube, .majorAxisPV, .minorAxisPV: .cube
        case .residualCube: .dimensionless("(data - model) / sigma")
        case .kernel: .dimensionless("PSF x LSF kernel, unit sum")
        case .voronoiBins: .dimensionless("Voronoi bin number, -1: not binned")
        case .trueFluxMap, .observedFluxMap, .dataFluxMap, .residualFluxMap: .channelSum
        case .trueVelocityMap, .trueDispersionMap, .observedVelocityMap, .observedDispersionMap,
             .dataVelocityMap, .dataDispersionMap, .residualVelocityMap: .kilometresPerSecond
        case .chain, .parametersText, .parametersTable, .parametersJSON, .statistics, .convergence,
             .runParameters, .instrument, .model, .options, .rotationCurve, .voronoiTable, .mcmcFigure, .cornerFigure,
             .gewekeFigure, .imagesFigure, .mapsFigure, .rotationCurveFigure, .positionVelocityFigure, .channelMapsFigure,
             .incompleteChain: nil
        }
    }
}
