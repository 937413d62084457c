/// The offices of a document that hold each word asked of them, with the fused acronyms their words spell
/// (`OfficeAcronym`: `Sekretaris Daerah` holds `sekda`), for `QuoteWork.officeHolders`.
///
/// An office of n words spells up to 27 fused forms for each run of two or three of its words; building them
/// all for every ROLE of every document, to ask a few of them, was most of the quote stage's office linking
/// (about 0.9 M instructions an article). Only the words of the offices still linked to nobody are ever
/// asked (`questions`), so a run's forms are grown piece by piece only while the piece so far begins one of
/// those words: most runs stop at their first piece. (A run with a word that is not ASCII is spelled whole
/// and its forms kept when asked: there a piece's characters might join the next piece's.)
///
/// Same answers as the sets of written words united with `OfficeAcronym.forms(of:)`, for the words asked
/// (`OfficeAcronymIndexTests`). Linear in the offices' words and the questions (a question of more than 12
/// characters, no fused form, adds no prefix).
struct OfficeAcronymIndex {
    /// The words each office holds as written, and the forms of the questions it spells.
    private let held: [Int: Set<String>]
    private var spelled: [Int: Set<String>] = [:]
    /// The offices (ascending) holding each word asked, written or spelled, and each word held as written.
    private var byWord: [String: [Int]] = [:]

    /// `roles`: the ROLE entities, ascending; `held`: the words each holds as written (its own, places' keys
    /// and those between it and its holder); `ordered`: its own words in order; `questions`: every word
    /// that will be asked (`holds` and `holders` answer for these only).
    init(roles: [Int], held: [Int: Set<String>], ordered: [Int: [String]], questions: Set<String>) {
        self.held = held
        var starts = Set<String>()
        // A fused form has two or three pieces of two to four characters.
        for q in questions where (4...12).contains(q.count) {
            for k in 2...q.count { starts.insert(String(q.prefix(k))) }
        }
        for i in roles {
            var mine = Set<String>()
            if !starts.isEmpty { Self.spell(ordered[i]!, questions: questions, starts: starts, into: &mine) }
            spelled[i] = mine
            for w in held[i]!.union(mine) { byWord[w, default: []].append(i) }
        }
    }

    /// The index of the ROLEs `roles` of a document whose tokens `view` and entities' token spans
    /// `entityTokens` hold: each office's own words in order are its word tokens, folded.
    init(
        roles: [Int], held: [Int: Set<String>], view: TokenView, entityTokens: [(start: Int, end: Int)],
        questions: Set<String>
    ) {
        var ordered: [Int: [String]] = [:]
        for i in roles {
            ordered[i] = (entityTokens[i].start..<entityTokens[i].end).filter { view.features[$0].kind == .word }.map {
                view.features[$0].folded
            }
        }
        self.init(roles: roles, held: held, ordered: ordered, questions: questions)
    }

    /// The forms of `words`' runs of two or three that are questions.
    private static func spell(
        _ words: [String], questions: Set<String>, starts: Set<String>, into found: inout Set<String>
    ) {
        for start in words.indices {
            for count in 2...3 where start + count <= words.count {
                let run = words[start..<(start + count)]
                guard run.allSatisfy({ $0.count >= 2 && $0.allSatisfy(\.isLetter) }) else { continue }
                if run.allSatisfy({ $0.utf8.allSatisfy { $0 < 0x80 } }) {
                    grow("", run, questions: questions, starts: starts, into: &found)
                } else {
                    found.formUnion(OfficeAcronym.forms(ofRun: run).intersection(questions))
                }
            }
        }
    }

    /// Grows `partial` by each allowed piece of the run's first word while it begins a question.
    private static func grow(
        _ partial: String, _ run: ArraySlice<String>, questions: Set<String>, starts: Set<String>,
        into found: inout Set<String>
    ) {
        guard let word = run.first else {
            if questions.contains(partial) { found.insert(partial) }
            return
        }
        for n in 2...min(4, word.count) {
            let next = partial + word.prefix(n)
            if starts.contains(next) { grow(next, run.dropFirst(), questions: questions, starts: starts, into: &found) }
        }
    }

    /// The offices (ascending) that hold `w`, a question.
    func holders(_ w: String) -> [Int] { byWord[w] ?? [] }

    /// Whether office `i` holds `w`, a question: written, or one of the fused forms of its words.
    func holds(_ i: Int, _ w: String) -> Bool { held[i]!.contains(w) || spelled[i]!.contains(w) }
}
