import Foundation

/// The files a fit writes, named `PREFIX_suffix` as the reference's `save()` names them (the
/// suffixes and roles are ``OutputFile``'s), and the rules for writing them: nothing is
/// overwritten without `--overwrite`, no input is ever overwritten, one run at a time writes a
/// prefix, the output location is checked before the fit starts, and the set is written all
/// or nothing, its completion record last.
public struct FitOutputs: Sendable {
    /// The prefix, e.g. `out/galaxy1` → `out/galaxy1_chain.dat`.
    public let prefix: String
    /// The formats the figures are drawn in: each figure is one file per format
    /// (`PREFIX_maps.png`, `PREFIX_maps.pdf`).
    public let figureFormats: [FigureFormat]

    public init(prefix: String, figureFormats: [FigureFormat] = FigureFormat.defaults) {
        self.prefix = prefix
        self.figureFormats = figureFormats
    }

    /// The path of `file`, not a figure, under this prefix.
    public subscript(_ file: OutputFile) -> String { file.path(prefix: prefix) }

    /// The path of the figure `file` in `format` under this prefix: `PREFIX_maps.pdf`.
    public func figure(_ file: OutputFile, _ format: FigureFormat) -> String { file.path(prefix: prefix, format: format) }

    /// The paths of the figures `files`, each in every one of ``figureFormats``, figure by figure.
    public func figures(_ files: [OutputFile]) -> [String] {
        files.flatMap { file in figureFormats.map { figure(file, $0) } }
    }

    public var chain: String { self[.chain] }
    public var parametersText: String { self[.parametersText] }
    public var parametersTable: String { self[.parametersTable] }
    public var parametersJSON: String { self[.parametersJSON] }
    public var statistics: String { self[.statistics] }
    public var convergence: String { self[.convergence] }
    public var runParameters: String { self[.runParameters] }
    public var convolvedCube: String { self[.convolvedCube] }
    public var deconvolvedCube: String { self[.deconvolvedCube] }
    public var residualCube: String { self[.residualCube] }
    public var kernel: String { self[.kernel] }
    /// The instrument in the reference's INI layout, readable by `--instrument-file`.
    public var instrument: String { self[.instrument] }
    /// The model options in the reference's INI layout.
    public var model: String { self[.model] }
    /// The options given to the fit, readable by `galpak fit --options` (``OptionsFile``).
    public var options: String { self[.options] }
    /// A map file: `kind` is `true` (intrinsic), `obs` (beam-smeared model), `data` (moments of
    /// the data) or `resid` (data − obs, no `disp`); `quantity` is `flux`, `vel` or `disp`
    /// (``OutputFile/map(_:_:)``).
    public func map(_ kind: String, _ quantity: String) -> String { self[OutputFile.map(kind, quantity)] }
    /// The nine map files: intrinsic, observed model and data; flux, velocity, dispersion.
    public var maps: [String] {
        ["true", "obs", "data"].flatMap { kind in ["flux", "vel", "disp"].map { map(kind, $0) } }
    }
    /// The two residual maps, data − beam-smeared model: flux and velocity.
    public var residualMaps: [String] { [map("resid", "flux"), map("resid", "vel")] }
    public var rotationCurve: String { self[.rotationCurve] }
    /// The position–velocity diagram along the major axis (``PositionVelocityFile``).
    public var majorAxisPV: String { self[.majorAxisPV] }
    /// The position–velocity diagram along the minor axis.
    public var minorAxisPV: String { self[.minorAxisPV] }
    /// The Voronoi bin of every spaxel (`--voronoi-snr`).
    public var voronoiBins: String { self[.voronoiBins] }
    /// The Voronoi bins as a table (``VoronoiTableFile``).
    public var voronoiTable: String { self[.voronoiTable] }

    /// Every file of a completed fit except the figures (role ``OutputFile/Role/result``), in
    /// the order they are written: those of a fit with chains, which include a Laplace fit's
    /// (without the Voronoi bins, which only `--voronoi-snr` asks for).
    public var all: [String] { all(for: .mcmc) }

    /// Every result file a fit under this prefix may write, whatever its options (those of a fit
    /// with chains and Voronoi bins), in writing order: what a fit claims (``claim(_:overwrite:inputs:)``)
    /// and a batch counts as this prefix's.
    public var possible: [String] { all(for: .mcmc, voronoi: true) }

