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

/// Reads a rules file. Every problem is reported with the file, the line and what was expected.
struct RuleSetLoader {
    let url: URL
    var path: String { url.path }
    var base: URL { url.deletingLastPathComponent() }

    func fail(_ node: Yams.Node?, _ message: String) -> ConfigError {
        ConfigError(file: path, line: node?.mark?.line, message)
    }

    func load() throws -> RuleSet {
        let yaml = try FileBytes.configurationText(path, what: "rules file")
        let root = try ConfigYAML.compose(yaml, file: path)
        guard let root, case .mapping(let map) = root else {
            throw fail(root, "expected a mapping with lists, gazetteers, phases")
        }
        let topKeys = ["lists", "gazetteers", "nesting", "dates", "laws", "phases"]
        for key in map.keys where !topKeys.contains(key.string ?? "") {
            throw fail(key, "unknown key '\(key.string ?? "?")'; valid keys: \(topKeys.joined(separator: ", "))")
        }
        var files: [URL] = [url]

        // Lists
        var listNames: [String] = []
        var lists: [TokenTrie<Bool>] = []
        if let node = map["lists"] {
            guard case .mapping(let m) = node else {
                throw fail(node, "'lists' maps list names to files or inline lists")
            }
            for (k, v) in m {
                guard let name = k.string else { throw fail(k, "a list name must be a string") }
                var trie = TokenTrie<Bool>()
                for entry in try listEntries(v, files: &files) {
                    trie.insert(Self.tokens(entry).map { ICU.foldCase($0) }, true)
                }
                listNames.append(name)
                lists.append(trie)
            }
        }
        var context = CompileContext(listNames: listNames, lists: lists)

        // Gazetteers (after the lists, which their context tests may name)
        var gazetteers: [Gazetteer] = []
        var gazetteerIds: [String: Int] = [:]
        if let node = map["gazetteers"] {
            guard case .mapping(let m) = node else {
                throw fail(node, "'gazetteers' maps ids to {file, fold, require_capital, priority}")
            }
            for (k, v) in m {
                guard let id = k.string else { throw fail(k, "a gazetteer id must be a string") }
                gazetteerIds[id] = gazetteers.count
                gazetteers.append(try gazetteer(id: id, v, files: &files, context: &context))
            }
        }

        // Nesting
        var nesting: [EntityType: Set<EntityType>] = [:]
        if let node = map["nesting"] {
            guard case .mapping(let m) = node else {
                throw fail(node, "'nesting' maps a type to the types it may contain")
            }
            for (k, v) in m {
                let outer = try entityType(k)
                nesting[outer] = Set(try stringList(v).map { try entityType(v, $0) })
            }
        }

        // Dates and laws: the tables their normalizers use.
        var months: [String: Int] = [:], days: [String: Int] = [:]
        var lawKinds = TokenTrie<String>()
        if let node = map["dates"] {
            guard case .mapping(let m) = node else { throw fail(node, "'dates' has 'months' and 'days' files") }
            for (k, v) in m {
                switch k.string {
                case "months":
                    for (key, value) in try keyValues(v, files: &files) {
                        guard let n = Int(value), (1...12).contains(n) else {
                            throw fail(v, "month '\(key)' needs a number 1-12")
                        }
                        months[ICU.foldCase(key)] = n
                    }
                case "days":
                    for (key, value) in try keyValues(v, files: &files) {
                        guard let n = Int(value), (1...7).contains(n) else {
                            throw fail(v, "day '\(key)' needs a number 1 (Monday) to 7")
                        }
                        days[ICU.foldCase(key)] = n
                    }
                default: throw fail(k, "unknown key under 'dates'; valid keys: months, days")
                }
            }
        }
        var lawFields: [String: LawField] = [:]
        if let node = map["laws"] {
            guard case .mapping(let m) = node, let kinds = m["kinds"],
                m.keys.allSatisfy({ ["kinds", "fields"].contains($0.string ?? "") })
            else {
                throw fail(node, "'laws' has the keys 'kinds' and (optional) 'fields'")
            }
            for (key, value) in try keyValues(kinds, files: &files) {
                lawKinds.insert(Self.tokens(key).map { ICU.foldCase($0) }, value)
            }
            if let fields = m["fields"] {
                for (key, value) in try keyValues(fields, files: &files) {
                    guard let field = LawField(rawValue: value) else {
                        throw fail(
                            fields,
                            "law field '\(key)' needs one of \(LawField.allCases.map(\.rawValue).joined(separator: ", ")), found '\(value)'"
                        )
                    }
                    lawFields[ICU.foldCase(key)] = field
                }
            }
        }

        // Phases
        var phases: [TagPhase] = []
        var ruleIds = Set<String>()
        guard let phasesNode = map["phases"], case .sequence(let items) = phasesNode else {
            throw fail(map["phases"] ?? root, "'phases' must be a list")
        }
        for item in items {
            guard case .mapping(let m) = item else { throw fail(item, "a phase is a mapping") }
            if let step = m["step"] {
                guard m.count == 1 else { throw fail(item, "a 'step' phase has no other keys") }
                guard let name = step.string, let s = BuiltInStep(rawValue: name) else {
                    throw fail(
                        step,
                        "unknown step '\(step.string ?? "?")'; valid steps: \(BuiltInStep.allCases.map(\.rawValue).joined(separator: ", "))"
                    )
                }
                phases.append(.step(s))
                continue
            }
            for key in m.keys where !["id", "gazetteers", "rules"].contains(key.string ?? "") {
                throw fail(
                    key, "unknown key '\(key.string ?? "?")' in a phase; valid keys: id, gazetteers, rules (or step)")
            }
            guard let id = m["id"]?.string else { throw fail(item, "a phase needs an 'id'") }
            var gaz: [Int] = []
            if let g = m["gazetteers"] {
                for name in try stringList(g) {
                    guard let i = gazetteerIds[name] else {
                        throw fail(
                            g,
                            "unknown gazetteer '\(name)'; defined: \(gazetteerIds.keys.sorted().joined(separator: ", "))"
                        )
                    }
                    gaz.append(i)
                }
            }
            var rules: [EntityRule] = []
            if let r = m["rules"] {
                guard case .sequence(let ruleNodes) = r else { throw fail(r, "'rules' must be a list") }
                for ruleNode in ruleNodes {
                    let rule = try self.rule(ruleNode, context: &context)
                    guard ruleIds.insert(rule.id).inserted else {
                        throw fail(ruleNode, "rule id '\(rule.id)' is used twice")
                    }
                    rules.append(rule)
                }
            }
            phases.append(.match(id: id, gazetteers: gaz, rules: rules))
        }
        var ruleSet = RuleSet(
            file: path, listNames: context.listNames, lists: context.lists, gazetteers: gazetteers, phases: phases,
            nesting: nesting, months: months, days: days, lawKinds: lawKinds, files: files)
        ruleSet.lawFields = lawFields
        ruleSet.listsStartingWith = MatchContext.listsStartingWith(context.lists)
        ruleSet.formTestCount = context.formTests
        return ruleSet
    }

