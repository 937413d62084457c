/// Where a document writes each title-case word, for the fullest-name look-ups (`linkFullestNames`).
///
/// A name of two or more words is tried at every place its first word is written. A document of thousands
/// of different people who share a first word (`Budi S…` 16,000 times: 22 s in tag; the reviewer's finding)
/// made that quadratic, so a word written more than `scanLimit` times has its places filed by the start of
/// the word after them, built once, when first asked. The places returned are those the plain scan would
/// keep: the next word of a name, whole or shortened to its start (`TagState.truncates`), begins with the
/// same `TagState.truncationMinLetters` letters as the core's.
struct NamePlaces {
    /// The token indexes of each title-case word, in text order.
    let positions: [String: [Int]]
    let features: [TokenView.Features]
    /// A word written this often or less is scanned at every place (most documents build no filing at all).
    static let scanLimit = 64
    private var byNext: [String: [String: [Int]]] = [:]

    init(positions: [String: [Int]], features: [TokenView.Features]) {
        self.positions = positions
        self.features = features
    }

    /// The places of `word`; with `next`, only those a name continuing with `next` can start at (and perhaps
    /// a few more, which the caller's own check drops), in text order.
    mutating func places(of word: String, before next: String?) -> [Int] {
        let all = positions[word] ?? []
        guard let next, all.count > Self.scanLimit else { return all }
        if byNext[word] == nil {
            var filed: [String: [Int]] = [:]
            for t in all where t + 1 < features.count { filed[Self.start(features[t + 1].text), default: []].append(t) }
            byNext[word] = filed
        }
        return byNext[word]?[Self.start(next)] ?? []
    }

    static func start(_ word: String) -> String { String(word.prefix(TagState.truncationMinLetters)) }
}
