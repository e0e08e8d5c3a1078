/// `PREFIX_voronoi.dat` (`galpak fit --voronoi-snr S`): the data's Voronoi bins
/// (``VoronoiMomentMaps``) as a fixed-width table (the layout of the other `.dat` files), one row
/// per bin, after a comment line stating the target S/N:
///
///     bin | x_pix | y_pix | spaxels | snr | flux | velocity_kms | dispersion_kms
///
/// `bin` is the number `PREFIX_voronoi_bins.fits` gives its spaxels; `x_pix`, `y_pix` its
/// centroid weighted by the line flux (0-based pixels); `spaxels` how many it holds; `snr` its
/// S/N (noise correlation folded in, ``VoronoiBinning``); `flux` (mean per spaxel, the cube's
/// unit summed over channels), `velocity_kms` and `dispersion_kms` (LSF removed) the moments of
/// its mean spectrum, the values painted on the data maps (NaN where masked).
public enum VoronoiTableFile {
    /// The columns, in file order.
    public static let columns = ["bin", "x_pix", "y_pix", "spaxels", "snr", "flux", "velocity_kms", "dispersion_kms"]

    /// The file's text.
    public static func text(for maps: VoronoiMomentMaps) -> String {
        let moments = maps.bins.maps
        let rows = maps.binning.bins.enumerated().map { n, bin -> [String] in
            [FixedWidthTable.cell(n)]
                + [bin.x, bin.y].map(FixedWidthTable.cell)
                + [FixedWidthTable.cell(bin.spaxels.count)]
                + [bin.signalToNoise, moments.flux[n], moments.velocity[n], moments.dispersion[n]].map(FixedWidthTable.cell)
        }
        var table = FixedWidthTable(columns: columns, rows: rows)
        table.comment = "Voronoi bins of the data to S/N \(FixedWidthTable.cell(maps.binning.target)) (Cappellari & Copin 2003)"
        return table.text
    }
}
