/// A trie over token sequences: word lists and gazetteers compile into one, so that finding every
/// entry that starts at a token costs the length of the longest entry, whatever the number of entries.
///
/// The edges of all nodes are one open-addressing table keyed by (node, hash of the token), not a
/// `Dictionary<String, Int32>` per node: a dictionary hashed the token with SipHash at every step and
/// allocated a table per node (50,000 gazetteer entries: 170 M instructions at start-up). Tokens are
/// compared as `String`s, that is by canonical equivalence, as a dictionary would; so that equivalent
/// spellings also hash alike, a token that is not ASCII is hashed in NFC.
///
/// - Complexity: building is linear in the total number of entry tokens; `matches(from:)` walks at most
///   the depth of the trie.
public struct TokenTrie<Payload>: @unchecked Sendable {
    /// An edge: the hash of its token, the node it leaves and the node it enters (-1: an empty slot).
    /// Together in one slot, so that a probe reads one cache line (the tables of the large gazetteers
    /// do not fit in the caches, and every token is looked up).
    private struct Slot { var hash: UInt64; var parent: Int32; var child: Int32 }
    /// A power of two long.
    private var slots = [Slot](repeating: Slot(hash: 0, parent: 0, child: -1), count: 64)
    private var edgeCount = 0
    /// The token of the edge that enters each node (every node but the root has one).
    private var nodeKey: [String] = [""]
    private var payloads: [[Payload]] = [[]]
    /// Bit n set when node n ends an entry (its payloads are not empty): a walk asks this at every
    /// step, and the bits fit in the cache where the payload arrays' headers, one allocation each, did
    /// not (in a large gazetteer that was a cache miss per step).
    private var endsEntry: [UInt64] = [0]
    /// The first tokens of the entries, in the order they were first inserted.
    private var rootKeys: [String] = []
    public private(set) var entryCount = 0
    public private(set) var depth = 0

    public init() {}

    public mutating func insert(_ tokens: [String], _ payload: Payload) {
        guard !tokens.isEmpty else { return }
        var node: Int32 = 0
        for token in tokens {
            let hash = Self.hash(token)
            if let next = child(of: node, token, hash) {
                node = next
                continue
            }
            let next = Int32(payloads.count)
            payloads.append([])
            if payloads.count > endsEntry.count * 64 { endsEntry.append(0) }
            nodeKey.append(token)
            addEdge(from: node, hash, to: next)
            if node == 0 { rootKeys.append(token) }
            node = next
        }
        payloads[Int(node)].append(payload)
        endsEntry[Int(node) >> 6] |= 1 << UInt64(Int(node) & 63)
        entryCount += 1
        depth = max(depth, tokens.count)
    }

    /// Every entry that starts at token `start`: the index one past its last token and its payloads.
    /// `key(i)` gives token i's key (its text or folded text), or nil past the end or at a barrier.
    public func matches(from start: Int, key: (Int) -> String?) -> [(end: Int, payloads: [Payload])] {
        matches(from: start, hashedKey: { i in key(i).map { ($0, Self.hash($0)) } })
    }

    /// True when `[key]` is an entry: `matches(from:key:)` over that one token has an end of 1, without
    /// building its arrays.
    public func hasSingleTokenEntry(_ key: String) -> Bool { hasSingleTokenEntry(key, hash: Self.hash(key)) }

    /// `hasSingleTokenEntry(_:)` for a caller that knows the key's `TokenTrie.hash`.
    public func hasSingleTokenEntry(_ key: String, hash: UInt64) -> Bool {
        guard let next = child(of: 0, key, hash) else { return false }
        return isEntryEnd(next)
    }

    /// The first tokens of the entries.
    public var firstKeys: [String] { rootKeys }

    /// Calls `body` with each end of `matches(from:key:)`, in order, without building arrays; for callers
    /// that know each token's `TokenTrie.hash` already (`TokenView` keeps the FNV-1a of every token,
    /// which is that hash for an ASCII token).
    public func forEachMatchEnd(
        from start: Int, hashedKey: (Int) -> (key: String, hash: UInt64)?, _ body: (Int) -> Void
    ) {
        var node: Int32 = 0
        var i = start
        while let k = hashedKey(i), let next = child(of: node, k.key, k.hash) {
            node = next
            i += 1
            if isEntryEnd(node) { body(i) }
        }
    }

    /// `matches(from:key:)` for callers that know each token's `TokenTrie.hash` already.
    public func matches(from start: Int, hashedKey: (Int) -> (key: String, hash: UInt64)?) -> [(
        end: Int, payloads: [Payload]
    )] {
        var result: [(end: Int, payloads: [Payload])] = []
        var node: Int32 = 0
        var i = start
        while let k = hashedKey(i), let next = child(of: node, k.key, k.hash) {
            node = next
            i += 1
            if isEntryEnd(node) { result.append((i, payloads[Int(node)])) }
        }
        return result
    }

    @inline(__always) private func isEntryEnd(_ node: Int32) -> Bool {
        endsEntry[Int(node) >> 6] & (1 << UInt64(Int(node) & 63)) != 0
    }

    // MARK: Edge table

    @inline(__always) private func slot(_ node: Int32, _ hash: UInt64) -> Int {
        // The node number spreads the same token's edges of different nodes over the table.
        let h = hash ^ (UInt64(UInt32(bitPattern: node)) &* 0x9E37_79B9_7F4A_7C15)
        return Int(truncatingIfNeeded: h ^ (h >> 29)) & (slots.count - 1)
    }

    private func child(of node: Int32, _ key: String, _ hash: UInt64) -> Int32? {
        var i = slot(node, hash)
        while true {
            let s = slots[i]
            if s.child < 0 { return nil }
            if s.hash == hash && s.parent == node && nodeKey[Int(s.child)] == key { return s.child }
            i = (i + 1) & (slots.count - 1)
        }
    }

    private mutating func addEdge(from node: Int32, _ hash: UInt64, to child: Int32) {
        if (edgeCount + 1) * 2 > slots.count {
            let old = slots
            slots = [Slot](repeating: Slot(hash: 0, parent: 0, child: -1), count: old.count * 2)
            for s in old where s.child >= 0 { place(s) }
        }
        place(Slot(hash: hash, parent: node, child: child))
        edgeCount += 1
    }

    private mutating func place(_ edge: Slot) {
        var i = slot(edge.parent, edge.hash)
        while slots[i].child >= 0 { i = (i + 1) & (slots.count - 1) }
        slots[i] = edge
    }

    /// FNV-1a of the token's UTF-8 (the hash `StringSet` uses); of its NFC form when it is not ASCII, so
    /// that canonically equivalent tokens, which compare equal, hash alike.
    static func hash(_ token: String) -> UInt64 {
        var token = token
        return token.withUTF8 { utf8 in
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            var ascii = true
            for b in utf8 {
                h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3
                if b >= 0x80 { ascii = false }
            }
            if ascii || ICU.isNFC(utf8) { return h }
            return StringSet.hash(ICU.nfc(Array(utf8)))
        }
    }
}