    /// The result files a fit with `estimator` writes (a Laplace fit: no chain, no convergence
    /// file), with the Voronoi bins' when `voronoi` (`--voronoi-snr`).
    public func all(for estimator: Estimator, voronoi: Bool = false) -> [String] {
        OutputFile.files(.result, estimator: estimator, voronoi: voronoi).map { self[$0] }
    }

    /// The result files a complete set of a fit with `estimator` must hold: ``all(for:voronoi:)``
    /// without the Voronoi bins (asked for by an option), less those an earlier galpak did not
    /// write (``OutputFile/olderFitsMayLack``).
    public func required(for estimator: Estimator) -> [String] {
        OutputFile.files(.result, estimator: estimator).filter { !$0.olderFitsMayLack }.map { self[$0] }
    }

    /// The figures in ``figureFormats`` (written unless `--no-plots`; `galpak plot` redraws them).
    public var figures: [String] { figures(for: .mcmc) }

    /// The figures of a fit with `estimator` (a Laplace fit: none drawn from a chain), in
    /// ``figureFormats``.
    public func figures(for estimator: Estimator) -> [String] {
        figures(OutputFile.files(.figure, estimator: estimator))
    }

    /// The files a fit writes: ``all``, and the figures (in ``figureFormats``) when `plots`.
    public func files(plots: Bool) -> [String] { all + (plots ? figures : []) }

    /// The files any fit under this prefix may write: ``possible``, and the figures when `plots`.
    public func possibleFiles(plots: Bool) -> [String] { possible + (plots ? figures : []) }

    /// The files a fit with `estimator` (and Voronoi bins when `voronoi`) writes, and its
    /// figures when `plots`.
    public func files(plots: Bool, estimator: Estimator, voronoi: Bool = false) -> [String] {
        all(for: estimator, voronoi: voronoi) + (plots ? figures(for: estimator) : [])
    }

    /// Where an interrupted fit keeps the chain it had so far (`PREFIX_chain.incomplete.dat`,
    /// in the ``chain`` layout). Not one of ``all``: a fit replaces it when interrupted again
    /// and removes it once it completes.
    public var incompleteChain: String { self[.incompleteChain] }

    /// Removes the files only a fit with chains writes (``OutputFile/needsChains``), left by an
    /// earlier fit of this prefix (its figures in every format), once a Laplace fit has replaced
    /// its set (with `--overwrite`), so that the prefix holds one consistent set.
    public func removeChainFiles() {
        removeFiles(where: \.needsChains)
    }

    /// Removes the files of this prefix that `isStale` picks (figures in every format), left by an
    /// earlier fit once a fit that does not write them has replaced its set (with `--overwrite`):
    /// the chain files after a Laplace fit (``removeChainFiles()``), the Geweke files after a
    /// nested-sampling fit, the Voronoi bins after a fit without `--voronoi-snr`.
    public func removeFiles(where isStale: (OutputFile) -> Bool) {
        let every = FitOutputs(prefix: prefix, figureFormats: FigureFormat.allCases)
        for file in OutputFile.allCases where isStale(file) {
            for path in file.role == .figure ? every.figures([file]) : [self[file]] {
                try? FileManager.default.removeItem(atPath: path)
            }
        }
    }

    /// The files `galpak chain` writes for a chain without a fit beside it (the reference's).
    public var parameterFiles: [String] { [parametersText, parametersTable, parametersJSON, convergence] }

    /// The error for a fit's input cube `input`, named in the fit's JSON `record`, that is not
    /// there: `galpak plot` and `galpak chain` read it back.
    public static func missingInput(_ input: String, namedIn record: String) -> GalpakError {
        GalpakError.badInput(input, "the input cube named in \(record) is not there (paths are relative to where galpak fit ran); give it with --cube")
    }

    /// The lock a fit holds while it runs (``OutputLock``): `PREFIX.lock`.
    public var lock: String { prefix + ".lock" }

    /// Checks, before any work, that `paths` can be written: none exists unless `overwrite`
    /// (and none is a directory even then), and their directory exists and accepts a new file.
    /// - Throws: ``GalpakError`` `.badInput` naming the path and what to do.
    public static func preflight(_ paths: [String], overwrite: Bool) throws {
        if !overwrite { try refuseExisting(paths) }
        try checkLocations(paths)
    }

