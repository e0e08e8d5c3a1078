/// `PREFIX_images.*`: the data, the convolved model, the deconvolved (intrinsic) model and
/// the residual, each collapsed over wavelength. Data and convolved model share one colour
/// range so they compare directly, one that covers both (``ImagePanel/sharedRange(data:model:)``: from
/// the data's 0.5th percentile to the larger of its 99.5th percentile and the model's peak, so
/// that neither the noise's extremes nor the model saturate); the residual image is `Σ_k r_k / √N` of the residual cube
/// `r = (data − model)/σ` over the N valid channels of a spaxel, which is ~N(0, 1) where the
/// model fits, drawn on a diverging map from −3 to +3.
enum ImagesFigure {
    static let panelWidth = 470.0, panelHeight = 400.0, left = 70.0, top = 75.0, gapY = 55.0

    static func draw(_ inputs: FigureInputs) -> Canvas {
        let canvas = Canvas(width: Int(left + 2 * panelWidth + 40), height: Int(top + 2 * (panelHeight + gapY)))
        canvas.title("\(inputs.name): data and model, collapsed over the \(inputs.nz) channels" + inputs.titleNote, x: left)
        canvas.text("offsets from the fitted centre ("
                    + String(format: "%.2f, %.2f", inputs.estimate.value.x, inputs.estimate.value.y)
                    + ") px; data and convolved model on one scale: the data's 0.5th–99.5th percentile, up to the model's peak",
                    x: left, y: 48, size: Axes.tickSize)
        let data = collapse(inputs.data, inputs)
        let unit = UnitLabel.label("flux", unit: inputs.fluxUnit.isEmpty ? "sum over channels" : inputs.fluxUnit)
        let convolved = collapse(inputs.convolved, inputs)
        let shared = ImagePanel.sharedRange(data: data, model: convolved)
        let clean = collapse(inputs.clean, inputs)
        let panels: [(String, [Double], ColorMap, ClosedRange<Double>, String)] = [
            ("data", data, .viridis, shared, unit),
            ("convolved model", convolved, .viridis, shared, unit),
            ("deconvolved model", clean, .viridis, ImagePanel.percentileRange(clean, low: 0, high: 100), unit),
            ("residual Σ(data − model)/σ / √N", normalisedResidual(inputs), .diverging, -3...3, "σ"),
        ]
        let view = SkyMapView(inputs)
        for (n, (title, values, map, range, unit)) in panels.enumerated() {
            ImagePanel(values: values, view: view, colorMap: map, range: range, title: title, unit: unit)
                .draw(canvas, x: left + Double(n % 2) * panelWidth, y: top + Double(n / 2) * (panelHeight + gapY),
                      width: panelWidth - 40, height: panelHeight)
        }
        return canvas
    }

    /// Sum over channels of the finite voxels of each spaxel (NaN when none is finite).
    static func collapse(_ cube: [Double], _ inputs: FigureInputs) -> [Double] {
        let plane = inputs.nx * inputs.ny
        return (0..<plane).map { s in
            var sum = 0.0, any = false
            for k in 0..<inputs.nz where cube[k * plane + s].isFinite {
                sum += cube[k * plane + s]
                any = true
            }
            return any ? sum : .nan
        }
    }

    /// `Σ_k r_k / √N` over the finite residual voxels of each spaxel.
    static func normalisedResidual(_ inputs: FigureInputs) -> [Double] {
        let plane = inputs.nx * inputs.ny
        return (0..<plane).map { s in
            var sum = 0.0, count = 0
            for k in 0..<inputs.nz where inputs.residuals[k * plane + s].isFinite {
                sum += inputs.residuals[k * plane + s]
                count += 1
            }
            return count > 0 ? sum / Double(count).squareRoot() : .nan
        }
    }
}
