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
/// Speakers, in order of the cues tried (each an attribution rule id):
/// `after.verb-nya` (`..." ujarnya` → the last named speaker), `after.verb-name` (`..." ujar Erius`),
/// `after.verb-pronoun` (`kata dia`), `after.name-verb` (`..." Derek menambahkan`), `before.name-verb`
/// (`Ia menambahkan, "..."`, `X menegaskan: "..."`), `before.menurut` (`Menurut Derek, "..."`),
/// `continued` (the other part of a quote split by its cue, or continued into the next paragraph),
/// else null. A ROLE speaker is replaced by the PERSON it introduces, or that an earlier mention of the
/// same office introduced; pronouns and `-nya` go to the last named speaker, a PERSON or else a ROLE
/// or ORG that spoke.
public struct QuoteStage: Stage {
    public static let name = "quotes"
    public static let requires: [Layer] = [.tokens, .sentences, .entities]
    public static let provides: [Layer] = [.quotes]

    let verbsNya: Set<String>
    let verbsBare: Set<String>
    let verbsActive: Set<String>
    /// `verbsActive` for the lookup made at every token, by the hash `TokenView` keeps (a `Set<String>`
    /// hashed each token's text anew with SipHash).
    let verbsActiveTable: StringSet
    let pronouns: Set<String>
    let minWords: Int
    let reported: Bool

    public init(options: StageOptions) throws {
        func words(_ key: String) throws -> Set<String> {
            var set = Set<String>()
            let urls = try options.files(key)
            guard !urls.isEmpty else { throw options.error(key, "a word list file is required") }
            for url in urls {
                for (entry, _) in try ListFile.entries(url) { set.insert(ICU.foldCase(entry)) }
            }
            return set
        }
        verbsNya = try words("speech_verbs_nya")
        verbsBare = try words("speech_verbs_bare")
        verbsActive = try words("speech_verbs_active")
        verbsActiveTable = StringSet(verbsActive)
        pronouns = try words("pronouns")
        minWords = try options.int("min_words", default: 4, range: 1...50)
        reported = try options.bool("reported_speech", default: true)
    }

