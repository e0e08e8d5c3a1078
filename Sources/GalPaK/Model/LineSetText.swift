/// The command-line form of a set of lines: `--line w1,w2,…`, `--line-ratio r1,r2,…` (each a
/// number, `free`, or `=<wave>/<k>`) and `--z-line wave`; also how a set is written back
/// (run parameters, JSON, fingerprint).
extension LineSet {
    /// The set `--line waves --line-ratio ratios --z-line zLine` describe; nil for a single
    /// line (the reference's one-line model, whose rest value only names it).
    /// - Throws: ``GalpakError`` `.badInput` naming the option: a rest value that is not a
    ///   number, a number of `--line-ratio` entries other than the lines' (or any with one line), an entry of another
    ///   form, and every refusal of ``init(lines:zLine:)``.
    public static func parse(waves: String, ratios: String?, zLine: String?) throws -> LineSet? {
        let names = waves.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        let rests = try names.map { wave in
            guard let rest = Double(wave), rest.isFinite else {
                throw GalpakError(.badInput, "--line: '\(wave)' is not a number (give rest values separated by commas, e.g. 6562.80,6583.45)")
            }
            return rest
        }
        let entries = ratios?.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            ?? [String](repeating: "1", count: names.count)
        guard entries.count == names.count else {
            throw GalpakError(.badInput, "--line-ratio has \(entries.count) entries for the \(names.count) lines of --line (one each: a number, free or =<wave>/<k>)")
        }
        guard names.count > 1 else {
            try positive.check(rests[0], "--line \(names[0])")
            if ratios != nil { throw GalpakError(.badInput, "--line-ratio needs two or more lines in --line") }
            if let zLine, zLine != names[0] { throw GalpakError(.badInput, "--z-line \(zLine) is not one of --line (\(names[0]))") }
            return nil
        }
        let lines = try zip(zip(names, rests), entries).map { line, entry in
            Line(wave: line.0, rest: line.1, flux: try flux(entry, line: line.0))
        }
        return try LineSet(lines: lines, zLine: zLine)
    }

    /// One `--line-ratio` entry.
    private static func flux(_ entry: String, line: String) throws -> Flux {
        if entry.lowercased() == "free" { return .free }
        if entry.hasPrefix("=") {
            let parts = entry.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, let k = Double(parts[1]), k.isFinite else {
                throw GalpakError(.badInput, "--line-ratio for \(line): '\(entry)' is not =<wave>/<k> (e.g. =6583.45/2.96)")
            }
            return .tied(wave: String(parts[0]), divisor: k)
        }
        guard let a = Double(entry), a.isFinite else {
            throw GalpakError(.badInput, "--line-ratio for \(line): '\(entry)' is not a number, free or =<wave>/<k>")
        }
        return .fixed(a)
    }

    /// An entry as `--line-ratio` takes it.
    public static func text(_ flux: Flux) -> String {
        switch flux {
        case .fixed(let a): ValidRange.format(a)
        case .free: "free"
        case let .tied(wave, k): "=\(wave)/\(ValidRange.format(k))"
        }
    }

    /// The set as options: `--line w1,w2 --line-ratio r1,r2 [--z-line w]`.
    public var optionText: String {
        "--line \(lines.map(\.wave).joined(separator: ",")) --line-ratio \(lines.map { Self.text($0.flux) }.joined(separator: ","))"
            + (zLineWave.map { " --z-line \($0)" } ?? "")
    }
}
