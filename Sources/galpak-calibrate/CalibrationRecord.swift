import ArgumentParser
import Foundation
import GalPaK

/// What one calibration fit contributes to the coverage table, as one CSV line, so that a
/// calibration split between processes (`--first-cube`, `--classes`) or stopped part-way can be
/// tabulated whole afterwards (`galpak-calibrate table`).
///
/// Columns: `class, cube, converged (0/1), seconds`, then per parameter of the reference's ten
/// `truth, value, stdev, lower68, upper68, lower95, upper95` (`value` and `stdev` are the
/// 95 % summary's; its 68.27 % summary shares them), as ``header`` names them. A fit with
/// optional parameters (`sersic_index`, `psf_fwhm`, …) adds, after those, for each of them in
/// ``FitRecord/ordered(_:)`` order, its name and the same seven numbers (a truth the simulation
/// does not have is `nan`): records of different models share one file and one header, and a
/// ten-parameter record is as before. Numbers are written with 17 significant digits, so a
/// table built from records equals the one built during the run.
struct CalibrationRecord: Equatable {
    var noiseClass: NoiseClass
    var cube: Int
    var converged: Bool
    var seconds: Double
    var truth: GalaxyParameters
    /// The posterior estimate with its 95 % interval.
    var wide: ParameterEstimate
    /// The same estimate's 68.27 % interval.
    var narrowLower: GalaxyParameters
    var narrowUpper: GalaxyParameters

    /// The columns before the parameters'.
    private static let leadingNames = ["class", "cube", "converged", "seconds"]
    /// Each parameter's columns, in the order of ``parameterColumns``.
    private static let parameterNames = ["truth", "value", "stdev", "lower68", "upper68", "lower95", "upper95"]
    private static var fieldsPerParameter: Int { parameterNames.count }
    private static var leadingFields: Int { leadingNames.count }

    /// The values of each parameter's columns, in the order of ``parameterNames`` (the one
    /// place that order is written; ``init(line:)`` reads it back).
    private var parameterColumns: [GalaxyParameters] {
        [truth, wide.value, wide.stdev, narrowLower, narrowUpper, wide.lower, wide.upper]
    }

    /// The header line naming the columns.
    static var header: String {
        (leadingNames + ParameterName.reference.flatMap { p in parameterNames.map { "\(p.key)_\($0)" } })
            .joined(separator: ",")
    }

    init(noiseClass: NoiseClass, cube: Int, converged: Bool, seconds: Double, truth: GalaxyParameters,
         narrow: ParameterEstimate, wide: ParameterEstimate) {
        self.noiseClass = noiseClass
        self.cube = cube
        self.converged = converged
        self.seconds = seconds
        self.truth = truth
        self.wide = wide
        narrowLower = narrow.lower
        narrowUpper = narrow.upper
    }

    /// Reads a line written by ``line``.
    /// - Throws: `ValidationError` naming the line's problem.
    init(line: String) throws {
        let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let expected = Self.leadingFields + Self.fieldsPerParameter * ParameterName.reference.count
        guard fields.count >= expected, (fields.count - expected) % (Self.fieldsPerParameter + 1) == 0 else {
            throw ValidationError("a record has \(fields.count) fields, \(expected) expected, then \(Self.fieldsPerParameter + 1) per optional parameter")
        }
        guard let noiseClass = NoiseClass(rawValue: fields[0]), let cube = Int(fields[1]),
              let seconds = Double(fields[3]), fields[2] == "0" || fields[2] == "1" else {
            throw ValidationError("a record does not start with a class, a cube number, 0/1 and seconds: \(fields.prefix(4))")
        }
        func number(_ text: String) throws -> Double {
            guard let v = Double(text) else { throw ValidationError("a record holds \"\(text)\" where a number belongs") }
            return v
        }
        var columns = [GalaxyParameters](repeating: .missing, count: Self.fieldsPerParameter)
        for name in ParameterName.reference {
            for c in 0..<Self.fieldsPerParameter {
                columns[c][name] = try number(fields[Self.leadingFields + name.knownIndex! * Self.fieldsPerParameter + c])
            }
        }
        for group in stride(from: expected, to: fields.count, by: Self.fieldsPerParameter + 1) {
            guard let name = ParameterName(key: fields[group]), !ParameterName.reference.contains(name) else {
                throw ValidationError("a record holds \"\(fields[group])\" where an optional parameter's name belongs")
            }
            for c in 0..<Self.fieldsPerParameter { columns[c][name] = try number(fields[group + 1 + c]) }
        }
        // The inverse of parameterColumns.
        truth = columns[0]
        wide = ParameterEstimate(value: columns[1], stdev: columns[2], lower: columns[5], upper: columns[6])
        narrowLower = columns[3]
        narrowUpper = columns[4]
        self.noiseClass = noiseClass
        self.cube = cube
        self.converged = fields[2] == "1"
        self.seconds = seconds
    }

    /// The record as one CSV line (no newline).
    var line: String {
        func number(_ v: Double) -> String { String(format: "%.17g", v) }
        let head = [noiseClass.rawValue, String(cube), converged ? "1" : "0", number(seconds)]
        let columns = parameterColumns
        let optional = FitRecord.ordered(wide.value.names.filter { !ParameterName.reference.contains($0) }.map(\.key))
            .compactMap { ParameterName(key: $0) }
        return (head + ParameterName.reference.flatMap { name in columns.map { number($0[name]) } }
                + optional.flatMap { name in [name.key] + columns.map { number($0[name]) } })
            .joined(separator: ",")
    }
}
