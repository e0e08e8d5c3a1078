import Foundation

/// The line spread function: the instrument's spectral response to a monochromatic line.
///
/// Evaluated, as the reference does, at the channel centres of a cube of `nz` channels,
/// centred on channel `nz/2` (integer division), normalised to unit sum.
public enum LineSpreadFunction: Sendable, Equatable {
    /// A Gaussian of the given FWHM, in `unit`, or in the cube's spectral unit (CUNIT3) when
    /// `unit` is nil. An instrument's default carries its unit (KMOS: 0.00065 um) and is
    /// converted to the cube's unit (6.5 Å on an Angstrom cube).
    case gaussian(fwhm: Double, unit: SpectralUnit? = nil)

    /// A Gaussian whose FWHM is this many channels (|CDELT3|): ALMA's default is 1, OSIRIS's 2.5.
    case gaussianChannels(Double)

    /// MUSE's measured resolution (Bacon et al. 2017), a Gaussian whose FWHM is
    /// ``museFWHM(angstroms:)`` at the cube's central wavelength
    /// (``SpectralAxis/centralValue(channels:)``). Needs a wavelength axis.
    case muse

    /// No spectral convolution: a unit impulse on the centre channel, so the kernel leaves every
    /// spectrum as it is. (The reference's `NoLineSpreadFunction` is a flat profile that smears
    /// each spectrum over the whole band; that is not copied.)
    case none

    /// MUSE's LSF FWHM in Å at wavelength `lambda` in Å (Bacon et al. 2017):
    /// `FWHM = 5.835e-8 λ² − 9.080e-4 λ + 5.983` (2.5377 Å at 6558.75 Å).
    public static func museFWHM(angstroms lambda: Double) -> Double {
        5.835e-8 * (lambda * lambda) - 9.080e-4 * lambda + 5.983
    }

    /// The FWHM in the axis's unit for a cube of `nz` channels; nil for ``none``.
    /// - Throws: ``GalpakError`` (`.badInput`) when the LSF cannot be expressed on this axis
    ///   (MUSE's formula on a frequency or velocity axis, a width in um on a frequency axis).
    public func fwhm(spectral: SpectralAxis, channels nz: Int) throws -> Double? {
        switch self {
        case let .gaussian(fwhm, unit):
            guard let unit else { return fwhm }
            guard let converted = unit.convert(fwhm, to: spectral.unit) else {
                throw GalpakError(.badInput, "the LSF FWHM \(fwhm) \(unit.rawValue) cannot be used on a "
                    + "\(spectral.quantity.rawValue) axis (\(spectral.unit.rawValue)); give --lsf-fwhm in \(spectral.unit.rawValue)")
            }
            return converted
        case let .gaussianChannels(n):
            return n * abs(spectral.cdelt)
        case .muse:
            guard spectral.quantity == .wavelength else {
                throw GalpakError(.badInput, "the MUSE LSF needs a wavelength axis, and this cube's is a "
                    + "\(spectral.quantity.rawValue) (\(spectral.unit.rawValue)); give --lsf gaussian --lsf-fwhm "
                    + "(in \(spectral.unit.rawValue)), --lsf none, or the cube's instrument")
            }
            let perUnit = spectral.unit.scale
            let lambda = spectral.centralValue(channels: nz) * perUnit
            return Self.museFWHM(angstroms: lambda) / perUnit
        case .none:
            return nil
        }
    }

    /// The Gaussian σ in channels, `σ = |fwhm| / 2.35482 / |CDELT3|`; nil for ``none``.
    ///
    /// Magnitudes are taken so that a descending axis (CDELT3 < 0, e.g. frequency) or a FWHM
    /// given as "one channel" = CDELT3 gives the same positive width.
    public func sigmaChannels(spectral: SpectralAxis, channels nz: Int) throws -> Double? {
        try fwhm(spectral: spectral, channels: nz).map { abs($0) / fwhmPerSigma / abs(spectral.cdelt) }
    }

    /// The widest LSF, σ in channels: a line spread over a million channels is no line (the
    /// width is in the cube's spectral unit, so only here can a typo such as 1e300 be caught).
    public static let maximumSigmaChannels = 1e6

    /// The LSF over `nz` channels, `exp(−½ ((k − nz/2)/σ)²)` normalised to unit sum; for
    /// ``none`` 1 on channel nz/2 and 0 elsewhere.
    /// - Throws: ``GalpakError`` (`.badInput`) as ``fwhm(spectral:channels:)``, or when the width
    ///   is zero, not finite, or above ``maximumSigmaChannels``.
    public func profile(spectral: SpectralAxis, channels nz: Int) throws -> [Double] {
        precondition(nz > 0, "LSF needs at least one channel")
        let centre = nz / 2
        guard let sigma = try sigmaChannels(spectral: spectral, channels: nz) else {
            return (0..<nz).map { $0 == centre ? 1 : 0 }
        }
        guard sigma > 0, sigma <= Self.maximumSigmaChannels else {
            throw GalpakError(.badInput, "the LSF width is \(sigma) channels for a channel width CDELT3 = \(spectral.cdelt) "
                + "\(spectral.unit.rawValue); it must be positive and at most \(ValidRange.format(Self.maximumSigmaChannels)) "
                + "channels: check --lsf-fwhm and the channel width (--cdelt3), or give --lsf none for no spectral convolution")
        }
        let scale = -0.5 / (sigma * sigma)
        var values = (0..<nz).map { k in
            let d = Double(k - centre)
            return exp(scale * d * d)
        }
        let total = values.reduce(0, +)
        for k in values.indices { values[k] /= total }
        return values
    }
}
