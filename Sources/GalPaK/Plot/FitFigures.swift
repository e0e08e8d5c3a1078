import Foundation

/// The eight figures of a fit, drawn from ``FigureInputs`` with cairo, each written in every
/// format the outputs ask for (``FitOutputs/figureFormats``): `PREFIX_mcmc`, `_corner`,
/// `_geweke`, `_images`, `_maps`, `_rotcurve`, `_pv`, `_channels` (`.png`, `.pdf`, `.svg`).
public struct FitFigures {
    public let inputs: FigureInputs

    public init(_ inputs: FigureInputs) {
        self.inputs = inputs
    }

    /// The figures drawn, in writing order: a Laplace fit has no chain, so no trace, corner or
    /// Geweke figure; a fit written before galpak wrote position–velocity diagrams gets no PV or
    /// channel-map figure.
    public var files: [OutputFile] {
        OutputFile.files(.figure, estimator: inputs.estimator).filter {
            inputs.positionVelocity != nil || ($0 != .positionVelocityFigure && $0 != .channelMapsFigure)
        }
    }

    /// Draws every figure of ``files`` and writes it (atomically) in each of `outputs`'
    /// formats, calling `between` before each figure (a stop request: whatever it throws ends
    /// the drawing); returns the paths, figure by figure.
    ///
    /// The figures are drawn `workers` at a time (default: one per core), the last of ``files``
    /// first: the channel maps, the costliest (a contoured panel per channel: ~40 % of the
    /// drawing on the CARMA CO cube; the PNG encoding takes about half of the rest).
    @discardableResult
    public func write(to outputs: FitOutputs, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
                      between: () throws -> Void = {}) throws -> [String] {
        let files = files
        try forEachOnDemand(files.count, workers: Swift.max(1, workers)) { item in
            let file = files[files.count - 1 - item]
            try between()
            let canvas = draw(file)
            for format in outputs.figureFormats {
                try canvas.write(to: outputs.figure(file, format), format: format)
            }
        }
        return outputs.figures(files)
    }

    /// The figure `file` drawn.
    /// - Precondition: `file` is one of ``files``.
    func draw(_ file: OutputFile) -> Canvas {
        switch (file, inputs.positionVelocity) {
        case (.mcmcFigure, _): McmcFigure.draw(inputs)
        case (.cornerFigure, _): CornerFigure.draw(inputs)
        case (.gewekeFigure, _): GewekeFigure.draw(inputs)
        case (.imagesFigure, _): ImagesFigure.draw(inputs)
        case (.mapsFigure, _): MapsFigure.draw(inputs)
        case (.rotationCurveFigure, _): RotationCurveFigure.draw(inputs)
        case (.positionVelocityFigure, let pv?): PositionVelocityFigure.draw(inputs, major: pv.major, minor: pv.minor)
        case (.channelMapsFigure, let pv?): ChannelMapsFigure.draw(inputs, velocities: pv.major)
        default: preconditionFailure("\(file.suffix) is not a figure of this fit")
        }
    }
}

extension ParameterName {
    /// `v` in the parameter's display format, without the format's padding.
    func formatted(_ v: Double) -> String {
        String(format: displayFormat, v).trimmingCharacters(in: .whitespaces)
    }
}