    /// Reserves `paths`, this prefix's outputs, for a run before any work: refuses an output
    /// that is the same file as one of `inputs` (even with `overwrite`), checks the locations
    /// as ``preflight(_:overwrite:)`` does, takes ``lock`` (refused while another run holds it)
    /// and then, under the lock, removes the staging directories a killed run on this prefix
    /// left (``OutputSet/removeStaleStaging(prefix:)``) and refuses existing outputs unless
    /// `overwrite` — an incomplete set, one without a valid completion record, is existing
    /// output too. The caller releases the lock when it is done, however it ends.
    /// - Throws: ``GalpakError`` `.badInput` naming the path (and the input, or the lock's holder).
    public func claim(_ paths: [String], overwrite: Bool, inputs: [String]) throws -> OutputLock {
        try FileIdentity.refuseOverwritingInputs(outputs: paths, inputs: inputs)
        try Self.checkLocations(paths)
        let held = try OutputLock(path: lock)
        OutputSet.removeStaleStaging(prefix: prefix)
        if !overwrite {
            do { try Self.refuseExisting(paths) } catch { held.release(); throw error }
        }
        return held
    }

    /// Refuses the first of `paths` that exists.
    private static func refuseExisting(_ paths: [String]) throws {
        if let existing = paths.first(where: { FileManager.default.fileExists(atPath: $0) }) {
            throw GalpakError(.badInput,
                "\(existing): already exists; give --overwrite to replace it or --output to choose another prefix")
        }
    }

