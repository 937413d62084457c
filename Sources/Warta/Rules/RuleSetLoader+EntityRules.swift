import Foundation
import Yams

/// The entity rules of a phase (`rules:`): a rule's keys, its pattern's elements and token tests,
/// compiled into `EntityRule`s. Gazetteers' `context_required` tests are compiled here too.
extension RuleSetLoader {
    struct CompileContext {
        var listNames: [String]
        var lists: [TokenTrie<Bool>]
        var anonymous = 0
        /// The file's totals against `RuleSetLimits`.
        var limits = RuleSetLimits()
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
        guard let id = m[key: "id"]?.string, !id.isEmpty else { throw fail(node, "a rule needs an 'id'") }
        var veto = Set<EntityType>()
        if let v = m[key: "veto"] {
            if m[key: "type"] != nil {
                throw fail(v, "rule '\(id)' has both 'type' and 'veto'; a veto rule finds no entity")
            }
            if m[key: "norm"] != nil { throw fail(m[key: "norm"], "rule '\(id)': a veto rule has no 'norm'") }
            veto = Set(try stringList(v).map { try entityType(v, $0) })
            guard !veto.isEmpty else { throw fail(v, "rule '\(id)': 'veto' lists at least one type") }
        }
        guard let typeNode = m[key: "type"] ?? (veto.isEmpty ? nil : m[key: "veto"]) else {
            throw fail(node, "rule '\(id)' needs a 'type' (or 'veto')")
        }
        let type = veto.isEmpty ? try entityType(typeNode) : veto.sorted { $0.rawValue < $1.rawValue }[0]
        let priority = m[key: "priority"].map { $0.int } ?? 0
        guard let priority else { throw fail(m[key: "priority"], "rule '\(id)': 'priority' must be a whole number") }
        var norm = NormKind.none
        if let n = m[key: "norm"] {
            guard let s = n.string, let k = NormKind(rawValue: s) else {
                throw fail(
                    n,
                    "rule '\(id)': 'norm' must be one of \(NormKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            norm = k
        }
        guard let p = m[key: "pattern"], case .sequence(let elementNodes) = p, !elementNodes.isEmpty else {
            throw fail(m[key: "pattern"] ?? node, "rule '\(id)' needs a non-empty 'pattern' list")
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
        if let message = context.limits.addPatternElements(size.elements, rule: id) { throw fail(p, message) }
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
            guard let v = m[key: key] else { continue }
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
        if let v = m[key: "in"] { test.inList = try listRefs(v, rule: owner, context: &context) }
        if let v = m[key: "entity"] { test.entity = Set(try stringList(v).map { try entityType(v, $0) }) }
        return test
    }

    /// An element's repeat counts from `op`, `min` and `max` (1 and 1 without them), each bounded.
    func repeats(_ m: Yams.Node.Mapping, rule: String) throws -> (min: Int, max: Int?) {
        var min = 1, max: Int? = 1
        if let op = m[key: "op"] {
            switch op.string {
            case "?": (min, max) = (0, 1)
            case "*": (min, max) = (0, nil)
            case "+": (min, max) = (1, nil)
            default: throw fail(op, "rule '\(rule)': 'op' is one of ?, *, +")
            }
        }
        if let v = m[key: "min"] {
            guard let i = v.int, i >= 0, i <= 16 else { throw fail(v, "rule '\(rule)': 'min' is 0 to 16") }; min = i;
            if let mx = max, mx < i { max = i }
        }
        if let v = m[key: "max"] {
            guard let i = v.int, i >= 1, i <= 32, i >= min else {
                throw fail(v, "rule '\(rule)': 'max' is from 'min' to 32")
            }
            max = i
        }
        return (min, max)
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
        let (min, max) = try repeats(m, rule: rule)
        let capture = inherited || (m[key: "capture"]?.bool ?? false)
        for structural in ["group", "any_of"] {
            guard let v = m[key: structural] else { continue }
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
        if let v = m[key: "in"] {
            let refs = try listRefs(v, rule: rule, context: &context)
            guard refs.count == 1 else { throw fail(v, "rule '\(rule)': 'in' takes one list name or one inline list") }
            consumer = .listEntry(refs[0])
        }
        if let v = m[key: "entity"] {
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
        for key in ["text", "lower"] {
            guard let v = m[key: key] else { continue }
            let words = try stringList(v)
            if let message = context.limits.addInlineWords(words.count, owner: "rule '\(rule)'") {
                throw fail(v, message)
            }
            if key == "text" { test.text = Set(words) } else { test.lower = Set(words.map { ICU.foldCase($0) }) }
        }
        if let v = m[key: "shape"] { test.shapes = try cases(v, rule: rule, "shape") }
        if let v = m[key: "kind"] { test.kinds = try cases(v, rule: rule, "kind") }
        if let v = m[key: "regex"] {
            guard let s = v.string else { throw fail(v, "rule '\(rule)': 'regex' must be a string") }
            test.regexOwner = rule
            do { test.regex = try ICURegex("^(?:" + s + ")$") } catch {
                throw fail(v, "rule '\(rule)': regex does not compile: \(s)")
            }
            test.regexID = context.regexID(s)
        }
        if let v = m[key: "not_in"] { test.notIn = try listRefs(v, rule: rule, context: &context) }
        if let v = m[key: "not_entity"] { test.notEntity = Set(try stringList(v).map { try entityType(v, $0) }) }
        if let v = m[key: "space_before"] {
            guard let b = v.bool else { throw fail(v, "'space_before' is true or false") }; test.spaceBefore = b
        }
        if let v = m[key: "title_line"] {
            guard let b = v.bool else { throw fail(v, "'title_line' is true or false") }; test.titleLine = b
        }
        if let v = m[key: "paragraph_start"] {
            guard let b = v.bool else { throw fail(v, "'paragraph_start' is true or false") }; test.paragraphStart = b
        }
        if let v = m[key: "sentence_start"] {
            guard let b = v.bool else { throw fail(v, "'sentence_start' is true or false") }; test.sentenceStart = b
        }
        return test
    }

    /// The cases of `T` named in `v` (a string or a list), by their raw values; `what` names them in the
    /// error.
    func cases<T: RawRepresentable & CaseIterable & Hashable>(_ v: Yams.Node, rule: String, _ what: String) throws
        -> Set<T> where T.RawValue == String
    {
        Set(
            try stringList(v).map { s in
                guard let value = T(rawValue: s) else {
                    throw fail(
                        v,
                        "rule '\(rule)': unknown \(what) '\(s)'; valid: \(T.allCases.map(\.rawValue).joined(separator: ", "))"
                    )
                }
                return value
            })
    }

    /// A list name, a list of list names, or (when the items are not all list names) an inline list.
    func listRefs(_ v: Yams.Node, rule: String, context: inout CompileContext) throws -> [Int] {
        if case .sequence = v {
            let items = try stringList(v)
            if !items.allSatisfy({ context.listNames.contains($0) }) {
                if let message = context.limits.addInlineWords(items.count, owner: "rule '\(rule)'") {
                    throw fail(v, message)
                }
                return [context.inlineList(items)]
            }
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

}
