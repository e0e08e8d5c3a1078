import Foundation

/// Where a batch's summaries are: `summary.csv` and `summary.json` for a whole batch,
/// `summary-K-of-N.csv` and `.json` for shard K of N (so shards sharing an output directory
/// never write the same file), and how `--merge` finds them.
extension BatchSummary {
    /// The CSV and JSON paths of the summary of `shard` (or of a whole batch) in `outdir`, and
    /// the lock the batch (or shard) holds while it runs (``OutputLock``), `summary.lock` or
    /// `summary-K-of-N.lock`: shards of one batch run at once, two runs of one shard do not.
    public static func files(in outdir: String, shard: BatchShard?) -> (csv: String, json: String, lock: String) {
        let base = shard.map { "summary-\($0.index)-of-\($0.count)" } ?? "summary"
        let dir = outdir.hasSuffix("/") ? outdir : outdir + "/"
        return (dir + base + ".csv", dir + base + ".json", dir + base + ".lock")
    }

    /// The summaries to merge from `input`: the file itself, or in a directory every shard
    /// summary (`summary-K-of-N.json`), else its `summary.json`.
    /// - Throws: ``GalpakError`` `.badInput` when there is none.
    public static func summaryFiles(in input: String) throws -> [String] {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: input, isDirectory: &isDirectory) else {
            throw GalpakError.badInput(input, "does not exist")
        }
        guard isDirectory.boolValue else { return [input] }
        let names = (try? fm.contentsOfDirectory(atPath: input)) ?? []
        let shards = names.filter(isShardSummary).sorted()
        let dir = input.hasSuffix("/") ? input : input + "/"
        if !shards.isEmpty { return shards.map { dir + $0 } }
        guard names.contains("summary.json") else {
            throw GalpakError.badInput(input, "holds no batch summary (summary.json or summary-K-of-N.json)")
        }
        return [dir + "summary.json"]
    }

    /// True for `summary-K-of-N.json`.
    static func isShardSummary(_ name: String) -> Bool {
        guard name.hasPrefix("summary-"), name.hasSuffix(".json") else { return false }
        let middle = name.dropFirst("summary-".count).dropLast(".json".count)
        let parts = middle.components(separatedBy: "-of-")
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
    }
}
