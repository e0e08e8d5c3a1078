import Foundation
import Testing
@testable import GalPaK

/// Manifests, lists, paths and patterns become the entries of a batch.
@Suite struct BatchManifestTests {
    let allowed: Set<String> = ["seeing", "lsf-fwhm", "iterations", "output", "variance", "quiet"]

    @Test func columnsAreFitOptionsInEitherSpellingAndEmptyCellsKeepTheDefault() throws {
        let entries = try BatchManifest.parse(
            "Cube,LSF_FWHM,seeing,--iterations\na.fits,2.5,,100\nb.fits,,0.6,\n", source: "m.csv", allowedColumns: allowed)
        #expect(entries.map(\.cube) == ["a.fits", "b.fits"])
        #expect(entries[0].settings == [.init(name: "lsf-fwhm", value: "2.5"), .init(name: "iterations", value: "100")])
        #expect(entries[1].settings == [.init(name: "seeing", value: "0.6")])
        #expect(entries[1].origin == "m.csv line 3")
        #expect(entries[0].value(of: "lsf-fwhm") == "2.5")
        #expect(entries[0].value(of: "seeing") == nil)
    }

    @Test func unknownColumnsAreRefusedNamingThemAndTheAllowedOnes() {
        do {
            _ = try BatchManifest.parse("cube,seeing,colour\na.fits,0.7,red\n", source: "m.csv", allowedColumns: allowed)
            Issue.record("an unknown column was accepted")
        } catch let error as GalpakError {
            #expect(error.kind == .badInput)
            #expect(error.message.contains("'colour'"))
            #expect(error.message.contains("lsf_fwhm"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func malformedManifestsAreRefused() {
        let cases = [
            "cube,seeing,Seeing\na.fits,1,1\n",   // repeated column
            "cube,seeing\n,0.7\n",                // no cube
            "path,seeing\na.fits,0.7\n",          // no cube column
            "cube,seeing\na.fits\n",              // missing cell
        ]
        for text in cases {
            #expect(throws: GalpakError.self, "\(text)") {
                try BatchManifest.parse(text, source: "m.csv", allowedColumns: allowed)
            }
        }
    }

    @Test func aPlainListHasOnePathPerLine() throws {
        let entries = try BatchManifest.parse("# cubes\n/data/a.fits\n\n  b.fits  \n", source: "list.txt", allowedColumns: allowed)
        #expect(entries.map(\.cube) == ["/data/a.fits", "b.fits"])
        #expect(entries.allSatisfy { $0.settings.isEmpty })
        #expect(entries.map(\.origin) == ["list.txt line 2", "list.txt line 4"])
    }

    @Test func inputsMixManifestsCubesAndPatternsInOrder() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["c2.fits", "c1.fits", "notes.txt"] {
            try Data().write(to: dir.appendingPathComponent(name))
        }
        let manifest = dir.appendingPathComponent("m.csv").path
        try "cube,seeing\nx.fits,0.9\n".write(toFile: manifest, atomically: true, encoding: .utf8)
        let batch = try BatchManifest(inputs: [manifest, dir.path + "/*.fits", "missing.fits.gz"], allowedColumns: allowed)
        #expect(batch.entries.map(\.cube) == ["x.fits", dir.path + "/c1.fits", dir.path + "/c2.fits", "missing.fits.gz"])
        #expect(batch.entries.map(\.index) == [0, 1, 2, 3])
        #expect(throws: GalpakError.self) { try BatchManifest(inputs: [dir.path + "/*.fts"], allowedColumns: allowed) }
        #expect(throws: GalpakError.self) { try BatchManifest(inputs: [dir.path + "/absent.csv"], allowedColumns: allowed) }
        #expect(throws: GalpakError.self) { try BatchManifest(inputs: [], allowedColumns: allowed) }
    }

    /// An empty manifest, one with a header only, or only comments: the message names it.
    @Test func aManifestListingNoCubeIsRefusedByName() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, text) in [("empty.csv", ""), ("header.csv", "cube,seeing\r\n"), ("comments.txt", "# none\n\n")] {
            let path = dir.appendingPathComponent(name).path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            do {
                _ = try BatchManifest(inputs: [path], allowedColumns: allowed)
                Issue.record("\(name): accepted")
            } catch let error as GalpakError {
                #expect(error.message.hasPrefix(path + ": ") && error.message.contains("no cube"), "\(error.message)")
            }
        }
    }

    @Test func cubeNamesAndPatternsAreRecognised() {
        #expect(BatchManifest.isCubePath("a/B.FITS"))
        #expect(BatchManifest.isCubePath("a.fits.fz"))
        #expect(!BatchManifest.isCubePath("manifest.csv"))
        #expect(BatchManifest.isPattern("cubes/*.fits"))
        #expect(!BatchManifest.isPattern("cubes/a.fits"))
        #expect(OptionSetting.canonicalName(" LSF_FWHM ") == "lsf-fwhm")
    }
}
