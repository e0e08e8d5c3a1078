import Foundation

/// One run of a batch (or of one shard): finds the cubes an earlier run already fitted, fits
/// the others as `galpak fit` child processes, and rewrites the summary after every cube.
///
/// Resuming is decided from each cube's files (``FitState``): a complete fit is `skipped`
/// unless ``overwrite``; an interrupted one (its `PREFIX_chain.incomplete.dat` there, no valid
/// completion record) is resumed (`galpak fit --resume`: its chains continue, no work lost);
/// anything else (never started, killed while writing) is fitted from the start, its partial
/// final outputs removed first. A cube that fails is
/// recorded with the error its fit printed, and the batch goes on.
public struct BatchRun {
    /// Something to show the user.
    public enum Event {
        /// A cube already fitted by an earlier run.
        case skipped(BatchSummary.Row)
        /// A fit started.
        case started(BatchPlan.Item)
        /// A fit ended (ok, failed or interrupted), or a cube could not be started.
        case finished(BatchSummary.Row)
    }

    /// The cubes of this run (a shard's slice, or all).
    public var items: [BatchPlan.Item]
    /// Size of the whole batch.
    public var totalCubes: Int
    /// The slice this run is, if any.
    public var shard: BatchShard?
    /// Where the summary goes.
    public var summaryCSV: String
    public var summaryJSON: String
    /// Refit cubes whose outputs are complete.
    public var overwrite: Bool
    /// Starts the fits.
    public var runner: BatchRunner
    /// The `galpak fit` arguments for a cube (after the executable), resuming its interrupted
    /// fit when the flag is true, or why it cannot be fitted.
    public var fitArguments: (BatchPlan.Item, Bool) -> Result<[String], GalpakError>

    public init(items: [BatchPlan.Item], totalCubes: Int, shard: BatchShard?, summaryCSV: String,
                summaryJSON: String, overwrite: Bool, runner: BatchRunner,
                fitArguments: @escaping (BatchPlan.Item, Bool) -> Result<[String], GalpakError>) {
        self.items = items
        self.totalCubes = totalCubes
        self.shard = shard
        self.summaryCSV = summaryCSV
        self.summaryJSON = summaryJSON
        self.overwrite = overwrite
        self.runner = runner
        self.fitArguments = fitArguments
    }

    /// Runs the batch until every cube is done or failed, or `stopSignal` returns a signal
    /// (then running fits are interrupted and kept as `interrupted`, the others `pending`).
    /// - Returns: the final summary (also on disk).
    /// - Throws: ``GalpakError`` if the summary cannot be written.
    public func run(stopSignal: () -> Int32?, events: (Event) -> Void = { _ in }) throws -> BatchSummary {
        var summary = BatchSummary(rows: [], totalCubes: totalCubes, shard: shard)
        var jobs: [BatchRunner.Job] = []
        var itemByID: [Int: (item: BatchPlan.Item, row: Int)] = [:]
        let fm = FileManager.default
        for item in items {
            var row = BatchSummary.Row(index: item.entry.index, cube: item.entry.cube, status: .pending,
                                       prefix: item.prefix, log: item.log)
            let state = FitState(of: item.outputs)
            if !overwrite, let record = state.record {
                row.status = .skipped
                row.fit = record
                events(.skipped(row))
            } else {
                switch fitArguments(item, state == .interrupted) {
                case .failure(let error):
                    row.status = .failed
                    row.error = error.message
                    events(.finished(row))
                case .success(let arguments):
                    if state.record == nil {
                        for path in item.outputs.possible where fm.fileExists(atPath: path) { try? fm.removeItem(atPath: path) }
                    }
                    itemByID[item.entry.index] = (item, summary.rows.count)
                    jobs.append(BatchRunner.Job(id: item.entry.index, arguments: arguments, log: item.log))
                }
            }
            summary.rows.append(row)
        }
        try summary.write(csv: summaryCSV, json: summaryJSON)

        var writeError: Error?
        _ = runner.run(jobs, stopSignal: stopSignal, started: { job in
            if let item = itemByID[job.id]?.item { events(.started(item)) }
        }, finished: { job, outcome, seconds in
            guard let (item, index) = itemByID[job.id] else { return }
            var row = summary.rows[index]
            row.wallSeconds = seconds
            Self.record(outcome, of: item, into: &row, stopping: stopSignal() != nil)
            summary.rows[index] = row
            events(.finished(row))
            do { try summary.write(csv: summaryCSV, json: summaryJSON) } catch { writeError = error }
        })
        if let writeError { throw writeError }
        return summary
    }

    /// Sets the status, results and error of `row` from how its fit ended.
    static func record(_ outcome: BatchRunner.Outcome, of item: BatchPlan.Item, into row: inout BatchSummary.Row,
                       stopping: Bool) {
        let termination: ChildProcess.Termination
        switch outcome {
        case .notStarted(let reason):
            row.status = .failed
            row.error = reason
            return
        case .finished(let t):
            termination = t
        }
        if termination == .exited(0) {
            if let record = FitState(of: item.outputs).record {
                row.status = .ok
                row.fit = record
            } else {
                row.status = .failed
                row.error = "the fit ended normally but its outputs are incomplete; see \(item.log)"
            }
            return
        }
        let interruptedBySignal: Bool = switch termination {
        case .exited(let status): StopRequested.signals.contains { status == 128 + $0 }
        case .signalled(let signal): StopRequested.signals.contains(signal)
        }
        if stopping, interruptedBySignal {
            row.status = .interrupted
            row.error = nil
            return
        }
        row.status = .failed
        let printed = lastError(inLog: item.log)
        switch termination {
        case .exited: row.error = printed ?? "\(termination); see \(item.log)"
        case .signalled: row.error = "\(termination)" + (printed.map { ": \($0)" } ?? "; see \(item.log)")
        }
    }

    /// The message of the last `galpak: error: …` line of a log.
    static func lastError(inLog path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let marker = "galpak: error: "
        return String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).reversed()
            .first { $0.contains(marker) }
            .map { line in String(line[line.range(of: marker)!.upperBound...]).trimmingCharacters(in: .whitespaces) }
    }
}
