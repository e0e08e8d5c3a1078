extension GalaxyParameters {
    /// In-place form of ``sanitized()`` for the sampler's loop (no copy of the value buffer):
    /// negative inclination → PA + 180°, then PA wrapped to [0, 360).
    mutating func sanitize() {
        if values[ParameterName.inclination.rawValue] < 0 { values[ParameterName.pa.rawValue] += 180 }
        values[ParameterName.pa.rawValue] = wrapDegrees(values[ParameterName.pa.rawValue])
    }
}
