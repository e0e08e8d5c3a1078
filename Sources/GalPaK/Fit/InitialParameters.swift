/// Where the chain starts.
///
/// The reference's starting point (doc §6.1): radius 3 px, turnover radius 1 px,
/// inclination 30°, Vmax 100 km/s, sigma0 5 km/s, flux = the data's flux estimate, and the
/// centre at the middle of its bounds. The reference draws the starting PA at random; here the
/// PA is instead the best of 12 trial angles (every 30°), which costs 12 model evaluations and
/// avoids starting with the disk rotating the wrong way round. Values outside the (possibly
/// user-narrowed) bounds are moved to the middle of the bounds.
public enum InitialParameters {
    /// Number of PA values tried.
    public static let trialAngles = 12

    /// The starting point for `bounds`, choosing the PA that minimises `chi2`.
    public static func guess(bounds: ParameterBounds, fluxEstimate: Double,
                             chi2: (GalaxyParameters) -> Double) -> GalaxyParameters {
        var p = GalaxyParameters(
            x: .nan, y: .nan, z: .nan, flux: fluxEstimate, radius: 3, inclination: 30, pa: 0,
            turnoverRadius: 1, maximumVelocity: 100, velocityDispersion: 5)
        for name in ParameterName.allCases {
            let lo = bounds.min[name], hi = bounds.max[name]
            if !(p[name] >= lo && p[name] <= hi) { p[name] = (lo + hi) / 2 }
        }
        var best = p, bestChi2 = Double.infinity
        for step in 0..<trialAngles {
            var trial = p
            trial[.pa] = Double(step) * 360 / Double(trialAngles)
            guard bounds.contains(trial) else { continue }
            let c = chi2(trial)
            if c < bestChi2 {
                bestChi2 = c
                best = trial
            }
        }
        return best
    }
}
