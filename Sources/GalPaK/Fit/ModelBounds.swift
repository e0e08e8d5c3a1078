extension ParameterBounds {
    /// The default bounds of a fit of `model` (with the free PSF width `psfWidth`, if any) on a
    /// cube of `nx × ny × nz` voxels: those of its parameters
    /// (``defaults(nx:ny:nz:fluxEstimate:parameters:)``), `psf_fwhm`'s from its prior
    /// (``PSFWidthPrior/bounds``), with z's from the
    /// channels fitted (`channels`, nil for all): with a set of lines the whole range (the
    /// z-line may lie anywhere among the others), else, when a range is given, its middle third
    /// (A + n/3 to A + 2n/3, n = B − A + 1), as the defaults are of the cube's.
    /// - Throws: ``GalpakError`` `.badInput` as ``merging(min:max:)`` (not for a range in the cube).
    public static func defaults(for model: ModelConfiguration, psfWidth: PSFWidthPrior? = nil, nx: Int, ny: Int, nz: Int,
                                fluxEstimate: Double, channels: ClosedRange<Int>? = nil) throws -> ParameterBounds {
        let bounds = defaults(nx: nx, ny: ny, nz: nz, fluxEstimate: fluxEstimate,
                              parameters: FitOptions.parameters(model: model, psfWidth: psfWidth))
        let range = channels ?? 0...(nz - 1)
        var lo = GalaxyParameters.missing, hi = GalaxyParameters.missing
        if let psfWidth { (lo[.psfFWHM], hi[.psfFWHM]) = psfWidth.bounds }
        let first = Double(range.lowerBound), n = Double(range.count)
        if model.lines != nil {
            (lo[.z], hi[.z]) = (first, Double(range.upperBound))
        } else if channels != nil {
            (lo[.z], hi[.z]) = (first + n / 3, first + 2 * n / 3)
        }
        return try bounds.merging(min: lo, max: hi)
    }
}
