import Foundation
import Testing
@testable import GalPaK

@Suite struct ParameterFilesTests {
    static let fixtures = Bundle.module.resourceURL!.appendingPathComponent("Fixtures")

    @Test func tableRoundTripsTheReferenceFileByteForByte() throws {
        let url = Self.fixtures.appendingPathComponent("reference_galaxy_parameters.dat")
        let text = try String(contentsOf: url, encoding: .utf8)
        let estimate = try ParameterFiles.parseTable(text, source: url.path)
        #expect(estimate.value[.x] == 14.965021509473718)
        #expect(estimate.upper[.velocityDispersion] == 47.857677201288446)
        #expect(ParameterFiles.table(for: estimate) == text)
    }

    @Test func textMatchesTheReferenceLayoutByteForByte() throws {
        let estimate = try ParameterFiles.readTable(
            path: Self.fixtures.appendingPathComponent("reference_galaxy_parameters.dat").path)
        let expected = try String(
            contentsOf: Self.fixtures.appendingPathComponent("reference_galaxy_parameters.txt"), encoding: .utf8)
        #expect(ParameterFiles.text(for: estimate, percentile: 95) == expected)
    }

    /// Every parameter at 1.5 ± 0.25 with the interval [1, 2]: value, stdev, lower, upper.
    private static func sameForEveryParameter() -> (GalaxyParameters, GalaxyParameters, GalaxyParameters, GalaxyParameters) {
        var v = GalaxyParameters.missing, sd = GalaxyParameters.missing
        var lo = GalaxyParameters.missing, hi = GalaxyParameters.missing
        for name in ParameterName.reference {
            v[name] = 1.5; sd[name] = 0.25; lo[name] = 1; hi[name] = 2
        }
        return (v, sd, lo, hi)
    }

    @Test func textForKnownValues() {
        var (v, sd, lo, hi) = Self.sameForEveryParameter()
        v[.pa] = 7; sd[.pa] = .nan
        let text = ParameterFiles.text(for: ParameterEstimate(value: v, stdev: sd, lower: lo, upper: hi),
                                       percentile: 68.5)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "")
        #expect(lines[1] == " Galaxy Parameters : value (± stdev) [units]\t [Confidence Interval]")
        #expect(lines[2] == "    x: 1.50 ± 0.25 (pixel)\t CI 68.5%: [1.00,2.00]  ")
        #expect(lines[5] == "    flux: 1.50e+00 ± 2.50e-01 (same units as the input Cube)\t CI 68.5%: [1.00e+00,2.00e+00]  ")
        #expect(lines[8] == "    pa:   7.0 (deg)\t CI 68.5%: [  1.0,  2.0]  ")
        #expect(lines.count == 13 && lines[12] == "")

        let noInterval = ParameterFiles.text(for: ParameterEstimate(value: v, stdev: sd), percentile: 95)
        #expect(noInterval.split(separator: "\n")[1] == "    x: 1.50 ± 0.25 (pixel)")
        #expect(ParameterFiles.table(for: ParameterEstimate(value: v, stdev: sd))
            .split(separator: "\n").count == 3)
    }

    /// A Laplace mode on a bound has no error: its line keeps the value and the bound's mark and
    /// drops the interval (which would read `[nan,nan]`); the other lines keep theirs.
    @Test func laplaceModeOnABoundDropsItsInterval() {
        var (v, sd, lo, hi) = Self.sameForEveryParameter()
        v[.velocityDispersion] = 0; sd[.velocityDispersion] = .nan
        lo[.velocityDispersion] = .nan; hi[.velocityDispersion] = .nan
        let text = ParameterFiles.text(for: ParameterEstimate(value: v, stdev: sd, lower: lo, upper: hi),
                                       percentile: 95, atBound: [.velocityDispersion: .min], estimator: .laplace)
        let lines = text.split(separator: "\n")
        #expect(!text.contains("nan"))
        #expect(lines.last == "    velocity_dispersion: 0.00 (km/s)  [at its minimum]")
        #expect(lines[lines.count - 2].hasSuffix("±1.96σ 95%: [  1.00,  2.00]  "))
    }

    @Test func wrongRowCountIsBadInput() {
        let keys = ParameterName.reference.map(\.key)
        let text = "| " + keys.joined(separator: " | ") + " |\n| " + keys.map { _ in "1" }.joined(separator: " | ") + " |\n"
        #expect(throws: GalpakError.self) { try ParameterFiles.parseTable(text, source: "p.dat") }
    }
}
