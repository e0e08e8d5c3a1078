extension Duration {
    /// The duration in seconds as a Double: `seconds + attoseconds · 1e-18` of its
    /// ``components``, within two units in the last place of the exact value (relative error
    /// below 3e-16); negative for a negative duration.
    public var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}
