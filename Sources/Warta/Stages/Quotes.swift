import Foundation

/// Direct quotes in quotation marks, their speakers, and indirect (reported) speech.
///
/// Quotes: after normalization every double mark is `"`; in each paragraph marks open and close in
/// turn, whatever their original shapes (mixed `"` and `”`). A quote left open ends at its paragraph
/// (never runs on), and when the next paragraph opens a quote again the two are one statement and
/// share a speaker. Single marks `'...'` count only in a paragraph without double marks, and only where
/// they open before a word and close after one (apostrophes such as `Jum'at` are not marks). Short
/// quoted terms (`"Pemilu Damai"`) are scare quotes, not speech: fewer than `min_words` words and no
/// speech verb next to them.
///
/// Speakers: the attribution rules of a rules file (`QuoteRuleSet`, `pipelines/rules/quotes.yaml`), tried
/// in order, after the quote (the first word after its closing mark) and then before it; each rule's id
/// is the quote's `rule`. This stage keeps the mechanics only: pairing the marks, a quote continued or
/// split by its cue (`quote.continued`), the person of a name phrase, and what a pronoun or `-nya`
/// stands for (`subjectBefore`). A ROLE speaker is replaced by the PERSON it introduces, or that an
/// earlier mention of the same office introduced. No word of the language is written here: the rules
/// and their word lists are data.
public struct QuoteStage: Stage {
    public static let name = "quotes"
    public static let requires: [Layer] = [.tokens, .sentences, .entities]
    public static let provides: [Layer] = [.quotes]

    public let rules: QuoteRuleSet
    /// Lists the mechanics read (by name, see `QuoteRuleSet.requiredLists`).
    let verbsNya: Set<String>
    let verbsBare: Set<String>
    let verbsActive: Set<String>
    /// `verbsActive` for the lookup made at every token, by the hash `TokenView` keeps (a `Set<String>`
    /// hashed each token's text anew with SipHash).
    let verbsActiveTable: StringSet
    let pronouns: Set<String>
    let menurut: Set<String>
    /// Lower-case words inside an office's name (`Kepala Bidang Penyelenggaraan Haji dan Umrah ...`):
    /// a name phrase goes on over them (the optional lists `office_connector` and `office_connector_en`).
    let officeConnectors: Set<String>
    /// Words that make an office an acting one (`Pj`, `Plt`): `Sekda` is the `Pj Sekda` named before
    /// (the optional list `acting_prefix`).
    let actingPrefixes: Set<String>
    /// Words after an epithet that point back to someone named before (`Mantan Kapolda itu`): a
    /// sentence opening so names no new subject (the optional list `demonstrative`).
    let demonstratives: Set<String>
    /// Words of a term of office between an epithet and its demonstrative, before the years
    /// (`Mantan Ketua Bawaslu <province> periode 2012-2017 ini`; the optional list `epithet_term`).
    let epithetTerms: Set<String>
    /// Words that open a sentence listing who attended (`Hadir pada kesempatan tersebut Kepala Desa ...,
    /// Camat ...`): it names no subject (the optional list `attendance`).
    let attendance: Set<String>
    /// Words that open a sentence going on with the argument of a statement reported right before it
    /// (`Terlebih, ...`): its persons are inside that reported clause (the optional list `reported_continuation`).
    let reportedContinuation: Set<String>
    /// Words that join the last item of a list (`..., Kepala BKN, dan Ketua Bawaslu`): three or more
    /// people, offices or bodies so listed are no sentence's subject (the optional list `conjunction`).
    let conjunctions: Set<String>
    /// Words written before a name and no part of it (`dr.`, `Ir.`; the optional list `honorific`): an
    /// office's holder set off by commas may carry one (`Direktur RSUD, dr. <name>, ...`).
    let honorifics: Set<String>
    /// Words of an interview (`wawancara`) and the word before the one interviewed (`dengan`): a sentence
    /// that introduces an interview names the interviewee as the subject of the answers after it (the
    /// optional lists `interview` and `interview_with`).
    let interview: Set<String>
    let interviewWith: Set<String>
    /// Nouns for a person the text does not name (`seorang`, `warga`; the optional list `unnamed_person`)
    /// and words of one who would not be named (`namanya`; the optional list `anonymous`): a sentence with
    /// both (`seorang pejabat yang enggan disebut namanya mengaku ...`) has an unnamed subject, and a later
    /// `katanya` is nobody the document names.
    let unnamedPersons: Set<String>
    let anonymous: Set<String>
    /// Words of declining (`enggan`, `tidak`; the optional list `anonymity_refusal`) before `anonymous`.
    let anonymityRefusal: Set<String>
    /// Words of one person the text does not name (`seorang`, `salah` of `salah seorang`; the optional list
    /// `unnamed_one`): such a person who speaks is the subject for a later `katanya` (`unnamedSpeaker`).
    let unnamedOne: Set<String>
    /// Statements read out on their author's behalf (`sambutan`; the optional list `statement`), the passive of
    /// reading them (`dibacakan`; `read_out_passive`) and its active (`membacakan`; `read_out`): see
    /// `readOutAuthor`.
    let statements: Set<String>
    let readOutPassive: Set<String>
    let readOut: Set<String>
    /// Offices (the optional list `office`): one written in lower case after a statement's word is its author.
    let offices: Set<String>
    /// Offices' fused short forms and their long forms (the optional list `office_shortening`).
    let officeShortening: OfficeShortening
    /// Words of an office or a place's head (the optional lists `office`, `loc_head`): where an office the tagger
    /// ran on into a name ends (`nameEndingOffice`).
    let officeHeads: Set<String>
    let minWords: Int
    let reported: Bool
    /// The most tokens an attribution rule's match may span from the quote's mark (`cue_window`): a cue
    /// is a few words, and the bound keeps a paragraph of thousands of quotation marks linear per quote
    /// (it was cubic: every start back to the sentence's first word, each matched to the mark).
    let cueWindow: Int
    /// The word forms met in this run (`FormTable`), shared by the workers: each token view's forms made
    /// once per run, not once per token.
    let forms: FormTable

    public init(options: StageOptions) throws {
        guard let url = try options.file("rules") else {
            throw options.error("rules", "a quote rules file is required")
        }
        let rules = try QuoteRuleSet.load(url)
        if let bad = rules.list("office_shortening").sorted().first(where: { OfficeShortening.split($0) == nil }) {
            throw options.error(
                "rules", "the list 'office_shortening' holds '\(bad)', not a short word, a tab and its long form")
        }
        for f in rules.files where f != url { options.noteFile(f) }
        self.init(
            rules: rules, minWords: try options.int("min_words", default: 4, range: 1...50),
            reported: try options.bool("reported_speech", default: true),
            cueWindow: try options.int("cue_window", default: 64, range: 8...1000))
    }

    public init(rules: QuoteRuleSet, minWords: Int = 4, reported: Bool = true, cueWindow: Int = 64) {
        self.rules = rules
        forms = FormTable()
        verbsNya = rules.list("speech_nya")
        verbsBare = rules.list("speech_bare")
        verbsActive = rules.list("speech_active")
        verbsActiveTable = StringSet(verbsActive)
        pronouns = rules.list("pronoun")
        menurut = rules.list("according_to")
        officeConnectors = rules.list("office_connector").union(rules.list("office_connector_en"))
        actingPrefixes = rules.list("acting_prefix")
        demonstratives = rules.list("demonstrative")
        epithetTerms = rules.list("epithet_term")
        attendance = rules.list("attendance")
        reportedContinuation = rules.list("reported_continuation")
        conjunctions = rules.list("conjunction")
        honorifics = rules.list("honorific")
        interview = rules.list("interview")
        interviewWith = rules.list("interview_with")
        unnamedPersons = rules.list("unnamed_person")
        anonymous = rules.list("anonymous")
        anonymityRefusal = rules.list("anonymity_refusal")
        unnamedOne = rules.list("unnamed_one")
        statements = rules.list("statement")
        readOutPassive = rules.list("read_out_passive")
        readOut = rules.list("read_out")
        offices = rules.list("office")
        officeShortening = OfficeShortening(entries: rules.list("office_shortening"))
        officeHeads = offices.union(rules.list("loc_head"))
        self.minWords = minWords
        self.reported = reported
        self.cueWindow = cueWindow
    }

    public func process(_ document: inout Document) throws {
        var work = QuoteWork(document: document, stage: self)
        document.quotes = work.quotes()
        if reported { document.reportedSpeech = work.reportedSpeech() }
    }
}

/// Quote finding and attribution for one document.
struct QuoteWork {
    let document: Document
    let stage: QuoteStage
    let view: TokenView
    /// Entity index by start token.
    var entityAt: [Int: Int] = [:]
    let entityTokens: [(start: Int, end: Int)]
    /// Byte offset where each paragraph starts (after its `\n`), in text order.
    let paragraphStarts: [Int]
    // Indexes built once, so that attributing every quote of a long article stays linear (a scan of all
    // entities per quote or per sentence is quadratic in a megabyte-long article).
    /// Entity indices by the token they end before, in entity order.
    let entitiesEndingAt: [Int: [Int]]
    /// Entity indices by the sentence they start in, in entity order.
    let entitiesBySentence: [Int: [Int]]
    /// `resolve(i)` for every entity.
    let resolved: [Int]
    /// Entities that resolve to a PERSON, ordered by end token, and for each prefix of that order the
    /// latest-starting one (ties: the earliest entity): the last person named before a token.
    let personsByEnd: [(end: Int, entity: Int)]
    let latestPersonOfPrefix: [Int]
    /// The PERSON entity (the first with that fullest name) each word of a fullest name stands for,
    /// when only one name holds the word: an untagged `Junaidi` opening a sentence is still Junaidi.
    let personByWord: [String: Int]
    let matcher: QuoteMatcher
    /// `fullestOffices`: the fullest form of each office that resolves to no one, by its words.
    let fullestOffices: [[String]: Int]
    /// Where each title-case word is written (`fullestWritten`).
    let titlePositions: [String: [Int]]
    /// `fullestOffice`'s answers and the ROLEs' words it compares, made once per document (`FullestOfficeMemo`).
    let fullestOfficeMemo = FullestOfficeMemo()

    init(document: Document, stage: QuoteStage) {
        self.document = document
        self.stage = stage
        // Its own: the document keeps no other stage's view (ARCHITECTURE.md); the forms from the stage's table.
        view = TokenView(document, lexemes: nil, forms: stage.forms)
        paragraphStarts = [0] + document.text.indices.filter { document.text[$0] == 0x0A }.map { $0 + 1 }
        entityTokens = Self.entitySpans(document)
        for (i, e) in entityTokens.enumerated() {
            // Prefer the outermost entity at a start (a ROLE over the ORG inside it).
            if let j = entityAt[e.start], entityTokens[j].end >= e.end { continue }
            entityAt[e.start] = i
        }
        var endingAt: [Int: [Int]] = [:]
        var bySentence: [Int: [Int]] = [:]
        for (i, e) in entityTokens.enumerated() {
            endingAt[e.end, default: []].append(i)
            if e.start < view.count { bySentence[view.sentenceOf[e.start], default: []].append(i) }
        }
        entitiesEndingAt = endingAt
        entitiesBySentence = bySentence
        let beside = Self.holdersBeside(
            document, view: view, entityAt: entityAt, entityTokens: entityTokens, connectors: stage.officeConnectors,
            honorifics: stage.honorifics)
        let resolvedIndex = Self.shortenedOfficeHolders(
            document, view: view, entityTokens: entityTokens,
            resolved: Self.officeHolders(
                document, view: view, entityTokens: entityTokens,
                resolved: Self.resolveAll(
                    document, acting: stage.actingPrefixes,
                    moved: Self.placesTakenForHolders(
                        document, view: view, entityAt: entityAt, entityTokens: entityTokens,
                        honorifics: stage.honorifics)),
                beside: beside),
            shortening: stage.officeShortening, acting: stage.actingPrefixes, beside: beside)
        resolved = resolvedIndex
        (personsByEnd, latestPersonOfPrefix) = Self.personIndexes(document, entityTokens, resolved: resolvedIndex)
        personByWord = Self.wordsOfPersons(document)
        var titlePositions: [String: [Int]] = [:]
        for t in 0..<view.count where view.features[t].shape == .title {
            titlePositions[view.features[t].text, default: []].append(t)
        }
        self.titlePositions = titlePositions
        fullestOffices = Self.fullestOffices(
            document, entityTokens, view, resolved: resolvedIndex, acting: stage.actingPrefixes)
        matcher = QuoteMatcher(
            rules: stage.rules, view: view, document: document, entityAt: entityAt, entityTokens: entityTokens)
    }

