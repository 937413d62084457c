/// One backward pass of a phase's automaton (`PhaseAutomaton`) over a document: the positions where
/// each rule of the phase can begin a match that reaches the end of its pattern within the sentence.
///
/// Two steps, each linear in the tokens whatever the rules: `tokenElements` gives for each token the
/// elements it may pass (`B[i]`, `words` words a token); `candidates` walks each sentence from its
/// last token to its first, computing `live[i]` from `live[i + 1]` (and, for the multi-token
/// consumers, from `live` at the ends of the entries and entities that start at i), and collects the
/// rules whose start elements are live. The cost per token is a few operations per word of the bit
/// sets, plus one row per live element that has predecessors out of sequence, plus the entries and
/// entities starting at the token for the multi-token consumers that may pass there.
enum AutomatonPass {
    /// `B[i]` from the lexeme table: the form part of each element's test and, for an `in:` consumer,
    /// an entry of its list that may start with the form (`DocumentLexemes.elementWord`, from word
    /// `offset` of the form's element bits), masked by the token's class and the entity types
    /// starting at the token.
    static func tokenElements(_ automaton: PhaseAutomaton, context: MatchContext, lexemes: DocumentLexemes, offset: Int)
        -> [UInt64]
    {
        let n = context.view.count, words = automaton.words
        var rows = [UInt64](repeating: 0, count: n * words)
        let features = context.view.features
        automaton.classMasks.withUnsafeBufferPointer { classMasks in
            for t in 0..<n {
                let c = PhaseAutomaton.tokenClass(features[t]) * words
                let types = context.entityTypes(startingAt: t)
                for w in 0..<words {
                    var allowed = automaton.nonEntityMask[w]
                    if types != 0 {
                        var k = types
                        while k != 0 {
                            allowed |= automaton.entityTypeMasks[k.trailingZeroBitCount * words + w]
                            k &= k - 1
                        }
                    }
                    rows[t * words + w] = lexemes.elementWord(t, offset + w) & classMasks[c + w] & allowed
                }
            }
        }
        return rows
    }

    /// `B[i]` exactly, every element's test evaluated at every token (without a lexeme table; a
    /// reference for the tests): what `PatternMatcher.canStart` asks of a start element.
    static func tokenElements(_ automaton: PhaseAutomaton, context: MatchContext) -> [UInt64] {
        let n = context.view.count, words = automaton.words
        var rows = [UInt64](repeating: 0, count: n * words)
        for t in 0..<n {
            for (e, element) in automaton.elements.enumerated() {
                let step = element.step
                guard step.mayMatch(context.tokenBits[t]) else { continue }
                switch step.kind {
                case .token: break
                case .listEntry: guard context.mayStartEntry(of: step.list, at: t) else { continue }
                case .entity: guard context.hasEntity(startingAt: t, types: step.types) else { continue }
                }
                guard step.test._withUnsafeGuaranteedRef({ $0.matches(at: t, context: context) }) else { continue }
                rows[t * words + e >> 6] |= 1 << UInt64(e & 63)
            }
        }
        return rows
    }

