/// Wraps an angle in degrees to [0, 360), like Python's `a % 360`: `a − 360·⌊a / 360⌋`,
/// computed as the remainder of `a / 360` plus 360 when that is negative (exact: no rounding
/// beyond that of the final addition). A whole number of turns gives 0, or −0 (== 0) when
/// negative; NaN and ±∞ give NaN.
@inlinable
public func wrapDegrees(_ a: Double) -> Double {
    let r = a.truncatingRemainder(dividingBy: 360)
    return r < 0 ? r + 360 : r
}

/// Wraps an angle difference in degrees to the half-open half turn (−180, 180]: 180 stays 180,
/// −180 becomes 180, 540 becomes 180, −190 becomes 170. The remainder of `d / 360` is exact,
/// and at most one turn is added or subtracted. NaN and ±∞ give NaN.
@inlinable
public func wrapHalfTurn(_ d: Double) -> Double {
    var r = d.truncatingRemainder(dividingBy: 360)
    if r > 180 { r -= 360 } else if r <= -180 { r += 360 }
    return r
}
