import Testing
@testable import GalPaK

/// The zoom of the sky maps (``MapWindow``): ±4 radii (at least ±3 PSF FWHM, ±5 pixels) around
/// the fitted centre when 4 radii are under a third of the field, the whole field otherwise.
@Suite struct MapWindowTests {
    @Test func aSmallGalaxyIsShownInABoxOfFourRadii() {
        let window = MapWindow.around(x: 40.2, y: 60.7, radius: 3, psfFWHM: 2, nx: 100, ny: 120)
        // Half-width max(4·3, 3·2, 5) = 12: columns ⌊28.2⌋…⌈52.2⌉, rows ⌊48.7⌋…⌈72.7⌉.
        #expect(window == MapWindow(columns: 28...53, rows: 48...73))
    }

    @Test func theBoxIsAtLeastThreePSFWidthsAndFivePixels() {
        #expect(MapWindow.around(x: 50, y: 50, radius: 1, psfFWHM: 6, nx: 100, ny: 100)
                == MapWindow(columns: 32...68, rows: 32...68))
        #expect(MapWindow.around(x: 50, y: 50, radius: 0.5, psfFWHM: nil, nx: 100, ny: 100)
                == MapWindow(columns: 45...55, rows: 45...55))
    }

    @Test func theBoxIsCutToTheField() {
        #expect(MapWindow.around(x: 3, y: 96, radius: 3, psfFWHM: 1, nx: 100, ny: 100)
                == MapWindow(columns: 0...15, rows: 84...99))
    }

    @Test func aLargeGalaxyOrACentreOutsideShowsTheWholeField() {
        let field = MapWindow(columns: 0...99, rows: 0...59)
        // 4 radii = 20.4 is not under 60 / 3 = 20.
        #expect(MapWindow.around(x: 50, y: 30, radius: 5.1, psfFWHM: 2, nx: 100, ny: 60) == field)
        #expect(MapWindow.around(x: 50, y: 30, radius: 4.9, psfFWHM: 2, nx: 100, ny: 60) != field)
        #expect(MapWindow.around(x: -3, y: 30, radius: 2, psfFWHM: 2, nx: 100, ny: 60) == field)
        #expect(MapWindow.around(x: 50, y: .nan, radius: 2, psfFWHM: 2, nx: 100, ny: 60) == field)
    }

    @Test func thePanelShowsTheWindowsPixelsOnly() {
        // A 4 × 3 map, x fastest; the window holds columns 1–2 of rows 0–1.
        let window = MapWindow(columns: 1...2, rows: 0...1)
        #expect(window.cut([0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23], nx: 4) == [1, 2, 11, 12])
        // Its axes run over those pixels' edges, in arcsec from the centre.
        let view = SkyMapView(nx: 4, ny: 3, pixscale: 0.5, centre: (x: 1.5, y: 1), window: window)
        let axes = ImagePanel(values: Array(repeating: 1, count: 12), view: view, colorMap: .viridis, range: 0...2,
                              title: "", unit: "")
            .draw(Canvas(width: 300, height: 300), x: 0, y: 0, width: 300, height: 300)
        #expect(axes.xRange == -0.5...0.5 && axes.yRange == -0.75...0.25)
    }
}