    // MARK: Rules

    struct CompileContext {
        var listNames: [String]
        var lists: [TokenTrie<Bool>]
        var anonymous = 0
        /// The number of token tests written (`TokenTest.formID`).
        var formTests = 0
        /// The distinct regular expressions of the tests, numbered in the order first met.
        var regexIDs: [String: Int] = [:]
        mutating func regexID(_ pattern: String) -> Int {
            if let id = regexIDs[pattern] { return id }
            regexIDs[pattern] = regexIDs.count
            return regexIDs.count - 1
        }
        mutating func inlineList(_ entries: [String]) -> Int {
            var trie = TokenTrie<Bool>()
            for e in entries { trie.insert(RuleSetLoader.tokens(e).map { ICU.foldCase($0) }, true) }
            anonymous += 1
            listNames.append("#inline\(anonymous)")
            lists.append(trie)
            return lists.count - 1
        }
    }

    static let ruleKeys = [
        "id", "type", "veto", "priority", "norm", "pattern", "preceded_by", "not_preceded_by", "followed_by",
        "not_followed_by"
    ]
    static let elementKeys = [
        "text", "lower", "in", "not_in", "shape", "kind", "regex", "entity", "not_entity",
        "space_before", "paragraph_start", "title_line", "sentence_start", "group", "any_of", "op", "min", "max",
        "capture"
    ]
    /// Keys of a look-around test: one token, not consumed.
    static let contextKeys = [
        "text", "lower", "in", "not_in", "shape", "kind", "regex", "entity", "not_entity",
        "space_before", "paragraph_start", "title_line", "sentence_start"
    ]

