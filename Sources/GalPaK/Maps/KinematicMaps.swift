/// Three maps of a galaxy on the cube's spatial grid: flux, line-of-sight velocity and
/// velocity dispersion (each `ny·nx` values, x fastest: `index = j·nx + i`).
///
/// The same type holds the model's intrinsic maps (doc §2.7), its beam-smeared "observed"
/// maps (doc §9) and the moment maps of the data. Velocities are km/s relative to the fitted
/// systemic velocity (channel `z`), positive = receding; NaN marks a spaxel without a value.
public struct KinematicMaps: Sendable, Equatable {
    /// Columns (x).
    public let nx: Int
    /// Rows (y).
    public let ny: Int
    /// Flux per spaxel, summed over channels, in the cube's units (not × CDELT3).
    public var flux: [Double]
    /// Line-of-sight velocity, km/s.
    public var velocity: [Double]
    /// Line-of-sight velocity dispersion, km/s.
    public var dispersion: [Double]

    /// - Precondition: each map holds `nx·ny` values.
    public init(nx: Int, ny: Int, flux: [Double], velocity: [Double], dispersion: [Double]) {
        precondition(flux.count == nx * ny && velocity.count == nx * ny && dispersion.count == nx * ny,
                     "maps do not match the grid")
        self.nx = nx
        self.ny = ny
        self.flux = flux
        self.velocity = velocity
        self.dispersion = dispersion
    }

    /// The intrinsic maps of `model` at `parameters` (one render; doc §2.7): the flux map sums
    /// to the `flux` parameter, velocity and dispersion are NaN where the disk has no flux.
    public static func intrinsic(of model: DiskModel, at parameters: GalaxyParameters) -> KinematicMaps {
        _ = model.render(parameters)
        return KinematicMaps(nx: model.nx, ny: model.ny, flux: model.fluxMap,
                             velocity: model.velocityMap, dispersion: model.dispersionMap)
    }

    /// These maps with velocity and dispersion set to NaN wherever the flux is below
    /// `fraction` of the flux map's peak (the reference displays maps masked at 1/50).
    public func masked(belowPeakFraction fraction: Double) -> KinematicMaps {
        let peak = flux.lazy.filter(\.isFinite).max() ?? 0
        var copy = self
        for s in flux.indices where !(flux[s] >= fraction * peak) {
            copy.velocity[s] = .nan
            copy.dispersion[s] = .nan
        }
        return copy
    }
}
