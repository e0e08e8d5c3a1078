import Foundation
import GalPaK

/// Writes an image into the primary HDU of a new FITS file, as radio packages (3D-Barolo among
/// them) expect their cubes, unlike ``FITSWriter``'s `DATA` extension.
enum PrimaryImage {
    /// Writes `values` (NAXIS1 fastest, 64-bit floats) of `shape` with `cards` (the structural
    /// ones — SIMPLE, BITPIX, NAXISn, EXTEND, EXTNAME — are left to cfitsio) to `path`, atomically.
    static func write(_ values: [Double], shape: [Int], cards: [HeaderCard], to path: String) throws {
        let structural: Set<String> = ["SIMPLE", "BITPIX", "EXTEND", "EXTNAME", "XTENSION", "PCOUNT", "GCOUNT"]
        try AtomicFile.write(to: path) { temp in
            let file = try FITSFile(creating: temp)
            try file.appendImage(shape: shape)
            for card in cards where !card.value.isEmpty {
                let name = card.name.uppercased()
                guard !structural.contains(name), !name.hasPrefix("NAXIS") else { continue }
                try file.write(card: card)
            }
            try file.writeImage(values)
            try file.close()
        }
    }
}
