import GalPaK
import Synchronization

/// The live model handles, by the number handed to C as a pointer. A C caller's pointer is
/// looked up here, never dereferenced, so a freed, foreign or null handle is an error message,
/// not a crash; numbers are never reused, so a freed handle stays refused after other handles
/// are made. A handle in use by one thread while another frees it lives until that call
/// returns (the lookup holds a reference).
enum HandleRegistry {
    private struct Table {
        /// The number the next handle gets (nonzero, so never NULL; only a key, never an address).
        var next: UInt = 0x10000
        var handles: [UInt: ModelHandle] = [:]
    }

    private static let live = Mutex(Table())

    /// Registers `handle` and returns the pointer that stands for it.
    static func register(_ handle: ModelHandle) -> UnsafeMutableRawPointer? {
        let key = live.withLock { table in
            let key = table.next
            table.next += 16
            table.handles[key] = handle
            return key
        }
        return UnsafeMutableRawPointer(bitPattern: key)
    }

    /// The handle `pointer` stands for.
    /// - Throws: ``GalpakError`` `.badInput` for a null, freed or unknown handle.
    static func handle(_ pointer: UnsafeMutableRawPointer?) throws -> ModelHandle {
        guard let pointer, let handle = live.withLock({ $0.handles[UInt(bitPattern: pointer)] }) else {
            throw GalpakError(.badInput, pointer == nil ? "the model handle is NULL"
                              : "not a live model handle (freed already, or never made by galpak_model_open)")
        }
        return handle
    }

    /// Forgets the handle `pointer` stands for; false when it was not live.
    static func remove(_ pointer: UnsafeMutableRawPointer?) -> Bool {
        guard let pointer else { return false }
        return live.withLock { $0.handles.removeValue(forKey: UInt(bitPattern: pointer)) } != nil
    }
}