    /// The tokens each entity covers: from the token at or after its start to the last token inside it.
    static func entitySpans(_ document: Document) -> [(start: Int, end: Int)] {
        document.entities.map { e in
            let s = tokenIndex(document.tokens, atOrAfter: e.range.start)
            var t = s
            while t < document.tokens.count, document.tokens[t].range.end <= e.range.end { t += 1 }
            return (start: s, end: t)
        }
    }

    /// The entities that resolve to a PERSON, ordered by end token, and for each prefix of that order the
    /// latest-starting one (ties: the earliest entity); see `personsByEnd` and `latestPersonOfPrefix`.
    static func personIndexes(
        _ document: Document, _ entitySpans: [(start: Int, end: Int)], resolved: [Int]
    ) -> ([(end: Int, entity: Int)], [Int]) {
        let persons = entitySpans.indices
            .filter { document.entities[resolved[$0]].type == .PERSON }
            .map { (end: entitySpans[$0].end, entity: $0) }
            .sorted { ($0.end, $0.entity) < ($1.end, $1.entity) }
        var latest: [Int] = [-1]
        for (_, i) in persons {
            let best = latest.last!
            latest.append(
                best < 0 || entitySpans[i].start > entitySpans[best].start
                    || (entitySpans[i].start == entitySpans[best].start && i < best) ? i : best)
        }
        return (persons, latest)
    }

    /// Each word (three letters or more, capitalised) of a PERSON's fullest name, with the first PERSON of
    /// that name, when no other name holds the word; see `personByWord`.
    static func wordsOfPersons(_ document: Document) -> [String: Int] {
        var byWord: [String: Int] = [:]
        var ambiguousWords = Set<String>()
        var firstOfName: [String: Int] = [:]
        for (i, e) in document.entities.enumerated() where e.type == .PERSON {
            let name = e.norm ?? document.substring(e.range)
            let first = firstOfName[name] ?? i
            firstOfName[name] = first
            // The words of its name, and a one-word mention as written (`Rusdi`, whose name is
            // `Rusdiansyah`): a later bare `Rusdi` the tagger missed is that person too.
            let mention = document.substring(e.range)
            let written = e.norm == nil || mention.contains(" ") ? [] : [Substring(mention)]
            for word in name.split(separator: " ") + written where word.count >= 3 && word.first!.isUppercase {
                let w = String(word)
                if let other = byWord[w],
                    document.entities[other].norm ?? document.substring(document.entities[other].range) != name
                {
                    ambiguousWords.insert(w)
                }
                if byWord[w] == nil { byWord[w] = first }
            }
        }
        for w in ambiguousWords { byWord[w] = nil }
        return byWord
    }

    /// The person named in the name phrase that starts at token `start` (an office, its body and place,
    /// ranks, then the name: `Kasat Resnarkoba Polres Labuhanbatu AKP Muhammad Fauzi Harahap`): the
    /// last PERSON before the phrase ends (at a lower-case word outside every entity, or the sentence's end).
    func personInNamePhrase(from start: Int) -> Int? {
        guard start < view.count else { return nil }
        let sentence = view.sentenceOf[start]
        var t = start, last: Int? = nil
        while t < view.count, view.sentenceOf[t] == sentence, t - start < 24 {
            if let e = entityAt[t] {
                if document.entities[e].type == .PERSON { last = e }
                // A PERSON nested at the end of a wider entity (a ROLE that took the name with it).
                var nested = false
                for inner in entitiesEndingAt[entityTokens[e].end] ?? []
                where document.entities[inner].type == .PERSON && inner != e {
                    last = inner
                    nested = true
                }
                // An office phrase that took a name known in the document whole, with no PERSON inside
                // (`kata Kepala Manggala Agni Daops Pangkalan Bun Ferdinan Tambunan` tagged as one ROLE):
                // its last word is a word of that name.
                if !nested, document.entities[e].type == .ROLE, document.entities[e].person == nil,
                    let p = knownPerson(at: entityTokens[e].end - 1)
                {
                    last = p
                }
                t = max(t + 1, entityTokens[e].end)
                continue
            }
            let f = view.features[t]
            // A word of a full name known in the document, not tagged here (`said Ferdinan Tambunan`).
            if let p = knownPerson(at: t) { last = p }
            if f.kind == .word && f.shape == .lower && !stage.officeConnectors.contains(f.folded) { break }
            if f.kind == .punct && ![",", ".", "(", ")", "/", "-"].contains(f.text) { break }
            t += 1
        }
        return last
    }

    /// The person a capitalized word stands for when it is a word of exactly one full name of the
    /// document (`personByWord`), written in title case or in capitals (a name given as initials: `ABP`).
    func knownPerson(at t: Int) -> Int? {
        guard t >= 0, t < view.count, view.features[t].kind == .word,
            view.features[t].shape == .title || view.features[t].shape == .upper
        else { return nil }
        return personByWord[view.features[t].text]
    }

    /// The person (or role, org) each entity stands for as a speaker: a ROLE linked to a PERSON is that
    /// person; an unlinked ROLE is the person of the nearest earlier linked mention of the same office
    /// (its text starts with this one's).
    ///
    /// The nearest earlier holder wins: a headline's office (`Gubernur Lantik ...`) does not name the
    /// person a later `Gubernur` stands for when the body of the article introduced them since. The office
    /// without its acting prefix (`Sekda` after `Pj Sekda Jhony Way`) names the same holder.
    ///
    /// - Complexity: linear in the entities times the length of a ROLE's text: the earlier linked
    ///   mentions are looked up by their prefixes (scanning every linked ROLE for each unlinked one was
    ///   quadratic in a long document).
    static func resolveAll(_ document: Document, acting: Set<String> = [], moved: [Int: Int] = [:]) -> [Int] {
        var entities = document.entities
        // A holder the tagger linked that was the office's place (`holderAfterPlace`): the person named after it.
        for i in entities.indices { if let p = entities[i].person, let q = moved[p] { entities[i].person = q } }
        let unlinked = entities.indices.filter { entities[$0].type == .ROLE && entities[$0].person == nil }
        guard !unlinked.isEmpty else {
            return entities.indices.map { entities[$0].type == .ROLE ? entities[$0].person ?? $0 : $0 }
        }
        var texts: [Int: String] = [:]
        var wanted = Set<String>()
        for k in unlinked { let t = document.substring(entities[k].range); texts[k] = t; wanted.insert(t) }
        let lengths = Set(wanted.map(\.count)).sorted()
        // For each text an unlinked ROLE has, the linked ROLEs whose text starts with it, or is it behind an
        // acting prefix, in entity order.
        var linkedByPrefix: [String: [Int]] = [:]
        for i in entities.indices where entities[i].type == .ROLE && entities[i].person != nil {
            let other = document.substring(entities[i].range)
            var keys = Set<String>()
            for n in lengths {
                guard n <= other.count else { break }
                let prefix = String(other.prefix(n))
                if wanted.contains(prefix) { keys.insert(prefix) }
            }
            if let space = other.firstIndex(of: " "), acting.contains(ICU.foldCase(String(other[..<space]))) {
                let rest = String(other[other.index(after: space)...])
                if wanted.contains(rest) { keys.insert(rest) }
            }
            for key in keys { linkedByPrefix[key, default: []].append(i) }
        }
        return entities.indices.map { index in
            let e = entities[index]
            guard e.type == .ROLE else { return index }
            if let p = e.person { return p }
            for i in (linkedByPrefix[texts[index]!] ?? []).reversed() where entities[i].range.start < e.range.start {
                return entities[i].person!
            }
            return index
        }
    }

    /// The first PERSON of the name phrase right after office `i`: over numbers, places, bodies, ranks,
    /// `,` `/` `(` `)` `.` and the lower-case words of an office's name (`connectors`: `Kapolres <city> dan
    /// <district> <rank> <name>`), up to 12 tokens, stopping at another office, another lower-case word, other
    /// punctuation or the sentence's end.
    static func personAfterOffice(
        _ i: Int, entities: [Entity], view: TokenView, entityAt: [Int: Int], entityTokens: [(start: Int, end: Int)],
        connectors: Set<String> = []
    ) -> Int? {
        var t = entityTokens[i].end
        let sentence = entityTokens[i].start < view.count ? view.sentenceOf[entityTokens[i].start] : -1
        while t < view.count, t - entityTokens[i].end < 12, view.sentenceOf[t] == sentence {
            if let e = entityAt[t] {
                switch entities[e].type {
                case .PERSON: return e
                case .ROLE: return nil
                default: t = max(t + 1, entityTokens[e].end); continue
                }
            }
            let f = view.features[t]
            if f.kind == .punct && ![",", "/", "(", ")", "."].contains(f.text) { return nil }
            if f.kind == .word && f.shape == .lower && !connectors.contains(f.folded) { return nil }
            t += 1
        }
        return nil
    }

    /// An office still linked to nobody (`Dandim`, `Pangdam`) stands for the one person the document
    /// names with that office: each ROLE that holds every word of it, counting the unit and place written
    /// between it and its holder (`Komandan Kodim (Dandim) 1016/Palangka Raya, Kolonel Inf Frans Kishin
    /// Panjaitan` holds `Dandim Palangka Raya`), gives its linked person, or the person named beside it
    /// (`beside`, `holdersBeside`: the first PERSON of the name phrase right after it, else the one it stands
    /// in apposition to), a headline's (title line's) office aside. When these give two different names the
    /// office stays as it is.
    ///
    /// - Complexity: a walk of at most 12 tokens per ROLE, then for each distinct set of words
    ///   of an unlinked ROLE, the ROLEs sharing its rarest word.
    static func officeHolders(
        _ document: Document, view: TokenView, entityTokens: [(start: Int, end: Int)], resolved: [Int],
        beside after: [Int: Int?]
    ) -> [Int] {
        let entities = document.entities
        let roles = entities.indices.filter { entities[$0].type == .ROLE }
        guard roles.contains(where: { resolved[$0] == $0 }) else { return resolved }
        func name(_ e: Int) -> String { entities[e].norm ?? document.substring(entities[e].range) }
        let (ownWords, roleWords) = officeWords(
            roles, entities: entities, view: view, entityTokens: entityTokens, after: after)
        // The ROLEs holding each word asked (their fused acronyms spelled only towards the words asked), so
        // that a mention is compared only with the offices sharing its rarest word; and the answer for each
        // set of words, so that an office repeated all over a long article is looked up once.
        var questions = Set<String>()
        for r in roles where resolved[r] == r { for mine in ownWords[r]! { questions.formUnion(mine) } }
        let index = OfficeAcronymIndex(
            roles: roles, held: roleWords, view: view, entityTokens: entityTokens, questions: questions)
        var memo: [[String]: Int?] = [:]
        var result = resolved
        // The one person the ROLEs holding every word of `mine` give (memoized by its words).
        func holder(of mine: Set<String>) -> Int? {
            let key = mine.sorted()
            if let known = memo[key] { return known }
            let rarest = key.map { index.holders($0) }.min { $0.count < $1.count }!
            var holder: Int? = nil
            var ambiguous = false
            // A headline's office and the words after it are no evidence (`Bupati Akui Banyak PR`).
            for i in rarest
            where key.allSatisfy({ index.holds(i, $0) })
                && (entityTokens[i].start >= view.count || !view.features[entityTokens[i].start].titleLine)
            {
                let p = entities[resolved[i]].type == .PERSON ? resolved[i] : after[i]!
                guard let p else { continue }
                if let h = holder, name(h) != name(p) { ambiguous = true; break }
                if holder == nil { holder = p }
            }
            let answer = ambiguous ? nil : holder
            memo[key] = .some(answer)
            return answer
        }
        for r in roles where resolved[r] == r {
            // Its words as written, else with its places by their norms.
            for mine in ownWords[r]! where !mine.isEmpty {
                if let answer = holder(of: mine) { result[r] = answer; break }
            }
        }
        return result
    }

