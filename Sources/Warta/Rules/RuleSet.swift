import Foundation
import Yams

/// A rule: a token pattern whose match (or captured part) becomes an entity of `type`; or, for a
/// veto rule (`veto: [TYPES]` instead of `type`), a span inside which no entity of those types may be.
public struct EntityRule: Sendable {
    public let id: String
    public let type: EntityType
    /// Non-empty for a veto rule: the types its matches forbid.
    public var veto: Set<EntityType> = []
    public let priority: Int
    public let norm: NormKind
    let pattern: CompiledPattern
}

/// How an entity's `norm` is computed.
public enum NormKind: String, Sendable, CaseIterable {
    case none, date, law, text
}

/// A gazetteer: surface forms (token sequences) with their type and normalized value.
public struct Gazetteer: Sendable {
    /// `priority`: the entry's own priority (fourth TSV column), overriding the gazetteer's.
    public struct Entry: Sendable {
        public var type: EntityType; public var norm: String?; public var priority: Int? = nil
    }
    public let id: String
    public let fold: Bool
    public let requireCapital: Bool
    public let priority: Int
    /// Entries whose surface is an entry of this list (`context_required.list`) are kept only when
    /// `context` holds: the token before passes `preceded_by` or the token after passes `followed_by`.
    public var contextList: Int? = nil
    var context = CompiledPattern.ContextTests()
    let trie: TokenTrie<Entry>
    public var entryCount: Int { trie.entryCount }

    init(id: String, fold: Bool, requireCapital: Bool, priority: Int, trie: TokenTrie<Entry>) {
        self.id = id
        self.fold = fold
        self.requireCapital = requireCapital
        self.priority = priority
        self.trie = trie
    }
}

/// One step of tagging: a group of rules and gazetteers whose matches are resolved together, or a
/// built-in algorithm (acronym pairs, short person mentions, role links) at its place in the order.
public enum TagPhase: Sendable {
    case match(id: String, gazetteers: [Int], rules: [EntityRule])
    case step(BuiltInStep)
}

public enum BuiltInStep: String, Sendable, CaseIterable {
    /// Schwartz–Hearst acronym pairs; a short form whose long form is an entity types its later uses.
    case acronyms
    /// Later mentions of one part of a full PERSON name (`Derek` after `Derek Hegemur`).
    case personMentions = "person-mentions"
    /// A ROLE directly followed by a PERSON is linked to it.
    case roleLinks = "role-links"
}

/// Everything a rules file defines, compiled once per run and shared read-only by all workers.
public struct RuleSet: @unchecked Sendable {
    public let file: String
    public let listNames: [String]
    let lists: [TokenTrie<Bool>]
    public let gazetteers: [Gazetteer]
    public let phases: [TagPhase]
    /// Which types may contain which (ROLE may contain ORG and LOC); any other overlap is resolved.
    public let nesting: [EntityType: Set<EntityType>]
    /// Month names and numbers, day names: used by the date normalizer.
    let months: [String: Int]
    let days: [String: Int]
    /// Law kinds, folded surface to canonical kind.
    let lawKinds: TokenTrie<String>
    /// The words of a law's citation, folded, to the part they introduce (`nomor` → number; `laws: fields:`).
    var lawFields: [String: LawField] = [:]
    /// Files read, for the run's configuration hash.
    public let files: [URL]
    /// For each folded word, the lists with an entry starting with it: one lookup per token tells which
    /// lists can match there at all (`MatchContext`), looked up by the token's precomputed hash.
    var listsStartingWith = HashedStringTable<[Int32]>([:])
    /// The number of token tests (`TokenTest.formID` is below it).
    var formTestCount = 0
    /// What the file compiled to, against `RuleSetLimits` (its totals).
    var compiledSize = RuleSetLimits()

    public var ruleCount: Int {
        phases.reduce(0) {
            if case .match(_, _, let r) = $1 { return $0 + r.count }; return $0
        }
    }

    public static func load(_ url: URL) throws -> RuleSet {
        try RuleSetLoader(url: url).load()
    }

    public func listIndex(_ name: String) -> Int? { listNames.firstIndex(of: name) }
}