    public init(verbsNya: Set<String>, verbsBare: Set<String>, verbsActive: Set<String>, pronouns: Set<String>,
                minWords: Int = 4, reported: Bool = true) {
        self.verbsNya = Set(verbsNya.map { ICU.foldCase($0) })
        self.verbsBare = Set(verbsBare.map { ICU.foldCase($0) })
        self.verbsActive = Set(verbsActive.map { ICU.foldCase($0) })
        verbsActiveTable = StringSet(self.verbsActive)
        self.pronouns = Set(pronouns.map { ICU.foldCase($0) })
        self.minWords = minWords
        self.reported = reported
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

    init(document: Document, stage: QuoteStage) {
        self.document = document
        self.stage = stage
        view = TokenView.of(document)
        paragraphStarts = [0] + document.text.indices.filter { document.text[$0] == 0x0A }.map { $0 + 1 }
        var spans: [(Int, Int)] = []
        for e in document.entities {
            let s = Self.tokenIndex(document.tokens, atOrAfter: e.range.start)
            var t = s
            while t < document.tokens.count, document.tokens[t].range.end <= e.range.end { t += 1 }
            spans.append((s, t))
        }
        entityTokens = spans.map { (start: $0.0, end: $0.1) }
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
        let resolvedIndex = Self.resolveAll(document)
        resolved = resolvedIndex
        let entitySpans = entityTokens
        let persons = entitySpans.indices
            .filter { document.entities[resolvedIndex[$0]].type == .PERSON }
            .map { (end: entitySpans[$0].end, entity: $0) }
            .sorted { ($0.end, $0.entity) < ($1.end, $1.entity) }
        personsByEnd = persons
        var latest: [Int] = [-1]
        for (_, i) in persons {
            let best = latest.last!
            latest.append(best < 0 || entitySpans[i].start > entitySpans[best].start
                          || (entitySpans[i].start == entitySpans[best].start && i < best) ? i : best)
        }
        latestPersonOfPrefix = latest
    }

    /// The person (or role, org) each entity stands for as a speaker: a ROLE linked to a PERSON is that
    /// person; an unlinked ROLE is the person of the first earlier linked mention of the same office
    /// (its text starts with this one's).
    ///
    /// - Complexity: linear in the entities times the length of a ROLE's text: the earlier linked
    ///   mention is looked up by its prefixes (scanning every linked ROLE for each unlinked one was
    ///   quadratic in a long document).
    static func resolveAll(_ document: Document) -> [Int] {
        let entities = document.entities
        let unlinked = entities.indices.filter { entities[$0].type == .ROLE && entities[$0].person == nil }
        guard !unlinked.isEmpty else { return entities.indices.map { entities[$0].type == .ROLE ? entities[$0].person ?? $0 : $0 } }
        var texts: [Int: String] = [:]
        var wanted = Set<String>()
        for k in unlinked { let t = document.substring(entities[k].range); texts[k] = t; wanted.insert(t) }
        let lengths = Set(wanted.map(\.count)).sorted()
        // For each text an unlinked ROLE has, the linked ROLEs whose text starts with it, in entity
        // order (only their starts are compared below, and the first one that starts earlier wins).
        var linkedByPrefix: [String: [Int]] = [:]
        for i in entities.indices where entities[i].type == .ROLE && entities[i].person != nil {
            let other = document.substring(entities[i].range)
            for n in lengths {
                guard n <= other.count else { break }
                let prefix = String(other.prefix(n))
                if wanted.contains(prefix) { linkedByPrefix[prefix, default: []].append(i) }
            }
        }
        return entities.indices.map { index in
            let e = entities[index]
            guard e.type == .ROLE else { return index }
            if let p = e.person { return p }
            for i in linkedByPrefix[texts[index]!] ?? [] where entities[i].range.start < e.range.start {
                return entities[i].person!
            }
            return index
        }
    }

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
        var open: Int      // byte offset of the opening mark
        var content: TextRange
        var close: Int?    // byte offset of the closing mark, nil when left open
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
        for (p, para) in paragraphs().enumerated() {
            var marks = para.filter { text[$0] == UInt8(ascii: "\"") }
            var isSingle = false
            if marks.isEmpty {
                marks = para.filter { i in
                    guard text[i] == UInt8(ascii: "'") else { return false }
                    let before = i == para.lowerBound ? 0x20 : text[i - 1]
                    let after = i + 1 < para.upperBound ? text[i + 1] : 0x20
                    let opens = (before == 0x20 || before == UInt8(ascii: "(")) && Self.isWordByte(after)
                    let closes = Self.isWordByte(before) || before == UInt8(ascii: ".") || before == UInt8(ascii: ",")
                    return opens != closes && (opens || after == 0x20 || Self.isPunct(after) || i + 1 == para.upperBound)
                }
                isSingle = true
                if marks.count < 2 { continue }
            }
            var k = 0
            while k < marks.count {
                let open = marks[k]
                let close = k + 1 < marks.count ? marks[k + 1] : nil
                if isSingle && close == nil { break }
                let end = close ?? para.upperBound
                if let content = Self.trim(text, open + 1, end) {
                    found.append(Found(open: open, content: content, close: close, paragraph: p))
                }
                k += 2
            }
        }
        return found
    }

