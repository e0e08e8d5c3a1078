import Foundation
@testable import GalPaK

/// How a fuzzed run of `galpak` ended, judged against the tool's promises: exit status 0
/// (success), 1 (a fit that could not be carried out) or 2 (bad input), each failure with one
/// line `galpak: error: …` last on stderr, never a crash, a hang, a stack trace or a dump,
/// and a refused run leaves no file behind.
enum FuzzVerdict: Equatable {
    case success
    case fitFailure
    /// Status 2 with a one-line message naming the option or file at fault.
    case refusal
    /// Anything else, with what was wrong.
    case bad(String)

    /// The kinds of bad ending, for the tally: the text of a ``bad(_:)`` verdict up to its colon.
    var kind: String {
        switch self {
        case .success: "success (0)"
        case .fitFailure: "fit failure (1)"
        case .refusal: "clean refusal (2)"
        case .bad(let why): "BAD " + (why.split(separator: ":").first.map(String.init) ?? why)
        }
    }

    var isBad: Bool {
        if case .bad = self { return true }
        return false
    }

    /// What a crash or an uncaught error leaves on stderr (Swift runtime, Foundation, the shell).
    static let crashMarkers = [
        "Fatal error", "Stack dump", "Current stack trace", "Backtrace", "💣", "Program crashed", "Illegal instruction",
        "Segmentation fault", "Error Domain=", "NSCocoaErrorDomain", "Swift runtime failure", "Trace/breakpoint",
        "Aborted", "Thread 0 crashed",
    ]

    /// Judges `run`.
    /// - Parameters:
    ///   - subjects: what a refusal may name: the options and values the case changed and the
    ///     files it gave (compared without case; values also as printed, control characters escaped).
    ///   - changedFiles: files the run created, changed or removed in its working directory.
    ///   - failureWritesFiles: true for `batch`, whose status 1 (a cube failed) comes with its
    ///     summary and the cubes' logs.
    static func judge(_ run: CommandLineRunner.Outcome, subjects: [String], changedFiles: [String],
                      failureWritesFiles: Bool = false) -> FuzzVerdict {
        if run.timedOut { return .bad("hang: still running at the time limit") }
        if run.signalled { return .bad("signal: died of signal \(run.status)") }
        if let marker = crashMarkers.first(where: { run.stderr.contains($0) || run.stdout.contains($0) }) {
            return .bad("stack trace: '\(marker)' in the output")
        }
        guard [0, 1, 2].contains(run.status) else { return .bad("exit status: \(run.status)") }
        let lines = run.stderr.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        let errors = lines.filter { $0.hasPrefix("galpak: error: ") }
        if let stray = lines.first(where: { !$0.hasPrefix("galpak: ") }) {
            return .bad("multi-line message: stderr line not from galpak: \(stray.prefix(120))")
        }
        if run.status == 0 {
            return errors.isEmpty ? .success : .bad("status/message mismatch: status 0 with an error message")
        }
        guard errors.count == 1, lines.last == errors[0] else {
            return .bad("status/message mismatch: status \(run.status) with \(errors.count) error lines")
        }
        let message = errors[0].lowercased()
        if run.status == 2 {
            // A subject of one character (`.`) only counts where the message starts with it.
            let text = message.dropFirst("galpak: error: ".count)
            let named = subjects.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.contains { subject in
                [subject, subject.escapingControlCharacters()].map { $0.lowercased() }.contains {
                    $0.count >= 2 ? text.contains($0) : text.hasPrefix($0)
                }
            }
            if !named { return .bad("unnamed: the message names none of \(subjects.prefix(8))") }
        }
        if !(failureWritesFiles && run.status == 1), !changedFiles.isEmpty {
            return .bad("files left: status \(run.status) left \(changedFiles.prefix(5))")
        }
        return run.status == 1 ? .fitFailure : .refusal
    }

    /// This verdict, or a bad one when a log that the run's fits wrote in `workspace` (a
    /// batch's `*.log`) holds a crash marker.
    func includingLogs(in workspace: FuzzWorkspace) -> FuzzVerdict {
        guard !isBad else { return self }
        for path in workspace.changes() where path.hasSuffix(".log") {
            let log = (try? String(contentsOf: workspace.directory.appendingPathComponent(path), encoding: .utf8)) ?? ""
            if let marker = Self.crashMarkers.first(where: log.contains) {
                return .bad("stack trace: '\(marker)' in the fit log \(path)")
            }
        }
        return self
    }
}
