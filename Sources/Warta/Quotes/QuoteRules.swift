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
        /// `pattern` compiled for `QuoteMatcher` (by `QuoteRuleSet.init`, against its `wordSets`).
        var compiled = QuotePattern.empty
    }

    public let file: String
    public let listNames: [String]
    let lists: [Set<String>]
    public let quoteRules: [Rule]
    public let reportedRules: [Rule]
    /// Every file read (the rules file and its lists), for the run's configuration hash.
    public let files: [URL]
    /// The word sets the compiled patterns test, answered with the token view's hashes: first one per
    /// list (same index as `lists`), then one per element's `text` or `lower`.
    let wordSets: [StringSet]

    init(
        file: String, listNames: [String], lists: [Set<String>], quoteRules: [Rule], reportedRules: [Rule],
        files: [URL]
    ) {
        self.file = file
        self.listNames = listNames
        self.lists = lists
        self.files = files
        var sets = lists.map(StringSet.init)
        func compile(_ rule: Rule) -> Rule {
            var compiled = rule
            compiled.compiled = QuotePattern(rule.pattern) { words in
                sets.append(StringSet(words))
                return sets.count - 1
            }
            return compiled
        }
        self.quoteRules = quoteRules.map(compile)
        self.reportedRules = reportedRules.map(compile)
        wordSets = sets
    }

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
