import ArgumentParser
import GalPaK

/// Options that choose the disk model (shared by `fit` and `simulate`).
struct ModelOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Surface-brightness profile, a Sérsic law ln I = −b_n((R/Re)^(1/n) − 1), b_n = 1.9992n − 0.3271, of index n 0.5, 1, 2, 4 (gaussian … de_vaucouleurs), or sersic: n the free parameter sersic_index.",
        valueName: "name"))
    var fluxProfile = ModelDefaults.fluxProfile

    @Option(help: ArgumentHelp(
        "Rotation curve (freeman and mass ignore turnover_radius; mass is scaled so that its maximum on the cube's grid is maximum_velocity).",
        valueName: "name"))
    var rotationCurve = ModelDefaults.rotationCurve

    @Option(help: ArgumentHelp("Vertical profile of the disk.", valueName: "name"))
    var thickness = ModelDefaults.thickness

    @Option(help: ArgumentHelp(
        "Dispersion added by the disk thickness: thick (hz·v/R) or thin (√(hz·v²/R)).", valueName: "name"))
    var dispersion = ModelDefaults.dispersion

    @Option(parsing: .unconditional, help: ArgumentHelp("Disk aspect ratio q = hz/Re, \(ModelConfiguration.aspectRange).", valueName: "q"))
    var aspect = ModelDefaults.aspect

    @Option(help: ArgumentHelp(
        "A doublet: the two rest wavelengths, different, each \(Self.positive), e.g. 3726.2,3728.9 (any unit; the redder line sits at z).",
        valueName: "blue,red"))
    var line: String?

    @Option(help: ArgumentHelp(
        "Amplitude ratio of the doublet's lines, in the order of --line, each \(Self.positive) (default \(Self.defaultLineRatio.map { "\($0)" }.joined(separator: ","))).", valueName: "a,b"))
    var lineRatio: String?

    @Option(help: ArgumentHelp(
        "A known doublet: oii ([OII] \(LineDoublet.oii.wavelengths.blue),\(LineDoublet.oii.wavelengths.red) with ratio \(LineDoublet.oii.ratios.blue),\(LineDoublet.oii.ratios.red)).",
        valueName: "name"))
    var doublet: String?

    /// The doublet's amplitude ratio without --line-ratio: equal lines.
    static let defaultLineRatio = [1, 1]
    /// The valid wavelengths and ratios of a doublet.
    static let positive = ValidRange(.open(0), .none)

    /// The values and their combination, checked while parsing.
    func validate() throws {
        try Validation.run { _ = try configuration() }
    }

    /// The model configuration these options describe.
    func configuration() throws -> ModelConfiguration {
        try ModelConfiguration.aspectRange.check(aspect, "--aspect")
        let configuration = ModelConfiguration(fluxProfile: fluxProfile, rotationCurve: rotationCurve, thickness: thickness,
                                               dispersion: dispersion, aspect: aspect, line: try doubletLine())
        if let problem = configuration.problem { throw ValidationError(problem) }
        return configuration
    }

    private func doubletLine() throws -> LineDoublet? {
        if let name = doublet {
            guard name.lowercased() == "oii" else {
                throw ValidationError("unknown --doublet '\(name)': the known doublet is oii (or give --line)")
            }
            guard line == nil else { throw ValidationError("give either --doublet or --line, not both") }
            return .oii
        }
        guard let line else {
            if lineRatio != nil { throw ValidationError("--line-ratio needs --line") }
            return nil
        }
        let waves = try numbers(line, option: "--line")
        let ratios = try lineRatio.map { try numbers($0, option: "--line-ratio") } ?? Self.defaultLineRatio.map(Double.init)
        guard waves.allSatisfy(Self.positive.contains), waves[0] != waves[1] else {
            throw ValidationError("--line needs two different wavelengths, each \(Self.positive), e.g. 3726.2,3728.9 (got '\(line)')")
        }
        guard ratios.allSatisfy(Self.positive.contains) else {
            throw ValidationError("--line-ratio values must each be \(Self.positive) (got '\(lineRatio ?? "")')")
        }
        return LineDoublet(blue: waves[0], red: waves[1], ratioBlue: ratios[0], ratioRed: ratios[1])
    }

    private func numbers(_ text: String, option: String) throws -> [Double] {
        let values = text.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard values.count == 2 else { throw ValidationError("\(option) takes two numbers separated by a comma (got '\(text)')") }
        return values
    }
}
