import ArgumentParser
import GalPaK

// The library's named choices as typed option values, as in `galpak` (its ChoiceArguments.swift):
// parsing, the values `--help` lists and the error for an unknown value come from the cases.

extension ExpressibleByArgument where Self: NamedChoice, Self: RawRepresentable, RawValue: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }
    public static var allValueStrings: [String] { names }
    /// None: the values are listed by name only.
    public static var allValueDescriptions: [String: String] { [:] }
    public var defaultValueDescription: String { name }
}

extension RotationCurve: ExpressibleByArgument {}
