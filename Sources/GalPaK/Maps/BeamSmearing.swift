/// The model's "observed" maps: the intrinsic maps smeared by the PSF as Epinat et al. (2010,
/// eqs. A15–A17) do it, which is what the reference writes as `_obs_*_map.fits` (doc §9).
///
/// With F, V, S the intrinsic flux, velocity and dispersion maps and P the PSF image,
///
///     Fobs  = F ⊛ P
///     Vobs  = (V·F) ⊛ P / Fobs
///     Sobs² = (S²·F) ⊛ P / Fobs + (V²·F) ⊛ P / Fobs − Vobs²
///
/// so the observed dispersion includes the velocity gradient smeared within the beam; the LSF
/// is not included (as in the reference). Unlike the reference, whose FFT convolution is
/// circular on a power-of-two box, ⊛ here is a linear (zero-padded) convolution, as in the fit,
/// so nothing wraps around the map's edges; it is the Double ``FFTConvolver``, not the fit's
/// Float passes, because Sobs² is a difference of large moments.
///
/// Accuracy: the convolutions are exact to round-off, ~1e-16 of the peak of each product
/// map. Vobs and Sobs are therefore set to NaN where Fobs < 1e-9 of its peak, where that
/// round-off could reach 1e-7 of the velocities; above it they are good to ~1e-6 km/s.
/// The reference's display mask (Fobs ≥ peak/50) is applied by the figures, not here.
extension KinematicMaps {
    /// Fraction of the peak observed flux below which Vobs and Sobs are not computed.
    static let beamSmearingFloor = 1e-9

    /// The PSF image of a 3-D kernel: `P(j, i) = Σ_k K(k, j, i)` (unit sum when the kernel's is).
    public static func psfImage(of kernel: Kernel3D) -> [Double] {
        let plane = kernel.nx * kernel.ny
        var psf = [Double](repeating: 0, count: plane)
        for k in 0..<kernel.nz {
            for s in 0..<plane { psf[s] += kernel.values[k * plane + s] }
        }
        return psf
    }

    /// These (intrinsic) maps smeared by `psf` (`ny·nx`, centred at `(ny/2, nx/2)` like
    /// ``Kernel3D``), by the formulas above. A spaxel whose velocity or dispersion is not
    /// finite (the intrinsic maps' "no flux") adds nothing to the velocity and dispersion terms.
    public func beamSmeared(by psf: [Double]) -> KinematicMaps {
        precondition(psf.count == nx * ny, "PSF image does not match the maps")
        let convolution = FFTConvolver(kernel: Kernel3D(lsf: [1], psf: psf, nx: nx, ny: ny), planning: .estimate)
        var weightedFlux = [Double](repeating: 0, count: nx * ny)
        var firstMoment = weightedFlux, secondMoment = weightedFlux
        for s in 0..<nx * ny where flux[s].isFinite {
            let f = flux[s], v = velocity[s], sigma = dispersion[s]
            weightedFlux[s] = f
            guard v.isFinite, sigma.isFinite else { continue }
            firstMoment[s] = v * f
            secondMoment[s] = (sigma * sigma + v * v) * f
        }
        let smearedFlux = convolution.convolved(weightedFlux)
        firstMoment = convolution.convolved(firstMoment)
        secondMoment = convolution.convolved(secondMoment)

        let peak = smearedFlux.max() ?? 0
        var velocity = [Double](repeating: .nan, count: nx * ny)
        var dispersion = velocity
        for s in 0..<nx * ny where smearedFlux[s] > Self.beamSmearingFloor * peak {
            let v = firstMoment[s] / smearedFlux[s]
            velocity[s] = v
            dispersion[s] = Swift.max(secondMoment[s] / smearedFlux[s] - v * v, 0).squareRoot()
        }
        return KinematicMaps(nx: nx, ny: ny, flux: smearedFlux, velocity: velocity, dispersion: dispersion)
    }
}
