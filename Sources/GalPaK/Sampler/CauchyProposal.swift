import Foundation

/// The reference's default jump: every parameter moves at once, independently, by a
/// Cauchy-distributed step.
///
/// `new[i] = current[i] + scale[i] · tan(U)`, `U ~ Uniform(−π/2, π/2)`, i.e. a Cauchy
/// distribution of location `current[i]` and half-width `scale[i]`. Heavy tails give
/// occasional long jumps; the proposal is symmetric. A parameter whose scale is 0 (a fixed
/// parameter) is copied unchanged, bit for bit.
public struct CauchyProposal: Proposal, Equatable {
    /// Half-width of the Cauchy step per parameter, in the parameter's unit.
    public var scales: [Double]

    /// - Precondition: one scale per parameter, all finite and ≥ 0.
    public init(scales: [Double]) {
        precondition(scales.allSatisfy { $0.isFinite && $0 >= 0 }, "scales must be finite and >= 0")
        self.scales = scales
    }

    /// A proposal using the given scales.
    public init(scales: ProposalScales) {
        self.init(scales: scales.values)
    }

    public mutating func propose<G: RandomNumberGenerator>(
        from current: [Double], into proposed: inout [Double], using generator: inout G
    ) -> Double {
        Self.jump(from: current, into: &proposed, scales: scales, using: &generator)
        return 0
    }

    /// One independent Cauchy jump of half-widths `scales` (0 = copy), one uniform draw per parameter.
    @inline(__always)
    static func jump<G: RandomNumberGenerator>(from current: [Double], into proposed: inout [Double],
                                               scales: [Double], using generator: inout G) {
        for i in 0..<scales.count {
            let u = (generator.nextOpenUnitInterval() - 0.5) * Double.pi
            let s = scales[i]
            proposed[i] = s == 0 ? current[i] : current[i] + s * tan(u)
        }
    }
}
