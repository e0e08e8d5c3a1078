import Foundation

/// A set of output files written all or nothing, its completion record last.
///
/// Every file is first written into a staging directory beside its destination directory
/// (`DIR/.galpak-staging.PID.N.tmp/NAME`, or `DIR/.galpak-staging.BASE.PID.N.tmp/NAME` for a
/// set with a prefix `DIR/BASE`: hidden, on the same file system), each through
/// ``AtomicFile`` (every write checked and flushed to the disk). ``write(record:recordText:_:)``
/// then renames the staged files to their final names, the completion record last, so a set
/// whose record is there is whole. When anything fails — a write, a full disk, a rename — the
/// staged files and those already renamed are removed and the files they replaced are put back:
/// the destination holds either the whole new set or exactly what it held before, and the error
/// names the final file that failed. A stop request (``isCancelled``) before the record's rename
/// is undone the same way. A staging directory a killed run left behind is hidden and never
/// read; ``removeStaleStaging(prefix:)`` removes those of a prefix.
public final class OutputSet {
    /// A file of the set and its size in bytes.
    public struct File: Sendable, Equatable {
        public var path: String
        public var bytes: Int64

        public init(path: String, bytes: Int64) {
            self.path = path
            self.bytes = bytes
        }
    }

    /// Staging directory by destination directory (as spelled in the paths, "" for the
    /// working directory).
    private var staging: [String: String] = [:]

    /// The last component of the set's prefix, which names its staging directories (nil: none).
    private let base: String?

    /// Polled before the set is staged, by ``checkStop()``, and before every rename into place:
    /// once it returns true, the write stops, is undone, and throws ``StopRequested``.
    public var isCancelled: () -> Bool = { false }

    /// Test hook: the rename into place (1-based, in commit order, the record's last) that fails
    /// as it would on a full disk.
    var failingRename: Int?

    /// Test hook for the end-to-end tests, from the environment variable
    /// `GALPAK_TEST_PAUSE_AFTER_RENAME=k`: after the k-th rename into place the set says so on
    /// stderr and waits (at most a minute) for ``isCancelled``, so that a test can land a
    /// signal between two renames, deterministically.
    var pauseAfterRename = ProcessInfo.processInfo.environment["GALPAK_TEST_PAUSE_AFTER_RENAME"].flatMap { Int($0) }

    /// A set whose files are named `prefix…` (e.g. a fit's `PREFIX_*`) if given: its staging
    /// directories are then named after it, for ``removeStaleStaging(prefix:)``.
    public init(prefix: String? = nil) {
        base = prefix.map { Self.split($0).name }
    }

    /// Removes the staging directories of sets with `prefix` (``init(prefix:)``) — left by a run
    /// killed while writing (SIGKILL, a crash, a power cut). Only for a caller that holds the
    /// prefix's ``OutputLock``: every other run that staged such a set is then dead.
    public static func removeStaleStaging(prefix: String) {
        let (dir, base) = split(prefix)
        let start = stagingName + "." + base + "."
        for name in (try? FileManager.default.contentsOfDirectory(atPath: dir.isEmpty ? "." : dir)) ?? [] {
            guard name.hasPrefix(start), name.hasSuffix(".tmp") else { continue }
            // What follows the base must be exactly "PID.N.tmp" (a base may itself hold dots).
            let rest = name.dropFirst(start.count).dropLast(".tmp".count).split(separator: ".", omittingEmptySubsequences: false)
            guard rest.count == 2, rest.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else { continue }
            try? FileManager.default.removeItem(atPath: join(dir, name))
        }
    }

    /// Throws ``StopRequested`` if ``isCancelled`` returns true (for stagers, between files).
    public func checkStop() throws {
        try StopRequested.check(isCancelled)
    }

    /// The name every staging directory starts with.
    private static let stagingName = ".galpak-staging"

    /// Where `path` is written while the set is staged; its staging directory is created on
    /// first use. Works for any name under that directory, e.g. a fit's prefix.
    /// - Throws: ``GalpakError`` `.badInput` naming `path` if the directory cannot be created.
    public func stagedPath(for path: String) throws -> String {
        let (dir, name) = Self.split(path)
        if staging[dir] == nil {
            let name = [Self.stagingName] + (base.map { [$0] } ?? []) + ["\(getpid())", "\(UInt32.random(in: 0...UInt32.max))", "tmp"]
            let created = Self.join(dir, name.joined(separator: "."))
            guard mkdir(created, 0o755) == 0 else { throw AtomicFile.cannotWrite(path, errno) }
            staging[dir] = created
        }
        return Self.join(staging[dir]!, name)
    }

