import Foundation

/// Reading a text output back (for `galpak plot`).
enum TextFile {
    /// The UTF-8 text of `path`.
    /// - Throws: ``GalpakError`` `.badInput` naming `path` when it cannot be read.
    static func read(_ path: String) throws -> String {
        let data = try InputFile.contents(path, what: "a text file")
        return String(decoding: data, as: UTF8.self)
    }
}
