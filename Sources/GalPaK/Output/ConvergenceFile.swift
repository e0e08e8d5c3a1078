extension ConvergenceReport {
    /// `PREFIX_galaxy_parameters_convergence.dat`: the reference's one-row table of Geweke
    /// scores, one column per parameter.
    public var gewekeTable: String {
        FixedWidthTable(columns: geweke.names.map(\.key),
                        rows: [geweke.values.map(FixedWidthTable.cell)]).text
    }
}
