import Foundation

/// The working directory of the option and manifest fuzz: a set of files made by `populate`
/// (inputs, and the awkward paths ``OptionValueMutator/paths`` names), remembered entry by
/// entry so that after each case what the case created, changed or removed can be listed and
/// undone.
struct FuzzWorkspace {
    /// One entry as `lstat` sees it.
    struct Entry: Equatable {
        var type: mode_t
        var size: Int64
        var inode: UInt64
        var modified: Int
    }

    let directory: URL
    private let populate: (URL) throws -> Void
    private var baseline: [String: Entry] = [:]

    /// Makes `directory` (empty) and fills it with `populate`.
    init(_ directory: URL, populate: @escaping (URL) throws -> Void) throws {
        self.directory = directory
        self.populate = populate
        try rebuild()
    }

    /// The entries now, by path relative to the directory (directories without their times,
    /// which change whenever an entry is added).
    func snapshot() -> [String: Entry] {
        var entries: [String: Entry] = [:]
        func walk(_ relative: String) {
            let path = relative.isEmpty ? directory.path : directory.path + "/" + relative
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return }
            for name in names {
                let child = relative.isEmpty ? name : relative + "/" + name
                var info = stat()
                guard lstat(directory.path + "/" + child, &info) == 0 else { continue }
                let type = info.st_mode & S_IFMT
                entries[child] = Entry(type: type, size: type == S_IFDIR ? 0 : Int64(info.st_size), inode: UInt64(info.st_ino),
                                       modified: type == S_IFDIR ? 0 : info.st_mtim.tv_sec * 1_000_000_000 + info.st_mtim.tv_nsec)
                if type == S_IFDIR { walk(child) }
            }
        }
        walk("")
        return entries
    }

    /// What differs from the populated state: paths created, changed or removed, sorted.
    func changes() -> [String] {
        let now = snapshot()
        return Set(now.keys).union(baseline.keys).filter { now[$0] != baseline[$0] }.sorted()
    }

    /// Undoes a case: removes what it created and, when it changed or removed anything that
    /// was there, populates the directory afresh.
    mutating func restore() throws {
        let now = snapshot()
        if baseline.contains(where: { now[$0.key] != $0.value }) {
            try rebuild()
            return
        }
        // Deepest first, so a created directory is emptied before it is removed.
        for path in now.keys.filter({ baseline[$0] == nil }).sorted(by: { $0.count > $1.count }) {
            try? FileManager.default.removeItem(atPath: directory.path + "/" + path)
        }
    }

    private mutating func rebuild() throws {
        try? FileManager.default.removeItem(at: directory)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try populate(directory)
        baseline = snapshot()
    }
}
