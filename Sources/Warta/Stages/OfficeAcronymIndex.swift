/// The words each office of a document holds, with the fused acronyms its words spell (`OfficeAcronym`:
/// `Sekretaris Daerah` holds `sekda`) found only where asked, for `QuoteWork.officeHolders`.
///
/// An office of n words spells up to 27 fused forms for each run of two or three of its words; building
/// them all for every ROLE of every document, to ask a few of them, was most of the quote stage's office
/// linking (about 0.9 M instructions an article). Here an office's forms are built the first time a word
/// is asked of it that its written words do not hold, and only for the offices that can spell the word: a
/// fused form begins with the first character of its run's first word (each piece is two or more
/// characters long), so the offices are indexed by the first character of each word that can open a run
/// (letters only, two or more long, with a word after it).
///
/// Same answers as the sets of written words united with `OfficeAcronym.forms(of:)` (`OfficeAcronymIndexTests`).
/// Per document: its memo grows with the offices asked, at most one set of forms per ROLE.
struct OfficeAcronymIndex {
    /// Each office's words as written (folded), by entity index.
    private let ordered: [Int: [String]]
    /// The offices (ascending) holding each word as written, and those with a run opening with each first character.
    private let byWord: [String: [Int]]
    private let byOpening: [Character: [Int]]
    private let held: [Int: Set<String>]
    private var forms: [Int: Set<String>] = [:]

    /// `roles`: the ROLE entities, ascending; `held`: the words each holds as written (its own, places'
    /// keys and those between it and its holder); `ordered`: its own words in order.
    init(roles: [Int], held: [Int: Set<String>], ordered: [Int: [String]]) {
        self.ordered = ordered
        self.held = held
        var byWord: [String: [Int]] = [:]
        var byOpening: [Character: [Int]] = [:]
        for i in roles {
            for w in held[i]! { byWord[w, default: []].append(i) }
            let words = ordered[i]!
            var openings = Set<Character>()
            for (k, w) in words.enumerated() where k + 1 < words.count && Self.canFuse(w) { openings.insert(w.first!) }
            for c in openings { byOpening[c, default: []].append(i) }
        }
        self.byWord = byWord
        self.byOpening = byOpening
    }

    /// A word `OfficeAcronym` fuses: letters only, two or more.
    static func canFuse(_ w: String) -> Bool { w.count >= 2 && w.allSatisfy(\.isLetter) }

    /// The offices (ascending) that may hold `w`: every one that does, and perhaps a few more.
    func candidates(_ w: String) -> [Int] {
        let written = byWord[w] ?? []
        guard let first = w.first, let fusing = byOpening[first] else { return written }
        if written.isEmpty { return fusing }
        return Set(written + fusing).sorted()
    }

    /// Whether office `i` holds word `w`: written, or one of the fused forms of its words.
    mutating func holds(_ i: Int, _ w: String) -> Bool {
        if held[i]!.contains(w) { return true }
        if let known = forms[i] { return known.contains(w) }
        let spelled = OfficeAcronym.forms(of: ordered[i]!)
        forms[i] = spelled
        return spelled.contains(w)
    }
}
