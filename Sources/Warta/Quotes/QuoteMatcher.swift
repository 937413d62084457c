/// Matches quote rules over a document's tokens: a small backtracking matcher, anchored at one end, over
/// the rules' compiled patterns (`QuotePattern`).
///
/// What a test asks of the document is laid out once per document as arrays indexed by token or entity:
/// the outermost entity starting at each token (nested ones removed), each entity's end and type bit, and
/// the types covering each token as a bit mask. A word test is one probe of a `StringSet` with the hash
/// the token view holds. Trying a rule allocates nothing for elements that take one token each (all but
/// a repeated `any_of` with an entity alternative): repetitions are counted, not listed, and the captures
/// are a value of three optionals. Same answers as the matcher over `QuoteRuleSet.Element` it replaces
/// (greedy repetition, backtracking, the first accepted match; `QuoteMatcherTests` compares them).
struct QuoteMatcher {
    typealias Span = QuoteCaptures.Span
    typealias Captures = QuoteCaptures

    let rules: QuoteRuleSet
    let view: TokenView
    /// The outermost entity starting at each token, -1 when none does or it lies inside a wider one
    /// (`Dinas Kesehatan` in `Kepala Dinas Kesehatan`): an entity element takes the outermost.
    private let entityAtToken: [Int]
    /// Each entity's end token and its type's bit (`QuotePattern.bit`).
    private let entityEnd: [Int]
    private let entityBit: [UInt32]
    /// The bits of the entity types covering each token.
    private let covering: [UInt32]

    init(
        rules: QuoteRuleSet, view: TokenView, document: Document, entityAt: [Int: Int],
        entityTokens: [(start: Int, end: Int)]
    ) {
        self.rules = rules
        self.view = view
        let count = view.count
        entityEnd = entityTokens.map(\.end)
        let bits = document.entities.map { QuotePattern.bit($0.type) }
        entityBit = bits
        var covering = [UInt32](repeating: 0, count: count)
        for (i, span) in entityTokens.enumerated() where span.start < span.end {
            for t in span.start..<min(span.end, count) { covering[t] |= bits[i] }
        }
        self.covering = covering
        var nested = [Bool](repeating: false, count: entityTokens.count)
        var widest: (start: Int, end: Int) = (-1, -1)
        for i in entityTokens.indices.sorted(by: {
            (entityTokens[$0].start, -entityTokens[$0].end) < (entityTokens[$1].start, -entityTokens[$1].end)
        }) {
            let span = entityTokens[i]
            if widest.start < span.start, widest.end >= span.end { nested[i] = true }
            if span.end > widest.end { widest = span }
        }
        var at = [Int](repeating: -1, count: count)
        for (t, i) in entityAt where t >= 0 && t < count && !nested[i] { at[t] = i }
        entityAtToken = at
    }

    /// The leaf's token tests at token t (its entity, if any, aside).
    @inline(__always)
    private func tokenTests(_ leaf: QuotePattern.Leaf, _ p: QuotePattern, _ t: Int) -> Bool {
        let sets = rules.wordSets
        return view.features.withUnsafeBufferPointer { features in
            let f = features.baseAddress! + t
            if let shapes = leaf.shapes, shapes & QuotePattern.bit(f.pointee.shape) == 0 { return false }
            if let kinds = leaf.kinds, kinds & QuotePattern.bit(f.pointee.kind) == 0 { return false }
            if leaf.notEntity & covering[t] != 0 { return false }
            let ascii = f.pointee.isASCII
            if leaf.text >= 0, !sets[leaf.text].contains(f.pointee.text, hash: f.pointee.textHash, isASCII: ascii) {
                return false
            }
            if leaf.lower >= 0 || leaf.inRange != nil || leaf.notInRange != nil {
                let folded = f.pointee.folded, hash = f.pointee.foldedHash
                if leaf.lower >= 0, !sets[leaf.lower].contains(folded, hash: hash, isASCII: ascii) { return false }
                if let r = leaf.inRange,
                    !p.listRefs[r].contains(where: { sets[$0].contains(folded, hash: hash, isASCII: ascii) })
                {
                    return false
                }
                if let r = leaf.notInRange,
                    p.listRefs[r].contains(where: { sets[$0].contains(folded, hash: hash, isASCII: ascii) })
                {
                    return false
                }
            }
            return true
        }
    }

