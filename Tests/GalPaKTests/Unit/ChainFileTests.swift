import Foundation
import Testing
@testable import GalPaK

@Suite struct ChainFileTests {
    @Test func readsTheReferenceChainWithUnitWeights() throws {
        let path = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/reference_chain.dat").path
        let chains = try ChainFile.read(path: path)
        #expect(chains.count == 1)
        let chain = chains[0]
        #expect(chain.count == 200 && chain.totalWeight == 200)
        #expect(chain.weights.allSatisfy { $0 == 1 })
        #expect(chain.value(.flux, at: 0) == 8.511114208690622e-17)
        #expect(chain.value(.x, at: 0) == 14.99859789838789)
        #expect(chain.reducedChi2(at: 0) == 1.2132151030806975)
    }

    @Test func roundTripsWithWeights() throws {
        var chain = Chain()
        chain.append(GalaxyParameters((0..<10).map { Double($0) / 3 }), reducedChi2: 1.25, weight: 4)
        chain.append(GalaxyParameters((0..<10).map { 1e-17 * Double($0 + 1) }), reducedChi2: 0.99)
        let text = ChainFile.text(for: chain)
        #expect(text.hasPrefix("| "))
        #expect(text.split(separator: "\n")[0].hasSuffix("reduced_chi | weight | chain |"))
        #expect(try ChainFile.parse(text, source: "c.dat") == [chain])
    }

    @Test func anOptionalParameterComesAfterTheChainColumn() throws {
        var chain = Chain()
        chain.append(GalaxyParameters((0..<11).map { Double($0) / 3 }), reducedChi2: 1.25, weight: 4)
        chain.append(GalaxyParameters((0..<11).map { Double($0) + 0.5 }), reducedChi2: 0.99)
        let text = ChainFile.text(for: chain)
        // The reference's eleven columns first, unchanged: its reader still reads the file.
        let header = text.split(separator: "\n")[0].split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(Array(header.prefix(11)) == ParameterName.reference.map(\.key) + ["reduced_chi"])
        #expect(Array(header.dropFirst(11)) == ["weight", "chain", "sersic_index"])
        let read = try ChainFile.parse(text, source: "c.dat")
        #expect(read == [chain] && read[0].parameterCount == 11 && read[0].value(.sersicIndex, at: 1) == 10.5)
    }

    @Test func roundTripsSeveralChains() throws {
        var first = Chain(), second = Chain()
        first.append(GalaxyParameters((0..<10).map { Double($0) }), reducedChi2: 1.5, weight: 2)
        first.append(GalaxyParameters((0..<10).map { Double($0) + 0.5 }), reducedChi2: 1.25)
        second.append(GalaxyParameters((0..<10).map { -Double($0) }), reducedChi2: 1.1, weight: 7)
        let text = ChainFile.text(for: [first, second])
        #expect(try ChainFile.parse(text, source: "c.dat") == [first, second])
        // Interleaved rows are grouped by chain, in file order within each chain.
        let lines = text.split(separator: "\n").map(String.init)
        let interleaved = [lines[0], lines[1], lines[3], lines[2]].joined(separator: "\n") + "\n"
        #expect(try ChainFile.parse(interleaved, source: "c.dat") == [first, second])
    }

    @Test func malformedFilesAreBadInput() {
        let header = "| " + ChainFile.columns().dropLast(2).joined(separator: " | ") + " |\n"
        let row = "| " + [String](repeating: "1.0", count: 11).joined(separator: " | ") + " |\n"
        let bad = [
            ("no rows", header),
            ("missing column", "| x | y |\n| 1 | 2 |\n"),
            ("not a number", header + row.replacingOccurrences(of: "| 1.0 |", with: "| abc |")),
            ("weight 0", header.replacingOccurrences(of: "reduced_chi |", with: "reduced_chi | weight |")
                + row.replacingOccurrences(of: "1.0 |\n", with: "1.0 | 0 |\n")),
            ("chain -1", header.replacingOccurrences(of: "reduced_chi |", with: "reduced_chi | chain |")
                + row.replacingOccurrences(of: "1.0 |\n", with: "1.0 | -1 |\n")),
            ("empty", ""),
        ]
        for (what, text) in bad {
            #expect(throws: GalpakError.self, "\(what)") { try ChainFile.parse(text, source: "bad_chain.dat") }
        }
        #expect(throws: GalpakError.self) { try ChainFile.read(path: "/nonexistent/chain.dat") }
        // And a good one does parse.
        #expect((try? ChainFile.parse(header + row, source: "ok.dat"))?.first?.count == 1)
    }
}
