import Foundation

/// `PREFIX_rotcurve.*`: along the kinematic major axis (offsets in arcsec from the fitted
/// centre, receding side positive):
/// - top: the intrinsic rotation curve `sign(r)·v(|r|)` at the estimate (red) with its credible
///   band from the chain (blue), the circular speed corrected for pressure support (red, dotted;
///   ``PressureSupport``), with a radial flow its speed V_r(|r|) (blue, dash-dotted), and the
///   line-of-sight velocities deprojected by 1/sin i: the
///   data's moment map (dots, one per pixel along the axis, with 1σ formal error bars from
///   `PREFIX_rotcurve.dat`'s data columns; without them, as in files written before, the map
///   sampled every pixel without errors) and the beam-smeared model (dashed);
/// - bottom: the dispersion: intrinsic model (red), beam-smeared model (dashed), data (dots),
///   and the fitted σ0 with its interval (dotted, shaded).
/// The offsets shown are those where the beam-smeared model is (flux ≥ 1/50 of its peak),
/// widened by a quarter. With a redshift the top edge is labelled in kpc. Deprojected data are left out when
/// sin i < 0.2 (nearly face-on: dividing by sin i would only amplify noise).
enum RotationCurveFigure {
    static let width = 980.0, panelHeight = 330.0, left = 85.0, top = 95.0, gapY = 70.0

    static func draw(_ inputs: FigureInputs) -> Canvas {
        let canvas = Canvas(width: Int(width), height: Int(top + 2 * panelHeight + gapY + 60))
        let profile = inputs.rotationCurve
        let e = inputs.estimate
        let ps = profile.pixscale
        let radius = profile.radius.map { $0 * ps }
        let axis = MajorAxis(e.value)
        let sinI = sin(e.value.inclination * Double.pi / 180)
        let deproject = Swift.abs(sinI) >= 0.2
        let dataOffsets = axis.offsets(nx: inputs.nx, ny: inputs.ny, step: 1)
        func along(_ map: [Double], _ offsets: [Double]) -> [Double] {
            offsets.map { axis.sample(map, nx: inputs.nx, ny: inputs.ny, at: $0) }
        }
        let observed = inputs.observed.masked(belowPeakFraction: MapsFigure.displayFraction)

        canvas.title("\(inputs.name): rotation curve and dispersion along the major axis" + inputs.titleNote, x: left)
        var caption = String(format: "PA = %.1f°, i = %.1f°, turnover radius %.2f″, Vmax = %.1f ± %.1f km/s",
                             e.value.pa, e.value.inclination, e.value.turnoverRadius * ps,
                             e.value.maximumVelocity, e.stdev.maximumVelocity)
        if let kpc = profile.kpcPerArcsec { caption += String(format: "; 1″ = %.3f kpc", kpc) }
        canvas.text(caption, x: left, y: 48, size: Axes.tickSize)

        let xRange = displayRange(profile, observed: observed, axis: axis, inputs: inputs)
        let data = dataVelocity(profile, inputs: inputs, axis: axis)
        let dataVelocity = deproject ? data.velocity.map { $0 / sinI } : []
        let dataError = deproject ? data.error.map { $0 / Swift.abs(sinI) } : []
        let modelVelocity = deproject ? along(observed.velocity, profile.radius).map { $0 / sinI } : []
        let vRange = Axes.range(of: profile.rotationLower + profile.rotationUpper + profile.rotation + dataVelocity + modelVelocity
                                    + (profile.circular ?? []) + (profile.radial ?? [])
                                    + zip(dataVelocity, dataError).flatMap { v, e in e.isFinite ? [v - e, v + e] : [] }, margin: 0.08)
        let velocityAxes = Axes(x: left, y: top, width: width - left - 30, height: panelHeight, xRange: xRange, yRange: vRange)
        velocityAxes.horizontal(canvas, 0, color: .grey, width: 0.8)
        velocityAxes.vertical(canvas, 0, color: .grey, width: 0.8)
        velocityAxes.band(canvas, radius, low: profile.rotationLower, high: profile.rotationUpper, color: .band, alpha: 0.3)
        velocityAxes.line(canvas, radius, profile.rotation, color: .highlight, width: 2)
        let bandLabel = inputs.estimator.hasChains ? String(format: "%.0f%% credible band (chain)", inputs.percentile)
            : String(format: "mode +/- %.3g sigma (Laplace, not a posterior)", NormalQuantile.halfWidth(percentile: inputs.percentile))
        var legend = [Axes.LegendEntry(label: inputs.estimator.hasChains ? "intrinsic v(r), estimate" : "intrinsic v(r), mode", color: .highlight),
                      Axes.LegendEntry(label: bandLabel, color: .band, alpha: 0.3)]
        if let circular = profile.circular {
            velocityAxes.line(canvas, radius, circular, color: .highlight, width: 1.5, dash: [2, 3])
            legend.append(Axes.LegendEntry(label: "circular v_c(r), pressure support added", color: .highlight, dash: [2, 3]))
        }
        if let radial = profile.radial {
            velocityAxes.line(canvas, radius, radial, color: .band, width: 1.5, dash: [8, 3, 2, 3])
            legend.append(Axes.LegendEntry(label: "radial flow V_r(|r|), > 0 outward", color: .band, dash: [8, 3, 2, 3]))
        }
        if deproject {
            velocityAxes.line(canvas, profile.radius.map { $0 * ps }, modelVelocity, color: .black, width: 1.5, dash: [6, 4])
            velocityAxes.errorBars(canvas, data.offsets.map { $0 * ps }, dataVelocity, errors: dataError, color: .black)
            velocityAxes.points(canvas, data.offsets.map { $0 * ps }, dataVelocity, color: .black)
            legend += [Axes.LegendEntry(label: "model, beam-smeared, v/sin i", color: .black, dash: [6, 4]),
                       Axes.LegendEntry(label: data.error.contains(where: \.isFinite) ? "data moment map, v/sin i, 1σ formal error"
                                            : "data moment map, v/sin i", color: .black, dot: true)]
        }
        velocityAxes.legend(canvas, legend)
        velocityAxes.drawFrame(canvas, yLabel: "rotation velocity (km/s)")
        if let kpc = profile.kpcPerArcsec { drawKpcAxis(canvas, velocityAxes, kpcPerArcsec: kpc) }

        let dataDispersion = along(inputs.dataMaps.dispersion, dataOffsets)
        let modelDispersion = along(observed.dispersion, profile.radius)
        let sigma0 = e.value.velocityDispersion
        let sRange = Axes.range(of: [0] + profile.dispersion + dataDispersion + modelDispersion + [e.upper.velocityDispersion], margin: 0.08)
        let dispersionAxes = Axes(x: left, y: top + panelHeight + gapY, width: width - left - 30, height: panelHeight,
                                  xRange: xRange, yRange: 0...sRange.upperBound)
        dispersionAxes.vertical(canvas, 0, color: .grey, width: 0.8)
        dispersionAxes.band(canvas, [xRange.lowerBound, xRange.upperBound], low: [e.lower.velocityDispersion, e.lower.velocityDispersion],
                            high: [e.upper.velocityDispersion, e.upper.velocityDispersion], color: .grey, alpha: 0.2)
        dispersionAxes.horizontal(canvas, sigma0, color: .black, width: 1.2, dash: [2, 3])
        dispersionAxes.line(canvas, radius, profile.dispersion, color: .highlight, width: 2)
        dispersionAxes.line(canvas, radius, modelDispersion, color: .black, width: 1.5, dash: [6, 4])
        dispersionAxes.points(canvas, dataOffsets.map { $0 * ps }, dataDispersion, color: .black)
        dispersionAxes.legend(canvas, [
            Axes.LegendEntry(label: "intrinsic, line of sight", color: .highlight),
            Axes.LegendEntry(label: "model, beam-smeared", color: .black, dash: [6, 4]),
            Axes.LegendEntry(label: "data moment map (LSF removed)", color: .black, dot: true),
            Axes.LegendEntry(label: String(format: "σ0 = %.1f km/s and its interval", sigma0), color: .black, dash: [2, 3]),
        ])
        dispersionAxes.drawFrame(canvas, xLabel: "offset along the major axis (arcsec), receding side > 0",
                                 yLabel: "dispersion (km/s)")
        return canvas
    }

