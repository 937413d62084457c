import Foundation
import Yams

/// The attribution rules of the `quotes` stage, read from a rules file (`pipelines/rules/quotes.yaml`).
///
/// A file has three sections:
/// - `lists`: named word lists, each a file (one entry a line, `#` comments) or an inline list. Entries
///   are compared with a token's case-folded text; an entry of several words never matches one token.
///   The stage itself reads five of them by name, for the mechanics that are not patterns: `pronoun`
///   and `speech_nya` (a sentence that refers back), `speech_active`, `speech_bare` and `according_to` (who
///   has spoken so far).
/// - `quotes`: attribution rules, tried in the file's order; the first that matches attributes the quote.
/// - `reported`: rules for reported speech (sentences without quotation marks); the clause after a match
///   to the end of its sentence is what was said.
///
/// A rule has a stable `id` (written into each quote's or report's `rule`), a `side` (`after`: the match starts at the first word after the closing mark;
/// `before`: it ends at the last word before the opening mark, a trailing `,` or `:` skipped; `inside`: it starts
/// at the quote's own first word, for words that make the quote a document's, `Menyatakan terdakwa ...`), an
/// optional `start: sentence` (the match starts at the first word of the sentence holding the opening
/// mark, which must not open its sentence), a `pattern` and what gives the `speaker`:
/// - `named` (default): the person of the name phrase that starts at the `speaker` capture
///   (`Kasat Resnarkoba Polres Labuhanbatu AKP Muhammad Fauzi Harahap`), else the entity captured;
/// - `previous`: a pronoun or `-nya`, resolved by the stage (the speaker of the nearest quote before,
///   or the subject of the nearest sentence before);
/// - `author`: the `author` capture (a statement read out on its author's behalf);
/// - `earlier-author`: the entity right after the nearest earlier word of the list `author_after`
///   (`sambutan Pj Gubernur ...` before `"...," bunyi sambutan tersebut`);
/// - `words`: as `named`, else the words of the `speaker` capture as written, with no entity (a name
///   the tagger did not find: `"..." said Ferdinan Tambunan, head of ...` in an English article); a capture
///   all in lower case is an office (`ujar wali kota`): the one the document names in full, resolved to its
///   holder, and when the words are no office or the document never names it in full the rule does not match;
/// - `none`: nobody (a document, a regulation, a banner quoted): the quote gets `speaker: null`;
/// - `title`: the marks enclose a title, not speech (`buku "Merdeka Belajar dari Ruang Kelas Desa"`):
///   no quote is reported.
///
/// Pattern elements use the token tests of the entity rules' language: `text`, `lower`, `in`, `not_in`
/// (a list name, several list names, or inline words), `shape`, `kind`, `entity` / `not_entity` (types),
/// with `op` (`?`, `*`, `+`), `max`, `capture` and `any_of`. Unlike the entity rules, `entity: TYPES`
/// consumes the whole entity that starts at the token (the outermost one), and `not_entity` holds for a
/// token that no entity of those types covers. An element with no test matches any token. Matching
/// backtracks (patterns are a few elements long and windows a sentence).
public struct QuoteRuleSet: Sendable {
    public enum Side: String, Sendable { case after, before, inside, reported }
    public enum SpeakerSource: String, Sendable {
        case named, previous, author
        case earlierAuthor = "earlier-author"
        case none, title, words
    }

    public struct Element: Sendable {
        var text: Set<String>? = nil
        var lower: Set<String>? = nil
        var inLists: [Int]? = nil
        var notInLists: [Int]? = nil
        var shapes: Set<TokenView.Shape>? = nil
        var kinds: Set<Token.Kind>? = nil
        var entity: Set<EntityType>? = nil
        var notEntity: Set<EntityType>? = nil
        var anyOf: [Element]? = nil
        var min = 1
        var max = 1
        var capture: String? = nil
    }

    public struct Rule: Sendable {
        public let id: String
        public let side: Side
        public let startsSentence: Bool
        public let speaker: SpeakerSource
        public let authorAfter: Int?
        let pattern: [Element]
    }

    public let file: String
    public let listNames: [String]
    let lists: [Set<String>]
    public let quoteRules: [Rule]
    public let reportedRules: [Rule]
    /// Every file read (the rules file and its lists), for the run's configuration hash.
    public let files: [URL]

    /// The lists the stage's mechanics read by name.
    public static let requiredLists = ["pronoun", "speech_nya", "speech_active", "speech_bare", "according_to"]

    public func list(_ name: String) -> Set<String> {
        listNames.firstIndex(of: name).map { lists[$0] } ?? []
    }

    /// Reads a quote rules file; every problem is reported with the file, the line and what was expected
    /// (see `QuoteRuleLoader`).
    public static func load(_ url: URL) throws -> QuoteRuleSet {
        var loader = QuoteRuleLoader(url: url)
        return try loader.load()
    }

    static func captures(_ pattern: [Element]) -> [String] {
        pattern.flatMap { e in (e.capture.map { [$0] } ?? []) + captures(e.anyOf ?? []) }
    }
}

