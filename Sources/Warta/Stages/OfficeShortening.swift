/// An office's fused short forms and their long forms (the list `office_shortening` of the quote rules,
/// `pipelines/lists/office_shortenings.tsv`: a short word, a tab, the long form's words). Newsrooms fuse
/// `Kepala` as `Ka` before another word's start (`Kadis`, `Kajari`, `Kasi`), which `OfficeAcronym` (the first
/// letters of each word) does not spell; with the table, a bare `ujar Kasi Intel` stands for the one person
/// the document names under the long form (`QuoteWork.shortenedOfficeHolders`).
struct OfficeShortening {
    /// The long forms (folded words, in order) of each short word.
    let longForms: [String: [[String]]]

    /// The entries of the list (folded lines: a short word, a tab, the long form); a line with no tab
    /// gives nothing (`QuoteStage.init(options:)` refuses such a file).
    init(entries: Set<String>) {
        var forms: [String: [[String]]] = [:]
        for entry in entries.sorted() {
            guard let (short, long) = Self.split(entry) else { continue }
            forms[short, default: []].append(long)
        }
        longForms = forms
    }

    /// An entry's short word and long form's words, or nil when it has no tab or an empty side.
    static func split(_ entry: String) -> (String, [String])? {
        let fields = entry.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
        guard fields.count == 2 else { return nil }
        let short = fields[0].trimmingCharacters(in: .whitespaces)
        let long = fields[1].split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard !short.isEmpty, !short.contains(" "), !long.isEmpty else { return nil }
        return (short, long)
    }

    var isEmpty: Bool { longForms.isEmpty }

    /// The long forms of an office written with `words` (folded, in order) whose first word is a short
    /// form: for each long form of that word, `head` (its words, which the long office opens with) and
    /// `words` (every word of the office, each short one by the words of its first long form).
    func expansions(of words: [String]) -> [(head: [String], words: Set<String>)] {
        guard let first = words.first, let heads = longForms[first] else { return [] }
        var rest = Set<String>()
        for w in words.dropFirst() { rest.formUnion(longForms[w]?.first ?? [w]) }
        return heads.map { (head: $0, words: rest.union($0)) }
    }
}