    /// The data's line-of-sight velocity along the axis, one point per pixel: the rows of
    /// `profile` at whole-pixel offsets with their errors, or, for a profile without the data's
    /// velocity, the data's map sampled every pixel, without errors.
    static func dataVelocity(_ profile: RotationCurveProfile, inputs: FigureInputs,
                             axis: MajorAxis) -> (offsets: [Double], velocity: [Double], error: [Double]) {
        guard let data = profile.dataVelocity else {
            let offsets = axis.offsets(nx: inputs.nx, ny: inputs.ny, step: 1)
            return (offsets, offsets.map { axis.sample(inputs.dataMaps.velocity, nx: inputs.nx, ny: inputs.ny, at: $0) },
                    offsets.map { _ in .nan })
        }
        let rows = profile.radius.indices.filter { profile.radius[$0] == profile.radius[$0].rounded() }
        return (rows.map { profile.radius[$0] }, rows.map { data.velocity[$0] }, rows.map { data.error[$0] })
    }

    /// Offsets (arcsec) where the beam-smeared model is shown (flux ≥ 1/50 of its peak),
    /// widened by a quarter on each side and kept within the profile; the whole profile when
    /// that is empty.
    static func displayRange(_ profile: RotationCurveProfile, observed: KinematicMaps, axis: MajorAxis,
                             inputs: FigureInputs) -> ClosedRange<Double> {
        let shown = profile.radius.filter { axis.sample(observed.velocity, nx: inputs.nx, ny: inputs.ny, at: $0).isFinite }
        let all = Axes.range(of: profile.radius, margin: 0.02)
        guard let low = shown.min(), let high = shown.max(), high > low else {
            return (all.lowerBound * profile.pixscale)...(all.upperBound * profile.pixscale)
        }
        let pad = 0.25 * (high - low) / 2
        return (Swift.max(low - pad, all.lowerBound) * profile.pixscale)...(Swift.min(high + pad, all.upperBound) * profile.pixscale)
    }

    /// Ticks and labels in kpc along the top edge of `axes` (whose x is in arcsec).
    static func drawKpcAxis(_ canvas: Canvas, _ axes: Axes, kpcPerArcsec: Double) {
        let low = axes.xRange.lowerBound * kpcPerArcsec, high = axes.xRange.upperBound * kpcPerArcsec
        let ticks = Ticks.values(low, high, target: 6)
        canvas.setColor(.black)
        canvas.setLine(width: 1)
        for (v, label) in zip(ticks, Ticks.labels(ticks)) {
            let d = axes.px(v / kpcPerArcsec)
            canvas.polyline([(d, axes.y), (d, axes.y - 5)])
            canvas.text(label, x: d, y: axes.y - 8, size: Axes.tickSize, anchor: .centre)
        }
        canvas.text("offset (kpc)", x: axes.x + axes.width / 2, y: axes.y - 24, size: Axes.labelSize, anchor: .centre)
    }
}
