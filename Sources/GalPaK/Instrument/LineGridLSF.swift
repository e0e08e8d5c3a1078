/// A set of lines placed on a cube with the instrument's LSF (``LineGrid``'s width correction).
extension LineSpreadFunction {
    /// The LSF's σ in channels at an axis value (in the axis's unit), for an LSF whose width
    /// changes along the axis: MUSE's, `FWHM(λ)/2.35482/|CDELT3|` with ``museFWHM(angstroms:)``.
    /// Nil for the others, whose width is the same number of channels everywhere (a FWHM in the
    /// axis's unit or in channels) or none.
    /// - Throws: ``GalpakError`` `.badInput` as ``fwhm(spectral:channels:)`` (MUSE's on an axis
    ///   that is not a wavelength).
    public func sigmaChannelsAlongAxis(spectral: SpectralAxis, channels nz: Int) throws -> (@Sendable (Double) -> Double)? {
        guard case .muse = self else { return nil }
        _ = try fwhm(spectral: spectral, channels: nz)
        let perUnit = spectral.unit.scale, step = abs(spectral.cdelt)
        return { value in Self.museFWHM(angstroms: value * perUnit) / perUnit / fwhmPerSigma / step }
    }
}

extension ModelConfiguration {
    /// The set of lines placed on a cube's spectral axis of `nz` channels blurred by `lsf`
    /// (``LineGrid``); nil without a set.
    /// - Throws: ``GalpakError`` `.badInput` as ``LineGrid/init(_:spectral:channels:lsfSigma:)`` and
    ///   ``LineSpreadFunction/sigmaChannelsAlongAxis(spectral:channels:)``.
    public func lineGrid(spectral: SpectralAxis, channels nz: Int, lsf: LineSpreadFunction?) throws -> LineGrid? {
        guard let lines else { return nil }
        return try LineGrid(lines, spectral: spectral, channels: nz,
                            lsfSigma: try lsf?.sigmaChannelsAlongAxis(spectral: spectral, channels: nz))
    }
}