/// Matches quote rules over a document's tokens: a small backtracking matcher, anchored at one end.
struct QuoteMatcher {
    let rules: QuoteRuleSet
    let view: TokenView
    /// The outermost entity starting at each token.
    let entityAt: [Int: Int]
    let entityTokens: [(start: Int, end: Int)]
    let entityTypes: [EntityType]
    /// The entity types covering each token.
    let covering: [Set<EntityType>]
    /// Entities inside a wider one (`Dinas Kesehatan` in `Kepala Dinas Kesehatan`): an entity element
    /// takes the outermost.
    let nested: Set<Int>

    struct Span { var start: Int; var end: Int; var entity: Int? }
    typealias Captures = [String: Span]

    init(
        rules: QuoteRuleSet, view: TokenView, document: Document, entityAt: [Int: Int],
        entityTokens: [(start: Int, end: Int)]
    ) {
        self.rules = rules
        self.view = view
        self.entityAt = entityAt
        self.entityTokens = entityTokens
        entityTypes = document.entities.map(\.type)
        var covering = [Set<EntityType>](repeating: [], count: view.count)
        for (i, span) in entityTokens.enumerated() where span.start < span.end {
            for t in span.start..<min(span.end, view.count) { covering[t].insert(document.entities[i].type) }
        }
        self.covering = covering
        var nested = Set<Int>()
        var widest: (start: Int, end: Int) = (-1, -1)
        for i in entityTokens.indices.sorted(by: {
            (entityTokens[$0].start, -entityTokens[$0].end) < (entityTokens[$1].start, -entityTokens[$1].end)
        }) {
            let span = entityTokens[i]
            if widest.start < span.start, widest.end >= span.end { nested.insert(i) }
            if span.end > widest.end { widest = span }
        }
        self.nested = nested
    }

    /// One element at token t within [.., hi): the end of what it consumes and the entity, or nil.
    func single(_ e: QuoteRuleSet.Element, _ t: Int, _ hi: Int) -> (end: Int, entity: Int?)? {
        guard t < hi else { return nil }
        if let alternatives = e.anyOf {
            for a in alternatives { if let m = single(a, t, hi) { return m } }
            return nil
        }
        let f = view.features[t]
        if let types = e.entity {
            guard let i = entityAt[t], types.contains(entityTypes[i]), entityTokens[i].end <= hi, !nested.contains(i)
            else { return nil }
            if !tokenTests(e, f, t) { return nil }
            return (entityTokens[i].end, i)
        }
        return tokenTests(e, f, t) ? (t + 1, nil) : nil
    }

    func tokenTests(_ e: QuoteRuleSet.Element, _ f: TokenView.Features, _ t: Int) -> Bool {
        if let text = e.text, !text.contains(f.text) { return false }
        if let lower = e.lower, !lower.contains(f.folded) { return false }
        if let lists = e.inLists, !lists.contains(where: { rules.lists[$0].contains(f.folded) }) { return false }
        if let lists = e.notInLists, lists.contains(where: { rules.lists[$0].contains(f.folded) }) { return false }
        if let shapes = e.shapes, !shapes.contains(f.shape) { return false }
        if let kinds = e.kinds, !kinds.contains(f.kind) { return false }
        if let types = e.notEntity, !covering[t].isDisjoint(with: types) { return false }
        return true
    }

    /// Matches `pattern[k...]` from token t, with every token before `hi`; `accept` decides on a full match
    /// (its end and captures). Greedy repetition, backtracking; the first accepted match.
    func match(
        _ pattern: [QuoteRuleSet.Element], _ k: Int, _ t: Int, _ hi: Int, _ captures: Captures,
        _ accept: (Int, Captures) -> Bool
    ) -> Captures? {
        if k == pattern.count { return accept(t, captures) ? captures : nil }
        let e = pattern[k]
        var ends: [(end: Int, entity: Int?)] = []
        var at = t
        while ends.count < e.max, let m = single(e, at, hi) {
            ends.append(m)
            at = m.end
        }
        if ends.count < e.min { return nil }
        var n = ends.count
        while n >= e.min {
            var next = captures
            let end = n == 0 ? t : ends[n - 1].end
            if let name = e.capture, n > 0 {
                // Two elements with one capture name make one span (`imbuh dia`: the verb and its pronoun).
                if let earlier = next[name] {
                    next[name] = Span(start: earlier.start, end: end, entity: nil)
                } else {
                    next[name] = Span(start: t, end: end, entity: n == 1 ? ends[0].entity : nil)
                }
            }
            if let found = match(pattern, k + 1, end, hi, next, accept) { return found }
            n -= 1
        }
        return nil
    }

    /// A match of the rule starting at `start`, within [start, hi), optionally required to end at `hi`.
    func match(_ rule: QuoteRuleSet.Rule, from start: Int, hi: Int, endsAtHi: Bool) -> (end: Int, captures: Captures)? {
        var end = -1
        guard
            let captures = match(
                rule.pattern, 0, start, hi, [:],
                { e, _ in
                    guard !endsAtHi || e == hi else { return false }
                    end = e
                    return true
                })
        else { return nil }
        return (end, captures)
    }
}
