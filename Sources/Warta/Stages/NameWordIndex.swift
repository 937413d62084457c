/// The names of a document indexed by the first and the last letters of their words, lower-cased: which
/// names hold a word that a given word equals, or starts or ends when it has at least `letters` letters
/// (ignoring case), without trying every name. `AliasReader` asks it for the full names a short mention
/// may fit (its fits take a word's start or end only from 3 letters on, `TagState.truncates` from 4).
struct NameWordIndex {
    /// Letters of a word's start and end the index keys on.
    static let letters = 3
    private var byStart: [String: [Int]] = [:]
    private var byEnd: [String: [Int]] = [:]

    /// `names`: space-separated words; answers are indices into it.
    init(_ names: [String]) {
        for (i, name) in names.enumerated() {
            for word in Set(name.split(separator: " ").map { $0.lowercased() }) {
                byStart[String(word.prefix(Self.letters)), default: []].append(i)
                byEnd[String(word.suffix(Self.letters)), default: []].append(i)
            }
        }
    }

    /// In increasing order, a superset of the names with a word that `w` equals, or starts or ends when `w`
    /// has at least `letters` letters, ignoring case: such a word shares its first (or last) `letters`
    /// letters with `w`.
    func candidates(_ w: String) -> [Int] {
        let lw = w.lowercased()
        let found =
            byStart[String(lw.prefix(Self.letters)), default: []] + byEnd[String(lw.suffix(Self.letters)), default: []]
        return Set(found).sorted()
    }
}