    /// The positions where each rule can begin a match: `positions[offsets[r]..<offsets[r + 1]]`,
    /// ascending, for rule r; `tokenElements` from one of the functions above. Every position from
    /// which `PatternMatcher` finds a match of the rule is among them.
    // Long: one backward pass per sentence with the automaton's masks hoisted into locals (read through the
    // automaton in the loop, it was copied); a split would pass a dozen of them.
    static func candidates(
        _ automaton: PhaseAutomaton, tokenElements rows: [UInt64], context: MatchContext,
        sentences: [Range<Int>]
    ) -> PositionsByID {
        let n = context.view.count, words = automaton.words
        var live = [UInt64](repeating: 0, count: n * words)
        var pre = [UInt64](repeating: 0, count: words)
        var counts = [Int32](repeating: 0, count: automaton.ruleCount + 1)
        var lastPosition = [Int32](repeating: -1, count: automaton.ruleCount)
        var found: [(rule: Int32, position: Int32)] = []
        let last = automaton.lastMask, sequence = automaton.sequenceMask, tokenMask = automaton.tokenMask
        let multiMask = automaton.multiMask, startMask = automaton.startMask, otherMask = automaton.otherPredecessorMask
        let otherOffsets = automaton.otherPredecessorOffsets, otherWords = automaton.otherPredecessorWordIndex
        let otherBits = automaton.otherPredecessorWordBits, elementRules = automaton.elementRules
        for sentence in sentences.reversed() {
            let hi = sentence.upperBound
            var i = hi - 1
            while i >= sentence.lowerBound {
                defer { i -= 1 }
                let row = i * words
                var any: UInt64 = 0
                for w in 0..<words { any |= rows[row + w] }
                guard any != 0 else { continue } // live[i] stays empty
                // pre(live[i + 1]): the elements some live element at i + 1 can follow.
                if i + 1 < hi {
                    let next = (i + 1) * words
                    var carried: UInt64 = 0 // some live element at i + 1
                    for w in 0..<words {
                        let x = live[next + w]
                        carried |= x
                        let high = w + 1 < words ? live[next + w + 1] << 63 : 0
                        pre[w] = (x >> 1 | high) & sequence[w]
                    }
                    if carried != 0 {
                        for w in 0..<words {
                            var others = live[next + w] & otherMask[w]
                            while others != 0 {
                                let b = w << 6 | others.trailingZeroBitCount
                                others &= others - 1
                                for k in Int(otherOffsets[b])..<Int(otherOffsets[b + 1]) {
                                    pre[Int(otherWords[k])] |= otherBits[k]
                                }
                            }
                        }
                    }
                } else {
                    for w in 0..<words { pre[w] = 0 }
                }
                var anyLive: UInt64 = 0
                for w in 0..<words {
                    let x = rows[row + w] & tokenMask[w] & (pre[w] | last[w])
                    live[row + w] = x
                    anyLive |= x
                }
                // The multi-token consumers that may pass here: live when an entry or entity starting
                // here ends where the pattern may end, or before a live element that can follow.
                for w in 0..<words {
                    var multi = rows[row + w] & multiMask[w]
                    while multi != 0 {
                        let e = w << 6 | multi.trailingZeroBitCount
                        multi &= multi - 1
                        if multiConsumerLives(automaton, e, at: i, before: hi, live: live, context: context) {
                            live[row + w] |= 1 << UInt64(e & 63)
                            anyLive = 1
                        }
                    }
                }
                guard anyLive != 0 else { continue }
                // The rules with a live start element.
                for w in 0..<words {
                    var starts = live[row + w] & startMask[w]
                    while starts != 0 {
                        let e = w << 6 | starts.trailingZeroBitCount
                        starts &= starts - 1
                        let r = Int(elementRules[e])
                        guard lastPosition[r] != Int32(i) else { continue }
                        lastPosition[r] = Int32(i)
                        found.append((Int32(r), Int32(i)))
                        counts[r + 1] += 1
                    }
                }
            }
        }
        found.reverse() // ascending positions
        return PositionsByID(grouping: found, counts: counts)
    }

    /// True when `in:`/`entity:` consumer `e`, passing at token i, consumes an entry or entity ending
    /// at or before `hi` (the sentence's end) after which the pattern can end or a live element follow.
    private static func multiConsumerLives(
        _ automaton: PhaseAutomaton, _ e: Int, at i: Int, before hi: Int,
        live: [UInt64], context: MatchContext
    ) -> Bool {
        let words = automaton.words
        let isLast = automaton.lastMask[e >> 6] & (1 << UInt64(e & 63)) != 0
        let follow = Int(automaton.followRow[e]) * words
        func livesAfter(_ end: Int) -> Bool {
            guard end <= hi else { return false }
            if isLast { return true }
            guard end < hi else { return false }
            for w in 0..<words where automaton.follows[follow + w] & live[end * words + w] != 0 { return true }
            return false
        }
        let element = automaton.elements[e]
        switch element.kind {
        case .token:
            return false
        case .listEntry:
            let list = Int(element.list)
            for k in context.listEntryEndRange(list, at: i) where livesAfter(context.listEnd(list, k)) { return true }
            return false
        case .entity:
            for k in context.entities(startingAt: i) {
                let x = context.entity(k)
                if element.types & x.type.bit != 0 && livesAfter(x.end) { return true }
            }
            return false
        }
    }
}
