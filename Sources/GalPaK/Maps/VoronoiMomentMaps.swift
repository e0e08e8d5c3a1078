/// The data's moment maps on Voronoi bins (`galpak fit --voronoi-snr S`), so that the faint
/// outer parts of a galaxy, where single spaxels are masked, are mapped too.
///
/// **S/N of a spaxel**: its line-integrated flux over the data's line window (``MomentMaps``'
/// `F`) over the noise of that flux, `F / √Var(F)`, with `Var(F)` from the cube's variance and,
/// when the fit measured a correlated noise, its spectral correlation (``LineWindowNoise``);
/// bins add the spatial correlation (``VoronoiBinning``). For white noise this is the S/N the
/// moment maps are masked with.
///
/// The spaxels are binned to S/N S (``VoronoiBinning``); every bin's mean spectrum (per channel,
/// the sum of its spaxels' valid voxels over their number, the variance likewise over the
/// number squared) gets the moments of ``MomentMaps`` over the same window, and its flux (a
/// mean per spaxel), velocity and dispersion are painted over the bin's spaxels, masked as
/// the moment maps are by the bin spectrum's own S/N; spaxels in no bin are NaN. The
/// velocity's error (``DataVelocityMap``) is the bin spectrum's, times `√(Var_B / Σ_B Var_i)`,
/// how much the spatial correlation raises the variance of the bin's flux above that of
/// independent spaxels.
public struct VoronoiMomentMaps: Sendable {
    /// The bins.
    public var binning: VoronoiBinning
    /// The moments of the bins' mean spectra, bin n at "spaxel" n (a map `bins × 1`).
    public var bins: MomentMaps
    /// The bins' moments painted over their spaxels (``MomentMaps/signalToNoise``: the bin's).
    public var maps: MomentMaps
    /// The painted velocity with its errors.
    public var velocity: DataVelocityMap

    /// Bins the data of `cube` to `target` and takes the moments of the bins, over `window`,
    /// relative to channel `systemicChannel`, with the LSF dispersion `lsfSigma` (km/s) removed
    /// (as ``MomentMaps/init(cube:systemicChannel:window:lsfSigma:minimumSNR:)``).
    public init(cube: Cube, systemicChannel: Double, window: ClosedRange<Int>, lsfSigma: Double, target: Double,
                correlation: NoiseCorrelation) {
        let plane = cube.nx * cube.ny
        let noise = LineWindowNoise(cube: cube, window: window, correlation: correlation)
        let flux = (0..<plane).map(noise.flux(spaxel:))
        let binning = VoronoiBinning(signal: flux.map(\.flux), variance: flux.map(\.variance), nx: cube.nx, ny: cube.ny,
                                     target: target, correlation: correlation)
        self.binning = binning
        let count = binning.bins.count
        var data = [Double](repeating: 0, count: count * cube.nz)
        var variance = data
        var valid = [Bool](repeating: false, count: count * cube.nz)
        for (b, bin) in binning.bins.enumerated() {
            let n = Double(bin.spaxels.count)
            for k in 0..<cube.nz {
                for s in bin.spaxels {
                    let d = cube.data[k * plane + s], v = cube.variance?[k * plane + s] ?? .nan
                    guard d.isFinite, v.isFinite, v > 0 else { continue }
                    data[k * count + b] += d / n
                    variance[k * count + b] += v / (n * n)
                    valid[k * count + b] = true
                }
            }
        }
        for n in valid.indices where !valid[n] { (data[n], variance[n]) = (.nan, .nan) }
        let spectra = Cube(nx: count, ny: 1, nz: cube.nz, data: data, variance: variance,
                           spectral: cube.spectral, pixscale: cube.pixscale)
        let bins = MomentMaps(cube: spectra, systemicChannel: systemicChannel, window: window, lsfSigma: lsfSigma)
        self.bins = bins
        let binErrors = DataVelocityMap.errors(of: bins, cube: spectra, systemicChannel: systemicChannel,
                                               correlation: correlation)
        let inflation = binning.bins.map { bin in
            bin.variance / bin.spaxels.reduce(0) { $0 + flux[$1].variance }
        }
        func painted(_ values: [Double]) -> [Double] {
            binning.binOfSpaxel.map { $0 == VoronoiBinning.notBinned ? .nan : values[$0] }
        }
        var maps = bins
        maps.maps = KinematicMaps(nx: cube.nx, ny: cube.ny, flux: painted(bins.maps.flux),
                                  velocity: painted(bins.maps.velocity), dispersion: painted(bins.maps.dispersion))
        maps.signalToNoise = painted(bins.signalToNoise)
        self.maps = maps
        velocity = DataVelocityMap(velocity: maps.maps.velocity,
                                   error: painted(zip(binErrors, inflation).map { $0 * $1.squareRoot() }),
                                   nx: cube.nx, ny: cube.ny, bins: binning.binOfSpaxel, correlation: correlation)
    }
}
