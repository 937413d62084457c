/// A fixed number of rows of `width` 64-bit words, allocated once and never moved: rows written by
/// one thread under a lock can be read by other threads without it, once the writer has published
/// how many rows exist (under the same lock). The `LexemeTable` keeps its per-form bits in such
/// columns, so that a document reads the bits of its tokens' forms in place instead of copying them
/// (an array would be reallocated as it grows, under a reader's feet).
///
/// The memory is allocated at its full size and not initialized: pages no row was written to are
/// never touched, so they take no physical memory. A row is written whole (`append`) before its
/// number is handed out, and never written again.
///
/// Unsafe: tested against an array of rows (`WordColumnTests`).
final class WordColumn: @unchecked Sendable {
    let width: Int
    let capacity: Int
    private(set) var count = 0
    private let base: UnsafeMutablePointer<UInt64>

    init(capacity: Int, width: Int) {
        precondition(capacity >= 0 && width >= 0)
        self.capacity = capacity
        self.width = width
        base = UnsafeMutablePointer<UInt64>.allocate(capacity: max(1, capacity * width))
    }

    deinit { base.deallocate() }

    /// Appends a row (the first `width` words of `words` from `start`); returns its number. The caller
    /// holds the lock that guards appends.
    @discardableResult
    func append(_ words: [UInt64], from start: Int = 0) -> Int {
        precondition(count < capacity && start >= 0 && start + width <= words.count)
        let row = count
        words.withUnsafeBufferPointer { w in
            for k in 0..<width { (base + row * width + k).initialize(to: w[start + k]) }
        }
        count += 1
        return row
    }

    /// Word `k` of row `row` (a row appended before the reader learnt its number).
    @inline(__always) func word(_ row: Int, _ k: Int) -> UInt64 {
        assert(row >= 0 && row < capacity && k >= 0 && k < width)
        return base[row * width + k]
    }

    /// Bit `bit` of row `row` (the row's words as one bit string, word 0 first, low bit first).
    @inline(__always) func bit(_ row: Int, _ bit: Int) -> Bool {
        word(row, bit >> 6) & (1 << UInt64(bit & 63)) != 0
    }
}
