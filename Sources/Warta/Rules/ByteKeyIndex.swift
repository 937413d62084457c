import Foundation

/// Byte strings numbered 0, 1, 2, … in the order they are added, found again by their bytes: open
/// addressing by a hash the caller gives (`StringSet.hash`), the keys' bytes kept in one array. The form
/// index of `LexemeTable` and `FormTable` (one lookup per token of every document, so no `Dictionary` of
/// `[UInt8]` keys: a hash of the whole key per probe and an allocation per key). Not thread-safe: its
/// owner locks. Tested against a `Dictionary` (`ByteKeyIndexTests`).
struct ByteKeyIndex {
    /// A slot holds the key's hash and its number (-1: empty).
    private struct Slot { var hash: UInt64; var id: Int32 }
    private var slots = [Slot](repeating: Slot(hash: 0, id: -1), count: 1024)
    /// The keys' bytes, those of key k at `keyBytes[keyOffsets[k]..<keyOffsets[k + 1]]`.
    private var keyBytes: [UInt8] = []
    private var keyOffsets: [Int] = [0]

    /// The number of keys added.
    var count: Int { keyOffsets.count - 1 }

    /// The number of the key `bytes` (whose hash is `hash`), or nil when it was never added.
    func find(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int? {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: hash) & mask
        while true {
            let slot = slots[i]
            if slot.id < 0 { return nil }
            if slot.hash == hash {
                let id = Int(slot.id)
                let start = keyOffsets[id], end = keyOffsets[id + 1]
                if end - start == bytes.count
                    && keyBytes.withUnsafeBufferPointer({ key in
                        bytes.isEmpty || memcmp(key.baseAddress! + start, bytes.baseAddress!, bytes.count) == 0
                    })
                {
                    return id
                }
            }
            i = (i + 1) & mask
        }
    }

    /// Adds `bytes` (not added yet: `find` said nil) and returns its number, `count` before the call.
    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int {
        let id = count
        if (id + 1) * 2 > slots.count {
            let old = slots
            slots = [Slot](repeating: Slot(hash: 0, id: -1), count: old.count * 2)
            for s in old where s.id >= 0 { place(s) }
        }
        place(Slot(hash: hash, id: Int32(id)))
        keyBytes.append(contentsOf: bytes)
        keyOffsets.append(keyBytes.count)
        return id
    }

    private mutating func place(_ slot: Slot) {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: slot.hash) & mask
        while slots[i].id >= 0 { i = (i + 1) & mask }
        slots[i] = slot
    }
}
