import Testing

/// What the cases of an option or manifest fuzz run did: counts by command and verdict, and
/// every bad case in full (recorded as a test issue, so the run fails), printed at the end.
struct FuzzTally: CustomStringConvertible {
    /// "fit: clean refusal (2)" → count.
    private(set) var counts: [String: Int] = [:]
    private(set) var cases = 0
    private(set) var bad = 0

    /// Counts `verdict` for `group` (a command); a bad one is recorded with what was run.
    mutating func add(_ verdict: FuzzVerdict, group: String, case description: @autoclosure () -> String,
                      stderr: String) {
        cases += 1
        counts["\(group): \(verdict.kind)", default: 0] += 1
        if case .bad(let why) = verdict {
            bad += 1
            Issue.record("\(why)\n  case: \(description())\n  stderr: \(stderr.suffix(1500))")
        }
    }

    var description: String {
        "\(cases) cases, \(bad) bad\n" + counts.sorted { $0.key < $1.key }.map { "  \($0.value) × \($0.key)" }.joined(separator: "\n")
    }
}
