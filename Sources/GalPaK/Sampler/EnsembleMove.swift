/// A move of an ensemble sampler (as in emcee): a proposed position for one walker, made from
/// the walkers of the complementary half of the ensemble, and the log ratio that the
/// acceptance test `ln U < ratio + ln p(proposal) − ln p(walker)` needs (for a Metropolis–
/// Hastings move, `ln q(walker | proposal) − ln q(proposal | walker)`; for the stretch move
/// the Jacobian term, ``StretchMove``).
public protocol EnsembleMove: Sendable {
    /// Writes the proposal for walker `walker` into `proposal` (count `dimension`).
    /// - Parameters:
    ///   - positions: every walker's position, flat, `dimension` values each.
    ///   - complement: the walkers the proposal may be built from (not containing `walker`).
    /// - Returns: the log ratio for the acceptance test.
    func propose<G: RandomNumberGenerator>(walker: Int, complement: Range<Int>, positions: [Double],
                                           dimension: Int, into proposal: inout [Double],
                                           using generator: inout G) -> Double
}
