import Foundation
import Testing
@testable import GalPaK

/// Hostile command lines and manifests through the real `galpak`, each run under a time limit
/// in a working directory of valid inputs and awkward paths (``FuzzFixtures``, ``FuzzWorkspace``):
/// - **options**: every option and argument of `galpak fit`, `simulate`, `chain`, `batch`,
///   `info` and `plot` (read from the tool, ``CommandDescription``) fed hostile values
///   (``OptionValueMutator``), one to three at a time on a cheap valid command line;
/// - **manifests**: broken manifests (``ManifestMutator``) given to `galpak batch`.
///
/// Every case must end as a clean refusal (status 2, one line naming the option, value or
/// file at fault), a success (0) or a fit failure (1: for batch, failed cubes); never a crash
/// (of the tool, or of a batch's fit, whose log is read), a stack trace, a hang, a message that
/// names nothing or spans lines, or files left by a refusal (``FuzzVerdict``).
///
/// `swift test` runs a short pass (three cases per command, four manifests; about half a
/// minute). `make fuzz` runs the long one: `GALPAK_FUZZ_OPTIONS=N` option cases, shared
/// equally by the commands, and `GALPAK_FUZZ_MANIFESTS=M` manifests, from seed
/// `GALPAK_FUZZ_SEED`. Valid values that would only make a case slow (long or many chains,
/// tuned sampling, a large simulated cube) are not drawn: see ``OptionValueMutator/isCheap(_:_:)``.
@Suite(.serialized) struct CommandLineFuzzTests {
    static let environment = ProcessInfo.processInfo.environment
    static let longOptions = environment["GALPAK_FUZZ_OPTIONS"].flatMap { Int($0) }
    static let longManifests = environment["GALPAK_FUZZ_MANIFESTS"].flatMap { Int($0) }
    static let seed = environment["GALPAK_FUZZ_SEED"].flatMap { UInt64($0) } ?? 1

    /// Each command's cheap valid command line: its positional arguments, then its options.
    static let bases: [(command: String, positional: [String], options: [String])] = [
        ("fit", ["c.fits"], FuzzFixtures.cheapFitOptions + ["-o", "out/fit"]),
        ("simulate", [], ["--shape", "10,10,10", "--params", FuzzFixtures.parameters, "-o", "out/sim.fits"]),
        ("chain", ["base/fit_chain.dat"], ["-o", "out/chain"]),
        ("batch", ["list.txt"], batchOptions),
        ("info", ["c.fits"], []),
        ("plot", ["base/fit"], ["-o", "out/plot"]),
    ]
    /// A batch's options, after its inputs.
    static let batchOptions = ["--outdir", "out/batch", "-j", "1", "--quiet"] + FuzzFixtures.cheapFitOptions

    /// Seconds a case may run before it counts as a hang: a batch runs a cheap fit per cube
    /// (at most ``ManifestMutator/maxRows``).
    static func timeLimit(_ command: String) -> Double { command == "batch" ? 240 : 60 }

    @Test func shortFuzz() throws {
        try Self.fuzz(options: 3 * Self.bases.count, manifests: 4, seed: Self.seed)
    }

    @Test(.enabled(if: longOptions != nil || longManifests != nil, "set GALPAK_FUZZ_OPTIONS or GALPAK_FUZZ_MANIFESTS (make fuzz)"))
    func longFuzz() throws {
        try Self.fuzz(options: Self.longOptions ?? 0, manifests: Self.longManifests ?? 0, seed: Self.seed &+ 1_000_003)
    }

    static func fuzz(options: Int, manifests: Int, seed: UInt64) throws {
        let fixtures = try FuzzFixtures()
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        var workspace = try FuzzWorkspace(root.appendingPathComponent("work"), populate: fixtures.populate)
        var descriptions: [String: CommandDescription] = [:]
        for base in bases {
            descriptions[base.command] = try CommandDescription.read(base.command)
        }
        var tally = FuzzTally()
        try fuzzOptions(cases: options, seed: seed, descriptions: descriptions, in: &workspace, tally: &tally)
        try fuzzManifests(cases: manifests, seed: seed, fitOptions: descriptions["fit"]!.options,
                          manifest: root.appendingPathComponent("m.csv"), in: &workspace, tally: &tally)
        print("command-line fuzz, seed \(seed): \(tally)")
    }

