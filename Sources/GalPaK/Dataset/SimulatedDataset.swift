import Foundation

/// A training or test set of simulated cubes (`galpak simulate --dataset N --priors FILE.json
/// --outdir DIR`): N cubes on one grid, model and instrument (``base``), each with its own
/// values drawn from ``priors`` (``DatasetPriors/draw(count:seed:)``), rendered and written in
/// parallel, each with its files all or nothing (``SimulationFiles``: `DIR/cube_0000.fits` and
/// `DIR/cube_0000.json`), then `DIR/truth.csv` (``TruthTable``) and `DIR/dataset.json`
/// (``DatasetRecord``), the completion record, last.
public struct SimulatedDataset: Sendable {
    /// The valid numbers of cubes.
    public static let countRange = ValidRange(.closed(1), .closed(1e6))
    /// The shortest number in a cube's name (`cube_0000`); longer when the count needs it.
    public static let minimumDigits = 4
    /// The name of the truth table in the dataset's directory.
    public static let truthName = "truth.csv"
    /// The name of the completion record in the dataset's directory.
    public static let recordName = "dataset.json"

    /// The simulation every cube starts from; its galaxies, seed, and whatever settings the
    /// priors give are replaced per cube.
    public let base: SimulationSpec
    public let priors: DatasetPriors
    /// The seed of the draws (``DatasetPriors/draw(count:seed:)``).
    public let seed: UInt64
    /// The output directory.
    public let outdir: String
    /// The draws, one per cube.
    public let draws: [DatasetDraw]

    /// Draws the cubes of the dataset and checks that their settings apply to the instrument
    /// (whether a PSF or LSF setting applies does not depend on its value, so the first cube's
    /// simulation stands for all), before anything is written.
    /// - Precondition: `count` in ``countRange``.
    /// - Throws: ``GalpakError`` `.badInput` naming the priors file and its PSF and LSF settings
    ///   when they cannot apply to the instrument (``SimulationSetting``).
    public init(base: SimulationSpec, priors: DatasetPriors, count: Int, seed: UInt64, outdir: String) throws {
        precondition(Self.countRange.contains(count), "a dataset has 1 to 10^6 cubes")
        self.base = base
        self.priors = priors
        self.seed = seed
        self.outdir = outdir
        draws = priors.draw(count: count, seed: seed)
        _ = try spec(0)
    }

    /// The simulation of cube `index`: ``base`` with its drawn galaxy, noise seed and settings.
    /// - Throws: ``GalpakError`` `.badInput` as ``init(base:priors:count:seed:outdir:)``.
    public func spec(_ index: Int) throws -> SimulationSpec {
        var galaxy = GalaxyParameters.missing(priors.parameters)
        var settings: [SimulationSetting: Double] = [:]
        for (entry, value) in zip(priors.entries, draws[index].values) {
            switch entry.quantity {
            case .parameter(let name): galaxy[name] = value
            case .setting(let setting): settings[setting] = value
            }
        }
        var spec = base
        spec.galaxies = [galaxy]
        spec.seed = draws[index].noiseSeed
        do {
            return try SimulationSetting.applied(settings, to: spec)
        } catch let error as GalpakError {
            let keys = settings.keys.filter(\.isInstrumental).map(\.key).sorted().joined(separator: ", ")
            throw GalpakError.badInput(priors.source, "\(keys): \(error.message)")
        }
    }

    /// The number of cubes.
    public var count: Int { draws.count }

    /// The name of cube `index` in the directory: `cube_0042.fits`, the number zero-padded to
    /// ``minimumDigits`` or the digits of the last index.
    public func cubeName(_ index: Int) -> String {
        let digits = Swift.max(Self.minimumDigits, String(count - 1).count)
        let number = String(index)
        return "cube_" + String(repeating: "0", count: digits - number.count) + number + ".fits"
    }

    /// The files of cube `index`.
    public func files(_ index: Int) -> SimulationFiles { SimulationFiles(cube: path(cubeName(index))) }

    /// `DIR/name`.
    public func path(_ name: String) -> String { outdir.hasSuffix("/") ? outdir + name : outdir + "/" + name }

    /// Every file the dataset writes, the completion record last.
    public var outputs: [String] {
        (0..<count).flatMap { files($0).paths } + [path(Self.truthName), path(Self.recordName)]
    }

    /// The lock a run holds on the directory (``OutputLock``): one writer at a time.
    public var lockPath: String { path("dataset.lock") }

