import Foundation
import Testing

/// The whole `--help` text of every command, compared exactly with the golden files in
/// `Fixtures/help` (`<command>-help.txt`). The help is printed at a fixed width (`COLUMNS`, which
/// swift-argument-parser honours), so it does not depend on the terminal. After an intended
/// change of the help, `make help-golden` runs this suite with `GALPAK_UPDATE_GOLDEN=1`, which
/// rewrites the files instead of comparing; review them with `git diff`.
@Suite struct HelpGoldenTests {
    /// One command whose help is checked: the program, its subcommand (if any) and its golden file.
    struct Command: CustomTestStringConvertible, Sendable {
        let program: String
        let subcommand: String?

        var arguments: [String] { (subcommand.map { [$0] } ?? []) + ["--help"] }
        var golden: String {
            let name = subcommand.map { program == "galpak" ? $0 : "\(program)-\($0)" } ?? program
            return "\(name)-help.txt"
        }
        var testDescription: String { ([program] + arguments).joined(separator: " ") }
    }

    /// `galpak` and its subcommands (Sources/galpak/Galpak.swift), and `galpak-calibrate` and its
    /// subcommands (Sources/galpak-calibrate/Bench.swift).
    static let commands: [Command] =
        ([nil, "fit", "batch", "chain", "plot", "simulate", "info", "compare"] as [String?]).map {
            Command(program: "galpak", subcommand: $0)
        } + ([nil, "calibrate", "first-guess"] as [String?]).map {
            Command(program: "galpak-calibrate", subcommand: $0)
        }

    /// The terminal width the help is laid out for.
    static let columns = 100

    /// `Tests/GalPaKTests/Fixtures/help` in the source tree, where `make help-golden` writes.
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/help")

    static var updating: Bool { ProcessInfo.processInfo.environment["GALPAK_UPDATE_GOLDEN"] == "1" }

    @Test(arguments: commands)
    func helpMatchesItsGoldenFile(_ command: Command) throws {
        let program = CommandLineRunner.product(command.program)
        try #require(FileManager.default.isExecutableFile(atPath: program.path),
                     "\(program.path) is not built (swift build builds every product)")
        let outcome = try CommandLineRunner.run(command.arguments, program: program,
                                                environment: ["COLUMNS": "\(Self.columns)"])
        #expect(outcome.status == 0 && outcome.stderr.isEmpty, "\(outcome.stderr)")
        let file = Self.directory.appendingPathComponent(command.golden)
        if Self.updating {
            try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
            try outcome.stdout.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record("no golden file Fixtures/help/\(command.golden); run `make help-golden`")
            return
        }
        if let difference = Self.firstDifference(expected, outcome.stdout) {
            Issue.record("""
                `\(command.testDescription)` differs from Fixtures/help/\(command.golden) at line \(difference.line):
                  golden: \(difference.expected)
                  actual: \(difference.actual)
                If the change is intended, run `make help-golden` and review the diff.
                """)
        }
    }

    /// The first line (1-based) where `actual` differs from `expected`, with both lines (quoted;
    /// "(end of text)" past the last line), or nil when the texts are equal.
    static func firstDifference(_ expected: String, _ actual: String)
        -> (line: Int, expected: String, actual: String)? {
        guard expected != actual else { return nil }
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
        func line(_ lines: [Substring], _ i: Int) -> String {
            i < lines.count ? "\"\(lines[i])\"" : "(end of text)"
        }
        let i = (0..<max(a.count, b.count)).first { line(a, $0) != line(b, $0) } ?? 0
        return (i + 1, line(a, i), line(b, i))
    }

    @Test func firstDifferenceNamesTheFirstDifferingLine() {
        #expect(Self.firstDifference("a\nb\n", "a\nb\n") == nil)
        let changed = Self.firstDifference("a\nb\nc\n", "a\nB\nc\n")
        #expect(changed?.line == 2 && changed?.expected == "\"b\"" && changed?.actual == "\"B\"")
        let longer = Self.firstDifference("a\n", "a\nextra\n")
        #expect(longer?.line == 2 && longer?.expected == "\"\"" && longer?.actual == "\"extra\"")
        let trailing = Self.firstDifference("a", "a\n")
        #expect(trailing?.line == 2 && trailing?.expected == "(end of text)")
    }
}
