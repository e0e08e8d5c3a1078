import Foundation

/// Which file a path names on disk: its device and inode, symbolic links followed. Two paths
/// (relative or absolute, through links, hard links) name the same file exactly when their
/// identities are equal.
public struct FileIdentity: Hashable, Sendable {
    public let device: UInt64
    public let inode: UInt64

    /// The identity of the file at `path`, or nil when there is none (nothing can be the same
    /// file as a path that does not exist).
    public init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }

    /// The identity of the open file `descriptor` (even if its name was removed since).
    public init?(descriptor: Int32) {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }

    /// Refuses to write any of `outputs` that is the same file as one of `inputs`: writing it
    /// would replace an input (with `--overwrite`, or by a batch), destroying it.
    /// - Throws: ``GalpakError`` `.badInput` naming the output and the input.
    public static func refuseOverwritingInputs(outputs: [String], inputs: [String]) throws {
        var named: [FileIdentity: String] = [:]
        for input in inputs {
            if let identity = FileIdentity(path: input), named[identity] == nil { named[identity] = input }
        }
        guard !named.isEmpty else { return }
        for output in outputs {
            if let identity = FileIdentity(path: output), let input = named[identity] {
                throw GalpakError.badInput(output,
                    "is the input \(input) (the same file); writing this output would destroy it, so write the outputs elsewhere")
            }
        }
    }
}