    static func fuzzOptions(cases: Int, seed: UInt64, descriptions: [String: CommandDescription],
                            in workspace: inout FuzzWorkspace, tally: inout FuzzTally) throws {
        // batch also takes every fit option, as the default of every cube.
        let batchOwn = Set(descriptions["batch"]!.options.compactMap(\.long))
        let fitOptions = descriptions["fit"]!.options.filter { !batchOwn.contains($0.long ?? "") }
        var mutator = OptionValueMutator(seed: seed)
        var generator = SeededGenerator(seed: seed)
        for n in 0..<cases {
            let base = bases[n % bases.count]
            var candidates = descriptions[base.command]!.arguments
            if base.command == "batch" { candidates += fitOptions }
            var positional = base.positional
            var options = base.options
            var changed: [(CommandDescription.Argument, String)] = []
            for _ in 0..<[1, 1, 1, 2, 2, 3].randomElement(using: &generator)! {
                let argument = candidates.randomElement(using: &generator)!
                let value = mutator.value(for: argument)
                if argument.isPositional {
                    guard !positional.isEmpty else { continue }
                    positional[0] = value
                } else if !argument.takesValue {
                    // A flag, now and then given a value it does not take.
                    options += Int.random(in: 0..<8, using: &generator) == 0 ? ["\(argument.spellings.last!)=\(value)"] : [argument.spellings.last!]
                } else {
                    let spelling = argument.spellings.randomElement(using: &generator)!
                    options += spelling.hasPrefix("--") && Bool.random(using: &generator)
                        ? ["\(spelling)=\(value)"] : [spelling, value]
                }
                changed.append((argument, value))
            }
            let arguments = [base.command] + positional + options
            let run = try CommandLineRunner.run(arguments, in: workspace.directory, timeLimit: timeLimit(base.command))
            let subjects = changed.flatMap { $0.0.names + [$0.1] } + base.positional + ["out/", "c.fits", "base/fit"]
            let verdict = FuzzVerdict.judge(run, subjects: subjects, changedFiles: workspace.changes(),
                                            failureWritesFiles: base.command == "batch")
            tally.add(verdict.includingLogs(in: workspace), group: base.command,
                      case: "option case \(n) (seed \(seed)): galpak \(arguments.map(quoted).joined(separator: " "))",
                      stderr: run.stderr)
            try workspace.restore()
        }
    }

    /// `manifest` is outside the working directory, so that no run can change it.
    static func fuzzManifests(cases: Int, seed: UInt64, fitOptions: [CommandDescription.Argument], manifest: URL,
                              in workspace: inout FuzzWorkspace, tally: inout FuzzTally) throws {
        var mutator = ManifestMutator(seed: seed, fitOptions: fitOptions)
        for n in 0..<cases {
            let (bytes, what) = mutator.manifest()
            try bytes.write(to: manifest)
            let run = try CommandLineRunner.run(["batch", manifest.path] + batchOptions, in: workspace.directory,
                                                timeLimit: timeLimit("batch"))
            let cells = String(decoding: bytes, as: UTF8.self).split(whereSeparator: { ",\n\r".contains($0) })
                .prefix(200).map { $0.trimmingCharacters(in: .whitespaces) }
            let verdict = FuzzVerdict.judge(run, subjects: [manifest.lastPathComponent, "out/batch"] + cells,
                                            changedFiles: workspace.changes(), failureWritesFiles: true)
            tally.add(verdict.includingLogs(in: workspace), group: "batch manifest",
                      case: "manifest case \(n) (seed \(seed)): \(what)", stderr: run.stderr)
            try workspace.restore()
        }
    }

    /// A value as a shell would need it quoted, for the report.
    static func quoted(_ word: String) -> String {
        let plain = word.allSatisfy { $0.isLetter || $0.isNumber || "-_=.,/:+".contains($0) }
        return plain && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
