import Foundation

/// Gaussian noise smoothed as interferometer and resampled IFU cubes are: white noise
/// convolved with a circular Gaussian beam (spatial) and a channel kernel (spectral),
///
///     n = σ · (w ∗ b_x ∗ b_y ∗ c_z),   w white with unit variance,
///
/// each 1-D kernel scaled to unit Σk², so that every voxel's standard deviation is exactly σ
/// (in expectation) whatever the smoothing. The white field is drawn on a grid larger than the
/// cube by each kernel's half-width on every side and only the cube's part is kept, so the
/// edges are smoothed like the middle (no zero padding lowers their rms, nothing wraps).
///
/// The beam (standard deviation `s = beamFWHM / 2.35482`) is sampled at integer offsets over
/// ±4s; the noise's spatial correlation is then the Gaussian of width √2·s, which
/// ``NoiseCorrelation/spatialFWHM`` reports back as `beamFWHM`.
public struct CorrelatedNoise: Sendable, Equatable {
    /// FWHM (px) of the Gaussian beam; 0 for spatially white noise.
    public var beamFWHM: Double
    /// The channel kernel (centred on its middle element); `[1]` for spectrally white noise.
    public var channelKernel: [Double]

    /// Hanning smoothing over three channels.
    public static let hanning = [0.25, 0.5, 0.25]
    /// No smoothing at all.
    public static let white = CorrelatedNoise(beamFWHM: 0, channelKernel: [1])

    public init(beamFWHM: Double, channelKernel: [Double] = [1]) {
        precondition(beamFWHM >= 0 && !channelKernel.isEmpty && channelKernel.count % 2 == 1,
                     "the beam FWHM must be ≥ 0 and the channel kernel of odd length")
        self.beamFWHM = beamFWHM
        self.channelKernel = channelKernel
    }

    /// The beam's taps at offsets −h…h, h = ⌈4σ⌉ (`[1]` for no beam), unnormalised.
    var beamKernel: [Double] {
        let s = beamFWHM / fwhmPerSigma
        guard s > 0 else { return [1] }
        let h = Int((4 * s).rounded(.up))
        return (-h...h).map { exp(-Double($0 * $0) / (2 * s * s)) }
    }

    /// A noise cube of `nz × ny × nx` voxels (x fastest) with standard deviation `sigma` per
    /// voxel, drawn from `generator`.
    public func field<G: RandomNumberGenerator>(nx: Int, ny: Int, nz: Int, sigma: Double,
                                                using generator: inout G) -> [Double] {
        func unitPower(_ k: [Double]) -> [Double] {
            let norm = k.reduce(0) { $0 + $1 * $1 }.squareRoot()
            return k.map { $0 / norm }
        }
        let beam = unitPower(beamKernel), channel = unitPower(channelKernel)
        let (hxy, hz) = (beam.count / 2, channel.count / 2)
        // The padded white field, then one "valid" pass per axis, each shrinking its axis.
        var shape = (x: nx + 2 * hxy, y: ny + 2 * hxy, z: nz + 2 * hz)
        var values = (0..<(shape.x * shape.y * shape.z)).map { _ in generator.nextGaussian() }
        values = Self.validPass(values, shape: &shape, axis: 0, taps: beam)
        values = Self.validPass(values, shape: &shape, axis: 1, taps: beam)
        values = Self.validPass(values, shape: &shape, axis: 2, taps: channel)
        return values.map { sigma * $0 }
    }

    /// `out[p] = Σ_s taps[s]·in[p + s·e_axis]` where every term lies inside `shape`; the axis
    /// shrinks by `taps.count − 1` (`shape` is updated).
    private static func validPass(_ input: [Double], shape: inout (x: Int, y: Int, z: Int), axis: Int,
                                  taps: [Double]) -> [Double] {
        let shrink = taps.count - 1
        guard shrink > 0 else { return input }
        let stride = [1, shape.x, shape.x * shape.y][axis]
        let from = shape
        switch axis {
        case 0: shape.x -= shrink
        case 1: shape.y -= shrink
        default: shape.z -= shrink
        }
        var output = [Double](repeating: 0, count: shape.x * shape.y * shape.z)
        for k in 0..<shape.z {
            for j in 0..<shape.y {
                for i in 0..<shape.x {
                    let start = (k * from.y + j) * from.x + i
                    var sum = 0.0
                    for s in taps.indices { sum += taps[s] * input[start + s * stride] }
                    output[(k * shape.y + j) * shape.x + i] = sum
                }
            }
        }
        return output
    }
}
