import Foundation

/// The files of one simulated cube, written all or nothing (``OutputSet``): `NAME.fits` (the
/// cube in a `DATA` extension, its variance in `STAT` when it has noise), optionally the clean
/// cube and the kernel, and `NAME.json` (``SimulationJSON``) last, the set's completion record.
public struct SimulationFiles: Sendable {
    /// The observed cube.
    public var cube: String
    /// The clean (unconvolved, noiseless) cube, if wanted.
    public var clean: String?
    /// The instrument's 3-D kernel, if wanted.
    public var kernel: String?

    public init(cube: String, clean: String? = nil, kernel: String? = nil) {
        self.cube = cube
        self.clean = clean
        self.kernel = kernel
    }

    /// The JSON record beside the cube: `DIR/sim.fits` → `DIR/sim.json`.
    public var json: String {
        let name = FITSFileName.stem(of: cube)
        let dir = (cube as NSString).deletingLastPathComponent
        return dir.isEmpty ? "\(name).json" : "\(dir)/\(name).json"
    }

    /// Every path written, the record last.
    public var paths: [String] { [cube] + [clean, kernel].compactMap { $0 } + [json] }

    /// Writes `simulated`, made from `spec`, to these paths: staged, then renamed into place,
    /// the JSON last (existing files are replaced: the caller checks `--overwrite` first).
    /// - Parameter isCancelled: polled between files and renames; once true the write is
    ///   undone and ``StopRequested`` thrown.
    /// - Throws: ``GalpakError`` naming the file that could not be written, after undoing the set.
    public func write(_ simulated: SimulatedCube, spec: SimulationSpec, provenance: Provenance,
                      isCancelled: @escaping () -> Bool = { false }) throws {
        let shape = [spec.nx, spec.ny, spec.nz]
        let set = OutputSet()
        set.isCancelled = isCancelled
        try set.write(record: json) {
            try FITSWriter.write(simulated.data, shape: shape, cards: simulated.cards, extraCards: provenance.fitsCards,
                                 variance: simulated.variance, to: try set.stagedPath(for: cube))
            if let clean {
                try set.checkStop()
                try FITSWriter.write(simulated.clean, shape: shape, cards: simulated.cards,
                                     extraCards: provenance.fitsCards, to: try set.stagedPath(for: clean))
            }
            if let kernel {
                try set.checkStop()
                try FITSWriter.write(simulated.kernel, shape: shape, cards: simulated.cards,
                                     extraCards: provenance.fitsCards, to: try set.stagedPath(for: kernel))
            }
            try AtomicFile.write(text: try SimulationJSON.text(spec: spec, sigma: simulated.sigma, provenance: provenance),
                                 to: try set.stagedPath(for: json))
        }
    }
}
