/// The header of a simulated cube: its WCS, then the truth.
///
/// The WCS is the template's (``SimulationSpec/wcsCards``) or a celestial TAN WCS on a nominal
/// sky position and the spectral axis. Then, for **one galaxy**, each parameter's true value
/// under its descriptor's ``ParameterDescriptor/headerKey`` (`SIM_X` … `SIM_SIG0`, `SIM_SERN`,
/// `SIMR6583`); for **several**, `SIM_NGAL` (their number) and galaxy k's values (k = 1 …
/// ``SimulationSpec/maximumGalaxies``) under the indexed keyword `S` + two-digit k + the
/// descriptor's key without its `SIM` (`S01_X`, `S02_SIG0`, `S01R6583`), so every keyword stays
/// within FITS's 8 characters. Last `SIM_SEED` (the noise seed) and `SIM_NOIS` (σ per voxel).
public enum SimulationHeader {
    /// The header cards of `spec`, simulated with noise `sigma`.
    public static func cards(_ spec: SimulationSpec, sigma: Double) -> [HeaderCard] {
        var cards = spec.wcsCards ?? nominalWCS(spec)
        if spec.galaxies.count == 1 {
            let galaxy = spec.galaxies[0]
            for name in galaxy.names {
                cards.append(HeaderCard(name: name.descriptor.headerKey, number: galaxy[name],
                                        comment: "true \(name.key) [\(name.jsonUnit)]"))
            }
        } else {
            cards.append(HeaderCard(name: galaxyCount, value: String(spec.galaxies.count), comment: "galaxies in the cube"))
            for (k, galaxy) in spec.galaxies.enumerated() {
                for name in galaxy.names {
                    cards.append(HeaderCard(name: key(name, galaxy: k + 1), number: galaxy[name],
                                            comment: "galaxy \(k + 1): true \(name.key) [\(name.jsonUnit)]"))
                }
            }
        }
        cards.append(HeaderCard(name: "SIM_SEED", value: String(spec.seed), comment: "noise seed"))
        cards.append(HeaderCard(name: "SIM_NOIS", number: sigma, comment: "noise sigma per voxel"))
        return cards
    }

    /// The keyword of the number of galaxies in a cube of several.
    public static let galaxyCount = "SIM_NGAL"

    /// The keyword of parameter `name` of galaxy `galaxy` (1-based) in a cube of several:
    /// `S01_X` for x of galaxy 1.
    /// - Precondition: `galaxy` in 1 … ``SimulationSpec/maximumGalaxies``; the descriptor's
    ///   header key starts with `SIM` (every one does: checked by the tests).
    public static func key(_ name: ParameterName, galaxy: Int) -> String {
        precondition((1...SimulationSpec.maximumGalaxies).contains(galaxy), "galaxy \(galaxy) has no two-digit keyword")
        let single = name.descriptor.headerKey
        precondition(single.hasPrefix("SIM"), "the header key \(single) does not start with SIM")
        return "S" + (galaxy < 10 ? "0" : "") + String(galaxy) + single.dropFirst(3)
    }

    /// A TAN projection on a nominal position with the spec's pixel scale (East = −x, North =
    /// +y) and its linear spectral axis.
    private static func nominalWCS(_ spec: SimulationSpec) -> [HeaderCard] {
        let deg = spec.pixscale / 3600
        return [
            HeaderCard(name: "CTYPE1", string: "RA---TAN"),
            HeaderCard(name: "CUNIT1", string: "deg"),
            HeaderCard(name: "CRVAL1", number: 150.0, comment: "nominal sky position"),
            HeaderCard(name: "CRPIX1", number: Double(spec.nx / 2)),
            HeaderCard(name: "CDELT1", number: -deg),
            HeaderCard(name: "CTYPE2", string: "DEC--TAN"),
            HeaderCard(name: "CUNIT2", string: "deg"),
            HeaderCard(name: "CRVAL2", number: 2.0),
            HeaderCard(name: "CRPIX2", number: Double(spec.ny / 2)),
            HeaderCard(name: "CDELT2", number: deg),
            HeaderCard(name: "CTYPE3", string: spec.spectral.quantity.fitsType),
            HeaderCard(name: "CUNIT3", string: spec.spectral.unit.rawValue),
            HeaderCard(name: "CRVAL3", number: spec.spectral.crval),
            HeaderCard(name: "CRPIX3", number: spec.spectral.crpix),
            HeaderCard(name: "CDELT3", number: spec.spectral.cdelt),
        ]
    }
}
