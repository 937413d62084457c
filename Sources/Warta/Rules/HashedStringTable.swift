/// A set of strings for membership tests of tokens whose hash is already known (`TokenView.Features`),
/// with `Set<String>.contains`'s answers (see `HashedStringTable`).
struct StringSet: @unchecked Sendable {
    private let table: HashedStringTable<Bool>

    init(_ set: Set<String>) {
        table = HashedStringTable(Dictionary(uniqueKeysWithValues: set.map { ($0, true) }))
    }

    @inline(__always) func contains(_ string: String, hash h: UInt64, isASCII: Bool) -> Bool {
        table.value(string, hash: h, isASCII: isASCII) != nil
    }
}

/// A table from strings to values for lookups of tokens whose hash is already known: open addressing
/// over a 64-bit FNV-1a hash of the UTF-8 bytes, the strings compared only when the hashes are equal.
/// Same answers as the `[String: Value]` it is made from, which compares keys by canonical equivalence:
/// the table holds each key in NFC, and an ASCII token (its own NFC) is canonically equivalent to a key
/// exactly when its bytes are that key's NFC (the Kelvin sign's NFC is `K`); so ASCII tokens, nearly all
/// of them, are answered by the table alone. A token that is not ASCII asks the dictionary.
struct HashedStringTable<Value>: @unchecked Sendable {
    /// A slot holds a key's hash beside its position in `keys` (-1: empty), so that a probe, mostly a
    /// miss, reads one cache line: the tables of the gazetteers' first words are large, and a lookup is
    /// made for every token.
    private struct Slot { var hash: UInt64; var index: Int32 }
    private var slots: [Slot]
    /// The keys in NFC, and their values.
    private var keys: [String] = []
    private var values: [Value] = []
    private let mask: Int
    private let exact: [String: Value]

    init(_ entries: [String: Value]) {
        exact = entries
        var capacity = 8
        while capacity < entries.count * 2 { capacity *= 2 }
        mask = capacity - 1
        slots = [Slot](repeating: Slot(hash: 0, index: -1), count: capacity)
        // Sorted for the same table whatever the dictionary's order.
        for (key, value) in entries.sorted(by: { $0.key < $1.key }) {
            let nfc =
                key.utf8.allSatisfy { $0 < 0x80 } ? key : String(decoding: ICU.nfc(Array(key.utf8)), as: UTF8.self)
            let h = StringSet.hash(nfc)
            var i = Int(truncatingIfNeeded: h) & mask
            while slots[i].index >= 0 { i = (i + 1) & mask }
            slots[i] = Slot(hash: h, index: Int32(keys.count))
            keys.append(nfc)
            values.append(value)
        }
    }

    var isEmpty: Bool { keys.isEmpty }

    func value(_ string: String, hash h: UInt64, isASCII: Bool) -> Value? {
        guard isASCII else { return exact[string] }
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let slot = slots[i]
            if slot.index < 0 { return nil }
            if slot.hash == h && keys[Int(slot.index)] == string { return values[Int(slot.index)] }
            i = (i + 1) & mask
        }
    }
}

extension StringSet {
    static func hash<C: Sequence>(_ bytes: C) -> UInt64 where C.Element == UInt8 {
        FNV1a().add(bytes).value
    }

    static func hash(_ string: String) -> UInt64 {
        var s = string
        return s.withUTF8 { hash($0) }
    }
}
