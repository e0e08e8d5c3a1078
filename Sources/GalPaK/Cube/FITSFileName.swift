import Foundation

/// The name of a FITS file without its directory and extensions: what galpak names its
/// outputs after by default (`galpak fit /data/cube.fits.gz` writes `cube_*`).
public enum FITSFileName {
    /// The last path component of `path` without one compression extension (`.gz`, `.fz`,
    /// `.bz2`) and then one FITS extension (`.fits`, `.fit`, `.fts`), both matched ignoring
    /// case: `/data/cube.fits.gz` → `cube`, `a.FITS` → `a`, `notes.txt` → `notes.txt`.
    public static func stem(of path: String) -> String {
        var name = URL(fileURLWithPath: path).lastPathComponent
        for ext in [".gz", ".fz", ".bz2"] where name.lowercased().hasSuffix(ext) {
            name = String(name.dropLast(ext.count))
        }
        for ext in [".fits", ".fit", ".fts"] where name.lowercased().hasSuffix(ext) {
            name = String(name.dropLast(ext.count))
        }
        return name
    }
}
