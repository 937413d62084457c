import Foundation
import Yams

/// The pattern elements of quote rules: a mapping of token tests, repetition and a capture.
extension QuoteRuleLoader {
    static let elementKeys = [
        "text", "lower", "in", "not_in", "shape", "kind", "entity", "not_entity", "any_of", "op", "max", "capture"
    ]

    /// One element of rule `rule`'s pattern, its keys read in the file's order.
    mutating func element(_ node: Yams.Node, rule: String) throws -> Element {
        guard case .mapping(let m) = node else {
            throw fail(node, "rule '\(rule)': an element is a mapping of tests")
        }
        var e = Element()
        for (k, v) in m {
            switch k.string ?? "" {
            case "text": e.text = Set(try strings(v, rule: rule))
            case "lower": e.lower = Set(try strings(v, rule: rule).map { ICU.foldCase($0) })
            case "in": e.inLists = try listRefs(v, rule: rule)
            case "not_in": e.notInLists = try listRefs(v, rule: rule)
            case "shape": e.shapes = try shapes(v, rule: rule)
            case "kind": e.kinds = try kinds(v, rule: rule)
            case "entity": e.entity = try types(v, rule: rule)
            case "not_entity": e.notEntity = try types(v, rule: rule)
            case "any_of":
                guard case .sequence(let alternatives) = v, !alternatives.isEmpty else {
                    throw fail(v, "rule '\(rule)': any_of is a list of elements")
                }
                var anyOf: [Element] = []
                for a in alternatives { anyOf.append(try element(a, rule: rule)) }
                e.anyOf = anyOf
            case "op":
                switch v.string {
                case "?": (e.min, e.max) = (0, 1)
                case "*": (e.min, e.max) = (0, 64)
                case "+": (e.min, e.max) = (1, 64)
                default: throw fail(v, "rule '\(rule)': op is ?, * or +")
                }
            case "max":
                guard let n = v.int, n >= 1 else { throw fail(v, "rule '\(rule)': max is a positive number") }
                e.max = n
            case "capture":
                guard let c = v.string, ["speaker", "cue", "author"].contains(c) else {
                    throw fail(v, "rule '\(rule)': capture is speaker, cue or author")
                }
                e.capture = c
            default:
                throw fail(
                    k,
                    "rule '\(rule)': unknown element key '\(k.string ?? "?")'; valid keys: \(Self.elementKeys.joined(separator: ", "))"
                )
            }
        }
        if e.entity != nil, e.max > 1 { throw fail(node, "rule '\(rule)': an entity element cannot repeat") }
        return e
    }

    /// The lists of `in` / `not_in`: one list name, several, or inline words (added as a new list).
    mutating func listRefs(_ node: Yams.Node, rule: String) throws -> [Int] {
        let items: [String]
        if let s = node.string {
            items = [s]
        } else if case .sequence(let seq) = node {
            items = try seq.map {
                guard let s = $0.string else { throw fail($0, "rule '\(rule)': list names or words") }; return s
            }
        } else {
            throw fail(node, "rule '\(rule)': 'in' names a list, several lists, or inline words")
        }
        if items.allSatisfy({ names.contains($0) }) { return items.map { names.firstIndex(of: $0)! } }
        if items.count == 1 {
            throw fail(node, "rule '\(rule)': unknown list '\(items[0])'; lists: \(names.joined(separator: ", "))")
        }
        names.append("#inline\(names.count)")
        lists.append(Set(items.map { ICU.foldCase($0) }))
        return [lists.count - 1]
    }

    func strings(_ node: Yams.Node, rule: String) throws -> [String] {
        if let s = node.string { return [s] }
        guard case .sequence(let seq) = node else {
            throw fail(node, "rule '\(rule)': expected a string or a list of strings")
        }
        return try seq.map {
            guard let s = $0.string else { throw fail($0, "rule '\(rule)': expected strings") }; return s
        }
    }

    func types(_ node: Yams.Node, rule: String) throws -> Set<EntityType> {
        Set(
            try strings(node, rule: rule).map { name in
                guard let t = EntityType(rawValue: name) else {
                    throw fail(
                        node,
                        "rule '\(rule)': unknown entity type '\(name)'; types: \(EntityType.allCases.map(\.rawValue).joined(separator: ", "))"
                    )
                }
                return t
            })
    }

    func shapes(_ v: Yams.Node, rule: String) throws -> Set<TokenView.Shape> {
        Set(
            try strings(v, rule: rule).map { s in
                guard let shape = TokenView.Shape(rawValue: s) else {
                    throw fail(v, "rule '\(rule)': unknown shape '\(s)'")
                }
                return shape
            })
    }

    func kinds(_ v: Yams.Node, rule: String) throws -> Set<Token.Kind> {
        Set(
            try strings(v, rule: rule).map { s in
                guard let kind = Token.Kind(rawValue: s) else { throw fail(v, "rule '\(rule)': unknown kind '\(s)'") }
                return kind
            })
    }
}
