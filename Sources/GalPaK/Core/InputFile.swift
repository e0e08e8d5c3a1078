import Foundation

/// The check every input file goes through before it is opened: it must exist and be a regular
/// file (or a symbolic link to one). A pipe, a FIFO, a device such as `/dev/zero` or a process
/// substitution (`<(cat cube.fits)`) could block on opening, never end, or be read only once,
/// so they are refused; a loop of symbolic links is reported as such, not as a missing file.
public enum InputFile {
    /// - Parameter what: what the file is for, ending the "not a regular file" message
    ///   ("a FITS file", "an instrument file").
    /// - Returns: the file's size in bytes.
    /// - Throws: ``GalpakError`` `.badInput` naming `path`: no such file, a symbolic link loop,
    ///   permission denied, a directory, or not a regular file (saying what it is).
    @discardableResult
    public static func checkRegular(_ path: String, what: String) throws -> UInt64 {
        guard !path.isEmpty else { throw GalpakError(.badInput, "an empty file name was given for \(what)") }
        var info = stat()
        guard stat(path, &info) == 0 else {
            let reason: String
            switch errno {
            case ENOENT: reason = isDanglingLink(path) ? "is a symbolic link to a file that does not exist" : "no such file"
            case ELOOP: reason = "is a loop of symbolic links (a link that leads back to itself)"
            case EACCES: reason = "permission denied (a directory on its path cannot be searched)"
            case ENOTDIR: reason = "no such file (a component of its path is not a directory)"
            case ENAMETOOLONG: reason = "the file name is too long"
            default: reason = "cannot be examined (\(String(cString: strerror(errno))))"
            }
            throw GalpakError.badInput(path, reason)
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            return UInt64(info.st_size)
        case S_IFDIR:
            throw GalpakError.badInput(path, "is a directory, not \(what)")
        default:
            throw GalpakError.badInput(path, "is not a regular file (\(kind(info.st_mode))); galpak reads \(what) "
                + "from a regular file only: save it to a file first")
        }
    }

    /// Memory a text file takes once parsed, in multiples of its size (every cell becomes a
    /// string, then a number).
    static let textExpansion = 10

    /// The bytes of the regular file `path` (see ``checkRegular(_:what:)``), a text file that
    /// is parsed whole: refused when ``textExpansion`` times its size exceeds the memory.
    /// - Throws: ``GalpakError`` `.badInput` naming `path` when it is not a readable regular
    ///   file, or too large.
    public static func contents(_ path: String, what: String) throws -> Data {
        let size = try checkRegular(path, what: what)
        try GalpakError.naming(path) {
            try MemoryBudget.check(bytes: MemoryBudget.product([Int(clamping: size), textExpansion]),
                                   for: "reading this \(size)-byte file", advice: "give \(what) of a size this machine can read")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw GalpakError.badInput(path, "cannot be read (permission denied?)")
        }
        return data
    }

    /// Whether anything is at `path`: a file, a directory, a device, a symbolic link (even one
    /// that leads nowhere).
    public static func isPresent(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// A path that `lstat` finds (a link) but `stat` does not (its target is missing).
    private static func isDanglingLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK
    }

    /// What a non-regular file is, in words.
    private static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFIFO: "a pipe or FIFO, such as a process substitution <(…)"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        default: "not a plain file"
        }
    }
}
