import Foundation

/// The line spread function: the instrument's spectral response to a monochromatic line.
///
/// Evaluated, as the reference does, at the channel centres of a cube of `nz` channels,
/// centred on channel `nz/2` (integer division), normalised to unit sum.
public enum LineSpreadFunction: Sendable, Equatable {
    /// A Gaussian of the given FWHM, in the cube's spectral unit (CUNIT3).
    case gaussian(fwhm: Double)

    /// MUSE's measured resolution (Bacon et al. 2017), a Gaussian whose FWHM is
    /// ``museFWHM(angstroms:)`` at the cube's central wavelength
    /// (``SpectralAxis/centralWavelength(channels:)``).
    case muse

    /// MUSE's LSF FWHM in Å at wavelength `lambda` in Å (Bacon et al. 2017):
    /// `FWHM = 5.835e-8 λ² − 9.080e-4 λ + 5.983` (2.5377 Å at 6558.75 Å).
    public static func museFWHM(angstroms lambda: Double) -> Double {
        5.835e-8 * lambda * lambda - 9.080e-4 * lambda + 5.983
    }

    /// The FWHM in the axis's unit for a cube of `nz` channels.
    public func fwhm(spectral: SpectralAxis, channels nz: Int) -> Double {
        switch self {
        case let .gaussian(fwhm):
            return fwhm
        case .muse:
            let perUnit = spectral.unit.angstroms
            let lambda = spectral.centralWavelength(channels: nz) * perUnit
            return Self.museFWHM(angstroms: lambda) / perUnit
        }
    }

    /// The Gaussian σ in channels: `σ = |fwhm| / 2.35482 / |CDELT3|`.
    ///
    /// Magnitudes are taken so that a descending axis (CDELT3 < 0, e.g. frequency) or a FWHM
    /// given as "one channel" = CDELT3 gives the same positive width.
    public func sigmaChannels(spectral: SpectralAxis, channels nz: Int) -> Double {
        abs(fwhm(spectral: spectral, channels: nz)) / fwhmPerSigma / abs(spectral.cdelt)
    }

    /// The LSF over `nz` channels, `exp(−½ ((k − nz/2)/σ)²)` normalised to unit sum.
    public func profile(spectral: SpectralAxis, channels nz: Int) -> [Double] {
        precondition(nz > 0, "LSF needs at least one channel")
        let sigma = sigmaChannels(spectral: spectral, channels: nz)
        precondition(sigma > 0 && sigma.isFinite, "LSF width must be positive and finite")
        let centre = Double(nz / 2)
        let scale = -0.5 / (sigma * sigma)
        var values = (0..<nz).map { k in
            let d = Double(k) - centre
            return exp(scale * d * d)
        }
        let total = values.reduce(0, +)
        for k in values.indices { values[k] /= total }
        return values
    }
}
