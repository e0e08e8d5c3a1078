import Foundation

/// The seven figures of a fit, drawn from ``FigureInputs`` with cairo and written as PNG:
/// `PREFIX_mcmc.png`, `_corner.png`, `_images.png`, `_maps.png`, `_rotcurve.png`, `_pv.png`,
/// `_channels.png`.
public struct FitFigures {
    public let inputs: FigureInputs

    public init(_ inputs: FigureInputs) {
        self.inputs = inputs
    }

    /// Draws every figure and writes it (atomically) under `outputs`' names, calling `between`
    /// before each (a stop request: whatever it throws ends the drawing); returns the paths.
    /// A Laplace fit has no chain: its trace and corner figures are not drawn; a fit written
    /// before galpak wrote position–velocity diagrams gets no PV or channel-map figure.
    @discardableResult
    public func write(to outputs: FitOutputs, between: () throws -> Void = {}) throws -> [String] {
        if inputs.estimator.hasChains {
            try between()
            try McmcFigure.draw(inputs).writePNG(to: outputs.mcmcFigure)
            try between()
            try CornerFigure.draw(inputs).writePNG(to: outputs.cornerFigure)
        }
        try between()
        try ImagesFigure.draw(inputs).writePNG(to: outputs.imagesFigure)
        try between()
        try MapsFigure.draw(inputs).writePNG(to: outputs.mapsFigure)
        try between()
        try RotationCurveFigure.draw(inputs).writePNG(to: outputs.rotationCurveFigure)
        guard let pv = inputs.positionVelocity else {
            return outputs.figures(for: inputs.estimator)
                .filter { ![outputs.positionVelocityFigure, outputs.channelMapsFigure].contains($0) }
        }
        try between()
        try PositionVelocityFigure.draw(inputs, major: pv.major, minor: pv.minor).writePNG(to: outputs.positionVelocityFigure)
        try between()
        try ChannelMapsFigure.draw(inputs, velocities: pv.major).writePNG(to: outputs.channelMapsFigure)
        return outputs.figures(for: inputs.estimator)
    }
}

extension ParameterName {
    /// `v` in the parameter's display format, without the format's padding.
    func formatted(_ v: Double) -> String {
        String(format: displayFormat, v).trimmingCharacters(in: .whitespaces)
    }
}
