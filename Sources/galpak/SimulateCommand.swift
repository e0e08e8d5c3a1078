import ArgumentParser
import Foundation
import GalPaK

/// `galpak simulate`: renders a model cube at given parameters, for test data and checks by eye.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Render a model cube at given parameters, convolved with the instrument, optionally with noise.",
        discussion: """
            The output has the cube in a DATA extension and, with noise, its variance in a STAT \
            extension; its WCS is the --like cube's, else a celestial TAN WCS on a nominal position \
            and a linear spectral axis (wavelength, frequency or velocity after --cunit3). The true \
            parameters are in the header (SIM_X … SIM_SIG0) and in OUTPUT.json. Fitting the result \
            with the same instrument and model options should recover them.
            """ + "\n\n" + Galpak.exitStatusHelp)

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Cube size in pixels and channels (or --like), each at least \(Self.minimumSize); refused when \(SimulatedCube.arraysAtPeak) cubes of that size (the simulation's peak) would not fit in the machine's memory.",
        valueName: "nx,ny,nz"))
    var shape: String?

    @Option(help: ArgumentHelp(
        "Take the shape, pixel scale, spectral axis and WCS from this cube (the --crval3… options and the instrument's defaults complete or replace its header as for fit).",
        valueName: "cube.fits"))
    var like: String?

    @Option(help: ArgumentHelp(
        "All ten parameters by name (and sersic_index with --flux-profile sersic, ratio_<wave> for each free --line-ratio): x,y (pixels, 0-based), z (channel), flux (total, cube units), radius (pixels), inclination, pa (deg), turnover_radius (pixels), maximum_velocity, velocity_dispersion (km/s); e.g. x=14.5,y=15.2,z=18,flux=1000,radius=4,inclination=60,pa=30,turnover_radius=1.5,maximum_velocity=200,velocity_dispersion=60. Valid values: \(ParameterList.validValues).",
        valueName: "name=value,..."))
    var params: String

    @OptionGroup(title: "Instrument") var instrument: InstrumentOptions
    @OptionGroup(title: "Model") var model: ModelOptions

    @Option(parsing: .unconditional, help: ArgumentHelp("Spectral value (wavelength, frequency or velocity) of channel --crpix3, in CUNIT3 units, \(HeaderOverrides.referenceRange) (default: the instrument's, \(DefaultInstrumentHelp.crval3)).", valueName: "value"))
    var crval3: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("Reference channel, 1-based, \(HeaderOverrides.referenceRange) (default \(Self.defaultCrpix3)).", valueName: "channel"))
    var crpix3: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("Spectral step per channel, in CUNIT3 units, \(HeaderOverrides.stepRule) (default: the instrument's, \(DefaultInstrumentHelp.cdelt3)).", valueName: "step"))
    var cdelt3: Double?

    @Option(help: ArgumentHelp("Spectral unit (default: the instrument's).", valueName: "unit"))
    var cunit3: SpectralUnit?

    @Option(parsing: .unconditional, help: ArgumentHelp("Pixel scale per pixel, \(HeaderOverrides.pixscaleRange) (default: the instrument's).", valueName: "arcsec"))
    var pixscale: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("Add white Gaussian noise with σ = peak of the convolved model / SNR, SNR \(SimulationSpec.snrRange).", valueName: "snr"))
    var snr: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("Add white Gaussian noise of this σ per voxel, \(SimulationSpec.noiseSigmaRange).", valueName: "sigma"))
    var noiseSigma: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("Seed of the noise, \(Seed.rule) (default: \(SimulationSpec.defaultSeed)).", valueName: "n"), transform: Seed.parse)
    var seed = SimulationSpec.defaultSeed

    @Option(name: [.short, .long], help: ArgumentHelp("Output FITS file.", valueName: "file.fits"))
    var output: String

    @Option(help: ArgumentHelp("Also write the clean (unconvolved, noiseless) cube here.", valueName: "file.fits"))
    var clean: String?

    @Option(help: ArgumentHelp("Also write the instrument's 3-D kernel (PSF × LSF, unit sum, peak at nx/2, ny/2, nz/2) here.", valueName: "file.fits"))
    var kernel: String?

    @Flag(help: "Replace existing output files.")
    var overwrite = false

    /// The reference channel without --crpix3 or --like: the first.
    static let defaultCrpix3 = 1
    /// The smallest size of each axis (``CubeReader/minimumShape``: a fit needs it).
    static let minimumSize = Swift.min(CubeReader.minimumShape.nx, CubeReader.minimumShape.ny, CubeReader.minimumShape.nz)

    func validate() throws {
        if snr != nil, noiseSigma != nil { throw ValidationError("give either --snr or --noise-sigma, not both") }
        if let snr { try SimulationSpec.snrRange.validate(snr, "--snr") }
        if let noiseSigma { try SimulationSpec.noiseSigmaRange.validate(noiseSigma, "--noise-sigma") }
        try OutputArgument.check(output, option: "--output")
        try OutputArgument.check(clean, option: "--clean")
        try OutputArgument.check(kernel, option: "--kernel")
    }

    func run() throws {
        let chosen = try instrument.resolved()
        let noise: SimulationSpec.Noise = snr.map { .peakSNR($0) } ?? noiseSigma.map { .sigma($0) } ?? .none
        let grid = try self.grid(for: chosen)
        let configuration = try model.configuration()
        let parameters = try ParameterList.parse(params, option: "--params", required: configuration.parameters)
        try parameters.checkValid(option: "--params")
        try parameters.checkBelongs(to: configuration.parameters, option: "--params")
        let spec = SimulationSpec(
            nx: grid.nx, ny: grid.ny, nz: grid.nz, spectral: grid.spectral, pixscale: grid.pixscale,
            parameters: parameters.restricted(to: configuration.parameters),
            model: configuration, instrument: chosen, noise: noise, seed: seed, wcsCards: grid.wcs)

        let jsonPath = Self.jsonPath(for: output)
        let outputs = [output, jsonPath] + [clean, kernel].compactMap { $0 }
        try FileIdentity.refuseOverwritingInputs(
            outputs: outputs, inputs: [like, instrument.instrumentFile, chosen.psfImageFile].compactMap { $0 })
        try FitOutputs.preflight(outputs, overwrite: overwrite)
        let simulated = try SimulatedCube(spec)
        let shapeList = [spec.nx, spec.ny, spec.nz]
        let provenance = Provenance()
        // All or nothing, the JSON last. Until the writing starts a signal ends the run at once
        // (nothing is written yet); from then on it undoes what was written (status 128 + signal).
        Interruption.install()
        let set = OutputSet()
        set.isCancelled = { Interruption.requested }
        do {
            try set.write(record: jsonPath) {
                try FITSWriter.write(simulated.data, shape: shapeList, cards: simulated.cards, extraCards: provenance.fitsCards,
                                     variance: simulated.variance, to: try set.stagedPath(for: output))
                if let clean {
                    try FITSWriter.write(simulated.clean, shape: shapeList, cards: simulated.cards,
                                         extraCards: provenance.fitsCards, to: try set.stagedPath(for: clean))
                }
                if let kernel {
                    try FITSWriter.write(simulated.kernel, shape: shapeList, cards: simulated.cards,
                                         extraCards: provenance.fitsCards, to: try set.stagedPath(for: kernel))
                }
                try AtomicFile.write(text: try SimulationJSON.text(spec: spec, sigma: simulated.sigma, provenance: provenance),
                                     to: try set.stagedPath(for: jsonPath))
            }
        } catch is StopRequested {
            throw GalpakError(.interrupted, "interrupted while writing \(output); no file was written")
        }
        Terminal.output("wrote \(output) (\(spec.nx)×\(spec.ny)×\(spec.nz), dv \(String(format: "%.4f", spec.velocityStep)) km/s, noise σ \(simulated.sigma)) and \(jsonPath)")
    }

    /// Shape, spectral axis, pixel scale and (with --like) WCS of the simulated cube.
    private func grid(for chosen: Instrument) throws
        -> (nx: Int, ny: Int, nz: Int, spectral: SpectralAxis, pixscale: Double, wcs: [HeaderCard]?) {
        let overrides = HeaderOverrides(crval3: crval3, crpix3: crpix3, cdelt3: cdelt3, cunit3: cunit3, pixscale: pixscale)
        try overrides.check()
        if let like {
            guard shape == nil else { throw ValidationError("give either --shape or --like, not both") }
            let template = try CubeReader.read(path: like, overrides: overrides, defaults: chosen.defaults,
                                               warn: { Terminal.warning($0) })
            return (template.nx, template.ny, template.nz, template.spectral, template.pixscale, template.wcsCards)
        }
        guard let shape else { throw ValidationError("give the cube's size with --shape nx,ny,nz or a template with --like") }
        let dims = shape.split(separator: ",", omittingEmptySubsequences: false)
            .compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard dims.count == 3, dims.allSatisfy({ $0 >= Self.minimumSize }) else {
            throw ValidationError("--shape takes three whole numbers of at least \(Self.minimumSize), e.g. 30,30,36 (got '\(shape)')")
        }
        try SimulatedCube.checkSize(nx: dims[0], ny: dims[1], nz: dims[2])
        let spectralUnit = cunit3 ?? chosen.defaults.cunit3 ?? .angstrom
        let defaultUnit = chosen.defaults.cunit3 ?? spectralUnit
        guard let crval = crval3 ?? chosen.defaults.crval3.flatMap({ defaultUnit.convert($0, to: spectralUnit) }),
              let cdelt = cdelt3 ?? chosen.defaults.cdelt3.flatMap({ defaultUnit.convert($0, to: spectralUnit) }) else {
            throw ValidationError("instrument \(chosen.name) has no default \(spectralUnit.quantity.rawValue) axis: give --crval3 and --cdelt3 (in \(spectralUnit.rawValue))")
        }
        guard let scale = pixscale ?? chosen.defaults.pixscale else {
            throw ValidationError("instrument \(chosen.name) has no default pixel scale: give --pixscale")
        }
        return (dims[0], dims[1], dims[2],
                SpectralAxis(crval: crval, crpix: crpix3 ?? Double(Self.defaultCrpix3), cdelt: cdelt, unit: spectralUnit), scale, nil)
    }

    /// `sim.fits` → `sim.json`, beside the cube.
    static func jsonPath(for output: String) -> String {
        let name = FITSFileName.stem(of: output)
        let dir = (output as NSString).deletingLastPathComponent
        return dir.isEmpty ? "\(name).json" : "\(dir)/\(name).json"
    }
}
