/// Wraps an angle in degrees to [0, 360), like Python's `a % 360`: `a − 360·⌊a / 360⌋`,
/// computed as the remainder of `a / 360` plus 360 when that is negative (exact: no rounding
/// beyond that of the final addition). A whole number of turns gives 0, or −0 (== 0) when
/// negative; NaN and ±∞ give NaN.
@inlinable
public func wrapDegrees(_ a: Double) -> Double { wrapPeriod(a, 360) }

/// Wraps `a` to [0, period) the same way as ``wrapDegrees(_:)`` (which is `period` 360).
@inlinable
public func wrapPeriod(_ a: Double, _ period: Double) -> Double {
    let r = a.truncatingRemainder(dividingBy: period)
    return r < 0 ? r + period : r
}

/// Wraps an angle difference in degrees to the half-open half turn (−180, 180]: 180 stays 180,
/// −180 becomes 180, 540 becomes 180, −190 becomes 170. The remainder of `d / 360` is exact,
/// and at most one turn is added or subtracted. NaN and ±∞ give NaN.
@inlinable
public func wrapHalfTurn(_ d: Double) -> Double { wrapHalfPeriod(d, 360) }

/// Wraps a difference to (−period/2, period/2] the same way as ``wrapHalfTurn(_:)`` (which is
/// `period` 360).
@inlinable
public func wrapHalfPeriod(_ d: Double, _ period: Double) -> Double {
    var r = d.truncatingRemainder(dividingBy: period)
    if r > period / 2 { r -= period } else if r <= -period / 2 { r += period }
    return r
}
