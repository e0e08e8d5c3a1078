/// Joins the summaries of a batch's shards into one.
extension BatchSummary {
    /// What a merge found besides the rows.
    public struct MergeReport: Sendable, Equatable {
        /// The merged table (no shard).
        public var summary: BatchSummary
        /// Positions of the batch that no summary has (a shard not run, or killed before it
        /// wrote its first summary).
        public var missing: [Int]
        /// Sizes of the batches the summaries come from, when they disagree (different manifests).
        public var conflictingTotals: [Int]
    }

    /// Merges `parts`: rows by batch position; a cube present in several parts keeps its most
    /// advanced status (ok/skipped over failed, over interrupted, over pending), the later part
    /// winning ties.
    public static func merge(_ parts: [BatchSummary]) -> MergeReport {
        var best: [Int: Row] = [:]
        for part in parts {
            for row in part.rows {
                if let kept = best[row.index], rank(kept.status) > rank(row.status) { continue }
                best[row.index] = row
            }
        }
        let totals = Set(parts.map(\.totalCubes))
        let total = totals.max() ?? 0
        let rows = best.values.sorted { $0.index < $1.index }
        let missing = (0..<total).filter { best[$0] == nil }
        return MergeReport(summary: BatchSummary(rows: rows, totalCubes: total, shard: nil),
                           missing: missing, conflictingTotals: totals.count > 1 ? totals.sorted() : [])
    }

    private static func rank(_ status: Status) -> Int {
        switch status {
        case .ok, .skipped: 3
        case .failed: 2
        case .interrupted: 1
        case .pending: 0
        }
    }
}
