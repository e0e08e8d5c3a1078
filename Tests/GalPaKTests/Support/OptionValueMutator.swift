import Foundation
@testable import GalPaK

/// Hostile values for command-line options and arguments, for the option fuzz: numbers at and
/// beyond every limit, empty and garbage text, Unicode and control characters, lists of the
/// wrong length, parameter lists with bad names and values, and paths to things that are not
/// readable regular files. Deterministic for a given seed.
///
/// Paths are all relative and inside the fuzz's working directory (see ``paths``), so that
/// no value can make a run write elsewhere.
struct OptionValueMutator {
    private var generator: SeededGenerator

    init(seed: UInt64) {
        generator = SeededGenerator(seed: seed)
    }

    /// Numbers: zero, negative, tiny, huge, not numbers, beyond Int and UInt64, odd spellings.
    static let numbers = [
        "0", "-0", "1", "-1", "0.5", "2", "3", "5", "10", "20", "60", "90", "100", "180", "360", "1000", "3600",
        "1e-300", "4.9e-324", "1e-9", "1e308", "-1e308", "1.8e308", "1e400", "nan", "NaN", "-nan", "inf", "-inf",
        "infinity", "1e6", "1e8", "1e9", "1e10", "2147483647", "2147483648", "4294967296",
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
        "18446744073709551615", "18446744073709551616", "99999999999999999999", "0x10", "1_000", "+1",
        " 1", "1 ", "1.", ".5", "1e", "e1", "1,5", "1..2", "--1", "1e+", "0.0000000000000000000001",
    ]

    /// Text that is not what any option expects: empty, blank, punctuation, option-like words.
    static let garbage = [
        "", " ", "\t", "abc", "=", ",", ",,,", ":", ";", "a=b", "x=", "=1", "==", "-", "--", "--help", "-o", "-h",
        "--seeing", "true", "false", "yes", "none", "auto", "null", "'1'", "\"1\"", "\\", "%s%n", "${HOME}", "*", "?",
        "[", "a b c", String(repeating: "a", count: 5000), String(repeating: "9", count: 400),
    ]

    /// Unicode and control characters: terminal escapes, line breaks, bidirectional controls,
    /// invisible characters, look-alike digits and minus signs.
    static let unicode = [
        "é", "日本語", "🚀", "\u{1B}[31mred\u{1B}[0m", "\u{1B}]0;title\u{07}", "\u{1B}[2J", "a\nb", "a\rb", "\u{7F}",
        "\u{9B}31m", "\u{202E}fits.txt", "\u{2066}x\u{2069}", "\u{200B}", "\u{200E}1", "\u{FEFF}1", "１２",
        "٣", "−1", "1\u{301}", "e\u{301}", "\u{FFFD}", "\u{10FFFF}",
    ]

    /// Lists of the wrong length or form (`--shape`, `--line`, `--line-ratio`, `--shard`).
    static let lists = [
        "1", "1,2", "1,2,3", "1,2,3,4", "1,,3", ",1,2", "1,2,", "10,10", "10,10,10", "10,10,10,10", "2,2,2",
        "0,0,0", "-10,10,10", "10,10,nan", "4294967296,4294967296,3", "2000,2000,3000",
        "9223372036854775807,2,2", "1e3,10,10", "3726.2,3728.9", "3726.2,3726.2", "1,-1", "inf,1",
        "0/0", "1/0", "0/1", "-1/2", "3/2", "1/2", "1/1e9", "9223372036854775807/9223372036854775807",
        "a/b", "/", "1/2/3",
    ]

    /// Paths in the working directory (made by ``FuzzFixtures``): a valid cube, a
    /// directory, a FIFO, missing files, an unreadable file, empty and text files, links that
    /// lead nowhere or in a loop, links to devices, a fit's prefix and its files, a name that
    /// starts with `-`, a name too long for the file system.
    static let paths = [
        "c.fits", "-dash.fits", "dir", "dir/", "fifo", "missing.fits", "missing/x.fits", "c.fits/x",
        "unreadable.fits", "empty.fits", "text.txt", "dangling", "loop", "zero", "null", "base/fit",
        "base/fit_chain.dat", "base/fit_instrument.txt", "base/fit_galaxy_parameters.json", "out", "out/",
        ".", String(repeating: "n", count: 300) + ".fits",
    ]

    /// One parameter name, valid (`inclination`, short names) or not.
    private mutating func parameterName() -> String {
        let names = ParameterName.reference.map(\.key) + ["incl", "PA", "Vmax", "rhalf", "unknown", "", "X", "x "]
        return names.randomElement(using: &generator)!
    }