    /// The first of the step's alternatives that holds at token t within [.., hi): the end of what it
    /// consumes and the entity (-1: none), or nil.
    private func single(_ step: QuotePattern.Step, _ p: QuotePattern, _ t: Int, _ hi: Int) -> (end: Int, entity: Int)? {
        guard t < hi, t < view.count else { return nil }
        for l in step.leafRange {
            let leaf = p.leaves[l]
            if let types = leaf.entity {
                let i = entityAtToken[t]
                guard i >= 0, entityBit[i] & types != 0, entityEnd[i] <= hi, tokenTests(leaf, p, t) else { continue }
                return (entityEnd[i], i)
            }
            if tokenTests(leaf, p, t) { return (t + 1, -1) }
        }
        return nil
    }

    /// The captures after step `step` took tokens [t, end) in `n` repetitions, the first consuming
    /// entity `entity` (-1: none).
    @inline(__always)
    private func captured(_ captures: Captures, _ step: QuotePattern.Step, _ t: Int, _ end: Int, n: Int, entity: Int)
        -> Captures
    {
        guard let name = step.capture, n > 0 else { return captures }
        var next = captures
        // Two elements with one capture name make one span (`imbuh dia`: the verb and its pronoun).
        if let earlier = captures[name] {
            next[name] = Span(start: earlier.start, end: end, entity: nil)
        } else {
            next[name] = Span(start: t, end: end, entity: n == 1 && entity >= 0 ? entity : nil)
        }
        return next
    }

    /// Matches steps `k...` of `p` from token t, with every token before `hi` (and the match ending at
    /// `hi` when `endsAtHi`). Greedy repetition, backtracking; the first match.
    private func match(
        _ p: QuotePattern, _ k: Int, _ t: Int, _ hi: Int, _ captures: Captures, endsAtHi: Bool
    ) -> (end: Int, captures: Captures)? {
        if k == p.steps.count { return !endsAtHi || t == hi ? (t, captures) : nil }
        let step = p.steps[k]
        if step.oneTokenEach {
            var n = 0
            while n < step.max, single(step, p, t + n, hi) != nil { n += 1 }
            while n >= step.min {
                let next = captured(captures, step, t, t + n, n: n, entity: -1)
                if let found = match(p, k + 1, t + n, hi, next, endsAtHi: endsAtHi) { return found }
                n -= 1
            }
            return nil
        }
        // A step with an entity alternative: the ends of its repetitions listed (one, but for a repeated
        // `any_of`).
        var ends: [(end: Int, entity: Int)] = []
        var at = t
        while ends.count < step.max, let m = single(step, p, at, hi) {
            ends.append(m)
            at = m.end
        }
        var n = ends.count
        while n >= step.min {
            let end = n == 0 ? t : ends[n - 1].end
            let next = captured(captures, step, t, end, n: n, entity: n > 0 ? ends[0].entity : -1)
            if let found = match(p, k + 1, end, hi, next, endsAtHi: endsAtHi) { return found }
            n -= 1
        }
        return nil
    }

    /// The positions in `rules` (ascending) of the rules that may match from token `start` within [start,
    /// hi): those whose first element may take no token, and those whose first element holds at `start`.
    /// The others cannot match there: a caller trying every rule at every token (reported speech) skips
    /// them without copying them or entering the matcher.
    func rulesThatMayStart(_ rules: [QuoteRuleSet.Rule], at start: Int, hi: Int) -> [Int] {
        var found: [Int] = []
        for r in rules.indices {
            let p = rules[r].compiled
            guard let first = p.steps.first else { continue }
            if first.min == 0 || single(first, p, start, hi) != nil { found.append(r) }
        }
        return found
    }

    /// False when no match of `rule` can end at `hi` (a `before` rule's or a `start: sentence` rule's, which
    /// must): its last element takes one token per repetition, at least one, and does not hold at `hi - 1`.
    /// True otherwise (a last element that may take nothing, or that consumes entities). A caller trying a rule
    /// from every start back to the sentence's first word skips all of them at once.
    func mayEnd(_ rule: QuoteRuleSet.Rule, at hi: Int) -> Bool {
        let p = rule.compiled
        guard let last = p.steps.last, last.min >= 1, last.oneTokenEach else { return true }
        return hi >= 1 && single(last, p, hi - 1, hi) != nil
    }

    /// A match of the rule starting at `start`, within [start, hi), optionally required to end at `hi`.
    func match(_ rule: QuoteRuleSet.Rule, from start: Int, hi: Int, endsAtHi: Bool) -> (end: Int, captures: Captures)? {
        match(rule.compiled, 0, start, hi, Captures(), endsAtHi: endsAtHi)
    }
}
