import Foundation
@testable import GalPaK

/// Broken `galpak batch` manifests for the manifest fuzz: a valid manifest (CSV with a cube
/// column and fit-option columns, or a plain list) given one to three mutations: garbage and
/// huge lines, missing and extra cells, duplicate cubes, cube paths that start with `-`, are
/// patterns or lead nowhere (``OptionValueMutator/paths``), NUL bytes, invalid UTF-8, CRLF or
/// lone CR line ends, a byte-order mark, unbalanced quotes, unknown, repeated and empty column
/// names, and hostile option cells (``OptionValueMutator``). Deterministic for a given seed.
///
/// At most ``maxRows`` rows name a cube, so a case fits few cubes and stays cheap.
struct ManifestMutator {
    private var generator: SeededGenerator
    private var values: OptionValueMutator
    /// The fit options a column may name.
    private let fitOptions: [CommandDescription.Argument]

    /// Most data rows in a manifest.
    static let maxRows = 4

    /// Valid manifests the mutations start from, as lines.
    static let bases: [[String]] = [
        ["cube", "c.fits"],
        ["cube,output", "c.fits,a", "-dash.fits,b"],
        ["cube,seeing,iterations", "c.fits,0.7,20"],
        ["c.fits"],
        ["# cubes", "c.fits", ""],
        ["Cube, Output ,noise_correlation", "c.fits, x ,none"],
    ]

    init(seed: UInt64, fitOptions: [CommandDescription.Argument]) {
        generator = SeededGenerator(seed: seed)
        values = OptionValueMutator(seed: seed &+ 7)
        self.fitOptions = fitOptions.filter(\.takesValue)
    }

    /// A mutated manifest's bytes, and what was done (for reproducing a failure).
    mutating func manifest() -> (Data, String) {
        let base = Self.bases.randomElement(using: &generator)!
        var lines = base
        var done: [String] = []
        // Bytes inserted after the lines are joined, each at a fraction of the length.
        var insertions: [(bytes: [UInt8], at: Double)] = []
        for _ in 0..<Int.random(in: 1...3, using: &generator) {
            switch Int.random(in: 0..<16, using: &generator) {
            case 0:
                let line = garbageLine()
                lines.insert(line, at: Int.random(in: 0...lines.count, using: &generator))
                done.append("garbage line \(line.debugDescription.prefix(80))")
            case 1:
                let length = [10_000, 200_000, 2_000_000].randomElement(using: &generator)!
                let unit = ["a", ",", "c.fits,", "\"", " "].randomElement(using: &generator)!
                lines.insert(String(repeating: unit, count: length / unit.count), at: Int.random(in: 0...lines.count, using: &generator))
                done.append("huge line of \(length) bytes of \(unit.debugDescription)")
            case 2:
                let n = Int.random(in: 0..<lines.count, using: &generator)
                var cells = lines[n].split(separator: ",", omittingEmptySubsequences: false)
                if cells.count > 1 { cells.remove(at: Int.random(in: 0..<cells.count, using: &generator)) }
                lines[n] = cells.joined(separator: ",")
                done.append("line \(n + 1) loses a cell")
            case 3:
                let n = Int.random(in: 0..<lines.count, using: &generator)
                lines[n] += String(repeating: ",x", count: Int.random(in: 1...3, using: &generator))
                done.append("line \(n + 1) gains cells")
            case 4:
                guard lines.count > 1, lines.count <= Self.maxRows else { continue }
                let n = Int.random(in: 1..<lines.count, using: &generator)
                lines.append(lines[n])
                done.append("line \(n + 1) repeated (a duplicate cube)")
            case 5:
                let path = (OptionValueMutator.paths + ["-dash.fits", "--help", "-o", "*.fits", "dir/*", "nomatch*",
                                                        "c.fits ", " c.fits", "C.FITS", "./c.fits"]).randomElement(using: &generator)!
                let n = lines.count > 1 ? Int.random(in: 1..<lines.count, using: &generator) : 0
                var cells = lines[n].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                cells[0] = path
                lines[n] = cells.joined(separator: ",")
                done.append("cube of line \(n + 1) is \(path.debugDescription)")
            case 6:
                insertions.append(([0], Double.random(in: 0..<1, using: &generator)))
                done.append("a NUL byte")
            case 7:
                insertions.append(([0xFF, 0xFE, 0xC3], Double.random(in: 0..<1, using: &generator)))
                done.append("invalid UTF-8")
            case 8:
                let end = ["\r\n", "\r"].randomElement(using: &generator)!
                lines = [lines.joined(separator: end)]
                done.append("line ends \(end.debugDescription)")
            case 9:
                lines[0] = "\u{FEFF}" + lines[0]
                done.append("byte-order mark")
            case 10:
                let n = Int.random(in: 0..<lines.count, using: &generator)
                lines[n] = ["\"", "\"c.fits", "\"c,fits\"", "\"a\"\"b\"", "\"line\nbreak\""].randomElement(using: &generator)! + "," + lines[n]
                done.append("quotes on line \(n + 1)")
            case 11:
                lines = [[], [""], [" "], ["cube"], ["cube,"], [",,,"], ["cube,cube", "c.fits,c.fits"]].randomElement(using: &generator)!
                done.append("replaced by \(lines)")
            case 12:
                let column = ["unknown", "", " ", "--seeing", "overwrite", "help", "output", "OUTPUT", "lsf-fwhm",
                              "lsf_fwhm", "cube"].randomElement(using: &generator)!
                lines = lines.enumerated().map { $0.offset == 0 ? $0.element + "," + column : $0.element + ",1" }
                done.append("column \(column.debugDescription)")
            case 13...15:
                guard let option = fitOptions.randomElement(using: &generator), let long = option.long else { continue }
                let value = values.value(for: option)
                let cell = value.contains(",") || value.contains("\"") || value.contains("\n")
                    ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
                let column = Bool.random(using: &generator) ? long.replacingOccurrences(of: "-", with: "_") : long
                lines = lines.enumerated().map { $0.offset == 0 ? $0.element + "," + column : $0.element + "," + cell }
                done.append("column \(column) = \(value.debugDescription.prefix(80))")
            default:
                continue
            }
        }
        var bytes = Array(lines.joined(separator: "\n").utf8) + (Bool.random(using: &generator) ? [0x0A] : [])
        for insertion in insertions {
            bytes.insert(contentsOf: insertion.bytes, at: Int(Double(bytes.count) * insertion.at))
        }
        return (Data(bytes), done.isEmpty ? "unchanged" : done.joined(separator: "; "))
    }

    /// A line of random text: printable, binary, or control characters.
    private mutating func garbageLine() -> String {
        switch Int.random(in: 0..<4, using: &generator) {
        case 0: return String((0..<Int.random(in: 1...80, using: &generator)).map { _ in
            Character(Unicode.Scalar(UInt8.random(in: 0x20...0x7E, using: &generator))) })
        case 1: return (OptionValueMutator.unicode + OptionValueMutator.garbage).randomElement(using: &generator)!
        case 2: return "#" + (OptionValueMutator.garbage.randomElement(using: &generator) ?? "")
        default: return String(repeating: ",", count: Int.random(in: 1...20, using: &generator))
        }
    }
}
