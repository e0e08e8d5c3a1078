import Foundation

/// The list of files a fit's completion record, `PREFIX_galaxy_parameters.json`, carries under
/// `files`: every other file of the set (in the record's directory) by name, with its size.
///
/// The record is renamed into place last (``OutputSet``), so a set is complete exactly when its
/// record is there, lists every result file, and every listed file is there with its size. A
/// set cut short, or whose files were truncated, emptied or removed afterwards, is not.
public enum CompletionRecord {
    /// The JSON key of the list.
    public static let key = "files"

    /// The JSON array of `files`: `[{"name": "g_chain.dat", "bytes": 152053}, …]`, names
    /// relative to the record's directory.
    public static func json(_ files: [OutputSet.File]) -> String {
        "[" + files.map { file in
            "{\"name\": \(ParametersJSON.string(URL(fileURLWithPath: file.path).lastPathComponent)), \"bytes\": \(file.bytes)}"
        }.joined(separator: ", ") + "]"
    }

    /// Whether `record` is a valid completion record of a set holding every file of `required`
    /// (`record` may be among them): it reads as JSON with a `files` list naming every other
    /// file of `required` (by file name), and every listed file but those of `unchecked` (by
    /// file name: files that may be redrawn or removed without making the set incomplete)
    /// exists beside it as a regular file of the size listed.
    public static func isComplete(record: String, requiring required: [String], unchecked: [String] = []) -> Bool {
        guard let data = FileManager.default.contents(atPath: record),
              let json = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
              let listed = json[key] as? [[String: Any]] else { return false }
        let dir = URL(fileURLWithPath: record).deletingLastPathComponent()
        let skipped = Set(unchecked.map { URL(fileURLWithPath: $0).lastPathComponent })
        var names = Set<String>()
        for entry in listed {
            guard let name = entry["name"] as? String, !name.contains("/"),
                  let bytes = (entry["bytes"] as? NSNumber)?.int64Value else { return false }
            if skipped.contains(name) { continue }
            var info = stat()
            guard stat(dir.appendingPathComponent(name).path, &info) == 0,
                  info.st_mode & S_IFMT == S_IFREG, Int64(info.st_size) == bytes else { return false }
            names.insert(name)
        }
        names.insert(URL(fileURLWithPath: record).lastPathComponent)
        return required.allSatisfy { names.contains(URL(fileURLWithPath: $0).lastPathComponent) }
    }
}
