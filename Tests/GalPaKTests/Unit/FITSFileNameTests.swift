import Testing
@testable import GalPaK

@Suite struct FITSFileNameTests {
    @Test func stemDropsTheDirectoryThenOneCompressionAndOneFITSExtension() {
        #expect(FITSFileName.stem(of: "/data/cube.fits.gz") == "cube")
        #expect(FITSFileName.stem(of: "dir/c.fit") == "c")
        #expect(FITSFileName.stem(of: "a.FITS") == "a")
        #expect(FITSFileName.stem(of: "x.fz") == "x")
        #expect(FITSFileName.stem(of: "b.fts.bz2") == "b")
        #expect(FITSFileName.stem(of: "notes.txt") == "notes.txt")
        #expect(FITSFileName.stem(of: "twice.fits.fits") == "twice.fits")
    }
}
