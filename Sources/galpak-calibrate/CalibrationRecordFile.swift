import ArgumentParser
import Foundation

/// A CSV file of ``CalibrationRecord``s: a header line, then one line per fitted cube.
enum CalibrationRecordFile {
    /// Appends `record` to `path`, writing the header first if the file does not exist yet.
    /// Each line is written by one `write` call of an append-only descriptor, so processes
    /// appending to the same file do not interleave within a line.
    static func append(_ record: CalibrationRecord, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        guard fd >= 0 else { throw ValidationError("\(path): cannot be opened for appending (\(String(cString: strerror(errno))))") }
        defer { close(fd) }
        var text = record.line + "\n"
        var info = stat()
        if fstat(fd, &info) == 0 && info.st_size == 0 { text = CalibrationRecord.header + "\n" + text }
        let written = text.utf8CString.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count - 1) }
        guard written == text.utf8.count else { throw ValidationError("\(path): could not append a record") }
    }

    /// The records of `path` (header lines, wherever they are, skipped).
    /// - Throws: `ValidationError` naming the file and line of a malformed record.
    static func read(_ path: String) throws -> [CalibrationRecord] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ValidationError("\(path): cannot be read as text")
        }
        var records: [CalibrationRecord] = []
        for (n, line) in text.split(separator: "\n").enumerated() where line != CalibrationRecord.header {
            do {
                records.append(try CalibrationRecord(line: String(line)))
            } catch let error as ValidationError {
                throw ValidationError("\(path), line \(n + 1): \(error.message)")
            }
        }
        return records
    }
}
