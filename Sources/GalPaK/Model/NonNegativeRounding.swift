extension Double {
    /// ⌊x⌋ of a finite x ≥ 0, by conversion. Baseline x86-64 (SSE2) has no rounding
    /// instruction, so `rounded(.down)` is a library call; the renderer needs a few per spaxel.
    @inline(__always)
    var nonNegativeFloor: Int { Int(self) }

    /// ⌈x⌉ of a finite x ≥ 0, by conversion.
    @inline(__always)
    var nonNegativeCeiling: Int {
        let whole = Int(self)
        return Double(whole) < self ? whole + 1 : whole
    }
}