    /// `name=value,...` lists (`--fix`, `--init`, `--prior`, `--params`, `--random-scale`):
    /// out-of-range and non-numeric values, repeated and unknown names, priors' `mu:sigma`.
    private mutating func parameterList() -> String {
        let values = ["200", "-5", "0", "nan", "inf", "1e308", "60", "1", "60:5", "60:0", "60:-1", "nan:1", "1:inf", ":", ""]
        if Int.random(in: 0..<6, using: &generator) == 0 {
            // All ten, one of them hostile: what --params needs.
            let valid = ["4.5", "4.5", "4.5", "100", "2", "50", "30", "1", "150", "40"]
            let broken = Int.random(in: 0..<valid.count, using: &generator)
            return zip(ParameterName.reference, valid).enumerated().map { n, pair in
                "\(pair.0.key)=\(n == broken ? values.randomElement(using: &generator)! : pair.1)"
            }.joined(separator: ",")
        }
        return (0..<Int.random(in: 1...3, using: &generator)).map { _ in
            "\(parameterName())=\(values.randomElement(using: &generator)!)"
        }.joined(separator: Bool.random(using: &generator) ? "," : ", ")
    }

    /// A hostile value for `argument`, drawn mostly from the kind its placeholder suggests
    /// (numbers for `arcsec`, paths for `file.fits`, lists for `nx,ny,nz`), else from any kind,
    /// and sometimes one of its valid choices; never one that would only make a run slow
    /// (``isCheap(_:_:)``).
    mutating func value(for argument: CommandDescription.Argument) -> String {
        for _ in 0..<50 {
            let value = anyValue(for: argument)
            if Self.isCheap(argument.long ?? "", value) { return value }
        }
        return "1"
    }

    /// False for valid values that would only make a case slow: a chain longer than a few
    /// hundred steps, more than a few chains, tuned sampling, a simulated cube of more than
    /// 50 000 voxels that fits in memory, a dataset of more than a few cubes. Invalid and out-of-range ones are cheap (refused).
    static func isCheap(_ option: String, _ value: String) -> Bool {
        switch option {
        case "iterations", "max-iterations":
            guard let n = Int(value) else { return true }
            return !FitLimits.chainLengths.contains(n) || n <= 500
        case "chains":
            guard let n = Int(value) else { return true }
            return !FitLimits.chainCounts.contains(n) || n <= 4
        case "sampling":
            return value != SamplingMethod.tuned.rawValue
        case "dataset":
            guard let n = Int(value) else { return true }
            return !SimulatedDataset.countRange.contains(n) || n <= 4
        case "shape":
            let dims = value.split(separator: ",", omittingEmptySubsequences: false)
                .compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard dims.count == 3, dims.allSatisfy({ $0 > 0 }),
                  let voxels = MemoryBudget.product(dims), voxels > 50_000 else { return true }
            return (try? SimulatedCube.checkSize(nx: dims[0], ny: dims[1], nz: dims[2])) == nil
        default:
            return true
        }
    }

    /// The numbers in an option's help (the ends of its range, its default) and their
    /// neighbours: the value itself (and, when whole, one more and one less), the next
    /// representable number either side, ten times more and less, and the opposite sign:
    /// values at the edge of what it accepts.
    static func edgeValues(_ help: String) -> [String] {
        let numbers = help.matches(of: /-?[0-9]+(\.[0-9]+)?(e-?[0-9]+)?/).compactMap { Double($0.output.0) }
        return numbers.flatMap { v in
            let whole = v == v.rounded() && abs(v) < 1e18 ? [Int(v), Int(v) + 1, Int(v) - 1].map(String.init) : []
            return whole + [v, v.nextUp, v.nextDown, v * 10, v / 10, -v].map { "\($0)" }
        }
    }

    private mutating func anyValue(for argument: CommandDescription.Argument) -> String {
        let hint = argument.valueName.lowercased()
        if !argument.allValues.isEmpty, Int.random(in: 0..<4, using: &generator) == 0 {
            return argument.allValues.randomElement(using: &generator)!
        }
        let edges = Self.edgeValues(argument.help)
        if !edges.isEmpty, Int.random(in: 0..<4, using: &generator) == 0 {
            return edges.randomElement(using: &generator)!
        }
        let likely: [String]
        if ["file", "cube", ".fits", ".dat", ".txt", "prefix", "dir"].contains(where: hint.contains) {
            likely = Self.paths
        } else if hint.contains("=") {
            likely = [parameterList()]
        } else if hint.contains(",") || hint.contains("/") {
            likely = Self.lists
        } else {
            likely = Self.numbers
        }
        switch Int.random(in: 0..<10, using: &generator) {
        case 0..<5: return likely.randomElement(using: &generator)!
        case 5: return Self.garbage.randomElement(using: &generator)!
        case 6: return Self.unicode.randomElement(using: &generator)!
        case 7: return Self.paths.randomElement(using: &generator)!
        case 8: return Self.lists.randomElement(using: &generator)!
        default: return Bool.random(using: &generator) ? parameterList() : Self.numbers.randomElement(using: &generator)!
        }
    }
}
