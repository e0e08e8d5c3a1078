import Testing
@testable import GalPaK

/// Reading and writing the CSV of batch manifests and summaries.
@Suite struct CSVTableTests {
    @Test func readsQuotesCommasBOMCommentsAndBlankLines() throws {
        let text = "\u{FEFF}# a comment\r\ncube, seeing ,line\r\n\r\n\"a, b.fits\",0.7,\"3726.2,3728.9\"\n  # indented comment\n\"say \"\"hi\"\"\", ,\n\"two\nlines\",1,\n"
        let table = try CSVTable(parsing: text, source: "m.csv")
        #expect(table.header?.cells == ["cube", "seeing", "line"])
        #expect(table.header?.line == 2)
        #expect(table.rows.map(\.cells) == [["a, b.fits", "0.7", "3726.2,3728.9"],
                                           ["say \"hi\"", "", ""],
                                           ["two\nlines", "1", ""]])
        #expect(table.rows.map(\.line) == [4, 6, 7])
    }

    @Test func quotedCellsKeepTheirSpacesAndUnquotedOnesAreTrimmed() throws {
        let table = try CSVTable(parsing: "a,b\n\" x \",  y  \n", source: "m.csv")
        #expect(table.rows.first?.cells == [" x ", "y"])
    }

    @Test func oldMacLineEndsAndAMissingFinalNewline() throws {
        let table = try CSVTable(parsing: "a,b\r1,2\r3,4", source: "m.csv")
        #expect(table.records.map(\.cells) == [["a", "b"], ["1", "2"], ["3", "4"]])
        #expect(table.records.map(\.line) == [1, 2, 3])
    }

    @Test func malformedQuotingIsAnErrorWithItsLine() {
        #expect(throws: GalpakError.self) { try CSVTable(parsing: "a\n\"never closed\n", source: "m.csv") }
        do {
            _ = try CSVTable(parsing: "a,b\n1,2\n\"x\"y,3\n", source: "m.csv")
            Issue.record("text after a closing quote was accepted")
        } catch let error as GalpakError {
            #expect(error.message.contains("m.csv"))
            #expect(error.message.contains("line 3"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func rowsWithTheWrongNumberOfCellsAreNamed() throws {
        let table = try CSVTable(parsing: "cube,seeing\na.fits,0.7\nb.fits,0.7,extra\n", source: "m.csv")
        #expect(throws: GalpakError.self) { try table.requireRectangular(source: "m.csv") }
        do {
            try table.requireRectangular(source: "m.csv")
        } catch let error as GalpakError {
            #expect(error.message.contains("line 3 has 3 cells"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func writtenLinesReadBackUnchanged() throws {
        let cells = ["plain", "with, comma", "with \"quote\"", " padded ", "#hash", "", "two\nlines"]
        let table = try CSVTable(parsing: CSVTable.line(["h1", "h2", "h3", "h4", "h5", "h6", "h7"]) + CSVTable.line(cells),
                                 source: "round trip")
        #expect(table.rows.first?.cells == cells)
        #expect(CSVTable.line(["a", "b,c"]) == "a,\"b,c\"\n")
    }
}