    static func isWordByte(_ b: UInt8) -> Bool { b >= 0x80 || (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) }
    static func isPunct(_ b: UInt8) -> Bool { [UInt8(ascii: ","), UInt8(ascii: "."), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: ")"), UInt8(ascii: "!"), UInt8(ascii: "?")].contains(b) }

    static func trim(_ text: [UInt8], _ s: Int, _ e: Int) -> TextRange? {
        var a = s, b = e
        while a < b, text[a] == 0x20 { a += 1 }
        while b > a, text[b - 1] == 0x20 { b -= 1 }
        return a < b ? TextRange(a, b) : nil
    }

    // MARK: Attribution

    struct Attribution {
        var entity: Int?
        var cue: String?
        var rule: String
        var viaLastSpeaker = false
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
        for t in 0..<view.count where stage.verbsActiveTable.contains(f[t].folded, hash: f[t].foldedHash, isASCII: f[t].isASCII)
                && verbInSentence[view.sentenceOf[t]] == nil {
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
            if b >= 0, stage.verbsBare.contains(folded(b)) || folded(b) == "menurut" { events.append((span.start, i)) }
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

    func attributeAfter(_ q: Found, events: SpeechEvents) -> Attribution? {
        guard let close = q.close else { return nil }
        var t = Self.tokenIndex(document.tokens, atOrAfter: close + 1)
        while t < view.count, [",", ".", "!", "?"].contains(view.features[t].text), document.tokens[t].range.start - close < 4 { t += 1 }
        guard t < view.count, view.sentenceOf[t] == view.sentenceOf[max(0, t - 1)] || document.tokens[t].range.start - close <= 3 else { return nil }
        // A cue after the quote is in the quote's paragraph: `Ia menambahkan, "..."` on the next line
        // introduces the next quote, it does not attribute this one.
        if document.text[(close + 1)..<document.tokens[t].range.start].contains(0x0A) { return nil }
        let w = folded(t)
        if stage.verbsNya.contains(w) {
            return Attribution(entity: lastSpeaker(before: t, events: events), cue: view.features[t].text, rule: "after.verb-nya", viaLastSpeaker: true)
        }
        if stage.verbsBare.contains(w) {
            if let e = entity(at: t + 1, types: [.PERSON, .ROLE, .ORG]) {
                return Attribution(entity: resolve(e), cue: view.features[t].text, rule: "after.verb-name")
            }
            if stage.pronouns.contains(folded(t + 1)) {
                return Attribution(entity: lastSpeaker(before: t, events: events), cue: view.features[t].text + " " + view.features[t + 1].text,
                                   rule: "after.verb-pronoun", viaLastSpeaker: true)
            }
        }
        if let e = entity(at: t, types: [.PERSON, .ROLE, .ORG]) {
            var v = entityTokens[e].end
            if ["juga", "pun", "pula", "lalu", "kemudian"].contains(folded(v)) { v += 1 }
            if stage.verbsActive.contains(folded(v)) || stage.verbsBare.contains(folded(v)) {
                return Attribution(entity: resolve(e), cue: view.features[v].text, rule: "after.name-verb")
            }
        }
        if stage.pronouns.contains(w), stage.verbsActive.contains(folded(t + 1)) {
            return Attribution(entity: lastSpeaker(before: t, events: events), cue: view.features[t + 1].text, rule: "after.pronoun-verb", viaLastSpeaker: true)
        }
        return nil
    }

    func attributeBefore(_ q: Found, events: SpeechEvents) -> Attribution? {
        let openToken = Self.tokenIndex(document.tokens, atOrAfter: q.open)
        var t = openToken - 1
        while t >= 0, [",", ":"].contains(view.features[t].text) { t -= 1 }
        guard t >= 0, view.sentenceOf[t] == view.sentenceOf[min(openToken, view.count - 1)] || t == openToken - 1 || t == openToken - 2 else { return nil }
        // The start of the quote's paragraph (found by binary search: a scan back is quadratic in a long paragraph).
        var low = 0, high = paragraphStarts.count
        while low < high { let mid = (low + high) / 2; if paragraphStarts[mid] <= q.open { low = mid + 1 } else { high = mid } }
        let paragraphStart = paragraphStarts[low - 1]
        guard t >= 0, document.tokens[t].range.start >= paragraphStart else { return nil }
        if stage.verbsActive.contains(folded(t)) || stage.verbsBare.contains(folded(t)) {
            // The subject: the nearest speaker entity or pronoun before the verb in the sentence.
            var s = t - 1
            while s >= 0, view.sentenceOf[s] == view.sentenceOf[t] {
                if let e = entity(endingAt: s + 1, types: [.PERSON, .ROLE, .ORG]) {
                    return Attribution(entity: resolve(e), cue: view.features[t].text, rule: "before.name-verb")
                }
                if stage.pronouns.contains(folded(s)) {
                    return Attribution(entity: lastSpeaker(before: s, events: events), cue: view.features[t].text, rule: "before.pronoun-verb", viaLastSpeaker: true)
                }
                s -= 1
                if t - s > 6 { break }
            }
        }
        // Menurut X, "..."
        if let e = entity(endingAt: t + 1, types: [.PERSON, .ROLE, .ORG]),
           folded(entityTokens[e].start - 1) == "menurut" {
            return Attribution(entity: resolve(e), cue: "menurut", rule: "before.menurut")
        }
        if folded(t) == "menurutnya" {
            return Attribution(entity: lastSpeaker(before: t, events: events), cue: view.features[t].text, rule: "before.menurut", viaLastSpeaker: true)
        }
        return nil
    }

    mutating func quotes() -> [Quote] {
        let found = findQuotes()
        let events = speechEvents()
        var attributions: [Attribution?] = found.map { attributeAfter($0, events: events) ?? attributeBefore($0, events: events) }
        // Parts of one statement share a speaker: a quote left open and continued in the next paragraph,
        // or a quote split by its cue (`"A," katanya. "B."`) in one paragraph.
        for _ in 0..<2 {
            for i in found.indices where attributions[i] == nil {
                if i + 1 < found.count, let next = attributions[i + 1],
                   found[i].close == nil && found[i + 1].paragraph == found[i].paragraph + 1 || found[i + 1].paragraph == found[i].paragraph {
                    attributions[i] = Attribution(entity: next.entity, cue: next.cue, rule: "continued", viaLastSpeaker: next.viaLastSpeaker)
                } else if i > 0, let previous = attributions[i - 1],
                          found[i - 1].paragraph == found[i].paragraph || (found[i - 1].close == nil && found[i - 1].paragraph + 1 == found[i].paragraph) {
                    attributions[i] = Attribution(entity: previous.entity, cue: previous.cue, rule: "continued", viaLastSpeaker: previous.viaLastSpeaker)
                }
            }
        }
        var result: [Quote] = []
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
            if words < stage.minWords && (a == nil || a!.rule == "continued") { continue } // scare quotes
            var speaker: String? = nil
            if let e = a?.entity {
                let entity = document.entities[e]
                speaker = speakerName(entity)
            }
            result.append(Quote(range: q.content, speaker: speaker, speakerEntity: a?.entity, cue: a?.cue, rule: a.map { "quote.\($0.rule)" } ?? "quote.unattributed"))
        }
        return result
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
        var entitiesInSentence = [[Int]](repeating: [], count: document.sentences.count)
        for (i, span) in entityTokens.enumerated() where span.start < view.count && view.sentenceOf[span.start] < entitiesInSentence.count {
            entitiesInSentence[view.sentenceOf[span.start]].append(i)
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
            for i in entitiesInSentence[s] where entityTokens[i].start >= first && entityTokens[i].end <= last + 1 {
                let span = entityTokens[i]
                let e = document.entities[i]
                guard [.PERSON, .ROLE, .ORG].contains(e.type) else { continue }
                var cueToken: Int? = nil
                var contentStart: Int? = nil
                if folded(span.start - 1) == "menurut", span.start - 1 >= first {
                    cueToken = span.start - 1
                    contentStart = view.features[span.end].text == "," ? span.end + 1 : span.end
                } else {
                    var v = span.end
                    if ["juga", "pun", "pula", "lalu", "kemudian", "kembali", "turut"].contains(folded(v)) { v += 1 }
                    if v <= last, stage.verbsActive.contains(folded(v)) {
                        cueToken = v
                        var c = v + 1
                        if c <= last, [",", ":"].contains(view.features[c].text) || folded(c) == "bahwa" { c += 1 }
                        contentStart = c
                    }
                }
                guard let cue = cueToken, let cs = contentStart, cs <= last else { continue }
                let range = TextRange(document.tokens[cs].range.start, document.tokens[last].range.end)
                let speakerIndex = resolve(i)
                let speakerEntity = document.entities[speakerIndex]
                let speaker = speakerName(speakerEntity)
                result.append(ReportedSpeech(range: range, speaker: speaker, speakerEntity: speakerIndex,
                                             cue: view.features[cue].text, rule: cue < span.start ? "reported.menurut" : "reported.name-verb"))
                break
            }
        }
        return result
    }
}
