/// All the rules of one match phase as one Glushkov automaton over token classes: one state per
/// consuming element of every rule (no ε-transitions), numbered rule by rule, each rule's elements in
/// `CompiledPattern.elements` order, and kept as bit sets of 64-bit words (`words` of them).
///
/// The automaton answers one question for all the rules of the phase at once (`AutomatonPass`): at
/// which tokens can each rule begin a match that reaches the end of its pattern inside the sentence?
/// It is run backwards over a sentence, once per token, whatever the number of rules:
/// `live[i] = B[i] ∩ (pre(live[i + 1]) ∪ last)`, where `B[i]` are the elements whose test the token
/// may pass, `pre(X)` the elements some element of X can follow, and `last` the elements after which
/// the pattern may end. Multi-token consumers (`in: LIST`, `entity:`) look up `live` at each end of
/// the entries or entities that start at the token.
///
/// `B[i]` is an over-approximation: the form part of each test (from the lexeme table, or the whole
/// test without one), the token's kind and flags (one mask per token class), the entity types that
/// start there; regular expressions and `entity`/`not_entity` tests of single tokens are taken as
/// passing. So the starts it names include every start from which the matcher finds a match; the
/// Pike VM (`PatternMatcher`) still decides the match, its length and its capture from those starts,
/// and a start from which no match exists only ever takes NFA states from threads that could not
/// match either. The results are those of starting the matcher at every position.
///
/// `pre(X)` is bit-parallel: most elements follow the element numbered just before them in the same
/// rule (`X >> 1` masked by `sequence`); the other edges (repeats, alternatives, optional elements)
/// are rows of predecessors OR-ed for the bits of X that have them.
struct PhaseAutomaton: Sendable {
    let ruleCount: Int
    let elementCount: Int
    /// Words per bit set (`(elementCount + 63) / 64`, at least 1).
    let words: Int

    /// What a pass needs of each element.
    struct Element: Sendable {
        let rule: Int32
        let kind: CompiledPattern.Step.Kind
        /// The list of an `in:` consumer (-1 otherwise).
        let list: Int32
        /// The entity types of an `entity:` consumer (`EntityType.bit` mask).
        let types: UInt32
        /// The test's number in the rule set (`TokenTest.formID`), whose form part the lexeme table
        /// answers per word form (-1: none; the element's form part then holds for every form).
        let formID: Int32
        /// The matcher's step (test and masks), for the passes without lexemes.
        let step: CompiledPattern.Step
    }
    let elements: [Element]
    /// `elements[e].rule`, read by the pass without copying the element.
    let elementRules: [Int32]

    /// Bit sets over the elements (`words` words each).
    /// Single-token consumers.
    let tokenMask: [UInt64]
    /// `in:` and `entity:` consumers.
    let multiMask: [UInt64]
    /// Everything but `entity:` consumers.
    let nonEntityMask: [UInt64]
    /// Elements after which the pattern can reach its end without consuming another token.
    let lastMask: [UInt64]
    /// Elements e that element e + 1 (of the same rule) can follow.
    let sequenceMask: [UInt64]
    /// Elements a match can begin with (`CompiledPattern.startElements` of every rule).
    let startMask: [UInt64]
    /// Elements with a predecessor other than the one numbered just before them.
    let otherPredecessorMask: [UInt64]
    /// For element b in `otherPredecessorMask`: row `otherPredecessorRow[b]` of `otherPredecessors`
    /// (`words` words), its predecessors other than b - 1 through `sequenceMask`.
    let otherPredecessorRow: [Int32]
    let otherPredecessors: [UInt64]
    /// The same rows without their zero words, as the pass reads them: the non-zero words of element
    /// b's row are `otherPredecessorWordIndex[k]` and `otherPredecessorWordBits[k]` for k in
    /// `otherPredecessorOffsets[b]..<otherPredecessorOffsets[b + 1]` (a row is mostly zeros: a loop's
    /// element follows itself, an optional one the element before it).
    let otherPredecessorOffsets: [Int32]
    let otherPredecessorWordIndex: [Int32]
    let otherPredecessorWordBits: [UInt64]
    /// For a multi-token consumer e: row `followRow[e]` of `follows`, the elements that can follow it.
    let followRow: [Int32]
    let follows: [UInt64]
    /// Per token class (`tokenClass`), the elements whose kind and flag tests the class passes:
    /// `classMasks[c * words ..< (c + 1) * words]`.
    let classMasks: [UInt64]
    /// Per entity type bit k (0..<32), the `entity:` consumers taking that type:
    /// `entityTypeMasks[k * words ..< (k + 1) * words]`.
    let entityTypeMasks: [UInt64]

    static let classCount = 64

    /// A token's class: its kind and the four flags the tests may ask.
    @inline(__always)
    static func tokenClass(_ f: TokenView.Features) -> Int {
        let kind: Int
        switch f.kind {
        case .word: kind = 0
        case .number: kind = 1
        case .punct: kind = 2
        case .symbol: kind = 3
        }
        return kind | (f.spaceBefore ? 4 : 0) | (f.paragraphStart ? 8 : 0) | (f.titleLine ? 16 : 0)
            | (f.sentenceStart ? 32 : 0)
    }

