import Testing
@testable import GalPaK

/// Colour-bar labels: a cube's `BUNIT` shortened to fit under a map.
@Suite struct UnitLabelTests {
    @Test func aRemarkInParenthesesIsDropped() {
        #expect(UnitLabel.label("flux", unit: "unknown (SAMI flux units as shipped by Blobby3D example)")
                == "flux (unknown)")
    }

    @Test func theMUSESpellingIsWrittenShort() {
        #expect(UnitLabel.abbreviated("10**(-20)*erg/s/cm**2/Angstrom") == "1e-20 erg/s/cm^2/Å")
        #expect(UnitLabel.abbreviated("10^-17 erg/s/cm^2/Angstrom") == "1e-17 erg/s/cm^2/Å")
    }

    @Test func shortUnitsAndFactorsInParenthesesAreKept() {
        #expect(UnitLabel.abbreviated("Jy/beam") == "Jy/beam")
        #expect(UnitLabel.abbreviated("(Jy/beam) chan") == "(Jy/beam) chan")
        #expect(UnitLabel.label("flux", unit: "") == "flux")
        #expect(UnitLabel.label("flux", unit: "(a remark only)") == "flux")
    }

    @Test func whatIsStillTooLongIsCutWithAnEllipsis() {
        let label = UnitLabel.abbreviated("erg/s/cm^2/Angstrom/arcsec^2/steradian/whatever")
        #expect(label.count == UnitLabel.longest)
        #expect(label.hasPrefix("erg/s/cm^2/Å/arcsec^2") && label.hasSuffix("…"))
    }
}
