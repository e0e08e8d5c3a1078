import Foundation

/// The files a fit writes, named `PREFIX_suffix` as the reference's `save()` names them, and
/// the rules for writing them: nothing is overwritten without `--overwrite`, every file is
/// written atomically, and the output location is checked before the fit starts.
public struct FitOutputs: Sendable {
    /// The prefix, e.g. `out/galaxy1` → `out/galaxy1_chain.dat`.
    public let prefix: String

    public init(prefix: String) {
        self.prefix = prefix
    }

    /// The default prefix for a cube: its file name without the FITS extension, in the
    /// working directory (`/data/cube.fits.gz` → `cube`).
    public static func defaultPrefix(for cubePath: String) -> String {
        var name = URL(fileURLWithPath: cubePath).lastPathComponent
        for ext in [".gz", ".fz", ".bz2"] where name.lowercased().hasSuffix(ext) {
            name = String(name.dropLast(ext.count))
        }
        for ext in [".fits", ".fit", ".fts"] where name.lowercased().hasSuffix(ext) {
            name = String(name.dropLast(ext.count))
        }
        return name
    }

    public var chain: String { "\(prefix)_chain.dat" }
    public var parametersText: String { "\(prefix)_galaxy_parameters.txt" }
    public var parametersTable: String { "\(prefix)_galaxy_parameters.dat" }
    public var parametersJSON: String { "\(prefix)_galaxy_parameters.json" }
    public var statistics: String { "\(prefix)_stats.dat" }
    public var convergence: String { "\(prefix)_galaxy_parameters_convergence.dat" }
    public var runParameters: String { "\(prefix)_run_parameters.txt" }
    public var convolvedCube: String { "\(prefix)_convolved_cube.fits" }
    public var deconvolvedCube: String { "\(prefix)_deconvolved_cube.fits" }
    public var residualCube: String { "\(prefix)_residuals_cube.fits" }
    public var kernel: String { "\(prefix)_3Dkernel.fits" }

    /// Every file of a fit, in the order they are written.
    public var all: [String] {
        [chain, parametersText, parametersTable, parametersJSON, statistics, convergence, runParameters,
         convolvedCube, deconvolvedCube, residualCube, kernel]
    }

    /// The files `galpak chain` writes.
    public var parameterFiles: [String] { [parametersText, parametersTable, parametersJSON, convergence] }

    /// Checks, before any work, that `paths` can be written: none exists unless `overwrite`,
    /// and their directory exists and accepts a new file.
    /// - Throws: ``GalpakError`` `.badInput` naming the path and what to do.
    public static func preflight(_ paths: [String], overwrite: Bool) throws {
        let fm = FileManager.default
        if !overwrite, let existing = paths.first(where: { fm.fileExists(atPath: $0) }) {
            throw GalpakError(.badInput,
                "\(existing): already exists; give --overwrite to replace it or --output to choose another prefix")
        }
        let directories = Set(paths.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path })
        for dir in directories.sorted() {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: dir, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw GalpakError(.badInput, "\(dir): output directory does not exist; create it or choose another --output")
            }
            let probe = AtomicFile.temporaryPath(for: "\(dir)/galpak-write-test")
            guard fm.createFile(atPath: probe, contents: Data()) else {
                throw GalpakError(.badInput, "\(dir): output directory is not writable; choose another --output")
            }
            try? fm.removeItem(atPath: probe)
        }
    }

    /// Writes every output of `result`; returns the paths written.
    public func write(_ result: FitResult) throws -> [String] {
        let cube = result.cube
        let shape = [cube.nx, cube.ny, cube.nz]
        try AtomicFile.write(text: ChainFile.text(for: result.chains), to: chain)
        try AtomicFile.write(
            text: ParameterFiles.text(for: result.summary.estimate, percentile: result.summary.percentile),
            to: parametersText)
        try AtomicFile.write(text: ParameterFiles.table(for: result.summary.estimate), to: parametersTable)
        try AtomicFile.write(text: ParametersJSON.text(for: result), to: parametersJSON)
        try AtomicFile.write(text: result.statistics.table(convergence: result.convergence, derived: result.derived),
                             to: statistics)
        try AtomicFile.write(text: result.convergence.gewekeTable, to: convergence)
        try AtomicFile.write(text: RunParametersFile.text(for: result), to: runParameters)
        let provenance = [HeaderCard(name: "ORIGIN", string: "galpak", comment: "GalPaK3D fit (Swift)")]
        try FITSWriter.write(result.convolvedCube, shape: shape, cards: cube.wcsCards,
                             extraCards: provenance + [HeaderCard(name: "CONTENT", string: "convolved model at the estimate")],
                             to: convolvedCube)
        try FITSWriter.write(result.cleanCube, shape: shape, cards: cube.wcsCards,
                             extraCards: provenance + [HeaderCard(name: "CONTENT", string: "deconvolved (intrinsic) model")],
                             to: deconvolvedCube)
        try FITSWriter.write(result.residualCube, shape: shape, cards: cube.wcsCards,
                             extraCards: provenance + [HeaderCard(name: "CONTENT", string: "(data - model) / sigma")],
                             to: residualCube)
        try FITSWriter.write(result.kernel, shape: shape, cards: cube.wcsCards,
                             extraCards: provenance + [HeaderCard(name: "CONTENT", string: "3-D kernel PSF x LSF, unit sum")],
                             to: kernel)
        return all
    }
}
