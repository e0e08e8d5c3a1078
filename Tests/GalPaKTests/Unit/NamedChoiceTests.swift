import Testing
@testable import GalPaK

/// Every named choice parses each of its names, in any letter case, and the older or
/// reference spellings it documents; its names are distinct.
struct NamedChoiceTests {
    static func roundTrips<T: NamedChoice & Equatable>(_: T.Type) -> Bool {
        T.allCases.allSatisfy { T(name: $0.name) == $0 && T(name: $0.name.uppercased()) == $0 }
            && Set(T.names.map { $0.lowercased() }).count == T.allCases.count
            && T(name: "no-such-name") == nil
    }

    @Test func everyNameParses() {
        #expect(Self.roundTrips(FluxProfile.self))
        #expect(Self.roundTrips(RotationCurve.self))
        #expect(Self.roundTrips(ThicknessProfile.self))
        #expect(Self.roundTrips(DispersionProfile.self))
        #expect(Self.roundTrips(SamplingMethod.self))
        #expect(Self.roundTrips(ChiStatistic.self))
        #expect(Self.roundTrips(FitOptions.FirstGuess.self))
        #expect(Self.roundTrips(ChainSummary.Method.self))
        #expect(Self.roundTrips(SpreadFunctionChoice.PSFProfile.self))
        #expect(Self.roundTrips(SpreadFunctionChoice.LSFProfile.self))
        #expect(Self.roundTrips(SpectralUnit.self))
    }

    @Test func listedNamesAreTheCommandLineSpellings() {
        #expect(FluxProfile.names == ["gaussian", "exponential", "sersic2", "de_vaucouleurs", "sersic"])
        #expect(RotationCurve.names.contains("nfw") && RotationCurve.names.contains("burkert"))
        #expect(SpectralUnit.listed == "Angstrom, nm, um, m, Hz, kHz, MHz, GHz, m/s or km/s")
    }

    @Test func otherSpellingsAreAccepted() {
        #expect(FluxProfile(name: "sersicN2") == .sersic2)
        #expect(RotationCurve(name: "NFW") == .nfw)
        #expect(SamplingMethod(name: "AdaptiveCauchy") == .adaptive && SamplingMethod(name: "adaptive_cauchy") == .adaptive)
        #expect(ChiStatistic(name: "Cstat") == .cash)
        #expect(SpectralUnit(name: "km s-1") == .kilometrePerSecond)
    }
}
