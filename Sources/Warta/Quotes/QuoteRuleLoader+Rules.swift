import Foundation
import Yams

/// The quote rules file's `quotes` and `reported` sections: lists of rules with an id, a side, an optional
/// start, what gives the speaker and a pattern.
extension QuoteRuleLoader {
    /// The rules of the section `key` (none when it is missing); `defaultSide` is the side of every rule of
    /// the section (`reported`), or nil when each rule names its own.
    mutating func rules(_ node: Yams.Node?, key: String, side defaultSide: Side?) throws -> [Rule] {
        guard let node else { return [] }
        guard case .sequence(let items) = node else { throw fail(node, "'\(key)' is a list of rules") }
        var rules: [Rule] = []
        for item in items { rules.append(try rule(item, side: defaultSide)) }
        return rules
    }

    static let ruleKeys = ["id", "side", "start", "pattern", "speaker", "author_after"]

    /// One rule; its id must not be used before in either section.
    mutating func rule(_ item: Yams.Node, side defaultSide: Side?) throws -> Rule {
        guard case .mapping(let r) = item else {
            throw fail(item, "a rule is a mapping with id, side and pattern")
        }
        let valid = Self.ruleKeys
        for k in r.keys where !valid.contains(k.string ?? "") {
            throw fail(k, "unknown rule key '\(k.string ?? "?")'; valid keys: \(valid.joined(separator: ", "))")
        }
        guard let id = r[key: "id"]?.string, !id.isEmpty else { throw fail(item, "a rule needs an id") }
        guard ids.insert(id).inserted else { throw fail(r[key: "id"], "rule id '\(id)' is used twice") }
        let side: Side
        if let d = defaultSide {
            side = d
        } else {
            guard let s = r[key: "side"]?.string, let parsed = Side(rawValue: s), parsed != .reported else {
                throw fail(r[key: "side"] ?? item, "rule '\(id)': side is 'after', 'before' or 'inside'")
            }
            side = parsed
        }
        var start = false
        if let s = r[key: "start"] {
            guard s.string == "sentence" else { throw fail(s, "rule '\(id)': start is 'sentence'") }
            start = true
        }
        let (speaker, authorAfter) = try self.speaker(r, item: item, rule: id)
        guard let p = r[key: "pattern"], case .sequence(let elements) = p, !elements.isEmpty else {
            throw fail(r[key: "pattern"] ?? item, "rule '\(id)': pattern is a non-empty list of elements")
        }
        var pattern: [Element] = []
        for node in elements { pattern.append(try element(node, rule: id)) }
        try checkCaptures(pattern, of: p, side: side, speaker: speaker, rule: id)
        return Rule(
            id: id, side: side, startsSentence: start, speaker: speaker, authorAfter: authorAfter, pattern: pattern)
    }

    /// A rule's `speaker` (`named` when absent) and, for `earlier-author`, the index of its `author_after` list.
    func speaker(_ r: Yams.Node.Mapping, item: Yams.Node, rule id: String) throws -> (SpeakerSource, Int?) {
        var speaker = SpeakerSource.named
        if let s = r[key: "speaker"] {
            guard let v = s.string, let parsed = SpeakerSource(rawValue: v) else {
                throw fail(
                    s,
                    "rule '\(id)': speaker is one of named, previous, author, earlier-author, none, title, words"
                )
            }
            speaker = parsed
        }
        var authorAfter: Int? = nil
        if speaker == .earlierAuthor {
            guard let l = r[key: "author_after"]?.string, let i = names.firstIndex(of: l) else {
                throw fail(
                    r[key: "author_after"] ?? item, "rule '\(id)': earlier-author needs author_after: a list name")
            }
            authorAfter = i
        }
        return (speaker, authorAfter)
    }

    /// The captures a rule's speaker needs: `speaker` for a named or written speaker and for reported
    /// speech, `author` for `speaker: author`.
    func checkCaptures(
        _ pattern: [Element], of p: Yams.Node, side: Side, speaker: SpeakerSource, rule id: String
    ) throws {
        let captures = Set(QuoteRuleSet.captures(pattern))
        if (speaker == .named || speaker == .words) && side != .reported && !captures.contains("speaker")
            || side == .reported && !captures.contains("speaker")
        {
            throw fail(p, "rule '\(id)': the pattern needs a 'speaker' capture")
        }
        if speaker == .author && !captures.contains("author") {
            throw fail(p, "rule '\(id)': speaker: author needs an 'author' capture")
        }
    }
}