    /// Refuses a path that is a directory, and a directory that does not exist, is a file or
    /// does not accept a new file.
    private static func checkLocations(_ paths: [String]) throws {
        let fm = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            if fm.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                throw GalpakError(.badInput, "\(path): is a directory, so the output cannot be written there; choose another --output")
            }
        }
        let directories = Set(paths.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path })
        for dir in directories.sorted() {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: dir, isDirectory: &isDirectory) else {
                throw GalpakError(.badInput, "\(dir): output directory does not exist; create it or choose another --output")
            }
            guard isDirectory.boolValue else {
                throw GalpakError(.badInput, "\(dir): is a file, not a directory, so outputs cannot be written in it; choose another --output")
            }
            let probe = AtomicFile.temporaryPath(for: "\(dir)/galpak-write-test")
            guard fm.createFile(atPath: probe, contents: Data()) else {
                throw GalpakError(.badInput, "\(dir): output directory is not writable; choose another --output")
            }
            try? fm.removeItem(atPath: probe)
        }
    }

    /// Writes every output of `result` and the figures `figures` draws, all or nothing
    /// (``OutputSet``): the files are staged, `figures` gets the staged outputs (their files
    /// written so far, to read back and draw into), and the set is renamed into place with
    /// ``parametersJSON`` last, rewritten as the completion record (``CompletionRecord``).
    /// `isCancelled` is polled between files and before every rename (``OutputSet/isCancelled``):
    /// once it returns true the write stops and is undone, throwing ``StopRequested``. The files
    /// of `keeping` (a chain file `galpak chain` read from this prefix) are in place already:
    /// they are not written, and the record lists them as they are.
    /// - Returns: the paths written, the completion record last.
    /// - Throws: the first error, naming the final file; no file of the set is then left under
    ///   a final name and every file it would have replaced is as it was.
    @discardableResult
    public func write(_ result: FitResult, keeping: Set<OutputFile> = [], isCancelled: @escaping () -> Bool = { false },
                      figures: (FitOutputs) throws -> Void = { _ in }) throws -> [String] {
        let set = OutputSet(prefix: prefix)
        set.isCancelled = isCancelled
        return try write(result, keeping: keeping, figures: figures, into: set)
    }

    /// ``write(_:keeping:isCancelled:figures:)`` through `set` (tests give one that fails on purpose).
    @discardableResult
    func write(_ result: FitResult, keeping: Set<OutputFile> = [], figures: (FitOutputs) throws -> Void,
               into set: OutputSet) throws -> [String] {
        let staged = FitOutputs(prefix: try set.stagedPath(for: prefix), figureFormats: figureFormats)
        return try set.write(record: parametersJSON, recordText: { written in
            let kept = try keeping.map { OutputSet.File(path: self[$0], bytes: try OutputSet.size(of: self[$0], naming: self[$0])) }
            return ParametersJSON.text(for: result, files: (written + kept).sorted { $0.path < $1.path })
        }) {
            try staged.writeFiles(result, skipping: keeping, between: set.checkStop)
            try figures(staged)
        }
    }

    /// Writes every result file of `result` under this prefix but those of `skipping`, each
    /// atomically, calling `between` before each cube-sized file (a stop request).
    private func writeFiles(_ result: FitResult, skipping: Set<OutputFile>, between: () throws -> Void) throws {
        let cube = result.cube
        let shape = [cube.nx, cube.ny, cube.nz]
        if result.estimator.hasChains, !skipping.contains(.chain) {
            try AtomicFile.write(text: ChainFile.text(for: result.chains), to: chain)
        }
        try AtomicFile.write(
            text: ParameterFiles.text(for: result.summary.estimate, percentile: result.summary.percentile,
                                      atBound: result.atBound, estimator: result.estimator),
            to: parametersText)
        try AtomicFile.write(text: ParameterFiles.table(for: result.summary.estimate, estimator: result.estimator),
                             to: parametersTable)
        try AtomicFile.write(text: ParametersJSON.text(for: result), to: parametersJSON)
        try AtomicFile.write(text: result.statistics.table(convergence: result.convergence, derived: result.derived,
                                                           noise: result.noise, sky: result.sky, estimator: result.estimator),
                             to: statistics)
        if result.estimator.hasMarkovChains { try AtomicFile.write(text: result.convergence.gewekeTable, to: convergence) }
        try AtomicFile.write(text: RunParametersFile.text(for: result), to: runParameters)
        try AtomicFile.write(text: InstrumentFile.text(instrument: result.options.instrument, cube: cube), to: instrument)
        try AtomicFile.write(text: ModelFile.text(model: result.options.model, pixscale: cube.pixscale), to: model)
        try AtomicFile.write(text: OptionsFile.text(result.options.givenOptions, comments: [
            "galpak fit options of \(result.options.outputPrefix), fitted to \(result.options.cubePath)",
            "galpak fit --options THIS_FILE CUBE repeats the fit (options on the command line win);",
            "options not listed had their defaults; paths are relative to where galpak fit ran.",
        ]), to: options)
        let provenance = [HeaderCard(name: "ORIGIN", string: "galpak", comment: "GalPaK3D fit (Swift)")]
            + result.options.provenance.fitsCards + result.options.selection.headerCards
            + Self.estimatorCards(result.estimator)
        // The sky results on every model product; the input's beam where the resolution is the data's.
        let sky = SkyCards.cards(result.sky)
        let beam = cube.beam?.cards ?? []
        let cubes: [(OutputFile, [Double], String, [HeaderCard])] = [
            (.convolvedCube, result.convolvedCube, "convolved model at the estimate", beam + sky),
            (.deconvolvedCube, result.cleanCube, "deconvolved (intrinsic) model", sky),
            (.residualCube, result.residualCube, "(data - model) / sigma", beam + sky),
            (.kernel, result.kernel, "3-D kernel PSF x LSF, unit sum", []),
        ]
        for (file, values, content, cards) in cubes {
            try between()
            try FITSWriter.write(values, shape: shape, cards: cube.wcsCards,
                                 extraCards: provenance + [HeaderCard(name: "CONTENT", string: content)]
                                     + Self.unitCards(file, cube: cube) + cards,
                                 to: self[file])
        }
        try between()
        try writeMaps(result.maps, cube: cube, provenance: provenance + sky, beam: beam)
        try AtomicFile.write(text: RotationCurveFile.text(for: result.maps.rotationCurve, estimator: result.estimator),
                             to: rotationCurve)
        for (file, diagram, what) in [(OutputFile.majorAxisPV, result.maps.majorPV, "major axis"),
                                      (.minorAxisPV, result.maps.minorPV, "minor axis")] {
            try between()
            try PositionVelocityFile.write(diagram, what: what, extraCards: provenance + sky + Self.unitCards(file, cube: cube),
                                           to: self[file])
        }
        if let voronoi = result.maps.voronoi {
            try between()
            try FITSWriter.write(voronoi.binning.binOfSpaxel.map(Double.init), shape: [cube.nx, cube.ny], cards: cube.wcsCards,
                                 extraCards: provenance + Self.voronoiCards(voronoi) + [
                                     HeaderCard(name: "CONTENT", string: "Voronoi bin of every spaxel, -1: not binned"),
                                 ] + Self.unitCards(.voronoiBins, cube: cube),
                                 to: voronoiBins)
            try AtomicFile.write(text: VoronoiTableFile.text(for: voronoi), to: voronoiTable)
        }
    }

    /// The cards that say the data's maps are on Voronoi bins: `VORSNR` (the target S/N) and
    /// `VORBINS` (how many bins).
    static func voronoiCards(_ voronoi: VoronoiMomentMaps) -> [HeaderCard] {
        [HeaderCard(name: "VORSNR", number: voronoi.binning.target, comment: "Voronoi bins' target S/N (--voronoi-snr)"),
         HeaderCard(name: "VORBINS", value: "\(voronoi.binning.bins.count)", comment: "number of Voronoi bins")]
    }

    /// The FITS cards that say how the parameters were estimated: `ESTIMATR` (`mcmc` or
    /// `laplace`), and for a Laplace fit a COMMENT that the models are at the mode, not a posterior.
    static func estimatorCards(_ estimator: Estimator) -> [HeaderCard] {
        var cards = [HeaderCard(name: "ESTIMATR", string: estimator.rawValue,
                                comment: estimator.cardComment)]
        if !estimator.hasChains {
            cards.append(HeaderCard(name: "COMMENT", value: "",
                                    comment: "Laplace fit (--optimize): at the posterior mode, NOT a posterior"))
        }
        return cards
    }

    /// The cards stating the unit of `file`, a FITS product (``OutputFile/unit``).
    private static func unitCards(_ file: OutputFile, cube: Cube) -> [HeaderCard] {
        guard let unit = file.unit else { preconditionFailure("\(file.suffix) is not a FITS product") }
        return unit.cards(for: cube)
    }

    /// The nine 2-D maps and the two residual maps (data − observed model: flux, velocity), each
    /// with the cube's celestial WCS (axes 1–2), flux maps in the cube's BUNIT times channel
    /// (sums over channels), velocity and dispersion maps in km/s (``OutputFile/unit``); the
    /// `beam` cards on the maps at the data's resolution (observed model, data, residuals).
    private func writeMaps(_ maps: FitMaps, cube: Cube, provenance: [HeaderCard], beam: [HeaderCard]) throws {
        let data = maps.data
        let dataCards = [
            HeaderCard(name: "SNRMIN", number: data.minimumSNR, comment: "masked where flux S/N is below this"),
            HeaderCard(name: "COMMENT", value: "", comment: "moments over each spaxel's own line window (model >= 1% of its peak)"),
        ] + (data.window.map { [
            HeaderCard(name: "CHANMIN", value: "\($0.lowerBound + 1)", comment: "first channel of any window (1-based)"),
            HeaderCard(name: "CHANMAX", value: "\($0.upperBound + 1)", comment: "last channel of any window (1-based)"),
        ] } ?? []) + [
            HeaderCard(name: "LSFSIGMA", number: data.lsfSigma, comment: "[km/s] LSF sigma removed from dispersion"),
        ]
        let sets: [(String, KinematicMaps, String, [HeaderCard])] = [
            ("true", maps.intrinsic, "intrinsic model", []),
            ("obs", maps.observed, "model smeared by the PSF (Epinat)", beam),
            ("data", data.maps, maps.voronoi == nil ? "moment of the data" : "moment of the data's Voronoi bins",
             dataCards + (maps.voronoi.map(Self.voronoiCards) ?? []) + beam),
        ]
        let residual = "data - model smeared by the PSF"
        let planes: [(String, String, [Double], String, [HeaderCard])] = sets.flatMap { kind, set, what, cards in
            [("flux", set.flux, "flux, sum over channels"),
             ("vel", set.velocity, "line-of-sight velocity"),
             ("disp", set.dispersion, "velocity dispersion")].map { (kind, $0.0, $0.1, "\($0.2): \(what)", cards) }
        } + [("resid", "flux", maps.residualFlux, "flux, sum over channels: \(residual)", beam),
             ("resid", "vel", maps.residualVelocity, "line-of-sight velocity: \(residual)", beam)]
        for (kind, quantity, values, content, cards) in planes {
            let file = OutputFile.map(kind, quantity)
            let extra = provenance + cards + [
                HeaderCard(name: "CONTENT", string: content),
                HeaderCard(name: "PIXSCALE", number: cube.pixscale, comment: "[arcsec] pixel scale used by galpak"),
            ] + Self.unitCards(file, cube: cube)
            try FITSWriter.write(values, shape: [cube.nx, cube.ny], cards: cube.wcsCards, extraCards: extra,
                                 to: self[file])
        }
    }
}
