import Foundation

/// One of `count` equal slices of a batch, so that `count` independent jobs (a Slurm array,
/// GNU parallel, several machines) share a manifest without talking to each other.
///
/// Slice `index` (0-based) of a batch of `total` cubes holds the cubes
/// `index·total/count ..< (index+1)·total/count` (integer division): consecutive, every cube in
/// exactly one slice, sizes differing by at most one.
public struct BatchShard: Sendable, Equatable, CustomStringConvertible {
    /// Which slice, from 0 to `count − 1`.
    public var index: Int
    /// Number of slices.
    public var count: Int

    /// - Throws: ``GalpakError`` `.badInput` unless `0 ≤ index < count`.
    public init(index: Int, count: Int) throws {
        guard count >= 1 else { throw GalpakError(.badInput, "--shard K/N: N must be at least 1 (got \(count))") }
        guard index >= 0, index < count else {
            throw GalpakError(.badInput, "--shard K/N: K counts from 0 to N-1 (got \(index)/\(count))")
        }
        self.index = index
        self.count = count
    }

    /// Parses `K/N`.
    /// - Throws: ``GalpakError`` `.badInput` for anything else.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0].trimmingCharacters(in: .whitespaces)),
              let n = Int(parts[1].trimmingCharacters(in: .whitespaces)) else {
            throw GalpakError(.badInput, "--shard takes K/N, e.g. 0/4 for the first of four slices (got '\(text)')")
        }
        try self.init(index: k, count: n)
    }

    /// The slice a Slurm array task should run, from `SLURM_ARRAY_TASK_ID`, `SLURM_ARRAY_TASK_COUNT`,
    /// `SLURM_ARRAY_TASK_MIN` (default 0) and `SLURM_ARRAY_TASK_STEP` (default 1):
    /// index = (ID − MIN) / STEP, count = COUNT. `nil` outside an array job.
    /// - Throws: ``GalpakError`` `.badInput` when the variables do not describe a regular
    ///   array (e.g. `--array=1,5,7`); `--shard` then says which slice to run.
    public static func fromSlurm(environment: [String: String]) throws -> BatchShard? {
        guard let idText = environment["SLURM_ARRAY_TASK_ID"] else { return nil }
        func number(_ name: String, default value: Int?) throws -> Int {
            guard let text = environment[name] else {
                if let value { return value }
                throw GalpakError(.badInput, "in a Slurm array job but \(name) is not set; give --shard K/N")
            }
            guard let n = Int(text.trimmingCharacters(in: .whitespaces)) else {
                throw GalpakError(.badInput, "\(name)='\(text)' is not a whole number; give --shard K/N")
            }
            return n
        }
        guard let id = Int(idText.trimmingCharacters(in: .whitespaces)) else {
            throw GalpakError(.badInput, "SLURM_ARRAY_TASK_ID='\(idText)' is not a whole number; give --shard K/N")
        }
        let count = try number("SLURM_ARRAY_TASK_COUNT", default: nil)
        let min = try number("SLURM_ARRAY_TASK_MIN", default: 0)
        let step = try number("SLURM_ARRAY_TASK_STEP", default: 1)
        guard step >= 1, (id - min) % step == 0, (id - min) / step < count, id >= min else {
            throw GalpakError(.badInput,
                "Slurm array task \(id) (min \(min), step \(step), count \(count)) is not part of a regular array such as --array=0-\(Swift.max(count - 1, 0)); give --shard K/N")
        }
        return try BatchShard(index: (id - min) / step, count: count)
    }

    /// The positions of this slice in a batch of `total` cubes.
    public func range(total: Int) -> Range<Int> {
        (index * total / count)..<((index + 1) * total / count)
    }

    /// `K/N`.
    public var description: String { "\(index)/\(count)" }
}
