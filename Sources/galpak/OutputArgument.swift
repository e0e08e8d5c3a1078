import ArgumentParser

/// Checks of an output file or prefix named on the command line (`-o`, `--clean`, `--outdir`),
/// made before anything runs: an empty name would write hidden files such as `_chain.dat`
/// in the working directory, and a name ending in `/` names a directory, not a file.
enum OutputArgument {
    /// - Throws: `ValidationError` (exit status 2) naming `option` when `value` is empty, blank
    ///   or ends with `/` (`isDirectory` allows the last for a directory option).
    static func check(_ value: String?, option: String, isDirectory: Bool = false) throws {
        guard let value else { return }
        guard !value.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ValidationError("\(option) is empty: give a \(isDirectory ? "directory" : "file name or prefix")")
        }
        if !isDirectory, value.hasSuffix("/") {
            throw ValidationError("\(option) '\(value)' ends with '/': give a file name or prefix, e.g. \(value)run")
        }
    }
}
