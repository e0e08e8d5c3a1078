import GalPaK
import Synchronization

/// The live model handles, by the address handed to C. A C caller's pointer is looked up here,
/// never dereferenced, so a freed, foreign or null handle is an error message, not a crash; a
/// handle in use by one thread while another frees it lives until that call returns (the
/// lookup holds a reference).
enum HandleRegistry {
    private static let live = Mutex<[UInt: ModelHandle]>([:])

    /// Registers `handle` and returns the address that stands for it.
    static func register(_ handle: ModelHandle) -> UnsafeMutableRawPointer {
        let address = Unmanaged.passUnretained(handle).toOpaque()
        live.withLock { $0[UInt(bitPattern: address)] = handle }
        return address
    }

    /// The handle at `address`.
    /// - Throws: ``GalpakError`` `.badInput` for a null, freed or unknown handle.
    static func handle(_ address: UnsafeMutableRawPointer?) throws -> ModelHandle {
        guard let address, let handle = live.withLock({ $0[UInt(bitPattern: address)] }) else {
            throw GalpakError(.badInput, address == nil ? "the model handle is NULL"
                              : "not a live model handle (freed already, or never made by galpak_model_open)")
        }
        return handle
    }

    /// Forgets the handle at `address`; false when it was not live.
    static func remove(_ address: UnsafeMutableRawPointer?) -> Bool {
        guard let address else { return false }
        return live.withLock { $0.removeValue(forKey: UInt(bitPattern: address)) } != nil
    }
}
