import ArgumentParser
import GalPaK

// The library's named choices as typed option values: parsing (`init(name:)`), the values
// `--help` lists and the list in the error for an unknown value all come from the type's
// cases, never from a list written here.

extension ExpressibleByArgument where Self: NamedChoice, Self: RawRepresentable, RawValue: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }
    public static var allValueStrings: [String] { names }
    /// None: the values are listed by name only.
    public static var allValueDescriptions: [String: String] { [:] }
    public var defaultValueDescription: String { name }
}

extension FluxProfile: ExpressibleByArgument {}
extension RotationCurve: ExpressibleByArgument {}
extension ThicknessProfile: ExpressibleByArgument {}
extension DispersionProfile: ExpressibleByArgument {}
extension SamplingMethod: ExpressibleByArgument {}
extension ChiStatistic: ExpressibleByArgument {}
extension FitOptions.FirstGuess: ExpressibleByArgument {}
extension ChainSummary.Method: ExpressibleByArgument {}
extension SpreadFunctionChoice.LSFProfile: ExpressibleByArgument {}
extension SpectralUnit: ExpressibleByArgument {}
extension VelocityDefinition: ExpressibleByArgument {}

/// `--instrument NAME`: one of ``Instrument/presets``, in any letter case.
extension Instrument: ExpressibleByArgument {
    public init?(argument: String) {
        guard let preset = Instrument.preset(named: argument) else { return nil }
        self = preset
    }

    public static var allValueStrings: [String] { presets.map(\.name) }
    public var defaultValueDescription: String { name }
}
