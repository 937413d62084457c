/// Words indexed by their deletion neighbourhood (the word and the word with any one character left out),
/// so that the words within one edit of a given word are found without comparing it with every word: two
/// words one insertion, deletion or substitution apart share a member of their neighbourhoods. What it
/// returns is a superset (a transposition shares one too); `TagState.withinOneEdit` decides.
struct OneEditIndex {
    private var byVariant: [String: [Int]] = [:]
    private(set) var count = 0

    init() {}

    init(_ words: [String]) { for w in words { append(w) } }

    /// Adds `word` as number `count`.
    mutating func append(_ word: String) {
        for v in Set(Self.variants(word)) { byVariant[v, default: []].append(count) }
        count += 1
    }

    /// In increasing order, the numbers of the words that may be within one edit of `word` (every one
    /// that is, and some that are not).
    func candidates(_ word: String) -> [Int] {
        var found = Set<Int>()
        for v in Set(Self.variants(word)) { found.formUnion(byVariant[v, default: []]) }
        return found.sorted()
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
