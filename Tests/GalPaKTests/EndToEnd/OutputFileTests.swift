import Foundation
import Testing
@testable import GalPaK

/// The registry of output files (``OutputFile``) is the one list the README, `--help` and the
/// writers agree on.
@Suite struct OutputFileTests {
    static let repository = TestSupport.repository
    static let readme = repository.appendingPathComponent("README.md")

    /// The files of a completed fit: results, then figures.
    static let fitFiles = OutputFile.files(.result) + OutputFile.files(.figure)

    /// The names after `PREFIX_` of a completed fit's files: results, then each figure in
    /// `formats` (`maps.png`, `maps.pdf`).
    static func fitNames(formats: [FigureFormat]) -> [String] {
        OutputFile.files(.result).map(\.suffix) + OutputFile.files(.figure).flatMap { file in formats.map { file.suffix($0) } }
    }

    /// The suffixes named in the first column of the `| file | content |` table under
    /// "Fitting a cube": every backquoted name, `PREFIX_` dropped, a leading `_` read as
    /// `PREFIX_`, `{a,b}` groups expanded.
    static func readmeOutputSuffixes() throws -> [String] {
        let text = try String(contentsOf: readme, encoding: .utf8)
        let section = try #require(text.components(separatedBy: "## Fitting a cube").dropFirst().first)
        let lines = section.components(separatedBy: "\n")
        let header = try #require(lines.firstIndex { $0.hasPrefix("| file | content |") })
        var suffixes: [String] = []
        for line in lines[(header + 2)...] {
            guard line.hasPrefix("|") else { break }
            let cell = line.split(separator: "|", omittingEmptySubsequences: true)[0]
            let quoted = cell.split(separator: "`", omittingEmptySubsequences: false).enumerated()
                .filter { $0.offset % 2 == 1 }.map { String($0.element) }
            for name in quoted {
                let full = name.hasPrefix("_") ? "PREFIX" + name : name
                suffixes += expandBraces(full).map { String($0.dropFirst("PREFIX_".count)) }
            }
        }
        return suffixes
    }

    /// `a_{x,y}_{1,2}` → `a_x_1`, `a_x_2`, `a_y_1`, `a_y_2`.
    static func expandBraces(_ pattern: String) -> [String] {
        guard let open = pattern.firstIndex(of: "{"), let close = pattern[open...].firstIndex(of: "}") else {
            return [pattern]
        }
        let head = pattern[..<open], tail = String(pattern[pattern.index(after: close)...])
        return pattern[pattern.index(after: open)..<close].split(separator: ",").flatMap { choice in
            expandBraces(tail).map { head + choice + $0 }
        }
    }

    @Test func readmeTableNamesExactlyTheRegistryFiles() throws {
        let readme = try Self.readmeOutputSuffixes()
        let registry = Self.fitNames(formats: FigureFormat.allCases)
        #expect(readme.count == Set(readme).count, "the README names a file twice: \(readme)")
        let missing = Set(registry).subtracting(readme), extra = Set(readme).subtracting(registry)
        #expect(missing.isEmpty, "files the README's output table does not list: \(missing.sorted())")
        #expect(extra.isEmpty, "files in the README's output table that a fit does not write: \(extra.sorted())")
    }

    @Test func braceExpansionReadsTheReadmeNotation() {
        #expect(Self.expandBraces("PREFIX_{true,obs}_{flux,vel}_map.fits") == [
            "PREFIX_true_flux_map.fits", "PREFIX_true_vel_map.fits", "PREFIX_obs_flux_map.fits", "PREFIX_obs_vel_map.fits"])
    }

    @Test func fitOutputsTakeTheirNamesFromTheRegistry() {
        let outputs = FitOutputs(prefix: "out/g")
        #expect(outputs.possibleFiles(plots: true) == Self.fitNames(formats: FigureFormat.defaults).map { "out/g_\($0)" })
        #expect(outputs.possibleFiles(plots: false) == OutputFile.files(.result).map { "out/g_\($0.suffix)" })
        #expect(outputs.figures.count == 8 * FigureFormat.defaults.count && outputs.all.count == 28 && outputs.maps.count == 9)
        // Only a fit with --voronoi-snr writes the bins; every fit claims them; a complete set
        // need not hold them.
        #expect(outputs.all(for: .mcmc, voronoi: true) == outputs.possible)
        #expect(outputs.possible.filter { $0 != outputs.voronoiBins && $0 != outputs.voronoiTable } == outputs.all)
        #expect(outputs.possibleFiles(plots: true) == outputs.possible + outputs.figures)
        #expect(!outputs.required(for: .mcmc).contains(outputs.voronoiBins))
        #expect(outputs.files(plots: false, estimator: .laplace, voronoi: true).contains(outputs.voronoiTable))
        #expect(outputs.figures.prefix(2) == ["out/g_mcmc.png", "out/g_mcmc.pdf"])
        let svg = FitOutputs(prefix: "out/g", figureFormats: [.svg])
        #expect(svg.figures(for: .laplace) == ["images", "maps", "rotcurve", "pv", "channels"].map { "out/g_\($0).svg" })
        #expect(Array(svg.figures.prefix(3)) == ["mcmc", "corner", "geweke"].map { "out/g_\($0).svg" })
        #expect(Set(outputs.maps).isSubset(of: outputs.all))
        #expect(outputs.parametersText == "out/g_galaxy_parameters.txt")
        #expect(outputs.map("obs", "disp") == "out/g_obs_disp_map.fits")
        #expect(outputs.incompleteChain == "out/g_chain.incomplete.dat")
        #expect(!outputs.files(plots: true).contains(outputs.incompleteChain))
        #expect(Set(OutputFile.allCases.map(\.suffix)).count == OutputFile.allCases.count)
        let every = Self.fitNames(formats: FigureFormat.allCases) + [OutputFile.incompleteChain.suffix]
        #expect(Set(every).count == every.count)
    }

    /// What `--help` shows of each file is one short ASCII line.
    @Test func contentFitsOneHelpLine() {
        for file in OutputFile.allCases {
            #expect(file.content.count <= 74 && file.content.allSatisfy(\.isASCII), "\(file.suffix): \(file.content)")
        }
    }

    /// `galpak fit --help` lists every file of a fit with what it holds.
    @Test func fitHelpListsEveryOutputFile() throws {
        let help = try CommandLineRunner.run(["fit", "--help"]).stdout
        for file in Self.fitFiles {
            let mark = file.needsMarkovChains ? "  [Markov chains]" : file.needsChains ? "  [chains]"
                : file.needsVoronoi ? "  [--voronoi-snr]" : ""
            let name = file.role == .figure ? "\(file.suffix).{png,pdf,svg}" : file.suffix
            #expect(help.contains("PREFIX_\(name)\(mark)\n      \(file.content)"), "fit --help does not list \(name)")
        }
    }
}