    /// Each office's own words, and the words it holds as written: its own and the words of the unit and place written between it and its holder (`Dandim
    /// 0815/Klaten, Letkol Inf Agus Wijaya Kusuma` holds `Klaten`), for `officeHolders`. `after`: the PERSON
    /// after each office (`personAfterOffice`). An office's own words come as written and, when it holds a
    /// place with a norm, a second time with that place as its norm (one key, `normKey`), however the place is
    /// written (`Sekda Provinsi Kaltara` and `Sekretaris Daerah Provinsi Kalimantan Utara` both hold the key
    /// of `Kalimantan Utara`); an office holds the keys of the places inside it and between it and its holder.
    static func officeWords(
        _ roles: [Int], entities: [Entity], view: TokenView, entityTokens: [(start: Int, end: Int)],
        after: [Int: Int?]
    ) -> (own: [Int: [Set<String>]], held: [Int: Set<String>]) {
        func words(_ range: Range<Int>) -> Set<String> {
            Set(range.filter { view.features[$0].kind == .word }.map { view.features[$0].folded })
        }
        // The places with a norm, by their first token (the longest at a start).
        var placeAt: [Int: Int] = [:]
        for (j, e) in entities.enumerated() where e.type == .LOC && e.norm != nil {
            if let k = placeAt[entityTokens[j].start], entityTokens[k].end >= entityTokens[j].end { continue }
            placeAt[entityTokens[j].start] = j
        }
        // The range's words with each place in it replaced by its norm's key, and those keys.
        func normed(_ range: Range<Int>) -> (words: Set<String>, keys: Set<String>) {
            var mine = Set<String>(), keys = Set<String>()
            var t = range.lowerBound
            while t < range.upperBound {
                if let j = placeAt[t], entityTokens[j].end <= range.upperBound, entityTokens[j].end > t,
                    let norm = entities[j].norm
                {
                    let key = normKey(norm)
                    mine.insert(key)
                    keys.insert(key)
                    t = entityTokens[j].end
                    continue
                }
                if view.features[t].kind == .word { mine.insert(view.features[t].folded) }
                t += 1
            }
            return (mine, keys)
        }
        var own: [Int: [Set<String>]] = [:], held: [Int: Set<String>] = [:]
        for i in roles {
            let span = entityTokens[i].start..<entityTokens[i].end
            let ordered = span.filter { view.features[$0].kind == .word }.map { view.features[$0].folded }
            let written = Set(ordered)
            let (mine, keys) = normed(span)
            own[i] = keys.isEmpty ? [written] : [written, mine]
            // The fused acronyms its words spell (`Sekretaris Daerah` holds `sekda`) are asked of
            // `OfficeAcronymIndex`.
            held[i] = written.union(keys)
            if let p = after[i] ?? nil, entityTokens[p].start >= entityTokens[i].end {
                let between = entityTokens[i].end..<entityTokens[p].start
                held[i]!.formUnion(words(between))
                held[i]!.formUnion(normed(between).keys)
            }
        }
        return (own, held)
    }

    /// A place's norm as one key of an office's words (no word of a text: it holds a space or starts with `@`).
    static func normKey(_ norm: String) -> String { "@" + norm.lowercased() }

    /// The first entity (in entity order) ending right before token `end`, of one of these types.
    func entity(endingAt end: Int, types: Set<EntityType>) -> Int? {
        entitiesEndingAt[end]?.first { types.contains(document.entities[$0].type) }
    }

