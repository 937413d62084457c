import Foundation

/// The answer caches of the regular expressions of token tests, one per expression (pattern and
/// options), with a number for each, process-wide (the pipeline is loaded once; tests load more).
enum RegexAnswers {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var caches: [String: (Int, AnswerCache)] = [:]

    static func shared(_ regex: ICURegex) -> (Int, AnswerCache) {
        lock.lock()
        defer { lock.unlock() }
        let key = regex.pattern
        if let known = caches[key] { return known }
        let entry = (caches.count, AnswerCache())
        caches[key] = entry
        return entry
    }
}

/// Answers of a pure test by token text, safe to share between threads; bounded (emptied when full) so
/// that memory does not grow with the corpus.
///
/// Open addressing over the token's `StringSet.hash` (computed once per token in `TokenView`), not a
/// `Dictionary<String, Bool>`, which hashed the whole string again with SipHash at every lookup. Keys
/// are compared by bytes: token texts are NFC (normalize), so canonically equivalent texts, which a
/// `String` key would take as equal, have the same bytes anyway.
final class AnswerCache: @unchecked Sendable {
    private let lock = NSLock()
    private struct Slot { var hash: UInt64; var key: String; var answer: Bool }
    /// Grows by doubling up to twice the capacity (a power of two), so that a rarely used expression
    /// keeps a small table.
    private var slots = [Slot?](repeating: nil, count: 64)
    private var count = 0
    static let capacity = 8192

    func answer(_ key: String, hash: UInt64) -> Bool? {
        lock.lock()
        defer { lock.unlock() }
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: hash) & mask
        while let slot = slots[i] {
            if slot.hash == hash && slot.key == key { return slot.answer }
            i = (i + 1) & mask
        }
        return nil
    }

    func store(_ key: String, hash: UInt64, _ value: Bool) {
        lock.lock()
        defer { lock.unlock() }
        if count >= Self.capacity {
            for i in slots.indices { slots[i] = nil }
            count = 0
        } else if count * 2 >= slots.count {
            let old = slots
            slots = [Slot?](repeating: nil, count: old.count * 2)
            for case let slot? in old { insert(slot) }
        }
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: hash) & mask
        while let slot = slots[i] {
            if slot.hash == hash && slot.key == key { slots[i]!.answer = value; return }
            i = (i + 1) & mask
        }
        slots[i] = Slot(hash: hash, key: key, answer: value)
        count += 1
    }

    private func insert(_ slot: Slot) {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: slot.hash) & mask
        while slots[i] != nil { i = (i + 1) & mask }
        slots[i] = slot
    }
}
