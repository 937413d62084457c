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

extension QuoteWork {
    /// An office still linked to nobody whose first word is a short form (`Kasi Intel`, `Kajari Ogan Ilir`,
    /// `Kadis Pendidikan`; acting prefix aside) stands for the one person the document names under a long
    /// form: each ROLE that opens with the long form of that word and holds every other word (short ones by
    /// their long form: `Kepala Seksi Intelijen Kejaksaan Negeri Padang`, not `Kepala Kejaksaan Negeri
    /// Padang`, for `Kasi Intel`) gives its linked person, or the person right after it
    /// (`personAfterOffice`), a headline's office aside; two different names leave the office as it is.
    ///
    /// - Complexity: for each distinct set of words of such an office, one pass over the ROLEs.
    static func shortenedOfficeHolders(
        _ document: Document, view: TokenView, entityAt: [Int: Int], entityTokens: [(start: Int, end: Int)],
        resolved: [Int], shortening: OfficeShortening, acting: Set<String>
    ) -> [Int] {
        guard !shortening.isEmpty else { return resolved }
        let entities = document.entities
        let roles = entities.indices.filter { entities[$0].type == .ROLE }
        func words(_ i: Int) -> [String] {
            var w = (entityTokens[i].start..<entityTokens[i].end).filter { view.features[$0].kind == .word }
                .map { view.features[$0].folded }
            if w.count > 1, acting.contains(w[0]) { w.removeFirst() }
            return w
        }
        let shortened = roles.filter { resolved[$0] == $0 }.compactMap { r -> (Int, [String])? in
            let w = words(r)
            return shortening.longForms[w.first ?? ""] == nil ? nil : (r, w)
        }
        guard !shortened.isEmpty else { return resolved }
        let written = Dictionary(uniqueKeysWithValues: roles.map { ($0, words($0)) })
        func name(_ e: Int) -> String { entities[e].norm ?? document.substring(entities[e].range) }
        var memo: [[String]: Int?] = [:]
        var result = resolved
        for (r, mine) in shortened {
            if memo[mine] == nil {
                let forms = shortening.expansions(of: mine)
                var holder: Int? = nil
                var ambiguous = false
                for i in roles
                where entityTokens[i].start >= view.count || !view.features[entityTokens[i].start].titleLine {
                    let theirs = written[i]!
                    let set = Set(theirs)
                    guard forms.contains(where: { theirs.starts(with: $0.head) && $0.words.isSubset(of: set) }) else {
                        continue
                    }
                    let p =
                        entities[resolved[i]].type == .PERSON
                        ? resolved[i]
                        : personAfterOffice(
                            i, entities: entities, view: view, entityAt: entityAt, entityTokens: entityTokens)
                    guard let p else { continue }
                    if let h = holder, name(h) != name(p) { ambiguous = true; break }
                    if holder == nil { holder = p }
                }
                memo[mine] = .some(ambiguous ? nil : holder)
            }
            if let holder = memo[mine] ?? nil { result[r] = holder }
        }
        return result
    }
}