    /// Runs `stage`, which writes every file of the set to its ``stagedPath(for:)``, then
    /// commits the set: `record` is written when `recordText` is given (from the other staged
    /// files in its directory and their sizes; otherwise `stage` wrote it), every other file is
    /// renamed to its final name in name order, `record` last, and the directories are flushed
    /// to the disk (best effort). A file already under a final name is kept aside until the
    /// set is complete, and put back if the commit fails.
    /// - Returns: the final paths, `record` last.
    /// - Throws: the first error, after undoing everything; a ``GalpakError`` names final paths.
    @discardableResult
    public func write(record: String, recordText: (([File]) throws -> String)? = nil,
                      _ stage: () throws -> Void) throws -> [String] {
        var committed: [String] = []
        var replaced: [(final: String, aside: String)] = []
        defer {
            for dir in staging.values { try? FileManager.default.removeItem(atPath: dir) }
        }
        do {
            try checkStop()
            try stage()
            let stagedRecord = try stagedPath(for: record)
            var files = try stagedFiles().filter { $0.final != record }
            if let recordText {
                let beside = try files.filter { Self.split($0.final).dir == Self.split(record).dir }
                    .map { File(path: $0.final, bytes: try Self.size(of: $0.staged, naming: $0.final)) }
                try AtomicFile.write(text: try recordText(beside), to: stagedRecord)
            }
            precondition(access(stagedRecord, F_OK) == 0, "the completion record \(record) was not staged")
            files.append((record, stagedRecord))
            // The old record goes first: an old set is incomplete from the first rename on.
            try moveAside(record, into: &replaced)
            for (n, file) in files.enumerated() {
                try checkStop()
                try moveAside(file.final, into: &replaced)
                let code = n + 1 == failingRename ? ENOSPC : (rename(file.staged, file.final) == 0 ? 0 : errno)
                guard code == 0 else { throw AtomicFile.cannotWrite(file.final, code) }
                committed.append(file.final)
                if n + 1 == pauseAfterRename { pause(after: file.final) }
            }
            for dir in staging.keys { Self.flushDirectory(dir.isEmpty ? "." : dir) }
            return committed
        } catch {
            for path in committed.reversed() { unlink(path) }
            for (final, aside) in replaced.reversed() { rename(aside, final) }
            throw finalNames(in: error)
        }
    }

    /// ``pauseAfterRename``'s wait: a line on stderr, then until ``isCancelled`` (or a minute).
    private func pause(after path: String) {
        FileHandle.standardError.write(Data("galpak: test pause after renaming \(path); waiting for a signal\n".utf8))
        let deadline = ContinuousClock.now + .seconds(60)
        while !isCancelled(), ContinuousClock.now < deadline { usleep(10_000) }
    }

    /// The regular files staged so far (hidden ones, such as temporaries, left out), with
    /// their final paths, in order of final path.
    private func stagedFiles() throws -> [(final: String, staged: String)] {
        staging.flatMap { dir, stagingDir in
            ((try? FileManager.default.contentsOfDirectory(atPath: stagingDir)) ?? [])
                .filter { !$0.hasPrefix(".") }
                .map { (Self.join(dir, $0), Self.join(stagingDir, $0)) }
        }.sorted { $0.final < $1.final }
    }

    /// Moves an existing file at `final` into its staging directory (a hidden name there) and
    /// records where, so that a failed commit can put it back.
    private func moveAside(_ final: String, into replaced: inout [(final: String, aside: String)]) throws {
        guard !replaced.contains(where: { $0.final == final }) else { return }
        var info = stat()
        guard lstat(final, &info) == 0 else { return }
        let staged = try stagedPath(for: final)
        let (dir, name) = Self.split(staged)
        let aside = Self.join(dir, ".replaced.\(name)")
        guard rename(final, aside) == 0 else { throw AtomicFile.cannotWrite(final, errno) }
        replaced.append((final, aside))
    }

    /// `error` with every staging directory in its message replaced by its destination.
    private func finalNames(in error: Error) -> Error {
        guard var named = error as? GalpakError else { return error }
        for (dir, stagingDir) in staging {
            named.message = named.message.replacingOccurrences(of: Self.join(stagingDir, ""), with: Self.join(dir, ""))
        }
        return named
    }

    /// The size of the file `path` in bytes.
    static func size(of path: String, naming final: String) throws -> Int64 {
        var info = stat()
        guard stat(path, &info) == 0 else { throw AtomicFile.cannotWrite(final, errno) }
        return Int64(info.st_size)
    }

    /// `fsync`s a directory, so that the renames in it reach the disk (errors ignored: the
    /// files are complete and in place by then).
    private static func flushDirectory(_ dir: String) {
        let fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    /// `dir/name` → (`dir`, `name`); a bare name → ("", name).
    private static func split(_ path: String) -> (dir: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return ("", path) }
        let dir = String(path[..<slash])
        return (dir.isEmpty ? "/" : dir, String(path[path.index(after: slash)...]))
    }

    private static func join(_ dir: String, _ name: String) -> String {
        dir.isEmpty ? name : (dir.hasSuffix("/") ? dir + name : dir + "/" + name)
    }
}
