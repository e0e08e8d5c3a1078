import ArgumentParser
import GalPaK

/// Options that choose the disk model (shared by `fit` and `simulate`).
struct ModelOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Surface-brightness profile: exponential, gaussian, de_vaucouleurs or sersic2.",
        valueName: "name"))
    var fluxProfile: String = "exponential"

    @Option(help: ArgumentHelp(
        "Rotation curve: tanh, arctan, exponential, isothermal, nfw, burkert, freeman, spano or mass (freeman and mass ignore turnover_radius; mass is scaled so that its maximum on the cube's grid is maximum_velocity).",
        valueName: "name"))
    var rotationCurve: String = "tanh"

    @Option(help: ArgumentHelp(
        "Vertical profile of the disk: gaussian, exponential, sech2 or none.", valueName: "name"))
    var thickness: String = "gaussian"

    @Option(help: ArgumentHelp(
        "Dispersion added by the disk thickness: thick (hz·v/R) or thin (√(hz·v²/R)).", valueName: "name"))
    var dispersion: String = "thick"

    @Option(help: ArgumentHelp("Disk aspect ratio q = hz/Re (dimensionless).", valueName: "q"))
    var aspect: Double = 0.15

    @Option(help: ArgumentHelp(
        "A doublet: the two rest wavelengths, e.g. 3726.2,3728.9 (any unit; the redder line sits at z).",
        valueName: "blue,red"))
    var line: String?

    @Option(help: ArgumentHelp(
        "Amplitude ratio of the doublet's lines, in the order of --line (default 1,1).", valueName: "a,b"))
    var lineRatio: String?

    @Option(help: ArgumentHelp("A known doublet: oii ([OII] 3726.2,3728.9 with ratio 0.8,1.0).", valueName: "name"))
    var doublet: String?

    /// The model configuration these options describe.
    func configuration() throws -> ModelConfiguration {
        guard let flux = FluxProfile(name: fluxProfile) else {
            throw ValidationError("unknown --flux-profile '\(fluxProfile)': use exponential, gaussian, de_vaucouleurs or sersic2")
        }
        guard let rc = RotationCurve(name: rotationCurve) else {
            let names = RotationCurve.allCases.map { $0.rawValue.lowercased() }.joined(separator: ", ")
            throw ValidationError("unknown --rotation-curve '\(rotationCurve)': use one of \(names)")
        }
        guard let thick = ThicknessProfile(rawValue: thickness.lowercased()) else {
            throw ValidationError("unknown --thickness '\(thickness)': use gaussian, exponential, sech2 or none")
        }
        guard let disp = DispersionProfile(rawValue: dispersion.lowercased()) else {
            throw ValidationError("unknown --dispersion '\(dispersion)': use thick or thin")
        }
        guard aspect > 0, aspect.isFinite else {
            throw ValidationError("--aspect must be a positive number (got \(aspect))")
        }
        let configuration = ModelConfiguration(fluxProfile: flux, rotationCurve: rc, thickness: thick,
                                               dispersion: disp, aspect: aspect, line: try doubletLine())
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
        let ratios = try lineRatio.map { try numbers($0, option: "--line-ratio") } ?? [1, 1]
        guard waves.allSatisfy({ $0 > 0 }), waves[0] != waves[1] else {
            throw ValidationError("--line needs two different positive wavelengths, e.g. 3726.2,3728.9")
        }
        guard ratios.allSatisfy({ $0 > 0 }) else { throw ValidationError("--line-ratio values must be positive") }
        return LineDoublet(blue: waves[0], red: waves[1], ratioBlue: ratios[0], ratioRed: ratios[1])
    }

    private func numbers(_ text: String, option: String) throws -> [Double] {
        let values = text.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard values.count == 2 else { throw ValidationError("\(option) takes two numbers separated by a comma (got '\(text)')") }
        return values
    }
}
