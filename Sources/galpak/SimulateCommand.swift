import ArgumentParser
import Foundation
import GalPaK

/// `galpak simulate`: renders a model cube of one or more galaxies at given parameters, for
/// test data and checks by eye, or a dataset of cubes drawn from priors (`--dataset`).
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Render a model cube of one or more galaxies, convolved with the instrument, optionally with noise; or a dataset of such cubes drawn from priors.",
        discussion: """
            The output has the cube in a DATA extension and, with noise, its variance in a STAT \
            extension; its WCS is the --like cube's, else a celestial TAN WCS on a nominal position \
            and a linear spectral axis (wavelength, frequency or velocity after --cunit3). The true \
            parameters are in the header (SIM_X … SIM_SIG0) and in OUTPUT.json. Fitting the result \
            with the same instrument and model options should recover them.

            Several galaxies (--params repeated, or a JSON list in a --params file): the cube is \
            the sum of their convolved cubes plus one noise realisation (--snr: σ = the summed \
            cube's peak / SNR). The header then has \(SimulationHeader.galaxyCount) (their number) and \
            galaxy k's values under S + two-digit k + the one-galaxy keyword without SIM \
            (S01_X … S01_SIG0, S02_X …; up to \(SimulationSpec.maximumGalaxies) galaxies); \
            OUTPUT.json lists them in "galaxies".

            A dataset (--dataset N --priors FILE.json --outdir DIR): N cubes on one grid, model \
            and instrument, each drawn from the priors, written in parallel on every core as \
            DIR/cube_0000.fits (+ .json, each cube whole or absent), then DIR/\(SimulatedDataset.truthName) \
            (columns: file, seed (the cube's noise seed), every drawn or fixed value, \
            \(TruthTable.sigmaColumn) (the noise σ per voxel)) and DIR/\(SimulatedDataset.recordName) \
            (priors, warnings, command line) last. The priors file is a JSON object giving per \
            name \(Prior.forms). The names are the model's parameters (all needed), and the \
            settings \(SimulationSetting.allCases.map(\.key).joined(separator: ", ")) (as their \
            options; given on the command line, they are fixed for every cube), e.g. \
            {"inclination": {"uniform": [20, 80]}, "velocity_dispersion": {"normal": [50, 10]}, \
            "snr": {"loguniform": [3, 30]}, "seeing": [0.6, 1.0], "turnover_radius": 1.5, …}. \
            A fixed value and uniform ranges must lie within the valid values; a normal's draws \
            outside them are redrawn (a warning says when more than \(Self.percent(Prior.truncationWarning)) \
            are; refused below \(Self.percent(Prior.minimumNormalMass)) inside). The same --seed \
            draws the same dataset, and cube i's values do not depend on N.
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
        "One galaxy's parameters, all ten by name (and sersic_index with --flux-profile sersic, radial_velocity with --radial-flow, bar_tangential, bar_radial, bar_angle with --bisymmetric, ratio_<wave> for each free --line-ratio): x,y (pixels, 0-based), z (channel), flux (total, cube units), radius (pixels), inclination, pa (deg), turnover_radius (pixels), maximum_velocity, velocity_dispersion (km/s); e.g. x=14.5,y=15.2,z=18,flux=1000,radius=4,inclination=60,pa=30,turnover_radius=1.5,maximum_velocity=200,velocity_dispersion=60. Or, a value without '=', a JSON file: an object of the same names and values, or a list of such objects, one per galaxy. Repeated: one galaxy each (at most \(SimulationSpec.maximumGalaxies) in all). Valid values: \(ParameterList.validValues).",
        valueName: "name=value,...|file.json"))
    var params: [String] = []

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

    @Option(parsing: .unconditional, help: ArgumentHelp("Seed of the noise (with --dataset: of the draws, each cube's noise seed in truth.csv), \(Seed.rule) (default: \(SimulationSpec.defaultSeed)).", valueName: "n"), transform: Seed.parse)
    var seed = SimulationSpec.defaultSeed

    @Option(name: [.short, .long], help: ArgumentHelp("Output FITS file (not with --dataset).", valueName: "file.fits"))
    var output: String?

    @Option(help: ArgumentHelp("Also write the clean (unconvolved, noiseless) cube here.", valueName: "file.fits"))
    var clean: String?

    @Option(help: ArgumentHelp("Also write the instrument's 3-D kernel (PSF × LSF, unit sum, peak at nx/2, ny/2, nz/2) here.", valueName: "file.fits"))
    var kernel: String?

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Write a dataset of this many cubes, \(SimulatedDataset.countRange), drawn from --priors, into --outdir (instead of --params and -o).",
        valueName: "n"))
    var dataset: Int?

    @Option(help: ArgumentHelp("With --dataset: the JSON file of distributions by name (above).", valueName: "file.json"))
    var priors: String?

    @Option(help: ArgumentHelp("With --dataset: the output directory, created if needed.", valueName: "dir"))
    var outdir: String?

    @Flag(help: "Replace existing output files.")
    var overwrite = false

    @Flag(help: "With --dataset: no progress on stderr (warnings and errors still appear).")
    var quiet = false

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
        try OutputArgument.check(outdir, option: "--outdir", isDirectory: true)
        if let dataset {
            try SimulatedDataset.countRange.validate(dataset, "--dataset")
            let single = [("--params", !params.isEmpty), ("--output", output != nil), ("--clean", clean != nil), ("--kernel", kernel != nil)]
            if let (option, _) = single.first(where: \.1) {
                throw ValidationError("\(option) does not go with --dataset: a dataset's galaxies come from --priors and its files go to --outdir")
            }
            guard priors != nil, outdir != nil else {
                throw ValidationError("--dataset needs --priors FILE.json (the distributions) and --outdir DIR")
            }
        } else {
            let datasetOnly = [("--priors", priors != nil), ("--outdir", outdir != nil), ("--quiet", quiet)]
            if let (option, _) = datasetOnly.first(where: \.1) {
                throw ValidationError("\(option) goes with --dataset N")
            }
            guard !params.isEmpty else {
                throw ValidationError("give the galaxy's parameters with --params name=value,... (or a dataset with --dataset N --priors FILE.json)")
            }
            guard output != nil else { throw ValidationError("give the output file with -o FILE.fits") }
        }
    }

    func run() throws {
        guard try instrument.psfWidth() == nil else {
            throw ValidationError("simulate renders one PSF: give --seeing a fixed FWHM (arcsec), not VALUE:SIGMA (that is for fit)")
        }
        if let dataset { return try runDataset(count: dataset) }
        guard let output else { throw ValidationError("give the output file with -o FILE.fits") }
        let chosen = try instrument.resolved()
        let noise: SimulationSpec.Noise = snr.map { .peakSNR($0) } ?? noiseSigma.map { .sigma($0) } ?? .none
        let grid = try self.grid(for: chosen)
        let configuration = try model.configuration()
        let spec = SimulationSpec(
            nx: grid.nx, ny: grid.ny, nz: grid.nz, spectral: grid.spectral, pixscale: grid.pixscale,
            galaxies: try galaxies(configuration.parameters),
            model: configuration, instrument: chosen, noise: noise, seed: seed, wcsCards: grid.wcs)

        let files = SimulationFiles(cube: output, clean: clean, kernel: kernel)
        try FileIdentity.refuseOverwritingInputs(
            outputs: files.paths,
            inputs: [like, instrument.instrumentFile, chosen.psfImageFile].compactMap { $0 } + params.filter(Self.isFile))
        try FitOutputs.preflight(files.paths, overwrite: overwrite)
        let simulated = try SimulatedCube(spec)
        // All or nothing, the JSON last. Until the writing starts a signal ends the run at once
        // (nothing is written yet); from then on it undoes what was written (status 128 + signal).
        Interruption.install()
        do {
            try files.write(simulated, spec: spec, provenance: Provenance(), isCancelled: { Interruption.requested })
        } catch is StopRequested {
            throw GalpakError(.interrupted, "interrupted while writing \(output); no file was written")
        }
        let several = spec.galaxies.count > 1 ? ", \(spec.galaxies.count) galaxies" : ""
        Terminal.output("wrote \(output) (\(spec.nx)×\(spec.ny)×\(spec.nz)\(several), dv \(String(format: "%.4f", spec.velocityStep)) km/s, noise σ \(simulated.sigma)) and \(files.json)")
    }

    /// A `--params` value naming a JSON file rather than listing values: one without `=`.
    private static func isFile(_ value: String) -> Bool { !value.contains("=") }

    /// The galaxies of every `--params`, each with all of the model's parameters, valid.
    private func galaxies(_ parameters: [ParameterName]) throws -> [GalaxyParameters] {
        var galaxies: [(GalaxyParameters, source: String)] = []
        for value in params {
            if Self.isFile(value) {
                let read = try GalaxyListFile.read(path: value)
                galaxies += read.enumerated().map { ($1, read.count == 1 ? value : "\(value) galaxy \($0 + 1)") }
            } else {
                galaxies.append((try ParameterList.parse(value, option: "--params"), "--params"))
            }
        }
        guard galaxies.count <= SimulationSpec.maximumGalaxies else {
            throw ValidationError("--params gives \(galaxies.count) galaxies; a cube holds at most \(SimulationSpec.maximumGalaxies)")
        }
        return try galaxies.enumerated().map { k, entry in
            let (galaxy, source) = entry
            let option = galaxies.count > 1 && source == "--params" ? "--params (galaxy \(k + 1))" : source
            let missing = parameters.filter { galaxy[$0].isNaN }.map(\.key)
            guard missing.isEmpty else { throw ValidationError("\(option) is missing \(missing.joined(separator: ", "))") }
            try galaxy.checkValid(option: option)
            try galaxy.checkBelongs(to: parameters, option: option)
            return galaxy.restricted(to: parameters)
        }
    }

    /// `--dataset N`: draws the cubes from `--priors`, writes them in parallel into `--outdir`.
    private func runDataset(count: Int) throws {
        guard let priorsPath = priors, let outdir else { throw ValidationError("--dataset needs --priors FILE.json and --outdir DIR") }
        let chosen = try instrument.resolved()
        let grid = try self.grid(for: chosen)
        let configuration = try model.configuration()
        var priors = try DatasetPriors(path: priorsPath, parameters: configuration.parameters)
        let given: [(SimulationSetting, Double?)] = [
            (.snr, snr), (.noiseSigma, noiseSigma), (.seeing, try instrument.seeingFWHM()), (.psfBA, instrument.psfBa),
            (.psfPA, instrument.psfPa), (.moffatBeta, instrument.moffatBeta), (.lsfFWHM, instrument.lsfFwhm),
        ]
        for case let (setting, value?) in given { try priors.fix(setting, value, option: setting.option) }
        let base = SimulationSpec(
            nx: grid.nx, ny: grid.ny, nz: grid.nz, spectral: grid.spectral, pixscale: grid.pixscale,
            galaxies: [.missing(configuration.parameters)], model: configuration, instrument: chosen,
            seed: seed, wcsCards: grid.wcs)
        let dataset = try SimulatedDataset(base: base, priors: priors, count: count, seed: seed, outdir: outdir)
        try FileIdentity.refuseOverwritingInputs(
            outputs: dataset.outputs + [dataset.lockPath],
            inputs: [like, instrument.instrumentFile, chosen.psfImageFile, priorsPath].compactMap { $0 })
        try dataset.checkOutputs(overwrite: overwrite)
        for warning in priors.warnings { Terminal.warning(warning) }
        // Made only once every check has passed: a refused dataset leaves no directory.
        do {
            try FileManager.default.createDirectory(atPath: outdir, withIntermediateDirectories: true)
        } catch {
            throw GalpakError.badInput(outdir, "output directory cannot be created (\(error.localizedDescription))")
        }
        let lock = try OutputLock(path: dataset.lockPath)
        defer { lock.release() }
        try dataset.checkOutputs(overwrite: overwrite)
        Interruption.install()
        let progress = DatasetProgress(total: count, quiet: quiet)
        if !quiet {
            Terminal.writeError("galpak: dataset of \(count) cubes (\(grid.nx)×\(grid.ny)×\(grid.nz)), \(dataset.concurrency) at a time, into \(outdir)\n")
        }
        defer { progress.end() }
        try dataset.write(provenance: Provenance(), isCancelled: { Interruption.requested }, progress: { progress.written($0) })
        progress.end()
        Terminal.output("wrote \(count) cubes (\(dataset.cubeName(0)) … \(dataset.cubeName(count - 1))), \(dataset.path(SimulatedDataset.truthName)) and \(dataset.path(SimulatedDataset.recordName))")
    }

    /// `share` as a percentage for the help ("0.1 %").
    private static func percent(_ share: Double) -> String { "\(ValidRange.format(100 * share)) %" }

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
}
