import ArgumentParser
import Foundation
import GalPaK

/// `galpak batch`: fits many cubes, several at once, resumable, and in shards for a cluster.
struct BatchCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        let columns = FitArguments.fit.columns.sorted().map { $0.replacingOccurrences(of: "-", with: "_") }
        let target = ConvergenceTarget.standard
        return CommandConfiguration(
            commandName: "batch",
            abstract: "Fit many cubes: several at once, resumable after an interruption, in shards on a cluster.",
            discussion: """
                Inputs: a manifest (CSV whose header has a cube column and optionally columns named \
                like the fit options: \(columns.joined(separator: ", ")); an empty cell keeps the \
                default), a plain list of cube paths (one a line), FITS files, or quoted patterns \
                such as 'cubes/*.fits'. Fit options given on the batch command line are the \
                defaults of every cube. Each cube is fitted by its own `galpak fit` process \
                (PREFIX = OUTDIR/NAME/NAME, or the output column, relative to OUTDIR); its log is \
                PREFIX.log. OUTDIR/summary.csv and summary.json (summary-K-of-N.* for a shard) \
                have one row per cube (status ok, skipped, failed, interrupted or pending, every \
                parameter with its errors, reduced chi2, convergence verdict (R-hat <= \(target.maxRHat) and \
                ESS >= \(Int(target.minESS))), wall time, error) and are rewritten after every cube.

                Every cube is fitted as `galpak fit` would fit it alone (run until converged, \
                tuned jumps), and the cores are shared: with C cores, -j defaults to max(1, C/2) \
                fits at once and each fit runs max(2, C/j) chains in parallel (--chains, as a \
                batch option or a manifest column, overrides it).

                Rerunning the same command skips every cube whose outputs are complete and fits \
                the others (interrupted, failed or not started). SIGINT, SIGTERM and SIGHUP are \
                passed on to the running fits, which stop cleanly, and the batch waits for them; \
                a fit whose batch is killed stops as on SIGTERM. A failed cube does not stop the \
                batch, which then exits with status 1.

                On a cluster: `sbatch --array=0-99 --wrap 'galpak batch manifest.csv'` runs slice \
                SLURM_ARRAY_TASK_ID of 100 in each task (or give --shard K/N); then \
                `galpak batch --merge OUTDIR` joins the shards' summaries.
                """ + "\n\n" + Galpak.exitStatusHelp)
    }

    /// The valid numbers of fits at once (a child process each).
    static let jobsRange = ValidRange(.closed(1), .closed(1024))

    @Option(name: [.customShort("j"), .long], parsing: .unconditional, help: ArgumentHelp(
        "Fits running at once, \(Self.jobsRange) (default: half the cores, SLURM_CPUS_PER_TASK under Slurm, at least 1); each fit runs max(2, cores/n) chains.", valueName: "n"))
    var jobs: Int?

    @Option(help: ArgumentHelp(
        "Output directory, created if needed (default: the working directory; with --merge, the first directory given).",
        valueName: "dir"))
    var outdir: String?

    @Option(help: ArgumentHelp(
        "Fit only slice K of N equal consecutive slices of the inputs, K from 0 to N-1 (default under a Slurm array job: the task's slice).",
        valueName: "K/N"))
    var shard: String?

    @Flag(help: "Join the summaries found in the given directories (or summary.json files) into OUTDIR/summary.{csv,json}.")
    var merge = false

    @Flag(help: "Refit the cubes whose outputs are complete (otherwise they are skipped).")
    var overwrite = false

    @Flag(help: "No line per cube on stderr (errors still appear).")
    var quiet = false

    @Argument(parsing: .allUnrecognized, help: ArgumentHelp(
        "Manifests, cubes or quoted patterns, and galpak fit options as defaults for every cube (with --merge: directories or summary files).",
        valueName: "input"))
    var inputs: [String] = []

    func validate() throws {
        if let jobs { try Self.jobsRange.validate(jobs, "-j") }
        try OutputArgument.check(outdir, option: "--outdir", isDirectory: true)
    }

    func run() throws {
        Interruption.install()
        if merge { return try runMerge() }

        let fit = FitArguments.fit
        let (paths, defaults) = try fit.split(inputs)
        guard !paths.isEmpty else {
            throw ValidationError("give a manifest, cubes or a quoted pattern such as 'cubes/*.fits'")
        }
        if defaults.contains(where: { $0.name == BatchPlan.outputSetting }) {
            throw ValidationError("--output cannot be shared by all cubes: use --outdir, or an output column in the manifest")
        }
        if case .failure(let error) = fit.arguments(cube: "cube.fits", prefix: "cube", defaults: defaults, own: [], chains: 2) {
            throw GalpakError(.badInput, "fit option: \(error.message)")
        }
        let manifest = try BatchManifest(inputs: paths, allowedColumns: fit.columns)
        let environment = ProcessInfo.processInfo.environment
        let shard = try self.shard.map(BatchShard.init(parsing:)) ?? BatchShard.fromSlurm(environment: environment)
        let outdir = self.outdir ?? "."
        let plan = try BatchPlan(manifest: manifest, outdir: outdir)
        let items = shard.map { Array(plan.items[$0.range(total: plan.items.count)]) } ?? plan.items
        guard let executable = ChildProcess.currentExecutable else {
            throw GalpakError(.fitFailed, "cannot find the galpak executable to start the fits")
        }
        let cores = environment["SLURM_CPUS_PER_TASK"].flatMap { Int($0) }.map { Swift.max(1, $0) }
            ?? ProcessInfo.processInfo.activeProcessorCount
        let concurrency = jobs ?? Swift.max(1, cores / 2)
        let chains = Swift.max(2, cores / concurrency)
        let files = BatchSummary.files(in: outdir, shard: shard)
        try FileIdentity.refuseOverwritingInputs(
            outputs: [files.csv, files.json] + plan.outputFiles,
            inputs: paths + plan.inputFiles + defaults.map(\.value))
        // Made only once every check has passed: a refused batch leaves no directory.
        try Self.createDirectory(outdir)
        let lock = try OutputLock(path: files.lock)
        defer { lock.release() }
        let batch = BatchRun(
            items: items, totalCubes: plan.items.count, shard: shard, summaryCSV: files.csv,
            summaryJSON: files.json, overwrite: overwrite,
            runner: BatchRunner(executable: executable, concurrency: concurrency),
            fitArguments: { fit.arguments(cube: $0.entry.cube, prefix: $0.prefix, defaults: defaults, own: $0.entry.settings,
                                          chains: chains, resume: $1) })

        if !quiet {
            let slice = shard.map { shard -> String in
                let range = shard.range(total: plan.items.count)
                return " (shard \(shard): cubes \(range.lowerBound + 1)-\(range.upperBound) of \(plan.items.count))"
            } ?? ""
            Terminal.writeError("galpak: batch of \(items.count) cubes\(slice), \(concurrency) at a time with \(chains) chains each; summary in \(files.csv)\n")
        }
        var finished = 0, skipped = 0, announcedSkips = false
        let summary = try batch.run(stopSignal: { Interruption.receivedSignal }) { event in
            switch event {
            case .skipped:
                skipped += 1
            case .started(let item):
                guard !quiet else { return }
                if skipped > 0, !announcedSkips {
                    announcedSkips = true
                    Terminal.writeError("galpak: \(skipped) cubes already fitted are skipped (--overwrite refits them)\n")
                }
                Terminal.writeError("galpak: started \(item.entry.cube) → \(item.prefix)_*\n")
            case .finished(let row):
                finished += 1
                guard !quiet || row.status == .failed else { return }
                let time = row.wallSeconds.map { String(format: " in %.1f s", $0) } ?? ""
                let why = row.error.map { ": \($0)" } ?? ""
                Terminal.writeError("galpak: [\(finished + skipped)/\(items.count)] \(row.status.rawValue) \(row.cube)\(time)\(why)\n")
            }
        }
        try report(summary, csv: files.csv)
    }

    /// Prints the outcome; throws when a cube failed or the batch was interrupted.
    private func report(_ summary: BatchSummary, csv: String) throws {
        let counts = BatchSummary.Status.allCases.filter { summary.count($0) > 0 }
            .map { "\(summary.count($0)) \($0.rawValue)" }.joined(separator: ", ")
        let unconverged = summary.rows.filter { $0.fit?.convergence == "not converged" }.count
        let target = ConvergenceTarget.standard
        let verdict = unconverged > 0
            ? " (\(unconverged) not converged: R-hat > \(target.maxRHat) or ESS < \(Int(target.minESS)))" : ""
        Terminal.output("\(summary.rows.count) cubes: \(counts)\(verdict); summary in \(csv)")
        let failed = summary.rows.filter { $0.status == .failed }
        for row in failed {
            let error = row.error ?? "see \(row.log)"
            Terminal.output("failed: " + (error.hasPrefix(row.cube) ? error : "\(row.cube): \(error)"))
        }
        if Interruption.requested {
            throw GalpakError(.interrupted,
                "batch interrupted: \(summary.count(.interrupted)) fits stopped, \(summary.count(.pending)) not started; run the same command again to finish")
        }
        if !failed.isEmpty {
            throw GalpakError(.fitFailed,
                "\(failed.count) of \(summary.rows.count) cubes failed: \(failed.map(\.cube).joined(separator: ", ")); see \(csv) and their logs")
        }
    }

    /// `--merge`: joins shard summaries.
    private func runMerge() throws {
        guard let first = inputs.first else {
            throw ValidationError("--merge needs the output directories of the shards (or their summary files)")
        }
        if shard != nil { throw ValidationError("--merge and --shard cannot be combined") }
        var parts: [BatchSummary] = []
        for input in inputs {
            for path in try BatchSummary.summaryFiles(in: input) { parts.append(try BatchSummary.read(path: path)) }
        }
        let merged = BatchSummary.merge(parts)
        var isDirectory: ObjCBool = false
        let firstIsDirectory = FileManager.default.fileExists(atPath: first, isDirectory: &isDirectory) && isDirectory.boolValue
        let outdir = self.outdir ?? (firstIsDirectory ? first : URL(fileURLWithPath: first).deletingLastPathComponent().path)
        try Self.createDirectory(outdir)
        let files = BatchSummary.files(in: outdir, shard: nil)
        let lock = try OutputLock(path: files.lock)
        defer { lock.release() }
        try merged.summary.write(csv: files.csv, json: files.json)
        try report(merged.summary, csv: files.csv, merged: merged, parts: parts.count)
    }

    private func report(_ summary: BatchSummary, csv: String, merged: BatchSummary.MergeReport, parts: Int) throws {
        if !merged.conflictingTotals.isEmpty {
            Terminal.warning("the summaries come from batches of different sizes (\(merged.conflictingTotals.map(String.init).joined(separator: ", ")) cubes); were they run on the same manifest?")
        }
        Terminal.output("merged \(parts) summaries of a batch of \(summary.totalCubes) cubes")
        if !merged.missing.isEmpty {
            let list = merged.missing.prefix(20).map(String.init).joined(separator: ", ")
            Terminal.warning("\(merged.missing.count) cubes are in no summary (positions \(list)\(merged.missing.count > 20 ? ", …" : "")): a shard did not run")
        }
        try report(summary, csv: csv)
        let unfinished = summary.count(.pending) + summary.count(.interrupted) + merged.missing.count
        if unfinished > 0 {
            throw GalpakError(.fitFailed, "\(unfinished) of \(summary.totalCubes) cubes are not fitted yet; rerun their shards")
        }
    }

    private static func createDirectory(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw GalpakError.badInput(path, "output directory cannot be created (\(error.localizedDescription))")
        }
    }
}
