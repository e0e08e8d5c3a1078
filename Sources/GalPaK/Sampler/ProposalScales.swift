/// The reference's per-parameter proposal scale ("random_amplitude", §6.1 step 5).
///
/// `s = sqrt((max − min)² / 12) · Np / Nvox` — the standard deviation of a uniform
/// distribution over the bounds, times Np = 10 over the number of voxels — then × the
/// parameter's ``ParameterDescriptor/proposalFactor`` (flux 0.5; pa, maximum_velocity,
/// velocity_dispersion 1.5; others 1), everything × 3, × `random_scale`, and × 0 for fixed
/// parameters so they never move. Np stays the reference's 10 whatever the number of parameters.
///
/// Check (reference measurement, 36×30×30 cube, flux estimate 1081.88, the reference's default bounds):
/// x, y 0.002673; z 0.003207; flux 0.4338; radius 0.002793; inclination 0.02553;
/// pa 0.1764; turnover_radius 0.001501; maximum_velocity 0.1363; velocity_dispersion 0.07217.
public struct ProposalScales: Equatable, Sendable {
    /// The scales in vector order, in each parameter's unit.
    public var values: [Double]
    /// The parameters, in vector order.
    public let names: [ParameterName]

    /// Scales from explicit values, one per parameter of ``ParameterName/known`` in its order.
    public init(_ values: [Double]) {
        self.values = values
        names = Array(ParameterName.known.prefix(values.count))
    }

    /// The reference scales with one `randomScale` factor for every parameter.
    /// - Parameters:
    ///   - bounds: the bounds in force (after user limits).
    ///   - voxelCount: Nvox = nx · ny · nz, every voxel including NaNs.
    ///   - randomScale: overall multiplier (reference `random_scale`, default 1).
    ///   - known: fixed parameters (finite entries) get scale 0; NaN = free.
    public init(bounds: ParameterBounds, voxelCount: Int, randomScale: Double = 1,
                known: GalaxyParameters = .missing) {
        self.init(bounds: bounds, voxelCount: voxelCount,
                  randomScale: GalaxyParameters.uniform(randomScale, bounds.names),
                  known: known)
    }

    /// The reference scales with a per-parameter `randomScale` (a NaN entry means 1).
    public init(bounds: ParameterBounds, voxelCount: Int, randomScale: GalaxyParameters,
                known: GalaxyParameters = .missing) {
        precondition(voxelCount > 0, "voxelCount must be positive")
        var s = [Double](repeating: 0, count: bounds.names.count)
        for (k, name) in bounds.names.enumerated() {
            let width = bounds.max[name] - bounds.min[name]
            var v = (width * width / 12).squareRoot() * 10 / Double(voxelCount)
            v *= name.descriptor.proposalFactor
            v *= 3
            let r = randomScale[name]
            if !r.isNaN { v *= r }
            if known[name].isFinite { v = 0 }
            s[k] = v
        }
        values = s
        names = bounds.names
    }

    /// The scale of one parameter (0 for one the bounds do not have).
    public subscript(_ name: ParameterName) -> Double { names.firstIndex(of: name).map { values[$0] } ?? 0 }
}
