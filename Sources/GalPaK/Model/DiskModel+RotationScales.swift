import Foundation

extension DiskModel {
    /// The rotation curve's scales for one render of `p` (sanitised parameters).
    ///
    /// For the `mass` curve this sets the amplitude the reference's way: the unscaled curve
    /// `√(m(<R/Re)/(R + 1e-9))` is divided by its maximum over every point of the rendering grid
    /// (`losDepth × ny × nx`, the R of ``DiskModel``'s geometry) and multiplied by V. That curve
    /// rises to a single peak at R* = ``FluxProfile/enclosedLightPeak`` × Re and falls beyond,
    /// so its maximum over the grid is at the grid radius just below or just above R*; one pass
    /// over the grid's radii (no transcendental functions) finds those two. The result equals the
    /// reference's `nanmax` to rounding.
    func rotationScales(for p: GalaxyParameters) -> RotationCurve.Scales {
        rotationScales(for: p, amplitude: p.maximumVelocity)
    }

    /// The scales of the curve of `p` with the amplitude `amplitude` in place of V: 1 gives the
    /// curve's shape v(R)/V, which the non-circular flows take (``NonCircularMotions``), whole
    /// even when V = 0.
    func rotationScales(for p: GalaxyParameters, amplitude: Double) -> RotationCurve.Scales {
        var scales = RotationCurve.Scales(turnoverRadius: p.turnoverRadius, maximumVelocity: amplitude,
                                          radius: p.radius, fluxProfile: configuration.fluxProfile)
        guard configuration.rotationCurve == .mass else { return scales }
        let profile = configuration.fluxProfile
        let peak = profile.enclosedLightPeak * p.radius
        let (below, above) = gridRadii(around: peak, p)
        func shape(_ r: Double?) -> Double {
            r.map { RotationCurve.massShape($0, radius: p.radius, profile: profile) } ?? 0
        }
        let best = Swift.max(shape(below), shape(above))
        scales.massAmplitude = best > 0 && best.isFinite ? amplitude / best : 0
        return scales
    }

    /// The largest in-plane radius of the rendering grid not above `target` and the smallest
    /// not below it (nil when every grid radius lies on the other side).
    private func gridRadii(around target: Double, _ p: GalaxyParameters) -> (below: Double?, above: Double?) {
        let disk = DiskOrientation(p)
        let midPlane = Double(losDepth - 1) / 2
        let target2 = target * target
        var below = -Double.infinity, above = Double.infinity
        for j in 0..<ny {
            let dy = Double(j) - p.y
            for i in 0..<nx {
                let dx = Double(i) - p.x
                let (u, w) = disk.project(dx: dx, dy: dy)
                for l in 0..<losDepth {
                    let yy = disk.cosI * w - disk.sinI * (Double(l) - midPlane)
                    let r2 = u * u + yy * yy
                    if r2 <= target2 { below = Swift.max(below, r2) } else { above = Swift.min(above, r2) }
                }
            }
        }
        return (below.isFinite ? below.squareRoot() : nil, above.isFinite ? above.squareRoot() : nil)
    }
}
