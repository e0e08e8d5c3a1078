import Foundation

/// Where each cube of a batch writes: its own output prefix under the batch's output
/// directory, and its log beside the outputs.
///
/// A cube's prefix is its `output` setting (relative to the output directory unless absolute)
/// or, by default, `OUTDIR/NAME/NAME` with NAME the cube's file name without `.fits`, so that
/// every cube has a folder of its own. The prefixes are computed over the whole batch, the
/// same in every shard.
public struct BatchPlan: Sendable {
    /// One cube and its files.
    public struct Item: Sendable, Equatable {
        public var entry: BatchManifest.Entry
        /// Output prefix of its fit.
        public var prefix: String
        /// The fit's stdout and stderr: `PREFIX.log`.
        public var log: String { prefix + ".log" }
        /// The fit's outputs, its figures in every format (whichever its `--figure-format` draws).
        public var outputs: FitOutputs { FitOutputs(prefix: prefix, figureFormats: FigureFormat.allCases) }
    }

    /// The manifest column (and fit option) that sets a cube's prefix.
    public static let outputSetting = "output"

    /// The batch's output directory.
    public var outdir: String
    /// Every cube of the batch, in order.
    public var items: [Item]

    /// - Throws: ``GalpakError`` `.badInput` if two cubes would write to the same prefix.
    public init(manifest: BatchManifest, outdir: String) throws {
        self.outdir = outdir
        var owners: [String: BatchManifest.Entry] = [:]
        items = try manifest.entries.map { entry in
            let prefix: String
            if let output = entry.value(of: Self.outputSetting) {
                prefix = output.hasPrefix("/") ? output : Self.join(outdir, output)
            } else {
                let name = FITSFileName.stem(of: entry.cube)
                prefix = Self.join(Self.join(outdir, name), name)
            }
            let key = URL(fileURLWithPath: prefix).standardizedFileURL.path
            if let other = owners[key] {
                throw GalpakError(.badInput,
                    "\(other.cube) (\(other.origin)) and \(entry.cube) (\(entry.origin)) would both write \(prefix)_*; give them different names or an output column")
            }
            owners[key] = entry
            return Item(entry: entry, prefix: prefix)
        }
    }

    /// Every file the batch's fits may read: each cube and every setting's value (those that
    /// name a file: a variance, an instrument file, a PSF image; ``FileIdentity`` ignores the
    /// others, which name no file).
    public var inputFiles: [String] {
        items.flatMap { [$0.entry.cube] + $0.entry.settings.map(\.value) }
    }

    /// Every file the batch's fits write: each cube's outputs (figures and interrupted chain
    /// included) and its log.
    public var outputFiles: [String] {
        items.flatMap { $0.outputs.possibleFiles(plots: true) + [$0.outputs.incompleteChain, $0.log] }
    }

    private static func join(_ dir: String, _ name: String) -> String {
        dir.isEmpty || dir == "." ? name : (dir.hasSuffix("/") ? dir + name : dir + "/" + name)
    }
}
