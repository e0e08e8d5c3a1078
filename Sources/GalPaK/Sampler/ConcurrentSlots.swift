import Foundation

/// Runs `body(i, &slots[i])` for every slot, concurrently on all cores
/// (`DispatchQueue.concurrentPerform`), and returns when all are done.
///
/// Each call sees only its own slot, so the outcome depends on the slots' contents alone, never
/// on which thread ran which slot or in what order: a sampler that gives every slot its own
/// seeded generator is deterministic for a given seed.
func concurrentUpdate<Slot>(_ slots: inout [Slot], _ body: @Sendable (Int, inout Slot) -> Void) {
    guard slots.count > 1 else {
        for i in slots.indices { body(i, &slots[i]) }
        return
    }
    slots.withUnsafeMutableBufferPointer { buffer in
        let base = SlotBase(pointer: buffer.baseAddress!)
        DispatchQueue.concurrentPerform(iterations: buffer.count) { i in body(i, &base.pointer[i]) }
    }
}

/// The slots' storage, shared by the threads of ``concurrentUpdate(_:_:)``: each thread touches
/// its own element only, which is what makes sharing it safe.
private struct SlotBase<Slot>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Slot>
}