    /// Checks the directory before any work: it is a directory or absent (then created by the
    /// caller), and without `overwrite` none of ``outputs`` exists.
    /// - Throws: ``GalpakError`` `.badInput` naming the directory or the first existing file.
    public func checkOutputs(overwrite: Bool) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: outdir, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw GalpakError.badInput(outdir, "is a file, not a directory; choose another --outdir")
        }
        for output in outputs {
            guard FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue { throw GalpakError.badInput(output, "is a directory, so the file cannot be written there") }
            if !overwrite {
                throw GalpakError.badInput(output, "already exists; give --overwrite to replace the dataset or choose another --outdir")
            }
        }
    }

    /// Cubes rendered at once: every core, fewer when their simulations (``SimulatedCube/arraysAtPeak``
    /// cubes of Double each) would not fit together in half the machine's memory; at least one.
    public var concurrency: Int {
        let perCube = Double(base.nx) * Double(base.ny) * Double(base.nz) * Double(MemoryLayout<Double>.size)
            * Double(SimulatedCube.arraysAtPeak)
        let fitting = Int(Swift.min(Double(Int.max), Double(MemoryBudget.physicalMemory) / 2 / perCube))
        return Swift.max(1, Swift.min(ProcessInfo.processInfo.activeProcessorCount, fitting, count))
    }

    /// Renders and writes every cube, ``concurrency`` at a time, then `truth.csv` and
    /// `dataset.json`. The directory must exist; existing files are replaced (the caller
    /// checks `--overwrite` first).
    /// - Parameters:
    ///   - isCancelled: polled before every cube and, while a cube is written, between its
    ///     files (``SimulationFiles/write(_:spec:provenance:isCancelled:)``).
    ///   - progress: called after each cube is written with the number written so far (from
    ///     the writing threads, one call at a time).
    /// - Throws: ``GalpakError``: `.interrupted` once `isCancelled` returned true (every cube
    ///   is then whole or absent); else the first error of a cube, naming it (the cubes already
    ///   started are finished, no new one is started), or of the last two files. Each says
    ///   how many cubes were written; `truth.csv` and `dataset.json` are then not written.
    public func write(provenance: Provenance, isCancelled: @escaping @Sendable () -> Bool,
                      progress: @escaping @Sendable (Int) -> Void) throws {
        let work = DatasetWork(count: count)
        let dataset = self
        DispatchQueue.concurrentPerform(iterations: concurrency) { _ in
            while let index = work.next() {
                if isCancelled() {
                    work.fail(StopRequested())
                    return
                }
                let files = dataset.files(index)
                do {
                    let spec = try dataset.spec(index)
                    let simulated = try GalpakError.naming(files.cube) { try SimulatedCube(spec) }
                    try files.write(simulated, spec: spec, provenance: provenance, isCancelled: isCancelled)
                    work.finish(index, sigma: simulated.sigma, then: progress)
                } catch {
                    work.fail(error)
                }
            }
        }
        let set = OutputSet()
        set.isCancelled = isCancelled
        do {
            if let error = work.error { throw error }
            try set.write(record: path(Self.recordName)) {
                try AtomicFile.write(text: TruthTable.text(self, sigmas: work.sigmas), to: try set.stagedPath(for: path(Self.truthName)))
                try AtomicFile.write(text: DatasetRecord.text(self, provenance: provenance),
                                     to: try set.stagedPath(for: path(Self.recordName)))
            }
        } catch {
            let outcome = "\(work.written) of \(count) cubes were written (each whole), \(Self.truthName) was not"
            if error is StopRequested { throw GalpakError(.interrupted, "interrupted: \(outcome)") }
            guard let failure = error as? GalpakError else { throw error }
            throw GalpakError(failure.kind, "\(failure.message); \(outcome)")
        }
    }
}

/// The cubes still to render and what became of those rendered, shared by the writing threads
/// under a lock.
private final class DatasetWork: @unchecked Sendable {
    private let lock = NSLock()
    private var nextIndex = 0
    private let count: Int
    private var cubesWritten = 0
    private var cubeSigmas: [Double]
    private var firstError: Error?

    init(count: Int) {
        self.count = count
        cubeSigmas = Array(repeating: .nan, count: count)
    }

    /// The next cube to render; nil when all are taken or something failed.
    func next() -> Int? {
        lock.withLock {
            guard firstError == nil, nextIndex < count else { return nil }
            defer { nextIndex += 1 }
            return nextIndex
        }
    }

    /// Records that cube `index` is written with noise `sigma`, and calls `progress` with the
    /// number written so far, under the lock (one call at a time).
    func finish(_ index: Int, sigma: Double, then progress: (Int) -> Void) {
        lock.withLock {
            cubeSigmas[index] = sigma
            cubesWritten += 1
            progress(cubesWritten)
        }
    }

    /// Records `error` unless one came first; no new cube is started after.
    func fail(_ error: Error) {
        lock.withLock { if firstError == nil { firstError = error } }
    }

    var error: Error? { lock.withLock { firstError } }
    /// The number of cubes written.
    var written: Int { lock.withLock { cubesWritten } }
    /// The noise σ of each cube written (NaN for the others).
    var sigmas: [Double] { lock.withLock { cubeSigmas } }
}