    // Long: compiles every element of every rule into the automaton's tables in one pass; each table is a `let`
    // that must be set in `init`.
    init(rules: [EntityRule]) {
        ruleCount = rules.count
        var elements: [Element] = []
        var tests: [TokenTest] = []
        var ruleStart: [Int] = []
        for (r, rule) in rules.enumerated() {
            ruleStart.append(elements.count)
            let pattern = rule.pattern
            for (e, element) in pattern.elements.enumerated() {
                let step = pattern.steps[e]
                elements.append(
                    Element(
                        rule: Int32(r), kind: step.kind, list: Int32(step.list), types: step.types,
                        formID: Int32(element.testRef.formID), step: step))
                tests.append(element.test)
            }
        }
        let n = elements.count
        let words = max(1, (n + 63) / 64)
        self.elementCount = n
        self.words = words
        self.elements = elements
        elementRules = elements.map(\.rule)

        func set(_ mask: inout [UInt64], _ e: Int) { mask[e >> 6] |= 1 << UInt64(e & 63) }
        var token = [UInt64](repeating: 0, count: words), multi = token, nonEntity = token, last = token
        var sequence = token, start = token, otherMask = token
        // Predecessor sets and follow sets, from each rule's program.
        var predecessors = [[Int]](repeating: [], count: n)
        var followSets = [[Int]](repeating: [], count: n)
        for (r, rule) in rules.enumerated() {
            let base = ruleStart[r]
            let pattern = rule.pattern
            for e in pattern.startElements { set(&start, base + e) }
            for pc in pattern.program.indices {
                guard case .consume(let e, let next) = pattern.program[pc] else { continue }
                let (followers, reachesMatch) = Self.closure(pattern.program, from: next)
                if reachesMatch { set(&last, base + e) }
                for f in followers {
                    followSets[base + e].append(base + f)
                    predecessors[base + f].append(base + e)
                    if f == e + 1 { set(&sequence, base + e) }
                }
            }
        }
        var otherRow = [Int32](repeating: -1, count: n)
        var others: [UInt64] = []
        for b in 0..<n {
            let extra = predecessors[b].filter { $0 != b - 1 || elements[$0].rule != elements[b].rule }
            guard !extra.isEmpty else { continue }
            set(&otherMask, b)
            otherRow[b] = Int32(others.count / words)
            var row = [UInt64](repeating: 0, count: words)
            for p in extra { set(&row, p) }
            others += row
        }
        var followRow = [Int32](repeating: -1, count: n)
        var follows: [UInt64] = []
        for e in 0..<n {
            switch elements[e].kind {
            case .token: set(&token, e); set(&nonEntity, e); continue
            case .listEntry: set(&multi, e); set(&nonEntity, e)
            case .entity: set(&multi, e)
            }
            followRow[e] = Int32(follows.count / words)
            var row = [UInt64](repeating: 0, count: words)
            for f in followSets[e] { set(&row, f) }
            follows += row
        }
        var classMasks = [UInt64](repeating: 0, count: Self.classCount * words)
        let kinds: [Token.Kind] = [.word, .number, .punct, .symbol]
        for c in 0..<Self.classCount {
            let kind = kinds[c & 3]
            let flags = [c & 4 != 0, c & 8 != 0, c & 16 != 0, c & 32 != 0]
            for (e, t) in tests.enumerated() {
                if let k = t.kinds, !k.contains(kind) { continue }
                let asked = [t.spaceBefore, t.paragraphStart, t.titleLine, t.sentenceStart]
                if zip(asked, flags).contains(where: { $0.0 != nil && $0.0 != $0.1 }) { continue }
                classMasks[c * words + e >> 6] |= 1 << UInt64(e & 63)
            }
        }
        var entityTypeMasks = [UInt64](repeating: 0, count: 32 * words)
        for (e, element) in elements.enumerated() where element.kind == .entity {
            for k in 0..<32 where element.types & (1 << UInt32(k)) != 0 {
                entityTypeMasks[k * words + e >> 6] |= 1 << UInt64(e & 63)
            }
        }
        tokenMask = token
        multiMask = multi
        nonEntityMask = nonEntity
        lastMask = last
        sequenceMask = sequence
        startMask = start
        otherPredecessorMask = otherMask
        otherPredecessorRow = otherRow
        otherPredecessors = others
        var offsets: [Int32] = [0], wordIndex: [Int32] = [], wordBits: [UInt64] = []
        for b in 0..<n {
            if otherRow[b] >= 0 {
                let r = Int(otherRow[b]) * words
                for w in 0..<words where others[r + w] != 0 {
                    wordIndex.append(Int32(w))
                    wordBits.append(others[r + w])
                }
            }
            offsets.append(Int32(wordIndex.count))
        }
        otherPredecessorOffsets = offsets
        otherPredecessorWordIndex = wordIndex
        otherPredecessorWordBits = wordBits
        self.followRow = followRow
        self.follows = follows
        self.classMasks = classMasks
        self.entityTypeMasks = entityTypeMasks
    }

    /// The `consume` elements reachable from instruction `pc` without consuming a token, and whether
    /// `match` is.
    static func closure(_ program: [CompiledPattern.Instruction], from pc: Int) -> (elements: [Int], match: Bool) {
        var seen = [Bool](repeating: false, count: program.count)
        var stack = [pc]
        var found: [Int] = []
        var match = false
        while let pc = stack.popLast() {
            guard !seen[pc] else { continue }
            seen[pc] = true
            switch program[pc] {
            case .consume(let e, _): found.append(e)
            case .split(let a, let b): stack.append(a); stack.append(b)
            case .jump(let a): stack.append(a)
            case .match: match = true
            }
        }
        return (found.sorted(), match)
    }
}
