import Foundation

/// Sizes computed from the user's numbers (a cube's shape, a chain's length), checked before
/// anything of that size is allocated: the arithmetic reports overflow instead of trapping, and
/// a size the machine cannot hold is refused with a clear error instead of an allocation abort.
public enum MemoryBudget {
    /// The machine's physical memory, bytes.
    public static var physicalMemory: UInt64 { ProcessInfo.processInfo.physicalMemory }

    /// The product of `factors`, nil when one is negative or the product overflows `Int`.
    public static func product(_ factors: [Int]) -> Int? {
        var result = 1
        for factor in factors {
            guard factor >= 0 else { return nil }
            let (next, overflow) = result.multipliedReportingOverflow(by: factor)
            if overflow { return nil }
            result = next
        }
        return result
    }

    /// "12.3 GB".
    public static func gigabytes(_ bytes: UInt64) -> String { String(format: "%.1f GB", Double(bytes) / 1e9) }

    /// Refuses a request that needs `bytes` (nil: more than an `Int` can count) when that is more
    /// than `fraction` of ``physicalMemory``.
    /// - Parameters:
    ///   - what: the request, starting the message ("--iterations 1000000000 with 2 chains").
    ///   - advice: what to do instead, ending the message.
    /// - Throws: ``GalpakError`` `.badInput`: "`what` needs N GB of memory, more than [half of]
    ///   this machine's M GB; `advice`".
    public static func check(bytes: Int?, fraction: Double = 1, for what: String, advice: String) throws {
        let limit = UInt64(Double(physicalMemory) * fraction)
        if let bytes, UInt64(bytes) <= limit { return }
        let needed = bytes.map { "\(gigabytes(UInt64($0))) of memory" } ?? "more memory than 64 bits can count"
        let share = fraction == 1 ? "" : fraction == 0.5 ? "half of " : "\(Int(fraction * 100)) % of "
        throw GalpakError(.badInput, "\(what) needs \(needed), more than \(share)this machine's "
            + "\(gigabytes(physicalMemory)); \(advice)")
    }
}
