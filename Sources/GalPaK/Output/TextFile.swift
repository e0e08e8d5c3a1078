import Foundation

/// Reading a text output back (for `galpak plot`).
enum TextFile {
    /// The UTF-8 text of `path`.
    /// - Throws: ``GalpakError`` `.badInput` naming `path` when it cannot be read.
    static func read(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw GalpakError.badInput(path, "cannot be read (check that the file exists and is readable)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
