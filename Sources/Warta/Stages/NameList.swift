/// A word list of the entity rules file as the name linker (`FullNameReader`) reads it: the list's trie,
/// and its number in the rules file, by which the token view's lexemes tell, with one bit, whether any
/// entry of the list starts with a token's folded form (`LexemeTable.attributes`, looked up once per
/// word form for the entity rules already). A token whose bit is clear is in no entry of the list and
/// starts none, so the linker's list tests ask the trie only for the few tokens whose bit is set.
struct NameList {
    let index: Int
    let trie: TokenTrie<Bool>

    func hasSingleTokenEntry(_ key: String) -> Bool { trie.hasSingleTokenEntry(key) }

    func hasSingleTokenEntry(_ key: String, hash: UInt64) -> Bool { trie.hasSingleTokenEntry(key, hash: hash) }

    func matches(from start: Int, key: (Int) -> String?) -> [(end: Int, payloads: [Bool])] {
        trie.matches(from: start, key: key)
    }

    /// Whether some entry of the list may start at token t of the view with `lexemes`: false only when
    /// no entry starts with the token's folded form; true without lexemes (a view built without the table).
    @inline(__always) func mayStart(at t: Int, _ lexemes: DocumentLexemes?) -> Bool {
        guard let lexemes else { return true }
        return lexemes.attributeWord(t, index >> 6) & (1 << UInt64(index & 63)) != 0
    }
}