    func rule(_ node: Yams.Node, context: inout CompileContext) throws -> EntityRule {
        guard case .mapping(let m) = node else { throw fail(node, "a rule is a mapping with id, type, pattern") }
        for key in m.keys where !Self.ruleKeys.contains(key.string ?? "") {
            throw fail(
                key,
                "unknown key '\(key.string ?? "?")' in a rule; valid keys: \(Self.ruleKeys.joined(separator: ", "))")
        }
        guard let id = m["id"]?.string, !id.isEmpty else { throw fail(node, "a rule needs an 'id'") }
        var veto = Set<EntityType>()
        if let v = m["veto"] {
            if m["type"] != nil {
                throw fail(v, "rule '\(id)' has both 'type' and 'veto'; a veto rule finds no entity")
            }
            if m["norm"] != nil { throw fail(m["norm"], "rule '\(id)': a veto rule has no 'norm'") }
            veto = Set(try stringList(v).map { try entityType(v, $0) })
            guard !veto.isEmpty else { throw fail(v, "rule '\(id)': 'veto' lists at least one type") }
        }
        guard let typeNode = m["type"] ?? (veto.isEmpty ? nil : m["veto"]) else {
            throw fail(node, "rule '\(id)' needs a 'type' (or 'veto')")
        }
        let type = veto.isEmpty ? try entityType(typeNode) : veto.sorted { $0.rawValue < $1.rawValue }[0]
        let priority = m["priority"].map { $0.int } ?? 0
        guard let priority else { throw fail(m["priority"], "rule '\(id)': 'priority' must be a whole number") }
        var norm = NormKind.none
        if let n = m["norm"] {
            guard let s = n.string, let k = NormKind(rawValue: s) else {
                throw fail(
                    n,
                    "rule '\(id)': 'norm' must be one of \(NormKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            norm = k
        }
        guard let p = m["pattern"], case .sequence(let elementNodes) = p, !elementNodes.isEmpty else {
            throw fail(m["pattern"] ?? node, "rule '\(id)' needs a non-empty 'pattern' list")
        }
        let elements = try elementNodes.map { try element($0, rule: id, context: &context, capture: false) }
        guard elements.contains(where: { $0.minCount > 0 }) else {
            throw fail(p, "rule '\(id)': every element is optional, so the pattern could match nothing")
        }
        let size = PatternNode.unrolledSize(elements)
        guard size.elements <= PatternNode.maxUnrolledElements, size.depth <= PatternNode.maxDepth else {
            throw fail(
                p,
                "rule '\(id)': the pattern unrolls to \(size.elements > PatternNode.maxUnrolledElements ? "more than \(PatternNode.maxUnrolledElements)" : "\(size.elements)") elements, \(size.depth) groups deep (repeats multiply through nested groups and aliases); the limits are \(PatternNode.maxUnrolledElements) elements and \(PatternNode.maxDepth) levels"
            )
        }
        var pattern = CompiledPattern(elements)
        pattern.context = try contextTests(
            m, owner: "rule '\(id)'", keys: ["preceded_by", "not_preceded_by", "followed_by", "not_followed_by"],
            context: &context)
        var rule = EntityRule(id: id, type: type, priority: priority, norm: norm, pattern: pattern)
        rule.veto = veto
        return rule
    }

    /// The look-around tests of a rule or gazetteer (`preceded_by: {lower: [di, ke]}`, ...).
    func contextTests(_ m: Yams.Node.Mapping, owner: String, keys: [String], context: inout CompileContext) throws
        -> CompiledPattern.ContextTests
    {
        var tests = CompiledPattern.ContextTests()
        for key in keys {
            guard let v = m[key] else { continue }
            let t = try contextTest(v, owner: owner, key: key, context: &context)
            switch key {
            case "preceded_by": tests.precededBy = t
            case "not_preceded_by": tests.notPrecededBy = t
            case "followed_by": tests.followedBy = t
            default: tests.notFollowedBy = t
            }
        }
        return tests
    }

    /// One look-around test: the single-token keys of a pattern element; `in: LIST` means the token
    /// alone is an entry of the list, `entity: TYPE` that an entity of the type covers it.
    func contextTest(_ node: Yams.Node, owner: String, key: String, context: inout CompileContext) throws -> TokenTest {
        guard case .mapping(let m) = node, !m.isEmpty else {
            throw fail(node, "\(owner): '\(key)' is one token test such as {lower: [di, ke]}")
        }
        for k in m.keys where !Self.contextKeys.contains(k.string ?? "") {
            throw fail(
                k,
                "\(owner): unknown key '\(k.string ?? "?")' in '\(key)' (one token, not consumed); valid keys: \(Self.contextKeys.joined(separator: ", "))"
            )
        }
        var test = try tokenTest(m, rule: owner, context: &context)
        if let v = m["in"] { test.inList = try listRefs(v, rule: owner, context: &context) }
        if let v = m["entity"] { test.entity = Set(try stringList(v).map { try entityType(v, $0) }) }
        return test
    }

    func element(_ node: Yams.Node, rule: String, context: inout CompileContext, capture inherited: Bool) throws
        -> PatternNode
    {
        guard case .mapping(let m) = node else {
            throw fail(node, "rule '\(rule)': a pattern element is a mapping such as {shape: title}")
        }
        for key in m.keys where !Self.elementKeys.contains(key.string ?? "") {
            throw fail(
                key,
                "rule '\(rule)': unknown element key '\(key.string ?? "?")'; valid keys: \(Self.elementKeys.joined(separator: ", "))"
            )
        }
        var min = 1, max: Int? = 1
        if let op = m["op"] {
            switch op.string {
            case "?": (min, max) = (0, 1)
            case "*": (min, max) = (0, nil)
            case "+": (min, max) = (1, nil)
            default: throw fail(op, "rule '\(rule)': 'op' is one of ?, *, +")
            }
        }
        if let v = m["min"] {
            guard let i = v.int, i >= 0, i <= 16 else { throw fail(v, "'min' is 0 to 16") }; min = i;
            if let mx = max, mx < i { max = i }
        }
        if let v = m["max"] {
            guard let i = v.int, i >= 1, i <= 32, i >= min else { throw fail(v, "'max' is from 'min' to 32") }; max = i
        }
        let capture = inherited || (m["capture"]?.bool ?? false)
        for structural in ["group", "any_of"] {
            guard let v = m[structural] else { continue }
            let others = m.keys.compactMap(\.string).filter {
                !["op", "min", "max", "capture", structural].contains($0)
            }
            guard others.isEmpty, case .sequence(let items) = v, !items.isEmpty else {
                throw fail(
                    v,
                    "rule '\(rule)': '\(structural)' takes a non-empty list of elements and only op/min/max/capture beside it"
                )
            }
            let children = try items.map { try element($0, rule: rule, context: &context, capture: capture) }
            return structural == "group" ? .group(children, min: min, max: max) : .anyOf(children, min: min, max: max)
        }
        let test = try tokenTest(m, rule: rule, context: &context)
        var consumer = PatternElement.Consumer.token
        if let v = m["in"] {
            let refs = try listRefs(v, rule: rule, context: &context)
            guard refs.count == 1 else { throw fail(v, "rule '\(rule)': 'in' takes one list name or one inline list") }
            consumer = .listEntry(refs[0])
        }
        if let v = m["entity"] {
            if case .listEntry = consumer {
                throw fail(v, "rule '\(rule)': an element cannot have both 'in' and 'entity'")
            }
            consumer = .entity(Set(try stringList(v).map { try entityType(v, $0) }))
        }
        return .element(PatternElement(consumer: consumer, test: test, capture: capture), min: min, max: max)
    }

    /// The single-token tests of an element (every key but the consumers `in` and `entity`).
    func tokenTest(_ m: Yams.Node.Mapping, rule: String, context: inout CompileContext) throws -> TokenTest {
        var test = TokenTest()
        test.formID = context.formTests
        context.formTests += 1
        if let v = m["text"] { test.text = Set(try stringList(v)) }
        if let v = m["lower"] { test.lower = Set(try stringList(v).map { ICU.foldCase($0) }) }
        if let v = m["shape"] {
            test.shapes = Set(
                try stringList(v).map { s in
                    guard let shape = TokenView.Shape(rawValue: s) else {
                        throw fail(
                            v,
                            "rule '\(rule)': unknown shape '\(s)'; valid: \(TokenView.Shape.allCases.map(\.rawValue).joined(separator: ", "))"
                        )
                    }
                    return shape
                })
        }
        if let v = m["kind"] {
            test.kinds = Set(
                try stringList(v).map { s in
                    guard let kind = Token.Kind(rawValue: s) else {
                        throw fail(
                            v,
                            "rule '\(rule)': unknown kind '\(s)'; valid: \(Token.Kind.allCases.map(\.rawValue).joined(separator: ", "))"
                        )
                    }
                    return kind
                })
        }
        if let v = m["regex"] {
            guard let s = v.string else { throw fail(v, "rule '\(rule)': 'regex' must be a string") }
            test.regexOwner = rule
            do { test.regex = try ICURegex("^(?:" + s + ")$") } catch {
                throw fail(v, "rule '\(rule)': regex does not compile: \(s)")
            }
            test.regexID = context.regexID(s)
        }
        if let v = m["not_in"] { test.notIn = try listRefs(v, rule: rule, context: &context) }
        if let v = m["not_entity"] { test.notEntity = Set(try stringList(v).map { try entityType(v, $0) }) }
        if let v = m["space_before"] {
            guard let b = v.bool else { throw fail(v, "'space_before' is true or false") }; test.spaceBefore = b
        }
        if let v = m["title_line"] {
            guard let b = v.bool else { throw fail(v, "'title_line' is true or false") }; test.titleLine = b
        }
        if let v = m["paragraph_start"] {
            guard let b = v.bool else { throw fail(v, "'paragraph_start' is true or false") }; test.paragraphStart = b
        }
        if let v = m["sentence_start"] {
            guard let b = v.bool else { throw fail(v, "'sentence_start' is true or false") }; test.sentenceStart = b
        }
        return test
    }

    /// A list name, a list of list names, or (when the items are not all list names) an inline list.
    func listRefs(_ v: Yams.Node, rule: String, context: inout CompileContext) throws -> [Int] {
        if case .sequence = v {
            let items = try stringList(v)
            if !items.allSatisfy({ context.listNames.contains($0) }) { return [context.inlineList(items)] }
        }
        return try stringList(v).map { name in
            guard let i = context.listNames.firstIndex(of: name) else {
                throw fail(
                    v,
                    "rule '\(rule)': unknown list '\(name)'; defined lists: \(context.listNames.filter { !$0.hasPrefix("#") }.joined(separator: ", "))"
                )
            }
            return i
        }
    }

    // MARK: Files and values

    func entityType(_ node: Yams.Node, _ value: String? = nil) throws -> EntityType {
        let s = value ?? node.string ?? ""
        guard let t = EntityType(rawValue: s) else {
            throw fail(
                node,
                "unknown entity type '\(s)'; valid types: \(EntityType.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        return t
    }

    func stringList(_ node: Yams.Node) throws -> [String] {
        if let s = node.scalar?.string { return [s] }
        guard case .sequence(let seq) = node else { throw fail(node, "expected a string or a list of strings") }
        return try seq.map { item in
            guard let s = item.scalar?.string else { throw fail(item, "expected a string") }
            return s
        }
    }

    func resolve(_ node: Yams.Node, files: inout [URL]) throws -> URL {
        guard let p = node.string else { throw fail(node, "expected a file path") }
        let u = p.hasPrefix("/") ? URL(fileURLWithPath: p) : base.appendingPathComponent(p)
        guard FileManager.default.isReadableFile(atPath: u.path) else {
            throw fail(node, "cannot read file '\(u.path)'")
        }
        files.append(u)
        return u
    }

    func listEntries(_ node: Yams.Node, files: inout [URL]) throws -> [String] {
        if case .sequence = node { return try stringList(node) }
        // A .tsv list (months, law kinds) contributes its first column.
        return try ListFile.entries(try resolve(node, files: &files)).map { String($0.text.split(separator: "\t")[0]) }
    }

    func keyValues(_ node: Yams.Node, files: inout [URL]) throws -> [(String, String)] {
        let u = try resolve(node, files: &files)
        return try ListFile.entries(u).map { entry in
            let parts = entry.text.split(separator: "\t", omittingEmptySubsequences: false)
            guard parts.count >= 2 else { throw ConfigError(file: u.path, line: entry.line, "expected key<TAB>value") }
            return (String(parts[0]), String(parts[1]).trimmingCharacters(in: .whitespaces))
        }
    }

    static let gazetteerKeys = ["file", "fold", "require_capital", "priority", "context_required"]

    func gazetteer(id: String, _ node: Yams.Node, files: inout [URL], context: inout CompileContext) throws -> Gazetteer
    {
        guard case .mapping(let m) = node, let fileNode = m["file"] else {
            throw fail(node, "gazetteer '\(id)' needs a 'file'")
        }
        for key in m.keys where !Self.gazetteerKeys.contains(key.string ?? "") {
            throw fail(
                key,
                "unknown key '\(key.string ?? "?")' in gazetteer '\(id)'; valid keys: \(Self.gazetteerKeys.joined(separator: ", "))"
            )
        }
        let fold = m["fold"]?.bool ?? false
        let requireCapital = m["require_capital"]?.bool ?? fold
        let priority = m["priority"].map { $0.int } ?? 0
        guard let priority else { throw fail(m["priority"], "gazetteer '\(id)': 'priority' must be a whole number") }
        // context_required: {list: LIST, preceded_by: {...}, followed_by: {...}}
        var contextList: Int?
        var tests = CompiledPattern.ContextTests()
        if let c = m["context_required"] {
            guard case .mapping(let cm) = c, let listNode = cm["list"] else {
                throw fail(
                    c, "gazetteer '\(id)': 'context_required' needs 'list' and 'preceded_by' and/or 'followed_by'")
            }
            for key in cm.keys where !["list", "preceded_by", "followed_by"].contains(key.string ?? "") {
                throw fail(
                    key,
                    "gazetteer '\(id)': unknown key '\(key.string ?? "?")' in 'context_required'; valid keys: list, preceded_by, followed_by"
                )
            }
            guard cm["preceded_by"] != nil || cm["followed_by"] != nil else {
                throw fail(c, "gazetteer '\(id)': 'context_required' needs 'preceded_by' and/or 'followed_by'")
            }
            let refs = try listRefs(listNode, rule: "gazetteer '\(id)'", context: &context)
            guard refs.count == 1 else {
                throw fail(listNode, "gazetteer '\(id)': 'context_required.list' is one list")
            }
            contextList = refs[0]
            tests = try contextTests(
                cm, owner: "gazetteer '\(id)'", keys: ["preceded_by", "followed_by"], context: &context)
        }
        let u = try resolve(fileNode, files: &files)
        let entries = try ListFile.entries(u)
        var surfaces: [String] = []
        var values: [Gazetteer.Entry] = []
        for entry in entries {
            // Split on the tab byte: a tab is always a grapheme cluster of its own (Unicode breaks after
            // and before control characters), so this is the Character split, without walking Characters.
            let parts = Self.splitTabs(entry.text)
            guard parts.count >= 2 else {
                throw ConfigError(file: u.path, line: entry.line, "expected surface<TAB>TYPE<TAB>norm")
            }
            // The plain type first: Foundation's trimming is slow over 100,000 rows.
            guard
                let type = EntityType(rawValue: parts[1])
                    ?? EntityType(rawValue: parts[1].trimmingCharacters(in: .whitespaces))
            else {
                throw ConfigError(
                    file: u.path, line: entry.line,
                    "unknown type '\(parts[1])'; valid types: \(EntityType.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            let norm = parts.count > 2 && !parts[2].isEmpty ? parts[2] : nil
            var entryPriority: Int?
            if parts.count > 3, !parts[3].isEmpty, !parts[3].trimmingCharacters(in: .whitespaces).isEmpty {
                guard let p = Int(parts[3].trimmingCharacters(in: .whitespaces)) else {
                    throw ConfigError(
                        file: u.path, line: entry.line,
                        "the fourth column (the entry's priority) must be a whole number, not '\(parts[3])'")
                }
                entryPriority = p
            }
            surfaces.append(parts[0])
            values.append(Gazetteer.Entry(type: type, norm: norm, priority: entryPriority))
        }
        var trie = TokenTrie<Gazetteer.Entry>()
        for (tokens, value) in zip(Self.tokenize(surfaces), values) {
            trie.insert(fold ? tokens.map { ICU.foldCase($0) } : tokens, value)
        }
        var g = Gazetteer(id: id, fold: fold, requireCapital: requireCapital, priority: priority, trie: trie)
        g.contextList = contextList
        g.context = tests
        return g
    }

    /// The fields of a TSV line (empty ones kept), split on tab bytes.
    static func splitTabs(_ line: String) -> [String] {
        var line = line
        return line.withUTF8 { bytes in
            var parts: [String] = []
            parts.reserveCapacity(4) // surface, type, norm, priority: one allocation, not three
            var start = 0
            for i in 0..<bytes.count where bytes[i] == 0x09 {
                parts.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
                start = i + 1
            }
            parts.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self))
            return parts
        }
    }

    /// Tokens of a list entry or gazetteer surface, by the same ICU rules as documents.
    static func tokens(_ s: String) -> [String] { tokenize([s])[0] }

    /// Tokenizes many surfaces: plain ones (`plainWords`) without ICU, the others with one ICU pass
    /// (joined by line ends). Loading the gazetteers' 50,000 surfaces was a third of start-up, most of it
    /// ICU over names that are only letters and spaces.
    static func tokenize(_ surfaces: [String]) -> [[String]] {
        var result: [[String]] = Array(repeating: [], count: surfaces.count)
        var others: [Int] = []
        for (i, surface) in surfaces.enumerated() {
            if let words = plainWords(surface) { result[i] = words } else { others.append(i) }
        }
        guard !others.isEmpty else { return result }
        let joined = Array(others.map { surfaces[$0] }.joined(separator: "\n").utf8)
        let tokens = TokenizeStage(abbreviations: []).words(joined)
        var k = 0
        var lineEnd = surfaces[others[0]].utf8.count
        for t in tokens {
            while t.range.start >= lineEnd && k + 1 < others.count {
                k += 1
                lineEnd += 1 + surfaces[others[k]].utf8.count
            }
            result[others[k]].append(String(decoding: joined[t.range.start..<t.range.end], as: UTF8.self))
        }
        return result
    }

    /// The tokens of a surface made only of ASCII letters, digits and spaces, split on the spaces; nil
    /// for any other surface. For such text ICU's word rules (UAX #29, WB5 and WB8 to WB10) keep every
    /// run of letters and digits together and break at each space, and a run of spaces is not a token:
    /// the same tokens as `TokenizeStage.words`, without ICU (a test compares both over every list and
    /// gazetteer surface of the pipelines).
    static func plainWords(_ surface: String) -> [String]? {
        var surface = surface
        return surface.withUTF8 { bytes -> [String]? in
            // First check the bytes and count the words, so that the array is allocated once.
            var count = 0
            var previous: UInt8 = 0x20
            for b in bytes {
                if b != 0x20 {
                    // a-z, A-Z, 0-9
                    guard (0x61...0x7A).contains(b | 0x20) || (0x30...0x39).contains(b) else { return nil }
                    if previous == 0x20 { count += 1 }
                }
                previous = b
            }
            var words: [String] = []
            words.reserveCapacity(count)
            var start = -1
            for i in 0..<bytes.count {
                if bytes[i] == 0x20 {
                    if start >= 0 {
                        words.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
                        start = -1
                    }
                } else if start < 0 {
                    start = i
                }
            }
            if start >= 0 {
                words.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self))
            }
            return words
        }
    }
}