    static func tokenIndex(_ tokens: [Token], atOrAfter offset: Int) -> Int {
        var low = 0, high = tokens.count
        while low < high {
            let mid = (low + high) / 2
            if tokens[mid].range.start < offset { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// How a speaker is written: a person's full name (a short mention's norm), else the ROLE or ORG as written.
    func speakerName(_ entity: Entity) -> String {
        entity.type == .PERSON ? (entity.norm ?? document.substring(entity.range)) : document.substring(entity.range)
    }

    // MARK: Finding quotes

    struct Found {
        var open: Int // byte offset of the opening mark
        var content: TextRange
        var close: Int? // byte offset of the closing mark, nil when left open
        var paragraph: Int
    }

    func paragraphs() -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = 0
        let text = document.text
        for (i, b) in text.enumerated() where b == 0x0A {
            result.append(start..<i)
            start = i + 1
        }
        result.append(start..<text.count)
        return result
    }

    func findQuotes() -> [Found] {
        let text = document.text
        var found: [Found] = []
        // The paragraph before (with words) left a double-quoted statement open.
        var leftOpen = false
        for (p, para) in paragraphs().enumerated() {
            var marks = para.filter { text[$0] == UInt8(ascii: "\"") }
            let continued = leftOpen
            if para.contains(where: { text[$0] != 0x20 }) { leftOpen = false }
            if continued, let part = continuation(para, marks: marks, paragraph: p) {
                found.append(part)
                marks.removeFirst()
                if marks.isEmpty { continue }
            }
            var isSingle = false
            // Two single marks written for one double mark (`''Kami ...,'' kata ...`, from `‘’`): each
            // pair is a mark, its offset the pair's second mark's for a close.
            var doubled = false
            if marks.isEmpty {
                let apostrophe = UInt8(ascii: "'")
                let pairs = para.filter { i in
                    text[i] == apostrophe && i + 1 < para.upperBound && text[i + 1] == apostrophe
                        && (i == para.lowerBound || text[i - 1] != apostrophe)
                        && (i + 2 >= para.upperBound || text[i + 2] != apostrophe)
                }
                if pairs.count >= 2 {
                    marks = pairs
                    doubled = true
                }
            }
            if marks.isEmpty {
                marks = para.filter { i in
                    guard text[i] == UInt8(ascii: "'") else { return false }
                    let before = i == para.lowerBound ? 0x20 : text[i - 1]
                    let after = i + 1 < para.upperBound ? text[i + 1] : 0x20
                    let opens = (before == 0x20 || before == UInt8(ascii: "(")) && Self.isWordByte(after)
                    let closes = Self.isWordByte(before) || before == UInt8(ascii: ".") || before == UInt8(ascii: ",")
                    return opens != closes
                        && (opens || after == 0x20 || Self.isPunct(after) || i + 1 == para.upperBound)
                }
                isSingle = true
                if marks.count < 2 { continue }
            }
            var k = 0
            while k < marks.count {
                let open = marks[k]
                let close = k + 1 < marks.count ? marks[k + 1] + (doubled ? 1 : 0) : nil
                if isSingle && close == nil { break }
                let end = close.map { doubled ? $0 - 1 : $0 } ?? para.upperBound
                if let content = Self.trim(text, open + (doubled ? 2 : 1), end) {
                    found.append(Found(open: open, content: content, close: close, paragraph: p))
                    leftOpen = close == nil && !isSingle && !doubled
                }
                k += 2
            }
        }
        return found
    }

    /// A statement's second paragraph written without its opening mark (some outlets' habit): when the
    /// paragraph before left a quote open and this one's first double mark closes a sentence (`...,"`
    /// `..."`) after words of its own, the quote goes on from the paragraph's start to that mark.
    func continuation(_ para: Range<Int>, marks: [Int], paragraph p: Int) -> Found? {
        let text = document.text
        guard let first = marks.first, first > para.lowerBound,
            [UInt8(ascii: ","), UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?")].contains(text[first - 1]),
            let content = Self.trim(text, para.lowerBound, first)
        else { return nil }
        return Found(open: content.start, content: content, close: first, paragraph: p)
    }

    static func isWordByte(_ b: UInt8) -> Bool {
        b >= 0x80 || (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A)
    }
    static func isPunct(_ b: UInt8) -> Bool {
        [
            UInt8(ascii: ","), UInt8(ascii: "."), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: ")"),
            UInt8(ascii: "!"), UInt8(ascii: "?")
        ].contains(b)
    }

    static func trim(_ text: [UInt8], _ s: Int, _ e: Int) -> TextRange? {
        var a = s, b = e
        while a < b, text[a] == 0x20 { a += 1 }
        while b > a, text[b - 1] == 0x20 { b -= 1 }
        return a < b ? TextRange(a, b) : nil
    }

    // MARK: Attribution

    struct Attribution {
        var entity: Int?
        /// The speaker as written when no entity names them (a rule with `speaker: words`).
        var text: String? = nil
        var cue: String?
        var rule: String
        var viaLastSpeaker = false
        /// For `continued`: the quote whose speaker this one shares.
        var continuedFrom: Int? = nil
        /// The marks enclose a title, not speech: no quote.
        var isTitle = false
        /// A pronoun or `-nya` cue that led to someone the text does not name (`subjectBefore`'s `anonymous`).
        var unnamed = false
    }

    func folded(_ t: Int) -> String { t >= 0 && t < view.count ? view.features[t].folded : "" }

    func entity(at t: Int, types: Set<EntityType>) -> Int? {
        guard let i = entityAt[t], types.contains(document.entities[i].type) else { return nil }
        return i
    }

    /// The person (or role, org) a speaker entity stands for (`resolveAll`).
    func resolve(_ index: Int) -> Int { resolved[index] }

    /// Named speech events in text order, for `-nya` and pronouns: in a sentence with a speech verb
    /// (`mengatakan`), its first PERSON before the verb, or else the nearest ROLE or ORG before it (the
    /// subject of `... yang dibacakan oleh Staf Ahli Bupati mengatakan`); and a name after `ujar`,
    /// `kata` or `menurut`.
    func speechEvents() -> SpeechEvents {
        var events: [(Int, Int)] = []
        var verbInSentence: [Int: Int] = [:]
        let f = view.features
        for t in 0..<view.count
        where stage.verbsActiveTable.contains(f[t].folded, hash: f[t].foldedHash, isASCII: f[t].isASCII)
            && verbInSentence[view.sentenceOf[t]] == nil
        {
            verbInSentence[view.sentenceOf[t]] = t
        }
        for (sentence, verb) in verbInSentence {
            let before = (entitiesBySentence[sentence] ?? []).filter { entityTokens[$0].end <= verb }
            if let p = before.first(where: { document.entities[$0].type == .PERSON }) {
                events.append((entityTokens[p].start, p))
            } else if let r = before.last(where: { [.ROLE, .ORG].contains(document.entities[$0].type) }) {
                events.append((entityTokens[r].start, r))
            }
        }
        for (i, span) in entityTokens.enumerated() where [.PERSON, .ROLE, .ORG].contains(document.entities[i].type) {
            let b = span.start - 1
            if b >= 0, stage.verbsBare.contains(folded(b)) || stage.menurut.contains(folded(b)) {
                events.append((span.start, i))
            }
        }
        let sorted = events.sorted { $0.0 < $1.0 }.map { (token: $0.0, entity: $0.1) }
        var lastPerson: [Int] = [-1]
        for (k, event) in sorted.enumerated() {
            lastPerson.append(document.entities[resolve(event.entity)].type == .PERSON ? k : lastPerson.last!)
        }
        return SpeechEvents(events: sorted, lastPersonOfPrefix: lastPerson)
    }

    /// Speech events in token order, and for each prefix of them the last one whose speaker resolves to
    /// a person (-1: none).
    struct SpeechEvents {
        var events: [(token: Int, entity: Int)]
        var lastPersonOfPrefix: [Int]

        /// How many events come before `token`.
        func count(before token: Int) -> Int {
            var low = 0, high = events.count
            while low < high {
                let mid = (low + high) / 2
                if events[mid].token < token { low = mid + 1 } else { high = mid }
            }
            return low
        }
    }

    func lastSpeaker(before token: Int, events: SpeechEvents) -> Int? {
        // Prefer the last event whose speaker is (or resolves to) a person.
        let earlier = events.count(before: token)
        let person = events.lastPersonOfPrefix[earlier]
        if person >= 0 { return resolve(events.events[person].entity) }
        if earlier > 0 { return resolve(events.events[earlier - 1].entity) }
        // Nobody has spoken yet: the last person named before (`Bupati Mimika Johannes Rettob membuka
        // rapat. "...," ujarnya.`), directly or through the office that introduced them.
        var low = 0, high = personsByEnd.count
        while low < high {
            let mid = (low + high) / 2
            if personsByEnd[mid].end <= token { low = mid + 1 } else { high = mid }
        }
        let named = latestPersonOfPrefix[low]
        return named >= 0 ? resolve(named) : nil
    }

    /// The attribution a rule's match gives, or nil when its speaker cannot be found (a name phrase
    /// with no person and no entity).
    func attribution(_ rule: QuoteRuleSet.Rule, _ captures: QuoteMatcher.Captures, anchor: Int, events: SpeechEvents)
        -> Attribution?
    {
        let cue = captures["cue"].map { c in (c.start..<c.end).map { view.features[$0].text }.joined(separator: " ") }
        switch rule.speaker {
        case .named:
            guard let s = captures["speaker"] else { return nil }
            if let e = s.entity {
                let speaker = personInNamePhrase(from: s.start) ?? resolve(e)
                return Attribution(entity: namedOffice(speaker), cue: cue, rule: rule.id)
            }
            // Words that are no entity (a rank and a name: `AKBP Ronny`): the person of the phrase that
            // starts there, when it starts inside the capture; else the first person named inside the
            // capture (`the petitioners' lawyer, <name>, told`: the name set off after a description).
            if let p = personInNamePhrase(from: s.start), entityTokens[p].start < s.end {
                return Attribution(entity: p, cue: cue, rule: rule.id)
            }
            guard let p = personInside(s.start..<s.end) else { return nil }
            return Attribution(entity: p, cue: cue, rule: rule.id)
        case .previous:
            let at = captures["speaker"]?.start ?? anchor
            return Attribution(
                entity: lastSpeaker(before: at, events: events), cue: cue, rule: rule.id, viaLastSpeaker: true)
        case .author:
            guard let a = captures["author"] else { return nil }
            let entity =
                a.entity.map { personInNamePhrase(from: a.start) ?? resolve($0) } ?? personInNamePhrase(from: a.start)
            guard let entity else { return nil }
            return Attribution(entity: fullestOffice(entity), cue: cue, rule: rule.id)
        case .earlierAuthor:
            // Back from the match's start, or from the end of its cue (a statement's word inside the match:
            // `Dalam sambutan gubernur yang dibacakan ...` before the quote).
            let from = captures["cue"].map { max(anchor, $0.end) } ?? anchor
            guard let list = rule.authorAfter, let author = earlierAuthor(before: from, list: list) else {
                return nil
            }
            if let office = author.office {
                // An office written in lower case (`sambutan tertulis gubernur`): its fullest ROLE in the
                // document (`Gubernur Lampung`), else as written.
                if let role = roleOpening(with: folded(office)) {
                    return Attribution(entity: fullestOffice(role), cue: cue, rule: rule.id)
                }
                return Attribution(entity: nil, text: view.features[office].text, cue: cue, rule: rule.id)
            }
            return author.entity.map { Attribution(entity: fullestOffice($0), cue: cue, rule: rule.id) }
        case .words:
            guard let s = captures["speaker"] else { return nil }
            return wordsAttribution(s, cue: cue, rule: rule.id)
        case .none:
            return Attribution(entity: nil, cue: cue, rule: rule.id)
        case .title:
            return Attribution(entity: nil, cue: cue, rule: rule.id, isTitle: true)
        }
    }

    /// The attribution of a `speaker: words` rule's capture `s`: the person of the name phrase there, else its
    /// entity; words in lower case only are an office with no name (`ujar wali kota`), the office the document
    /// names in full, resolved to its holder (other such words, or an office not named so: the rule does not
    /// match); else the words as written, in their fullest form (a name the tagger did not find).
    func wordsAttribution(_ s: QuoteMatcher.Span, cue: String?, rule: String) -> Attribution? {
        if let p = personInNamePhrase(from: s.start), entityTokens[p].start < s.end {
            return Attribution(entity: p, cue: cue, rule: rule)
        }
        if let e = s.entity { return Attribution(entity: resolve(e), cue: cue, rule: rule) }
        if (s.start..<s.end).allSatisfy({ view.features[$0].shape == .lower }) {
            let written = (s.start..<s.end).map { folded($0) }
            guard stage.offices.contains(written.joined(separator: " ")),
                let role = roleOpening(withWords: written)
            else { return nil }
            return Attribution(entity: fullestOffice(role), cue: cue, rule: rule)
        }
        return Attribution(entity: nil, text: fullestWritten(s.start..<s.end), cue: cue, rule: rule)
    }

    /// A name the tagger did not find, at tokens `range`, in its fullest written form: where the document
    /// writes the same words inside a sentence (not opening it) and goes on over capitalized words
    /// (`Heri said` after `A lawyer for the winning pair, Heri Kiswanto Lubis, described ...`), the longest
    /// such run when every other is its start; else the words as written here.
    func fullestWritten(_ range: Range<Int>) -> String {
        let f = view.features
        let mine = range.map { f[$0].text }
        let asWritten = mine.joined(separator: " ")
        guard !mine.isEmpty, mine.allSatisfy({ !$0.isEmpty }) else { return asWritten }
        var forms: [[String]] = []
        for t in titlePositions[mine[0]] ?? [] where t + mine.count <= view.count {
            guard (0..<mine.count).allSatisfy({ f[t + $0].text == mine[$0] }) else { continue }
            var end = t + mine.count
            while end < view.count, f[end].kind == .word, f[end].shape == .title, !f[end].sentenceStart,
                !f[end].titleLine, view.sentenceOf[end] == view.sentenceOf[t], end - t < 5
            { end += 1 }
            forms.append((t..<end).map { f[$0].text })
        }
        guard let longest = forms.max(by: { $0.count < $1.count }), longest.count > mine.count,
            forms.allSatisfy({ longest.starts(with: $0) })
        else { return asWritten }
        return longest.joined(separator: " ")
    }

    /// The first PERSON entity that starts inside tokens `range` (resolved).
    func personInside(_ range: Range<Int>) -> Int? {
        var t = range.lowerBound
        while t < range.upperBound {
            if let e = entityAt[t] {
                if document.entities[resolve(e)].type == .PERSON { return resolve(e) }
                for inner in entitiesEndingAt[entityTokens[e].end] ?? []
                where document.entities[inner].type == .PERSON && entityTokens[inner].start >= range.lowerBound {
                    return inner
                }
                t = max(t + 1, entityTokens[e].end)
                continue
            }
            t += 1
        }
        return nil
    }

    /// An office named as the speaker with no holder for it (`pesan Bupati`), in its fullest form in the
    /// document (ANNOTATION.md: the ROLE when no person is named): the longest ROLE whose words start with
    /// this one's (`Bupati Lombok Timur`), over an acting prefix, when every such ROLE is a part of that
    /// one; else (none, or two offices that differ) as written. Anything but an unlinked ROLE is returned
    /// as it is.
    func namedOffice(_ entity: Int) -> Int {
        guard document.entities[entity].type == .ROLE, resolve(entity) == entity,
            let longest = fullestOffices[Self.officeWords(entity, document, entityTokens, view, stage.actingPrefixes)]
        else { return entity }
        return resolve(longest)
    }

    /// An office's words (case-folded), without an acting prefix before more words.
    static func officeWords(
        _ i: Int, _ document: Document, _ entityTokens: [(start: Int, end: Int)], _ view: TokenView,
        _ acting: Set<String>
    ) -> [String] {
        var w = (entityTokens[i].start..<entityTokens[i].end).filter { view.features[$0].kind == .word }.map {
            view.features[$0].folded
        }
        if w.count > 1, acting.contains(w[0]) { w.removeFirst() }
        return w
    }

    /// For the words of each office that resolves to no one, the longest ROLE whose words start with them,
    /// when every such ROLE is a part of it (`namedOffice`).
    ///
    /// - Complexity: the ROLEs and their words' proper prefixes (a ROLE of k words, k - 1 of them), then for
    ///   each distinct set of words, the ROLEs longer than it that start with it (the ROLEs sharing its first
    ///   word were walked: N offices opening with the same word took N² steps).
    static func fullestOffices(
        _ document: Document, _ entityTokens: [(start: Int, end: Int)], _ view: TokenView, resolved: [Int],
        acting: Set<String>
    ) -> [[String]: Int] {
        let roles = document.entities.indices.filter { document.entities[$0].type == .ROLE }
        var words: [Int: [String]] = [:]
        // The ROLEs by each proper prefix of their words, in the document's order.
        var byPrefix: [[String]: [Int]] = [:]
        for i in roles {
            let w = officeWords(i, document, entityTokens, view, acting)
            words[i] = w
            if w.count > 1 { for k in 1..<w.count { byPrefix[Array(w[..<k]), default: []].append(i) } }
        }
        var result: [[String]: Int] = [:]
        var done = Set<[String]>()
        for i in roles where resolved[i] == i {
            let mine = words[i]!
            guard !mine.isEmpty, done.insert(mine).inserted else { continue }
            let holders = byPrefix[mine] ?? []
            guard let longest = holders.max(by: { words[$0]!.count < words[$1]!.count }),
                holders.allSatisfy({ words[longest]!.starts(with: words[$0]!) })
            else { continue }
            result[mine] = longest
        }
        return result
    }

    /// The author named after the nearest earlier word of `list` (`sambutan Pj Gubernur Kaltim Dr.
    /// Haryanto Wibisono yang dibacakan ...`): a PERSON or ROLE within two words of it, else a one-word office
    /// written in lower case there that the tagger left out (`sambutan tertulis gubernur yang dibacakan ...`,
    /// the list `office`): its token.
    func earlierAuthor(before token: Int, list: Int) -> (entity: Int?, office: Int?)? {
        var t = min(token, view.count) - 1
        while t >= 0 {
            if stage.rules.lists[list].contains(folded(t)) {
                for k in (t + 1)..<min(t + 3, view.count) {
                    if let e = entityAt[k], [.PERSON, .ROLE].contains(document.entities[e].type) {
                        return (personInNamePhrase(from: k) ?? resolve(e), nil)
                    }
                }
                for k in (t + 1)..<min(t + 3, view.count)
                where entityAt[k] == nil && view.features[k].shape == .lower && stage.offices.contains(folded(k)) {
                    return (nil, k)
                }
                // No author after the word: the subject of its sentence before it (`<name>, dalam sambutan yang
                // dibacakan <reader>, ...`).
                if let author = authorBefore(statement: t, from: sentenceStart(endingAt: t, floor: 0).first) {
                    return (author, nil)
                }
            }
            t -= 1
        }
        return nil
    }

    /// The longest ROLE of the document whose first word is `word` (folded), the earliest of equal length.
    func roleOpening(with word: String) -> Int? {
        var best: Int? = nil
        for (i, e) in document.entities.enumerated()
        where e.type == .ROLE && entityTokens[i].start < view.count && folded(entityTokens[i].start) == word {
            let length = entityTokens[i].end - entityTokens[i].start
            if let b = best, entityTokens[b].end - entityTokens[b].start >= length { continue }
            best = i
        }
        return best
    }

    /// An office that no person holds in the text, in its fullest form: the longest ROLE of the document
    /// that holds each of its words, written out or abbreviated (`Pj Bupati` -> `Penjabat Bupati Bogor`:
    /// `Pj` is `Penjabat` shortened, its letters in order from the same first letter), or, for a fused
    /// office, that opens with its long form (`Kalaksa` -> `Kepala Pelaksana BPBD Kampar`,
    /// `OfficeShortening`); resolved, so an office whose holder is named gives the person.
    func fullestOffice(_ entity: Int) -> Int {
        guard document.entities[entity].type == .ROLE else { return entity }
        func words(_ i: Int) -> [String] {
            (entityTokens[i].start..<entityTokens[i].end).filter { view.features[$0].kind == .word }.map {
                view.features[$0].folded
            }
        }
        func shortened(_ a: String, _ b: String) -> Bool {
            guard a.count < b.count, a.first == b.first else { return a == b }
            var rest = Substring(b)
            for c in a {
                guard let k = rest.firstIndex(of: c) else { return false }; rest = rest[rest.index(after: k)...]
            }
            return true
        }
        let mine = words(entity)
        // The longer ROLE found depends on the words and the length alone (the office itself is never longer
        // than itself): asked once per distinct office of the document.
        let key = FullestOfficeMemo.Key(words: mine, length: entityTokens[entity].end - entityTokens[entity].start)
        if let longer = fullestOfficeMemo.longerRole[key] { return resolve(longer ?? entity) }
        // A fused office (`Kalaksa`) by its long form (`Kepala Pelaksana ...`, `OfficeShortening`).
        let forms = stage.officeShortening.expansions(of: mine)
        if fullestOfficeMemo.roleWords == nil {
            fullestOfficeMemo.roleWords = document.entities.indices.filter { document.entities[$0].type == .ROLE }.map {
                (index: $0, words: words($0))
            }
        }
        var best = entity
        for (i, theirs) in fullestOfficeMemo.roleWords! where i != entity {
            guard
                mine.allSatisfy({ w in theirs.contains { $0 == w || shortened(w, $0) } })
                    || forms.contains(where: { theirs.starts(with: $0.head) && $0.words.isSubset(of: theirs) })
            else { continue }
            let length = entityTokens[i].end - entityTokens[i].start
            if length > entityTokens[best].end - entityTokens[best].start { best = i }
        }
        fullestOfficeMemo.longerRole[key] = .some(best == entity ? nil : best)
        return resolve(best)
    }

    /// The ORG entities of the document with their sets of case-folded words, in entity order (read by
    /// `fullestBody`; built once per document, when a body speaks).
    func bodyWords() -> [(index: Int, words: Set<String>)] {
        document.entities.indices.filter { document.entities[$0].type == .ORG }.map { i in
            (
                i,
                Set(
                    (entityTokens[i].start..<entityTokens[i].end).filter { view.features[$0].kind == .word }.map {
                        view.features[$0].folded
                    })
            )
        }
    }

    /// The longest ROLE of the document whose first words are `words` (folded, in order), the earliest of equal
    /// length: an office written in lower case with no holder after it (`ujar wali kota`) is the office the
    /// document names in full (`Wali Kota <city> <name>`); nil when two such offices have different holders.
    func roleOpening(withWords words: [String]) -> Int? {
        guard !words.isEmpty else { return nil }
        var best: Int? = nil
        var held: String? = nil
        for (i, e) in document.entities.enumerated() where e.type == .ROLE {
            let span = entityTokens[i]
            guard span.end - span.start > words.count else { continue }
            guard words.indices.allSatisfy({ span.start + $0 < view.count && folded(span.start + $0) == words[$0] })
            else { continue }
            // Two offices opening so whose holders are different people (`Wali Kota <city A> <name>` and
            // `Wali Kota <city B> <name>` for `ujar wali kota`): which one is meant is not said.
            if let mine = holder(i) {
                if let seen = held, seen != mine { return nil }
                held = mine
            }
            if let b = best, entityTokens[b].end - entityTokens[b].start >= span.end - span.start { continue }
            best = i
        }
        return best
    }

    /// The name of the person an office resolves to (nil: nobody holds it in the text).
    private func holder(_ role: Int) -> String? {
        let r = resolve(fullestOffice(role))
        return document.entities[r].type == .PERSON ? speakerName(document.entities[r]) : nil
    }

    /// A body (ORG) in its fullest form in the document: the longest ORG that holds each word of this
    /// one, or of its expansion when the lists give one (`Dinkes` -> `Dinas Kesehatan` -> `Dinas Kesehatan
    /// Kabupaten Banyumas`), when every ORG that holds them is a part of that one (two different bodies
    /// fit: it stays as written). Anything else is returned as it is. `bodies`: `bodyWords()`; `memo`:
    /// the answers so far, by the words looked for (a long article quoting one body many times scans
    /// its bodies once).
    func fullestBody(
        _ entity: Int, bodies: [(index: Int, words: Set<String>)], memo: inout [String: (index: Int, count: Int)?]
    ) -> Int {
        guard document.entities[entity].type == .ORG else { return entity }
        let own = Set(
            (entityTokens[entity].start..<entityTokens[entity].end).filter { view.features[$0].kind == .word }.map {
                view.features[$0].folded
            })
        let mine =
            document.entities[entity].norm.map { Set(ICU.foldCase($0).split(separator: " ").map(String.init)) } ?? own
        guard !mine.isEmpty else { return entity }
        let key = mine.sorted().joined(separator: " ")
        let longest: (index: Int, count: Int)?
        if let known = memo[key] {
            longest = known
        } else {
            let holders = bodies.filter { mine.isSubset(of: $0.words) }
            let best = holders.max(by: {
                $0.words.count < $1.words.count || ($0.words.count == $1.words.count && $0.index > $1.index)
            })
            longest = best.flatMap { b in
                holders.allSatisfy({ $0.words.isSubset(of: b.words) }) ? (b.index, b.words.count) : nil
            }
            memo[key] = .some(longest)
        }
        guard let longest, longest.index != entity, longest.count > own.count else { return entity }
        return longest.index
    }

    /// Tries the rules of one side of the quote. After: from the first word after the closing mark (a
    /// comma or stop right after the mark skipped), in the quote's paragraph. Before: ending at the last
    /// word before the opening mark (`,` or `:` skipped), in its sentence and paragraph.
    func attribute(_ q: Found, events: SpeechEvents) -> Attribution? {
        let after = afterAnchor(q)
        let openToken = Self.tokenIndex(document.tokens, atOrAfter: q.open)
        let paragraphStartToken = Self.tokenIndex(document.tokens, atOrAfter: paragraphStarts[paragraphIndex(q.open)])
        let before = beforeAnchor(openToken: openToken, paragraphStartToken: paragraphStartToken)
        for rule in stage.rules.quoteRules {
            let found: Attribution?
            switch rule.side {
            case .after:
                guard let t = after else { continue }
                let hi = min(paragraphEndToken(q.open), t + stage.cueWindow)
                found = matchAt(rule, from: t, hi: max(t, hi), endsAtHi: false, events: events)
            case .before where rule.startsSentence:
                found = matchInSentence(
                    rule, openToken: openToken, paragraphStartToken: paragraphStartToken, events: events)
            case .before:
                guard let t = before else { continue }
                found = matchBefore(rule, endingAt: t, paragraphStartToken: paragraphStartToken, events: events)
            case .inside:
                // From the quote's first word to its last.
                let first = Self.tokenIndex(document.tokens, atOrAfter: q.content.start)
                let end = Self.tokenIndex(document.tokens, atOrAfter: q.content.end)
                guard first < end else { continue }
                found = matchAt(rule, from: first, hi: end, endsAtHi: false, events: events)
            case .reported:
                continue
            }
            if let found { return found }
        }
        return nil
    }

    /// The first word after the quote's closing mark (a comma or stop right after the mark skipped), when
    /// it is in the quote's paragraph; nil for a quote left open.
    func afterAnchor(_ q: Found) -> Int? {
        guard let close = q.close else { return nil }
        var t = Self.tokenIndex(document.tokens, atOrAfter: close + 1)
        while t < view.count, view.features[t].kind == .punct, [",", ".", "!", "?"].contains(view.features[t].text),
            document.tokens[t].range.start - close < 4
        { t += 1 }
        // A cue after the quote is in the quote's paragraph: `Ia menambahkan, "..."` on the next line
        // introduces the next quote, it does not attribute this one.
        if t < view.count,
            view.sentenceOf[t] == view.sentenceOf[max(0, t - 1)] || document.tokens[t].range.start - close <= 3,
            !document.text[(close + 1)..<document.tokens[t].range.start].contains(0x0A)
        {
            return t
        }
        return nil
    }

    /// The last word before the opening mark (`,` or `:` skipped), in its sentence and paragraph.
    func beforeAnchor(openToken: Int, paragraphStartToken: Int) -> Int? {
        var t = openToken - 1
        while t >= 0, view.features[t].kind == .punct, [",", ":"].contains(view.features[t].text) { t -= 1 }
        if t >= 0, t >= paragraphStartToken,
            view.sentenceOf[t] == view.sentenceOf[min(openToken, view.count - 1)] || t == openToken - 1
                || t == openToken - 2
        {
            return t
        }
        return nil
    }

    /// The attribution of a match of `rule` from token `start`.
    func matchAt(_ rule: QuoteRuleSet.Rule, from start: Int, hi: Int, endsAtHi: Bool, events: SpeechEvents)
        -> Attribution?
    {
        guard let m = matcher.match(rule, from: start, hi: hi, endsAtHi: endsAtHi) else { return nil }
        return attribution(rule, m.captures, anchor: start, events: events)
    }

    /// A `start: sentence` rule: the quote opens inside a sentence, and the match runs from the sentence's
    /// first word to the mark.
    func matchInSentence(
        _ rule: QuoteRuleSet.Rule, openToken: Int, paragraphStartToken: Int, events: SpeechEvents
    ) -> Attribution? {
        guard openToken > 0, openToken < view.count, openToken - 1 >= paragraphStartToken,
            view.sentenceOf[openToken - 1] == view.sentenceOf[openToken]
        else { return nil }
        var s = openToken - 1
        while s > paragraphStartToken, view.sentenceOf[s - 1] == view.sentenceOf[openToken] {
            s -= 1
            if openToken - s > stage.cueWindow { return nil } // a sentence too long for a cue
        }
        guard matcher.mayEnd(rule, at: openToken) else { return nil }
        return matchAt(rule, from: s, hi: openToken, endsAtHi: true, events: events)
    }

    /// A `before` rule ending at token `t`, the nearest match first: the start moves back from the mark to
    /// the start of its sentence (in the paragraph).
    func matchBefore(
        _ rule: QuoteRuleSet.Rule, endingAt t: Int, paragraphStartToken: Int, events: SpeechEvents
    ) -> Attribution? {
        guard matcher.mayEnd(rule, at: t + 1) else { return nil }
        var lo = t
        while lo > paragraphStartToken, t - lo < stage.cueWindow, view.sentenceOf[lo - 1] == view.sentenceOf[t] {
            lo -= 1
        }
        var s = t
        while s >= lo {
            if let a = matchAt(rule, from: s, hi: t + 1, endsAtHi: true, events: events) { return a }
            s -= 1
        }
        return nil
    }

    /// The tokens a quote and its cue take: from its opening mark to the end of the sentence after its
    /// closing mark, at most `cue_window` tokens past it (or its paragraph's end when it is left open).
    func quoteRegion(_ q: Found) -> Range<Int> {
        let start = Self.tokenIndex(document.tokens, atOrAfter: q.open)
        let paragraphEnd = paragraphEndToken(q.open)
        guard let close = q.close else { return start..<max(start, paragraphEnd) }
        var t = Self.tokenIndex(document.tokens, atOrAfter: close + 1)
        guard t < paragraphEnd else { return start..<max(start, paragraphEnd) }
        let sentence = view.sentenceOf[t], cueEnd = t + stage.cueWindow
        while t < paragraphEnd, t < cueEnd, view.sentenceOf[t] == sentence { t += 1 }
        return start..<max(start, t)
    }

    /// The quote's opening mark starts a sentence inside its paragraph (`Ia menceritakan ... berlindung. "...`).
    func opensSentence(_ q: Found) -> Bool {
        let t = Self.tokenIndex(document.tokens, atOrAfter: q.open)
        guard t > 0, t < view.count else { return false }
        return [".", "!", "?"].contains(view.features[t - 1].text) && view.features[t - 1].kind == .punct
    }

    /// The quote's opening mark is the first character of its paragraph.
    func opensParagraph(_ q: Found) -> Bool { paragraphStarts[paragraphIndex(q.open)] == q.open }

    /// Index of the paragraph holding byte offset `offset`.
    func paragraphIndex(_ offset: Int) -> Int {
        var low = 0, high = paragraphStarts.count
        while low < high {
            let mid = (low + high) / 2; if paragraphStarts[mid] <= offset { low = mid + 1 } else { high = mid }
        }
        return low - 1
    }

    /// The first token past the paragraph holding byte offset `offset`.
    func paragraphEndToken(_ offset: Int) -> Int {
        let p = paragraphIndex(offset)
        return p + 1 < paragraphStarts.count
            ? Self.tokenIndex(document.tokens, atOrAfter: paragraphStarts[p + 1]) : view.count
    }

    /// A fallback subject found in the window ends the search back, unless it is an office that only acts there
    /// (`Panitera muda membuatkan disposisi`): then a person who spoke before is still looked for (issue 19,
    /// seventh pass).
    func stopsSearch(_ fallback: Int?) -> Bool {
        fallback.map { document.entities[$0].type != .ROLE } ?? false
    }

    /// Who a pronoun or `-nya` cue of quote `i` stands for, following the text back from the quote,
    /// sentence by sentence, through its paragraph and the one before: the speaker of an earlier quote
    /// (with its cue) met first, or the subject of a sentence (its first PERSON, directly or through the
    /// office that introduces them). A sentence that itself refers back (`Ia menambahkan`, `Menurut
    /// dia`, `Menurutnya`) is passed over, and so is a list of who attended (`Hadir pula ...`). A ROLE or ORG
    /// subject is kept only when no person is found.
    ///
    /// `anonymous` is set when the sentence found first has a subject the text does not name
    /// (`unnamedSubject`): then nil is the answer, and the quote is nobody's the document names.
    // Long: one walk back through the text whose state (the quote's paragraph, the questions passed over,
    // the office and initials fallbacks) each kind of sentence met updates; split, the state would travel.
    func subjectBefore(
        _ i: Int, found: [Found], regions: [Range<Int>], attributions: [Attribution?], namedInQuote: [String: Int],
        unnamedAfterAnchors: [Bool], anonymous: inout Bool
    ) -> Int? {
        var quoteParagraph = found[i].paragraph
        var t = regions[i].lowerBound - 1
        var fallback: Int? = nil
        // A person written only by initials who does not speak (`initialsOnly`): the answer only when the
        // search finds nobody else.
        var initials: Int? = nil
        var j = i - 1
        // Questions of an interview passed over (their paragraphs do not count in the distance back).
        var questions = 0
        while t >= 0 {
            while j >= 0, regions[j].lowerBound > t { j -= 1 }
            if j >= 0, regions[j].contains(t) {
                // An earlier part of this same statement (a quote left open and continued into this
                // paragraph, whose speaker is this one's): the text before the statement is read from
                // its first part.
                if attributions[j]?.continuedFrom == i, found[j].close == nil, found[j].paragraph < found[i].paragraph {
                    quoteParagraph = found[j].paragraph
                } else if quoteParagraph - paragraphIndex(document.tokens[t].range.start) <= 1,
                    saidByUnnamed(j, attributions: attributions, unnamedAfterAnchors: unnamedAfterAnchors)
                {
                    // The quote before was said by someone the text does not name: this one follows them.
                    anonymous = true
                    return nil
                } else if let e = attributions[j]?.entity, quoteParagraph - found[j].paragraph <= 1,
                    let subject = enclosingSubject(j, found: found, speaker: e)
                {
                    // Words embedded in a narration sentence: its subject is the one speaking.
                    return subject
                } else if let e = attributions[j]?.entity,
                    document.entities[e].type == .PERSON
                        || quoteParagraph - paragraphIndex(document.tokens[t].range.start) <= 1
                {
                    // Past the window (see below) only a person is taken.
                    return document.entities[e].type == .PERSON ? e : (fallback ?? e)
                }
                t = regions[j].lowerBound - 1
                continue
            }
            let paragraph = paragraphIndex(document.tokens[t].range.start)
            // An interviewer's question (an unquoted paragraph ending in `?`) is nobody's subject: the
            // answer after it follows the previous answer, or the interviewee introduced before.
            if isQuestion(paragraph) {
                questions += 1
                t = Self.tokenIndex(document.tokens, atOrAfter: paragraphStarts[paragraph]) - 1
                continue
            }
            // The paragraph before is the window (questions passed over); when it names nobody at all
            // (one-sentence paragraphs of online outlets), the search goes on up to three paragraphs back.
            let gap = quoteParagraph - paragraph - questions
            if gap > 1 && (stopsSearch(fallback) || gap > 3) { break }
            // Past the window only a person is the subject: an office or body there (an outlet's name in a
            // dateline) is too far back to be the one speaking.
            let extended = gap > 1
            // The sentence up to t, not reaching back into an earlier quote's region.
            let (start, first) = sentenceStart(endingAt: t, floor: j >= 0 ? regions[j].upperBound : 0)
            let refersBack = first <= t && opensByReferringBack(first, through: t)
            // A list of who attended names nobody as the subject: the search goes on past it; not when someone
            // speaks in it (`Hadir pula <office>, <name>, S.H. Dalam kesempatan itu <name> menyampaikan ...`, one
            // sentence as the degree's dot ends none).
            let attendanceList =
                first <= t && stage.attendance.contains(folded(first)) && !speaks(after: first, through: t)
            // A sentence going on with the statement reported before it in its paragraph names nobody
            // speaking now: the search goes on to that statement's subject.
            let continuation = first <= t && continuesReportedClause(first, start: start)
            // A sentence that refers back is about the one named before it: the search goes on from its paragraph.
            if refersBack { quoteParagraph = paragraphIndex(document.tokens[t].range.start) }
            if first <= t, !refersBack, !attendanceList, !continuation {
                anonymous = !extended && (unnamedSubject(first, through: t) || unnamedSpeaker(first, through: t))
                if anonymous { return nil }
                // A sentence naming a statement read out has its author as subject, not the reader.
                if !extended, let author = readOutAuthor(first, through: t) { return author }
                if let subject = sentenceSubject(
                    first, through: t, extended: extended, spokenOf: (i, namedInQuote), fallback: &fallback,
                    initials: &initials)
                {
                    return subject
                }
            }
            t = start - 1
        }
        return fallback ?? initials
    }

    /// The sentence opening at token `first` (its first token `start`) goes on with a statement reported
    /// right before it: it opens with a word of `reported_continuation`, and the sentence before it, in
    /// the same paragraph, has a word of `speech_active` (`X mengatakan, ... . Terlebih, Y ...`).
    func continuesReportedClause(_ first: Int, start: Int) -> Bool {
        guard stage.reportedContinuation.contains(folded(first)), start > 0 else { return false }
        let paragraph = paragraphIndex(document.tokens[start].range.start)
        let sentence = view.sentenceOf[start - 1]
        var k = start - 1
        while k >= 0, view.sentenceOf[k] == sentence, paragraphIndex(document.tokens[k].range.start) == paragraph {
            if stage.verbsActive.contains(folded(k)) { return true }
            k -= 1
        }
        return false
    }

    /// The sentence from token `first` to `t` has a subject who would not be named: a word of
    /// `unnamed_person`, then a word of `anonymity_refusal` and, a few words after it, a word of `anonymous`
    /// (`seorang pejabat yang enggan disebut namanya`; not `pria yang belum diketahui identitasnya`, someone
    /// the subject speaks of).
    func unnamedSubject(_ first: Int, through t: Int) -> Bool {
        func isUnnamed(_ k: Int) -> Bool { entityAt[k] == nil && stage.unnamedPersons.contains(folded(k)) }
        guard !stage.anonymous.isEmpty, let unnamed = (first...t).first(where: isUnnamed), unnamed < t,
            let refusal = (unnamed + 1...t).first(where: { stage.anonymityRefusal.contains(folded($0)) })
        else { return false }
        return (refusal...min(t, refusal + 4)).contains { stage.anonymous.contains(folded($0)) }
    }

    /// The start of the sentence that holds token `t`, not before `floor`, and its first token that is no
    /// punctuation (past `t` when there is none).
    func sentenceStart(endingAt t: Int, floor: Int) -> (start: Int, first: Int) {
        var start = t
        let sentence = view.sentenceOf[t]
        while start > floor, view.sentenceOf[start - 1] == sentence { start -= 1 }
        var first = start
        while first <= t, view.features[first].kind == .punct { first += 1 }
        return (start, first)
    }

    /// The sentence from token `first` to `t` refers back to someone named before it: a pronoun or a `-nya`
    /// verb in its first two words, or `startsWithAnaphor`.
    func opensByReferringBack(_ first: Int, through t: Int) -> Bool {
        (first...min(t, first + 1)).contains {
            stage.pronouns.contains(folded($0)) || stage.verbsNya.contains(folded($0))
        } || startsWithAnaphor(first, through: t)
    }

    /// The subject of the sentence from token `first` to `t` for `subjectBefore`: its first person (named,
    /// resolved from an office, or set off after one), else an office or body that speaks in it (not past
    /// the window: `extended`). The first office or body met in the window becomes the `fallback`. A person
    /// written only by initials who does not speak in the sentence (`silentInitials`: a suspect listed
    /// `AM (22)`, `pelaku berinisial AG`) is no subject: the first one becomes `initials` and the walk goes on.
    func sentenceSubject(
        _ first: Int, through t: Int, extended: Bool, spokenOf: (quote: Int, names: [String: Int]),
        fallback: inout Int?, initials: inout Int?
    ) -> Int? {
        var k = first
        // A body that speaks in the sentence, kept while a person may still come after it
        // (`Kepada Pontianak Post usai pelantikan, Jalong memaparkan ...`: the outlet is no subject).
        var speakingBody: Int? = nil
        if let p = interviewee(first, through: t) { return p }
        let listed = enumerated(first, through: t)
        while k <= t {
            if let e = entityAt[k], listed.contains(e) {
                k = max(k + 1, entityTokens[e].end)
                continue
            }
            if let e = entityAt[k], [.PERSON, .ROLE, .ORG].contains(document.entities[e].type) {
                let r = resolve(e)
                if let p = personInNamePhrase(from: k) ?? (document.entities[r].type == .PERSON ? r : nil) {
                    guard
                        silentInitials(p, mention: e, through: t)
                            || silentlySpokenOf(p, spokenOf: spokenOf, mention: e, at: k, through: t)
                    else { return p }
                    if initials == nil { initials = p }
                    k = max(k + 1, entityTokens[e].end)
                    continue
                }
                if document.entities[r].type == .ROLE, let p = appositivePerson(after: e) { return p }
                // An office or body that speaks in this sentence is the subject (`dalam sambutan
                // Bupati Mimika yang dibacakan oleh ... mengatakan`); one that only acts is not.
                if !extended, speakingBody == nil,
                    (k...t).contains(where: { stage.verbsActive.contains(folded($0)) })
                {
                    if document.entities[r].type != .ORG { return fallback ?? r }
                    speakingBody = fallback ?? r
                }
                if !extended, fallback == nil { fallback = r }
                k = entityTokens[e].end
            } else if let p = knownPerson(at: k) {
                guard
                    silentInitials(p, mention: nil, through: t, at: k)
                        || silentlySpokenOf(p, spokenOf: spokenOf, mention: nil, at: k, through: t)
                else { return p }
                if initials == nil { initials = p }
                k += 1
            } else {
                k += 1
            }
        }
        return speakingBody
    }

    /// Person `p`, met at entity `mention` (or at token `at`, a word of their name the tagger left
    /// untagged), is written only by initials (one upper-case word of at most `maxInitials` letters, under
    /// the name they resolve to as well) and does not speak in the sentence up to token `t`: no word of
    /// `speech_active` after the mention, no `speech_bare` or `according_to` word right before it.
    func silentInitials(_ p: Int, mention: Int?, through t: Int, at: Int? = nil) -> Bool {
        let span = entityTokens[p]
        guard span.end - span.start == 1, view.features[span.start].shape == .upper,
            view.features[span.start].text.count <= Self.maxInitials
        else { return false }
        let start = mention.map { entityTokens[$0].start } ?? at ?? span.start
        let end = mention.map { entityTokens[$0].end } ?? (start + 1)
        if stage.verbsBare.contains(folded(start - 1)) || stage.menurut.contains(folded(start - 1)) { return false }
        return !speaks(after: end, through: t)
    }

    /// A word of `speech_active` stands from token `end` to `t` (someone mentioned before `end` speaks in the
    /// rest of the sentence).
    func speaks(after end: Int, through t: Int) -> Bool {
        end <= t && (end...t).contains { stage.verbsActive.contains(folded($0)) }
    }

    /// Each person named inside the words of a quote (by `speakerName`, their fullest name) and the first quote
    /// that names them: someone the speakers speak of (`"... informasi dari <witness> ..."`, `"<child>
    /// melaporkan ke <neighbour>"`), or whom a quote names, who is not the one saying it.
    func personsNamedInQuotes(_ found: [Found]) -> [String: Int] {
        var first: [String: Int] = [:]
        for (i, q) in found.enumerated() {
            var t = Self.tokenIndex(document.tokens, atOrAfter: q.content.start)
            while t < view.count, document.tokens[t].range.start < q.content.end {
                if let e = entityAt[t], document.entities[e].type == .PERSON {
                    let name = speakerName(document.entities[e])
                    if first[name] == nil { first[name] = i }
                    t = max(t + 1, entityTokens[e].end)
                } else {
                    // A word of a name the tagger left untagged here (`"Tono lalu melaporkan ..."`).
                    if entityAt[t] == nil, let p = knownPerson(at: t) {
                        let name = speakerName(document.entities[p])
                        if first[name] == nil { first[name] = i }
                    }
                    t += 1
                }
            }
        }
        return first
    }

    /// Person `p`, met at entity `mention` (or at token `k`, a word of their name the tagger left untagged) in a
    /// sentence of narration up to token `t`, is named inside the words of the quote being attributed or of one
    /// before it (`spokenOf`) and does not speak in the sentence (no word of `speech_active` after the mention):
    /// a witness, a child, a suspect the speaker tells of, passed over by `subjectBefore` as a silent person
    /// written by initials is (issue 19, fifteenth pass).
    func silentlySpokenOf(
        _ p: Int, spokenOf: (quote: Int, names: [String: Int]), mention: Int?, at k: Int, through t: Int
    ) -> Bool {
        guard let named = spokenOf.names[speakerName(document.entities[p])], named <= spokenOf.quote else {
            return false
        }
        return !speaks(after: mention.map { entityTokens[$0].end } ?? (k + 1), through: t)
    }

    /// The longest word of upper-case letters read as a person's initials (`AM`, `MRS`; not a name).
    static let maxInitials = 4

    /// The person a sentence from token `first` to `t` introduces as interviewed (`Berikut petikan
    /// wawancara <outlet> dengan <name>`): the person right after the `interview_with` word that follows an
    /// `interview` word; the interviewer before it (an outlet, a reporter) is no subject of the answers.
    func interviewee(_ first: Int, through t: Int) -> Int? {
        guard first <= t, let at = (first...t).first(where: { stage.interview.contains(folded($0)) }),
            at < t, let with = (at + 1...t).first(where: { stage.interviewWith.contains(folded($0)) }), with < t
        else { return nil }
        let n = with + 1
        if let e = entityAt[n], [.PERSON, .ROLE].contains(document.entities[e].type) {
            if let p = personInNamePhrase(from: n) { return p }
            let r = resolve(e)
            return document.entities[r].type == .PERSON ? r : nil
        }
        return knownPerson(at: n)
    }

    /// The people, offices and bodies of the sentence from token `first` to `t` that are items of a list of
    /// three or more (`ditandatangani Menteri PANRB, Menteri Dalam Negeri, Kepala BKN, dan Ketua Bawaslu`):
    /// entities joined only by commas and a `conjunction` word. A list names no subject.
    func enumerated(_ first: Int, through t: Int) -> Set<Int> {
        var result = Set<Int>()
        var run: [Int] = []
        // The items of the run (an office and its holder are one), and the person the last one stands for.
        var items = 0
        var lastPerson: String? = nil
        var k = first
        func close() {
            if items >= 3 { result.formUnion(run) }
            run = []
            items = 0
            lastPerson = nil
        }
        while k <= t {
            guard let e = entityAt[k], [.PERSON, .ROLE, .ORG].contains(document.entities[e].type) else {
                close()
                k += 1
                continue
            }
            run.append(e)
            var n = entityTokens[e].end
            var person: Int? = document.entities[resolve(e)].type == .PERSON ? resolve(e) : nil
            // An office's holder written right after it is the same item (`Ketua Bawaslu Jambi <name>`).
            if document.entities[e].type == .ROLE, n <= t, let h = entityAt[n], document.entities[h].type == .PERSON {
                run.append(h)
                n = entityTokens[h].end
                person = resolve(h)
            }
            // Another name of the person just listed (`<name> atau <nickname>`) is the same item.
            let name = person.map { speakerName(document.entities[$0]) }
            if name == nil || name != lastPerson { items += 1 }
            lastPerson = name
            // Only commas and a conjunction between this item and the next.
            var joined = false
            while n <= t, view.features[n].text == "," || stage.conjunctions.contains(folded(n)) {
                joined = true
                n += 1
            }
            if !joined || n > t || entityAt[n] == nil { close() }
            k = max(k + 1, n)
        }
        close()
        return result
    }

    /// In an exchange (a question in quotation marks, its answer by another speaker, each a paragraph of
    /// its own), a quoted paragraph with no cue right after is the asker's again, not the one who answered
    /// (`"..., Saudara mengerti?" tanya Hendra.` / `"Mengerti," jawab Suhendri.` / `"Ada yang mau
    /// disampaikan?"`): alternating speakers keep apart.
    func dialogueAsker(_ i: Int, found: [Found], attributions: [Attribution?]) -> Int? {
        guard i >= 2, opensParagraph(found[i]), let asked = attributions[i - 2]?.entity,
            let answered = attributions[i - 1]?.entity,
            found[i - 1].paragraph == found[i].paragraph - 1, found[i - 2].paragraph == found[i].paragraph - 2,
            opensParagraph(found[i - 1]), opensParagraph(found[i - 2]),
            document.entities[asked].type == .PERSON, document.entities[answered].type == .PERSON,
            speakerName(document.entities[asked]) != speakerName(document.entities[answered]),
            found[i - 2].content.end > found[i - 2].content.start,
            document.text[found[i - 2].content.end - 1] == UInt8(ascii: "?")
        else { return nil }
        return asked
    }

    /// An interviewer's question: a paragraph with no quotation mark whose last token is `?`.
    func isQuestion(_ paragraph: Int) -> Bool {
        let start = paragraphStarts[paragraph]
        let end = paragraph + 1 < paragraphStarts.count ? paragraphStarts[paragraph + 1] : document.text.count
        let last = paragraphEndToken(start) - 1
        guard last >= 0, document.tokens[last].range.start >= start, view.features[last].text == "?" else {
            return false
        }
        return !document.text[start..<end].contains(0x22)
    }

    /// The PERSON set off by commas after an office that took no name (`Calon Bupati nomor urut 1,
    /// Bambang Setyo Nugroho, membuka ...`): within a few tokens of the office, in its sentence, over the
    /// body or place the office names (an entity of its own, or words with an honorific's dot, `Direktur
    /// RSUD dr. Soedarso, dr. <name>, ...`) and over the holder's honorific.
    func appositivePerson(after role: Int) -> Int? {
        var t = entityTokens[role].end
        let limit = min(view.count, t + 8)
        while t < limit, view.sentenceOf[t] == view.sentenceOf[entityTokens[role].start] {
            if view.features[t].text == ".", t > entityTokens[role].end, honorific(t - 1) {
                t += 1
                continue
            }
            if view.features[t].kind == .punct {
                guard view.features[t].text == "," else { return nil }
                var n = t + 1
                if honorific(n) {
                    n += 1
                    if n < view.count, view.features[n].text == "." { n += 1 }
                }
                guard n < view.count, let e = entityAt[n] else { return nil }
                let p = resolve(e)
                let end = entityTokens[e].end
                guard document.entities[p].type == .PERSON, end < view.count, view.features[end].kind == .punct else {
                    return nil
                }
                return p
            }
            if let e = entityAt[t] {
                // The office's body or place written after it (`RSUD dr. Soedarso` tagged on its own).
                guard [.ORG, .LOC, .FAC].contains(document.entities[e].type) else { return nil }
                t = max(t + 1, entityTokens[e].end)
                continue
            }
            t += 1
        }
        return nil
    }

    /// Token `t` is a word of the `honorific` list.
    func honorific(_ t: Int) -> Bool {
        t >= 0 && t < view.count && view.features[t].kind == .word && stage.honorifics.contains(folded(t))
    }

    /// The sentence from token `first` to `t` names its subject by referring back: a pronoun comes
    /// before its first entity (`Selama 10 bulan, ia menyebut DKPP ...`), or that entity is an epithet
    /// with a demonstrative after it (`Mantan Panglima Kostrad itu pun menyatakan ...`).
    func startsWithAnaphor(_ first: Int, through t: Int) -> Bool {
        var k = first
        while k <= t {
            if let e = entityAt[k] {
                var after = entityTokens[e].end
                // A term of office and its years between them (`... periode 2012-2017 ini`).
                if stage.epithetTerms.contains(folded(after)) {
                    after += 1
                    let limit = min(view.count, after + 5)
                    while after < limit, view.features[after].kind != .word { after += 1 }
                }
                return stage.demonstratives.contains(folded(after))
            }
            // A name the tagger left untagged, or a verb: a pronoun after it is no subject
            // (`ABP membantah dirinya ...`).
            if knownPerson(at: k) != nil || stage.verbsActive.contains(folded(k)) { return false }
            if stage.pronouns.contains(folded(k)) { return true }
            k += 1
        }
        return false
    }

    /// The stage's steps in order: find the quotes, attribute each by the rules, give the parts of one
    /// statement one speaker, follow the speaker for pronouns and uncued paragraphs, and write the quotes.
    mutating func quotes() -> [Quote] {
        let found = findQuotes()
        let events = speechEvents()
        var attributions: [Attribution?] = found.map { attribute($0, events: events) }
        continueStatements(found, &attributions)
        followSpeakers(found, &attributions)
        return quoteList(found, attributions)
    }

    /// Parts of one statement share a speaker: a quote left open and continued in the next paragraph, or a
    /// quote split by its cue (`"A," katanya. "B."`) in one paragraph; twice, so that a speaker passes
    /// through a part that had none.
    func continueStatements(_ found: [Found], _ attributions: inout [Attribution?]) {
        for _ in 0..<2 {
            for i in found.indices where attributions[i] == nil {
                if i + 1 < found.count, let next = attributions[i + 1],
                    found[i].close == nil && found[i + 1].paragraph == found[i].paragraph + 1
                        && opensParagraph(found[i + 1])
                        || found[i + 1].paragraph == found[i].paragraph
                {
                    attributions[i] = Attribution(
                        entity: next.entity, text: next.text, cue: next.cue, rule: "quote.continued",
                        viaLastSpeaker: next.viaLastSpeaker,
                        continuedFrom: next.continuedFrom ?? i + 1)
                } else if i > 0, let previous = attributions[i - 1],
                    found[i - 1].paragraph == found[i].paragraph
                        || (found[i - 1].close == nil && found[i - 1].paragraph + 1 == found[i].paragraph)
                {
                    attributions[i] = Attribution(
                        entity: previous.entity, text: previous.text, cue: previous.cue, rule: "quote.continued",
                        viaLastSpeaker: previous.viaLastSpeaker,
                        continuedFrom: previous.continuedFrom ?? i - 1)
                }
            }
        }
    }

    /// Quotes that follow the one speaking: a paragraph of its own with no cue, a pronoun or `-nya` cue,
    /// and the parts of a statement, which take their first part's speaker.
    func followSpeakers(_ found: [Found], _ attributions: inout [Attribution?]) {
        // A quote that is a paragraph of its own, with no cue, follows the one who was speaking: the
        // speaker of the quote before or the subject of the sentence before (`Ia menambahkan, ...` then
        // the quoted paragraph), as a pronoun would.
        for i in found.indices where attributions[i] == nil && (opensParagraph(found[i]) || opensSentence(found[i])) {
            attributions[i] = Attribution(entity: nil, cue: nil, rule: "quote.follows-speaker", viaLastSpeaker: true)
        }
        // Pronouns and `-nya` follow the text: in quote order, each goes to the subject of the nearest
        // sentence before it or to the speaker of the nearest quote before it (`subjectBefore`).
        let regions = found.map { quoteRegion($0) }
        let namedInQuote = personsNamedInQuotes(found)
        let unnamedAfterAnchors = unnamedAfterAnchors(found, regions: regions)
        for i in found.indices {
            guard let a = attributions[i] else { continue }
            if let k = a.continuedFrom, k < i {
                attributions[i]!.entity = attributions[k]?.entity
                attributions[i]!.text = attributions[k]?.text
            } else if a.rule == "quote.follows-speaker",
                let asker = dialogueAsker(i, found: found, attributions: attributions)
            {
                attributions[i]!.entity = asker
            } else if a.viaLastSpeaker && a.continuedFrom == nil {
                var anonymous = false
                let subject = subjectBefore(
                    i, found: found, regions: regions, attributions: attributions, namedInQuote: namedInQuote,
                    unnamedAfterAnchors: unnamedAfterAnchors, anonymous: &anonymous)
                if anonymous {
                    attributions[i]!.entity = nil
                    attributions[i]!.unnamed = true
                    continue
                }
                // A body is the subject only when no person spoke before either (`Polri belum
                // menetapkan ...` between a spokesman's quotes does not make `ujarnya` the police).
                if let subject, document.entities[subject].type == .ORG, let person = a.entity,
                    document.entities[person].type == .PERSON
                {
                    attributions[i]!.entity = person
                } else {
                    attributions[i]!.entity = subject ?? a.entity
                }
            }
        }
        for i in found.indices {
            if let k = attributions[i]?.continuedFrom {
                attributions[i]!.entity = attributions[k]?.entity
                attributions[i]!.text = attributions[k]?.text
            }
        }
        // Nobody was speaking before: the quote stays unattributed.
        for i in found.indices where attributions[i]?.rule == "quote.follows-speaker" && attributions[i]?.entity == nil
        { attributions[i] = nil }
    }

    /// The quotes reported, with their speakers: titles, scare quotes and nicknames inside a name left out.
    func quoteList(_ found: [Found], _ attributions: [Attribution?]) -> [Quote] {
        var result: [Quote] = []
        let inSentenceRules = Set(stage.rules.quoteRules.filter(\.startsSentence).map(\.id))
        // The PERSON entity over each token (-1: none), for nicknames in quotation marks.
        var personAt = [Int](repeating: -1, count: view.count)
        for (k, span) in entityTokens.enumerated() where document.entities[k].type == .PERSON {
            for t in span.start..<min(span.end, view.count) { personAt[t] = k }
        }
        let bodies =
            attributions.contains { $0?.entity.map { document.entities[$0].type == .ORG } ?? false } ? bodyWords() : []
        var bodyMemo: [String: (index: Int, count: Int)?] = [:]
        var endingNames: [Int: String?] = [:]
        for (i, q) in found.enumerated() {
            // Tokens are sorted and do not overlap: walk those starting inside the quote.
            var words = 0
            var t = Self.tokenIndex(document.tokens, atOrAfter: q.content.start)
            while t < document.tokens.count, document.tokens[t].range.start < q.content.end {
                let token = document.tokens[t]
                if q.content.contains(token.range) && (token.kind == .word || token.kind == .number) { words += 1 }
                t += 1
            }
            let a = attributions[i]
            if a?.isTitle == true { continue }
            // Short quoted terms are scare quotes, also inside a sentence that reports speech (`menyebut
            // pernyataannya sebagai "hal konyol"`): only a cue next to the marks makes them speech.
            if words < stage.minWords
                && (a == nil || a!.rule == "quote.continued" || a!.rule == "quote.follows-speaker"
                    || inSentenceRules.contains(a!.rule))
                && !speechVerbAfter(q)
            {
                continue
            } // scare quotes
            // A nickname inside a name (`I Wayan "Gendo" Suardana`) is part of the PERSON, no quote.
            let first = Self.tokenIndex(document.tokens, atOrAfter: q.content.start)
            if first > 0, first < view.count, personAt[first] >= 0, personAt[first - 1] == personAt[first] { continue }
            var speaker: String? = nil
            if let e = a?.entity {
                // A body that speaks with no person for it is named in its fullest form; an office that ran on
                // into its holder's name, by that name.
                if endingNames[e] == nil { endingNames[e] = .some(nameEndingOffice(e)) }
                speaker =
                    (endingNames[e] ?? nil)
                    ?? speakerName(document.entities[fullestBody(e, bodies: bodies, memo: &bodyMemo)])
            } else {
                speaker = a?.text
            }
            result.append(
                Quote(
                    range: q.content, speaker: speaker, speakerEntity: a?.entity, cue: a?.cue,
                    rule: a?.rule ?? "quote.unattributed"))
        }
        return result
    }

    /// A speech verb is the first word after the quote's closing mark (`"Setuju!" jawab para anggota`): a
    /// short quote so cued is speech, even when the rules name nobody for it.
    func speechVerbAfter(_ q: Found) -> Bool {
        guard let t = afterAnchor(q) else { return false }
        let w = folded(t)
        return stage.verbsBare.contains(w) || stage.verbsNya.contains(w)
    }

    // MARK: Reported speech

    /// `Menurut X, ...` and `X mengatakan (bahwa) ...` in sentences without quotation marks: the clause
    /// after the cue, to the end of the sentence.
    func reportedSpeech() -> [ReportedSpeech] {
        var result: [ReportedSpeech] = []
        let text = document.text
        // Sentences with direct speech are not reported speech: double marks, or single marks that
        // enclose a quote (`berkata, 'Kita ...'`).
        let quoted = findQuotes().map { TextRange($0.open, ($0.close ?? $0.content.end - 1) + 1) }
        // Linear bookkeeping (a long article has many sentences, quotes and entities): the token range of
        // each sentence (`sentenceOf` never decreases), the entities by the sentence they start in (in
        // index order), and the quotes by start with the furthest end so far.
        var sentenceTokens = [Range<Int>?](repeating: nil, count: document.sentences.count)
        for t in 0..<view.count where view.sentenceOf[t] < sentenceTokens.count {
            let s = view.sentenceOf[t]
            sentenceTokens[s] = (sentenceTokens[s]?.lowerBound ?? t)..<(t + 1)
        }
        let quotedByStart = quoted.sorted { $0.start < $1.start }
        var quoteCursor = 0, furthestQuoteEnd = Int.min
        for (s, sentence) in document.sentences.enumerated() {
            if text[sentence.start..<sentence.end].contains(UInt8(ascii: "\"")) { continue }
            // Some quote overlaps the sentence when one starting before its end ends after its start.
            while quoteCursor < quotedByStart.count, quotedByStart[quoteCursor].start < sentence.end {
                furthestQuoteEnd = max(furthestQuoteEnd, quotedByStart[quoteCursor].end)
                quoteCursor += 1
            }
            if furthestQuoteEnd > sentence.start { continue }
            guard let tokenRange = sentenceTokens[s] else { continue }
            let first = tokenRange.lowerBound, last = tokenRange.upperBound - 1
            // The first match in the sentence, start by start: the clause after it is what was said.
            starts: for start in first...last {
                for r in matcher.rulesThatMayStart(stage.rules.reportedRules, at: start, hi: last + 1) {
                    let rule = stage.rules.reportedRules[r]
                    guard let m = matcher.match(rule, from: start, hi: last + 1, endsAtHi: false), m.end <= last,
                        let speakerSpan = m.captures["speaker"], let i = speakerSpan.entity
                    else { continue }
                    let range = TextRange(document.tokens[m.end].range.start, document.tokens[last].range.end)
                    let speakerIndex = resolve(i)
                    let speaker = speakerName(document.entities[speakerIndex])
                    let cue = m.captures["cue"].map { c in
                        (c.start..<c.end).map { view.features[$0].text }.joined(separator: " ")
                    }
                    result.append(
                        ReportedSpeech(
                            range: range, speaker: speaker, speakerEntity: speakerIndex, cue: cue ?? "", rule: rule.id))
                    break starts
                }
            }
        }
        return result
    }
}
