import Foundation

/// Where an interrupted fit stood, read back from its `PREFIX_chain.incomplete.dat`
/// (``IncompleteChainFile``) for `galpak fit --resume`, and what a fit writes on that file's
/// `# fit:` line so that it can be.
///
/// A fit samples in one or two stages (the second when the noise measured at the first
/// stage's estimate differs, ``NoiseStages``); the file holds the chains of the stage under way
/// and, with ``stage`` and ``start``, all a resumed fit needs to redo the deterministic steps
/// before that stage and continue its chains (``ChainRunner/Resume``).
struct FitResume {
    /// What the `# fit:` line holds.
    struct Context: Codable {
        /// What the chains depend on; a resumed fit must match it.
        var fingerprint: FitFingerprint
        /// 1: sampling from the first guess; 2: sampling again from the first stage's estimate.
        var stage: Int
        /// Where chain 0 of this stage started (for stage 2, the first stage's estimate).
        var start: GalaxyParameters
    }

    /// The stage the file's chains belong to.
    var stage: Int
    /// Where that stage started.
    var start: GalaxyParameters
    /// Its chains and sampler state.
    var chains: ChainRunner.Resume

    /// The `# fit:` line's content for `stage` from `start`.
    static func context(_ fingerprint: FitFingerprint, stage: Int, start: GalaxyParameters) throws -> Data {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(Context(fingerprint: fingerprint, stage: stage, start: start))
    }

    /// Reads the incomplete chain at `path` and checks that it was sampled under `fingerprint`
    /// with `chainCount` chains.
    /// - Throws: ``GalpakError`` `.badInput` naming `path` when there is none ("nothing to
    ///   resume"), it cannot be read, or it was sampled from another cube or with other options
    ///   (saying which).
    init(path: String, fingerprint: FitFingerprint, chainCount: Int) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw GalpakError.badInput(path, "no such file: there is no interrupted fit to resume under this prefix (run without --resume to fit from the start)")
        }
        let contents = try IncompleteChainFile.read(path: path)
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        guard let context = try? decoder.decode(Context.self, from: contents.context) else {
            throw GalpakError.badInput(path, "its '# fit:' line is unreadable (written by another version of galpak?); run without --resume to fit from the start")
        }
        if let difference = fingerprint.difference(from: context.fingerprint) {
            throw GalpakError.badInput(path, "cannot resume: \(difference); run with the same cube and options, or without --resume to fit from the start")
        }
        stage = context.stage
        start = context.start
        chains = ChainRunner.Resume(state: contents.state, chains: (0..<chainCount).map { contents.chains[$0] ?? Chain(names: context.start.names) },
                                    source: path)
    }
}
