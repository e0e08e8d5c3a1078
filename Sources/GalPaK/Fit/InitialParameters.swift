/// Where the chains start.
///
/// Each parameter comes from, in order of precedence: the user's value (`--init`, `--fix`);
/// the cube's moments (``MomentGuess``), unless the reference start is asked for; the
/// reference's defaults (doc §6.1): radius 3 px, turnover radius 1 px, inclination 30°,
/// Vmax 100 km/s, σ0 5 km/s, flux = the data's flux estimate, the centre at the middle of its
/// bounds. A value outside the bounds is moved to the nearest bound for a measured value, to the
/// middle of the bounds for a default.
///
/// Unless the user gave it, the PA is the candidate with the smallest χ² among the
/// velocity-gradient PA, the image's major axis both ways, 12 trial angles every 30° and the
/// middle of the PA bounds (the reference draws it at random); at most 16 model evaluations,
/// and the start is never worse than the best trial angle.
public enum InitialParameters {
    /// Number of PA values tried besides the measured ones.
    public static let trialAngles = 12

    /// The reference's starting values of `parameters` (each its
    /// ``ParameterDescriptor/referenceStart``; x, y, z NaN: the middle of the bounds).
    public static func referenceDefaults<C: Collection<ParameterName>>(
        fluxEstimate: Double, parameters: C) -> GalaxyParameters {
        GalaxyParameters(parameters.map { $0.descriptor.referenceStart(fluxEstimate) }, names: parameters)
    }

    /// The starting point.
    /// - Parameters:
    ///   - bounds: the bounds in force (fixed parameters already pinned).
    ///   - moments: the cube's moments, or nil for the reference's start.
    ///   - user: values the user gave (NaN = none); they are used as given.
    ///   - chi2: χ² of a parameter set, to choose the PA, one copy per worker (each on a forward
    ///     model of its own; the candidates are shared among them, the result the same); what
    ///     it throws ends the guess.
    public static func guess(bounds: ParameterBounds, fluxEstimate: Double, moments: MomentGuess? = nil,
                             user: GalaxyParameters = .missing,
                             chi2: [(GalaxyParameters) throws -> Double]) throws -> GalaxyParameters {
        precondition(!chi2.isEmpty, "at least one copy of chi2")
        var p = referenceDefaults(fluxEstimate: fluxEstimate, parameters: bounds.names)
        for name in bounds.names {
            let lo = bounds.min[name], hi = bounds.max[name]
            if let measured = moments?.parameters[name], measured.isFinite {
                p[name] = Swift.min(Swift.max(measured, lo), hi)
            } else if !bounds.contains(p[name], for: name) {
                p[name] = (lo + hi) / 2
            }
            if user[name].isFinite { p[name] = user[name] }
        }
        guard user[.pa].isNaN else { return p }

        var candidates = (0..<trialAngles).map { Double($0) * 360 / Double(trialAngles) }
        candidates.append((bounds.min[.pa] + bounds.max[.pa]) / 2)  // inside narrow user bounds
        if let moments {
            if moments.parameters[.pa].isFinite { candidates.insert(moments.parameters[.pa], at: 0) }
            if moments.morphologicalPA.isFinite {
                candidates += [moments.morphologicalPA, wrapDegrees(moments.morphologicalPA + 180)]
            }
        }
        let trials = candidates.map { pa in
            var trial = p
            trial[.pa] = pa
            return trial
        }.filter { bounds.contains($0) }
        var values = [Double](repeating: .infinity, count: trials.count)
        try values.withUnsafeMutableBufferPointer { values in
            try forEachConcurrently(trials.count, workers: chi2.count) { w, m in values[m] = try chi2[w](trials[m]) }
        }
        // The first of the smallest, as one after the other.
        var best = p, bestChi2 = Double.infinity
        for (trial, c) in zip(trials, values) where c < bestChi2 {
            bestChi2 = c
            best = trial
        }
        return best
    }
}
