import Foundation
import Testing
@testable import GalPaK

@Suite struct FixedWidthTableTests {
    @Test func writesAstropyLayout() {
        let t = FixedWidthTable(columns: ["x", "long_name"], rows: [["1.5", "2"], ["-10.25", "3e-05"]])
        #expect(t.text == """
            |      x | long_name |
            |    1.5 |         2 |
            | -10.25 |     3e-05 |

            """)
    }

    @Test func rowsProducedOneAtATimeGiveTheSameText() {
        let rows = [["1.5", "2", "a"], ["-10.25", "3e-05", "bb"], ["0.0", "12345678901234", "c"]]
        let columns = ["x", "long_name", "z"]
        let streamed = FixedWidthTable.text(columns: columns, rowCount: rows.count) { rows[$0] }
        #expect(streamed == FixedWidthTable(columns: columns, rows: rows).text)
        #expect(FixedWidthTable.text(columns: columns, rowCount: 0) { _ in [] } == FixedWidthTable(columns: columns).text)
    }

    @Test func roundTripsThroughText() throws {
        let t = FixedWidthTable(columns: ["a", "b", "c"], rows: [["1", "nan", "x"], ["2.5", "-inf", "yy"]])
        #expect(try FixedWidthTable(parsing: t.text, source: "t.dat") == t)
        // Loose alignment and missing outer bars are fine too.
        let loose = try FixedWidthTable(parsing: "a|b|c\n 1 |nan| x\n\n", source: "t.dat")
        #expect(loose.rows == [["1", "nan", "x"]])
    }

    @Test func rewritesTheReferenceChainByteForByte() throws {
        let url = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/reference_chain.dat")
        let text = try String(contentsOf: url, encoding: .utf8)
        let table = try FixedWidthTable(parsing: text, source: url.path)
        // Re-spell every number as Python would: the reference's own cells come back.
        let respelled = FixedWidthTable(columns: table.columns, rows: table.rows.map { row in
            row.map { FixedWidthTable.cell(Double($0)!) }
        })
        #expect(respelled.text == text)
    }

    @Test func floatsAreSpelledLikePython() {
        let cases: [(Double, String)] = [
            (8.511114208690622e-17, "8.511114208690622e-17"), (1e-5, "1e-05"), (1e-4, "0.0001"),
            (0.000123, "0.000123"), (100, "100.0"), (9.5e15, "9500000000000000.0"),
            (1e16, "1e+16"), (1.5e300, "1.5e+300"), (-0.0, "-0.0"), (0, "0.0"), (-2.5, "-2.5"),
            (.nan, "nan"), (-.infinity, "-inf"), (1.0 / 3, "0.3333333333333333"),
            (123456789012345678, "1.2345678901234568e+17"), (5e-324, "5e-324"),
        ]
        for (v, python) in cases {
            #expect(FixedWidthTable.cell(v) == python)
        }
    }

    @Test func wrongCellCountIsBadInput() {
        #expect {
            try FixedWidthTable(parsing: "| a | b |\n| 1 |\n", source: "bad.dat")
        } throws: { error in
            (error as? GalpakError)?.kind == .badInput && "\(error)".contains("bad.dat")
        }
    }
}
