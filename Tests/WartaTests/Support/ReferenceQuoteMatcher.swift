@testable import Warta

/// The quote rules' matcher as it was before the rules were compiled (`QuoteMatcher` over
/// `QuotePattern`): it walks `QuoteRuleSet.Element`s and their `Set`s directly. Kept as the simple
/// reference `QuoteMatcherTests` compares the compiled matcher with.
struct ReferenceQuoteMatcher {
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

    typealias Span = QuoteCaptures.Span
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
