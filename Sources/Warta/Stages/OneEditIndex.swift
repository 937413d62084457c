/// Words indexed by their deletion neighbourhood (the word and the word with any one character left out),
/// so that the words within one edit of a given word are found without comparing it with every word: two
/// words one insertion, deletion or substitution apart share a member of their neighbourhoods. What it
/// returns is a superset (a transposition shares one too, and so may two members whose hashes collide);
/// `TagState.withinOneEdit` decides.
///
/// The members are kept as 64-bit hashes (`variantHashes`), not as strings: equal members (canonically
/// equivalent, as `String` compares) have equal hashes, so every word the strings found is found; a
/// collision only adds a candidate that the caller's check drops.
struct OneEditIndex {
    /// The members filed: `memberHashes[k]` of word `memberWords[k]`; the members with one hash form a
    /// chain from the slot of `heads` that holds the hash (open addressing, -1: empty) through `next`
    /// (-1: the end), the latest first. Flat arrays: a dictionary of arrays allocated an array per member.
    private var memberHashes: [UInt64] = []
    private var memberWords: [Int32] = []
    private var next: [Int32] = []
    private var heads = [Int32](repeating: -1, count: 64)
    private(set) var count = 0

    init() {}

    init(_ words: [String]) { for w in words { append(w) } }

    /// Adds `word` as number `count`.
    mutating func append(_ word: String) {
        var hashes = Self.variantHashes(word)
        hashes.sort()
        for (k, h) in hashes.enumerated() where k == 0 || hashes[k - 1] != h {
            if (memberHashes.count + 1) * 2 > heads.count { grow() }
            let slot = self.slot(h)
            next.append(heads[slot])
            heads[slot] = Int32(memberHashes.count)
            memberHashes.append(h)
            memberWords.append(Int32(count))
        }
        count += 1
    }

    /// In increasing order, the numbers of the words that may be within one edit of `word` (every one
    /// that is, and some that are not).
    func candidates(_ word: String) -> [Int] {
        var found: [Int32] = []
        for h in Self.variantHashes(word) {
            var m = Int(heads[slot(h)])
            while m >= 0 {
                found.append(memberWords[m])
                m = Int(next[m])
            }
        }
        found.sort()
        var out: [Int] = []
        for (k, n) in found.enumerated() where k == 0 || found[k - 1] != n { out.append(Int(n)) }
        return out
    }

    /// The slot of `heads` that holds hash `h`'s chain, or the empty one where it would go.
    private func slot(_ h: UInt64) -> Int {
        let mask = heads.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while heads[i] >= 0 && memberHashes[Int(heads[i])] != h { i = (i + 1) & mask }
        return i
    }

    /// Doubles `heads`, the chains kept (a chain's head is its latest member).
    private mutating func grow() {
        let old = heads
        heads = [Int32](repeating: -1, count: old.count * 2)
        for head in old where head >= 0 { heads[slot(memberHashes[Int(head)])] = head }
    }

    /// The hashes (`hash`) of `word` and of `word` with each one character left out. ASCII without CR
    /// (names are): one byte is one character and the bytes are their own NFC, so the hashes are taken
    /// over the bytes in place; splitting into `Character`s (grapheme breaking) and building a string per
    /// member cost thousands of instructions per word.
    static func variantHashes(_ word: String) -> [UInt64] {
        var word = word
        let ascii = word.withUTF8 { bytes -> [UInt64]? in
            guard bytes.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) else { return nil }
            var out = [StringSet.hash(bytes)]
            out.reserveCapacity(bytes.count + 1)
            for skip in bytes.indices {
                var h: UInt64 = 0xcbf2_9ce4_8422_2325
                for i in bytes.indices where i != skip { h = (h ^ UInt64(bytes[i])) &* 0x0000_0100_0000_01b3 }
                out.append(h)
            }
            return out
        }
        return ascii ?? variants(word).map(hash)
    }

    /// `StringSet.hash` of the NFC form of `string`'s UTF-8 (canonically equivalent strings, equal as
    /// `String`s, have the same).
    static func hash(_ string: String) -> UInt64 {
        let bytes = Array(string.utf8)
        return StringSet.hash(bytes.allSatisfy { $0 < 0x80 } ? bytes : ICU.nfc(bytes))
    }

    /// `word` and `word` with each one character left out.
    static func variants(_ word: String) -> [String] {
        let characters = Array(word)
        var out = [word]
        for i in characters.indices {
            var shorter = characters
            shorter.remove(at: i)
            out.append(String(shorter))
        }
        return out
    }
}
