/// The words of every trie of a rule set (word lists and gazetteers), each numbered once, so that a
/// trie walk moves by integer key: a token's key number is found once per word form (by the
/// `LexemeTable`, or once per token without one), and every step of every walk from it is then an
/// integer transition (`TokenTrie.child(of:keyID:)`), not a string hash and comparison per step.
///
/// Two words get the same number exactly when they are equal as `String`s (canonically equivalent),
/// which is how a trie compares its keys: the table hashes a word as `TokenTrie.hash` does (FNV-1a of
/// its NFC form) and compares words with `==`. A word that is no trie's key has no number (`none`):
/// every walk stops there. Built at start-up from the rule set's tries, read-only after.
struct TrieKeys: @unchecked Sendable {
    /// The number of a word that is no trie's key.
    static let none: Int32 = -1

    /// Open addressing by `TokenTrie.hash`: a slot holds the hash and the key's number (-1: empty).
    private struct Slot { var hash: UInt64; var id: Int32 }
    private var slots = [Slot](repeating: Slot(hash: 0, id: -1), count: 64)
    private var words: [String] = []

    init() {}

    /// The number of keys.
    var count: Int { words.count }

    /// The number of `word`, whose `TokenTrie.hash` is `hash`; `none` when it is no key.
    func id(_ word: String, hash: UInt64) -> Int32 {
        let mask = slots.count - 1
        var i = Self.start(hash, mask)
        while true {
            let slot = slots[i]
            if slot.id < 0 { return Self.none }
            if slot.hash == hash && words[Int(slot.id)] == word { return slot.id }
            i = (i + 1) & mask
        }
    }

    /// `id(_:hash:)` of a word whose hash is not known.
    func id(_ word: String) -> Int32 { id(word, hash: TokenTrie<Bool>.hash(word)) }

    /// The number of `word` (hash `hash`), numbered now when it is new.
    mutating func number(_ word: String, hash: UInt64) -> Int32 {
        let known = id(word, hash: hash)
        if known >= 0 { return known }
        if (words.count + 1) * 2 > slots.count {
            let old = slots
            slots = [Slot](repeating: Slot(hash: 0, id: -1), count: old.count * 2)
            for s in old where s.id >= 0 { place(s) }
        }
        let id = Int32(words.count)
        words.append(word)
        place(Slot(hash: hash, id: id))
        return id
    }

    private mutating func place(_ slot: Slot) {
        let mask = slots.count - 1
        var i = Self.start(slot.hash, mask)
        while slots[i].id >= 0 { i = (i + 1) & mask }
        slots[i] = slot
    }

    @inline(__always) private static func start(_ hash: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: hash ^ (hash >> 31)) & mask
    }
}
