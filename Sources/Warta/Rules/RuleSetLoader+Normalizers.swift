import Foundation
import Yams

/// The rules file's `dates:` and `laws:` sections: the tables the date and law normalizers use.
extension RuleSetLoader {
    /// Month names and numbers (1-12), day names and numbers (1 Monday to 7), folded.
    func dates(_ node: Yams.Node?, files: inout [URL]) throws -> (months: [String: Int], days: [String: Int]) {
        var months: [String: Int] = [:], days: [String: Int] = [:]
        guard let node else { return (months, days) }
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
        return (months, days)
    }

    /// Law kinds (folded surface to canonical kind) and the words of a citation (folded, to the part
    /// they introduce).
    func laws(_ node: Yams.Node?, files: inout [URL]) throws -> (kinds: TokenTrie<String>, fields: [String: LawField]) {
        var lawKinds = TokenTrie<String>()
        var lawFields: [String: LawField] = [:]
        guard let node else { return (lawKinds, lawFields) }
        guard case .mapping(let m) = node, let kinds = m[key: "kinds"],
            m.keys.allSatisfy({ ["kinds", "fields"].contains($0.string ?? "") })
        else {
            throw fail(node, "'laws' has the keys 'kinds' and (optional) 'fields'")
        }
        for (key, value) in try keyValues(kinds, files: &files) {
            lawKinds.insert(Self.tokens(key).map { ICU.foldCase($0) }, value)
        }
        if let fields = m[key: "fields"] {
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
        return (lawKinds, lawFields)
    }
}
