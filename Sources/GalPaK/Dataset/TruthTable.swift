/// `truth.csv`, a dataset's table of truths: one row per cube, its columns
///
///     file, seed, <each prior's key>, sigma
///
/// `file` is the cube's name in the dataset's directory (`cube_0000.fits`), `seed` its noise
/// seed, then the value of every prior (``DatasetPriors/entries``: the model's parameters in
/// its order, then the settings drawn or fixed, a setting given on the command line too) and
/// `sigma`, the noise σ per voxel the cube got (`noise_sigma`, or its peak / `snr`; 0 without
/// noise). Numbers are written in full (Swift's shortest round-trip form), so a row read back
/// gives the exact values: `galpak simulate` with a row's values and `--seed SEED` makes the
/// same cube.
public enum TruthTable {
    /// The column of the noise σ per voxel.
    public static let sigmaColumn = "sigma"

    /// The table of `dataset`, whose cubes got the noise `sigmas` (one per cube, in order).
    static func text(_ dataset: SimulatedDataset, sigmas: [Double]) -> String {
        let header = ["file", "seed"] + dataset.priors.entries.map(\.quantity.key) + [sigmaColumn]
        return CSVTable.line(header) + dataset.draws.map { draw in
            CSVTable.line([dataset.cubeName(draw.index), String(draw.noiseSeed)]
                + draw.values.map { "\($0)" } + ["\(sigmas[draw.index])"])
        }.joined()
    }
}
