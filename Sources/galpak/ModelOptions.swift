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
        "Rest values of the lines the disk emits, comma-separated, each \(LineSet.positive), in the cube's spectral unit's quantity (wavelengths, or frequencies on a frequency cube; only their ratios matter): line i sits at rest_i·λ(z)/rest_z with its own velocity step and LSF width. One value: the reference's single line.",
        valueName: "w1,w2,..."))
    var line: String?

    @Option(help: ArgumentHelp(
        "One entry per --line value: a number (a fixed relative flux), free (the parameter ratio_<wave> = F(line)/F(z-line), bounds 0-10, <wave> as written in --line), or =<wave>/<k> (this line's flux is that line's over k). flux is the total over all lines. Default: all 1.",
        valueName: "r1,r2,..."))
    var lineRatio: String?

    @Option(help: ArgumentHelp(
        "The line whose centre is the z channel, as written in --line (default: the reddest); its --line-ratio entry must be a number.",
        valueName: "wave"))
    var zLine: String?

    @Option(help: ArgumentHelp(
        "A named set of lines (Å): \(NamedLineSets.all.map { "\($0.name) (\($0.summary))" }.joined(separator: "; ")).",
        valueName: "name"))
    var lines: String?

    @Option(help: ArgumentHelp(
        "The reference's doublet: oii ([OII] \(LineDoublet.oii.wavelengths.blue),\(LineDoublet.oii.wavelengths.red) with fixed amplitude ratio \(LineDoublet.oii.ratios.blue):\(LineDoublet.oii.ratios.red), one velocity step for both).",
        valueName: "name"))
    var doublet: String?

    @Flag(help: ArgumentHelp(
        "Add a radial flow, the parameter radial_velocity (km/s, > 0 outward, < 0 inflow) with the rotation curve's shape: v_R(R) = radial_velocity·v(R)/maximum_velocity, adding sin i·v_R(R)·sin θ to the line-of-sight velocity (θ the in-plane azimuth from the receding major axis towards the far side, which lies 90° clockwise from the receding side on the sky)."))
    var radialFlow = false

    @Flag(help: ArgumentHelp(
        "Add a bisymmetric (m = 2, bar-like) flow (Spekkens & Sellwood 2007): the parameters bar_tangential, bar_radial (km/s) and bar_angle (deg in the disk plane from the receding major axis, period 180), with the rotation curve's shape; v_los = sin i [v cos θ − V2t cos 2(θ−φb) cos θ − V2r sin 2(θ−φb) sin θ (+ V_r sin θ)]."))
    var bisymmetric = false

    /// The values and their combination, checked while parsing.
    func validate() throws {
        try Validation.run { _ = try configuration() }
    }


    /// The model configuration these options describe.
    func configuration() throws -> ModelConfiguration {
        try ModelConfiguration.aspectRange.check(aspect, "--aspect")
        let configuration = ModelConfiguration(fluxProfile: fluxProfile, rotationCurve: rotationCurve, thickness: thickness,
                                               dispersion: dispersion, aspect: aspect, line: try doubletLine(),
                                               lines: try lineSet(),
                                               motions: NonCircularMotions(radial: radialFlow, bisymmetric: bisymmetric))
        if let problem = configuration.problem { throw ValidationError(problem) }
        return configuration
    }

    /// `--doublet`: the reference's doublet.
    private func doubletLine() throws -> LineDoublet? {
        guard let name = doublet else { return nil }
        guard name.lowercased() == "oii" else {
            throw ValidationError("unknown --doublet '\(name)': the known doublet is oii (or give --lines or --line)")
        }
        guard line == nil, lines == nil else { throw ValidationError("give either --doublet, --lines or --line, not two of them") }
        return .oii
    }

    /// `--lines`, or `--line` with `--line-ratio` and `--z-line`: a set of lines (nil for one line).
    private func lineSet() throws -> LineSet? {
        if let name = lines {
            guard line == nil, lineRatio == nil else {
                throw ValidationError("give either --lines or --line (with --line-ratio), not both")
            }
            guard let set = NamedLineSets.named(name) else {
                throw ValidationError("unknown --lines '\(name)': the sets are \(NamedLineSets.names.joined(separator: ", "))")
            }
            guard let zLine else { return set }
            return try Self.checked { try LineSet(lines: set.lines, zLine: zLine) }
        }
        guard let line else {
            if lineRatio != nil { throw ValidationError("--line-ratio needs --line") }
            if zLine != nil { throw ValidationError("--z-line needs --line or --lines") }
            return nil
        }
        return try Self.checked { try LineSet.parse(waves: line, ratios: lineRatio, zLine: zLine) }
    }

    /// `body`'s value, a ``GalpakError`` it throws turned into a `ValidationError`.
    private static func checked<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as GalpakError { throw ValidationError(error.message) }
    }
}
