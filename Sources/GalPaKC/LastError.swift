#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
import Darwin
#endif
import GalPaK

/// The message of the last failed call, one per thread (`galpak_last_error`): a C string that
/// stays valid until the next failed call on the same thread, or the thread's end.
enum LastError {
    /// The thread-specific slot; its destructor frees a thread's message when the thread ends.
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { free($0) }
        return key
    }()

    /// Stores `message` as the calling thread's last error.
    static func set(_ message: String) {
        let previous = pthread_getspecific(key)
        pthread_setspecific(key, strdup(message))
        free(previous)
    }

    /// The calling thread's last error, nil when no call failed on it.
    static var current: UnsafePointer<CChar>? {
        pthread_getspecific(key).map { UnsafePointer($0.assumingMemoryBound(to: CChar.self)) }
    }

    /// Runs `body`, turning any error into the thread's last error and `failure`: a C caller
    /// gets a status, never an exception or a trap.
    static func guarding<T>(_ failure: T, _ body: () throws -> T) -> T {
        do {
            return try body()
        } catch let error as GalpakError {
            set(error.message)
        } catch {
            set(String(describing: error))
        }
        return failure
    }
}

/// The message of the last call that failed on the calling thread (a status of -1 or a null
/// handle), UTF-8, one line; NULL when none failed. Owned by the library: valid until the next
/// failed call on the same thread.
@_cdecl("galpak_last_error")
public func galpak_last_error() -> UnsafePointer<CChar>? {
    LastError.current
}
