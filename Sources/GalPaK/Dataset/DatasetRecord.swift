/// `dataset.json`, a dataset's completion record, written last: how it was made — the number
/// of cubes, the seed, the priors file and its distributions (in the priors file's own form,
/// ``Prior/json``), the grid, the truth table's name, every warning — and the run's
/// `galpak_version`, `command_line` and `date`, as in a fit's JSON.
enum DatasetRecord {
    static func text(_ dataset: SimulatedDataset, provenance: Provenance) -> String {
        let priors = dataset.priors.entries.map { "    \(ParametersJSON.string($0.quantity.key)): \($0.prior.json)" }
        let base = dataset.base
        let fields: [(String, String)] = [
            ("count", String(dataset.count)),
            ("seed", String(dataset.seed)),
            ("priors_file", ParametersJSON.string(dataset.priors.source)),
            ("priors", "{\n" + priors.joined(separator: ",\n") + "\n  }"),
            ("shape_nx_ny_nz", "[\(base.nx), \(base.ny), \(base.nz)]"),
            ("truth", ParametersJSON.string(SimulatedDataset.truthName)),
            ("first_cube", ParametersJSON.string(dataset.cubeName(0))),
            ("last_cube", ParametersJSON.string(dataset.cubeName(dataset.count - 1))),
            ("warnings", ParametersJSON.list(dataset.priors.warnings)),
        ] + ParametersJSON.provenance(provenance)
        return "{\n" + fields.map { "  \(ParametersJSON.string($0.0)): \($0.1)" }.joined(separator: ",\n") + "\n}\n"
    }
}
