/// A trie over token sequences: word lists and gazetteers compile into one, so that finding every
/// entry that starts at a token costs the length of the longest entry, whatever the number of entries.
///
/// - Complexity: building is linear in the total number of entry tokens; `matches(from:)` walks at most
///   the depth of the trie.
public struct TokenTrie<Payload>: @unchecked Sendable {
    private var children: [[String: Int32]] = [[:]]
    private var payloads: [[Payload]] = [[]]
    public private(set) var entryCount = 0
    public private(set) var depth = 0

    public init() {}

    public mutating func insert(_ tokens: [String], _ payload: Payload) {
        guard !tokens.isEmpty else { return }
        var node = 0
        for token in tokens {
            if let next = children[node][token] {
                node = Int(next)
            } else {
                children.append([:])
                payloads.append([])
                let next = children.count - 1
                children[node][token] = Int32(next)
                node = next
            }
        }
        payloads[node].append(payload)
        entryCount += 1
        depth = max(depth, tokens.count)
    }

    /// Every entry that starts at token `start`: the index one past its last token and its payloads.
    /// `key(i)` gives token i's key (its text or folded text), or nil past the end or at a barrier.
    public func matches(from start: Int, key: (Int) -> String?) -> [(end: Int, payloads: [Payload])] {
        var result: [(Int, [Payload])] = []
        var node = 0
        var i = start
        while let k = key(i), let next = children[node][k] {
            node = Int(next)
            i += 1
            if !payloads[node].isEmpty { result.append((i, payloads[node])) }
        }
        return result.map { (end: $0.0, payloads: $0.1) }
    }

    /// True when `[key]` is an entry: `matches(from:key:)` over that one token has an end of 1, without
    /// building its arrays.
    public func hasSingleTokenEntry(_ key: String) -> Bool {
        guard let next = children[0][key] else { return false }
        return !payloads[Int(next)].isEmpty
    }

    /// The first tokens of the entries.
    public var firstKeys: [String] { Array(children[0].keys) }

    /// Calls `body` with each end of `matches(from:key:)`, in order, without building arrays.
    public func forEachMatchEnd(from start: Int, key: (Int) -> String?, _ body: (Int) -> Void) {
        var node = 0
        var i = start
        while let k = key(i), let next = children[node][k] {
            node = Int(next)
            i += 1
            if !payloads[node].isEmpty { body(i) }
        }
    }

    /// The ends of `matches(from:key:)` without their payloads.
    public func matchEnds(from start: Int, key: (Int) -> String?) -> [Int] {
        var result: [Int] = []
        var node = 0
        var i = start
        while let k = key(i), let next = children[node][k] {
            node = Int(next)
            i += 1
            if !payloads[node].isEmpty { result.append(i) }
        }
        return result
    }
}
