/// For the rules of one phase, which rules can begin a match at which tokens: one pass over a
/// document's tokens for all the rules of the phase, instead of every rule testing every token.
///
/// Each start element of a rule (`CompiledPattern.startElements`) is filed under one thing a token
/// must have for the element to pass: an entry of its list starting there (`in: LIST` consumers), an
/// entity starting there (`entity:` consumers), the token's word in the element's `text:` or `lower:`
/// set, an entry of one of its `in:` lists (single-token tests); failing all of those, under its shape
/// and kind masks. A token makes a rule a candidate only through one of its start elements' keys, and
/// the rule is then checked there with the matcher's own `PatternMatcher.canStart`: so the candidates
/// are exactly the positions where `canStart` holds (a key only skips tokens where its element fails),
/// the positions `PatternMatcher.run(_:over:context:)` finds by testing every token. `RuleRequirements`
/// then drops those where an element every match needs cannot be found later in the sentence.
struct PhaseStartIndex: Sendable {
    let ruleCount: Int
    /// Rules by the key of one of their start elements.
    private let startKeys: TokenKeys
    /// Start elements with no key: the rule is a candidate wherever the token's shape and kind pass.
    private let maskRules: [(rule: Int32, shapes: UInt32, kinds: UInt32)]
    /// Every rule's start steps (`CompiledPattern.startSteps`) in one array, those of rule r at
    /// `startSteps[startStepOffsets[r]..<startStepOffsets[r + 1]]`: read for every candidate, where
    /// reading a rule's pattern out of the array retained and released all of its arrays.
    private let startSteps: ContiguousArray<CompiledPattern.Step>
    private let startStepOffsets: [Int32]
    /// The rules with an `entity:` consumer among their start elements, and its types (`EntityType.bit`
    /// mask): with lexemes, the rules of the other start elements come from the token's start-rule bits
    /// (`DocumentLexemes.startRules`), these from the entities starting at the token.
    private let entityStarts: [(rule: Int32, types: UInt32)]
    /// The rules whose start the token's class decides (`ClassStartRules.isDecided`), those of them whose
    /// start tests read the covering entity (`ClassStartRules.readsEntity`) and those with a start element
    /// that consumes an entity (`ClassStartRules.consumesEntity`), as bits: at a token with a class
    /// (`DocumentLexemes.classes`), the class's row answers `canStart` for the first, except for the second
    /// where an entity covers the token and for the third where an entity starts.
    private let decided: [UInt64]
    private let decidedReadingEntity: [UInt64]
    private let decidedConsumingEntity: [UInt64]

    init(rules: [EntityRule], listCount: Int) {
        ruleCount = rules.count
        var starts = TokenKeys.Builder(listCount: listCount)
        var mask: [(rule: Int32, shapes: UInt32, kinds: UInt32)] = []
        for (r, rule) in rules.enumerated() {
            let pattern = rule.pattern
            let r = Int32(r)
            for e in pattern.startElements where !starts.file(r, pattern.steps[e], pattern.elements[e].test) {
                mask.append((r, pattern.steps[e].shapes, pattern.steps[e].kinds))
            }
        }
        startSteps = ContiguousArray(rules.flatMap { $0.pattern.startSteps })
        startStepOffsets = rules.reduce(into: [0]) { $0.append($0.last! + Int32($1.pattern.startSteps.count)) }
        startKeys = TokenKeys(starts)
        maskRules = mask
        var entityStarts: [(rule: Int32, types: UInt32)] = []
        for (r, rule) in rules.enumerated() {
            for e in rule.pattern.startElements where rule.pattern.steps[e].kind == .entity {
                entityStarts.append((Int32(r), rule.pattern.steps[e].types))
            }
        }
        self.entityStarts = entityStarts
        var decided = [UInt64](repeating: 0, count: (rules.count + 63) / 64)
        var readingEntity = decided, consumingEntity = decided
        for (r, rule) in rules.enumerated() where ClassStartRules.isDecided(rule.pattern) {
            decided[r >> 6] |= 1 << UInt64(r & 63)
            if ClassStartRules.readsEntity(rule.pattern) { readingEntity[r >> 6] |= 1 << UInt64(r & 63) }
            if ClassStartRules.consumesEntity(rule.pattern) { consumingEntity[r >> 6] |= 1 << UInt64(r & 63) }
        }
        self.decided = decided
        decidedReadingEntity = readingEntity
        decidedConsumingEntity = consumingEntity
    }

    /// The positions where each rule can start a match in this document (with the context's entities
    /// of the phase): `positions[offsets[r]..<offsets[r + 1]]`, ascending, for rule r.
    typealias Candidates = PositionsByID

    /// With `requirements` (`RuleRequirements.check`), the positions where a rule's requirements fail
    /// are left out before `canStart` is asked; without, the candidates are exactly the positions
    /// where `canStart` holds. The start steps refer to the tests of the phase's rules without retaining
    /// them: the index is kept beside the `RuleSet` that holds them (`TagStage`).
    ///
    /// `lexemeRules`: where this phase's start-rule bits begin in the words of each token of the view's
    /// lexemes (`LexemeTable.ruleWordOffset`); the rules considered at a token are then those bits and
    /// the rules of `entityStarts`, instead of the keys' and the masks' (same candidates: the bits are
    /// set for every rule whose start element's form part passes).
    func candidates(context: MatchContext, requirements: RequirementCheck? = nil, lexemeRules: Int? = nil) -> Candidates
    {
        var counts = [Int32](repeating: 0, count: ruleCount + 1)
        var lastPosition = [Int32](repeating: -1, count: ruleCount)
        var found: [(rule: Int32, position: Int32)] = []
        // Through buffers: each array write checked the array's uniqueness (a runtime call), about
        // once per rule considered at a token.
        counts.withUnsafeMutableBufferPointer { counts in
            lastPosition.withUnsafeMutableBufferPointer { lastPosition in
                var collector = Collector(counts: counts, lastPosition: lastPosition, requirements: requirements)
                if let offset = lexemeRules, let lexemes = context.view.lexemes {
                    collect(into: &collector, context: context, lexemes: lexemes, offset: offset)
                } else {
                    collect(into: &collector, context: context)
                }
                found = collector.found
            }
        }
        return PositionsByID(grouping: found, counts: counts)
    }

    private func collect(into collector: inout Collector, context: MatchContext) {
        let tokenBits = context.tokenBits
        for t in 0..<context.view.count {
            collector.position = t
            startKeys.forEachID(at: t, context: context) { collector.consider($0, self, context) }
            let bits = tokenBits[t]
            for m in maskRules where bits & m.shapes != 0 && (bits >> 8) & m.kinds != 0 {
                collector.consider(m.rule, self, context)
            }
        }
    }

    private func collect(into collector: inout Collector, context: MatchContext, lexemes: DocumentLexemes, offset: Int)
    {
        let words = (ruleCount + 63) / 64
        if collector.requirements != nil { collector.dead = [UInt64](repeating: 0, count: words) }
        let classes = lexemes.classes
        // A token with a class reads the class's row: the decided rules that start at the class (where no
        // entity covers the token and none starts there), the form's start-rule bits for the others.
        let classStarts = lexemes.classStarts ?? lexemes.startRules
        do {
            for t in 0..<context.view.count {
                collector.position = t
                if collector.anyDead && Int32(t) >= collector.deadUntil {
                    for w in 0..<collector.dead.count { collector.dead[w] = 0 }
                    collector.anyDead = false
                }
                let c = classes.isEmpty || lexemes.classStarts == nil ? -1 : Int(classes[t])
                let covered = c >= 0 && context.entityCovering(t) != nil
                let starting = c >= 0 && context.hasEntity(startingAt: t)
                for w in 0..<words {
                    var bits = c >= 0 ? classStarts.word(c, offset + w) : lexemes.startRuleWord(t, offset + w)
                    var answered = c >= 0 ? decided[w] : 0
                    if covered || starting {
                        // The class does not answer these here: the form's bits, and `canStart`.
                        let unanswered =
                            (covered ? decidedReadingEntity[w] : 0) | (starting ? decidedConsumingEntity[w] : 0)
                        bits |= lexemes.startRuleWord(t, offset + w) & unanswered
                        answered &= ~unanswered
                    }
                    if collector.anyDead { bits &= ~collector.dead[w] }
                    // The rules of one token are independent (a rule's requirements and its place in `dead`
                    // are its own), so the answered ones go first.
                    var yes = bits & answered
                    bits &= ~answered
                    while yes != 0 {
                        let r = Int32(w * 64 + yes.trailingZeroBitCount)
                        yes &= yes - 1
                        collector.accept(r)
                    }
                    while bits != 0 {
                        let r = Int32(w * 64 + bits.trailingZeroBitCount)
                        bits &= bits - 1
                        collector.consider(r, self, context)
                    }
                }
                if !entityStarts.isEmpty, context.hasEntity(startingAt: t) {
                    for e in entityStarts where context.hasEntity(startingAt: t, types: e.types) {
                        collector.consider(e.rule, self, context)
                    }
                }
            }
        }
    }

    /// The rules found able to start at each token, in token order. A struct with a mutating method,
    /// not a nested function over local arrays: Swift checked exclusive access to those at every use.
    private struct Collector {
        /// `counts[r + 1]`: the number of positions found for rule r.
        let counts: UnsafeMutableBufferPointer<Int32>
        /// The last position each rule was checked at: a rule keyed several times at one token (by
        /// several start elements) is checked once.
        let lastPosition: UnsafeMutableBufferPointer<Int32>
        /// (rule, position) in position order.
        var found: [(rule: Int32, position: Int32)] = []
        var position = 0
        var requirements: RequirementCheck?

        init(
            counts: UnsafeMutableBufferPointer<Int32>, lastPosition: UnsafeMutableBufferPointer<Int32>,
            requirements: RequirementCheck?
        ) {
            self.counts = counts
            self.lastPosition = lastPosition
            self.requirements = requirements
        }

        /// Rules whose requirements failed in the current sentence (bit r of word r / 64), and the end of
        /// that sentence: a requirement that holds nowhere from a position to the sentence's end holds
        /// nowhere from a later position either, so the rule is not considered again before the end.
        var dead: [UInt64] = []
        var deadUntil: Int32 = 0
        /// Some bit of `dead` is set.
        var anyDead = false

        /// Rule r is found at the current position when its requirements hold and `canStart` does.
        @inline(__always) mutating func consider(_ r: Int32, _ index: PhaseStartIndex, _ context: MatchContext) {
            guard admit(r) else { return }
            let ri = Int(r)
            let steps = Int(index.startStepOffsets[ri])..<Int(index.startStepOffsets[ri + 1])
            if PatternMatcher.canStart(index.startSteps, steps, at: position, context: context) {
                found.append((r, Int32(position)))
                counts[ri + 1] += 1
            }
        }

        /// Rule r, which the token's class says can start here, is found when its requirements hold.
        @inline(__always) mutating func accept(_ r: Int32) {
            guard admit(r) else { return }
            found.append((r, Int32(position)))
            counts[Int(r) + 1] += 1
        }

        /// False when rule r was checked at the current position already or its requirements fail there.
        @inline(__always) private mutating func admit(_ r: Int32) -> Bool {
            let ri = Int(r)
            guard lastPosition[ri] != Int32(position) else { return false }
            lastPosition[ri] = Int32(position)
            if requirements != nil, !requirements!.hold(rule: ri, at: Int32(position)) {
                if !dead.isEmpty {
                    if Int32(position) >= deadUntil {
                        if anyDead { for w in dead.indices { dead[w] = 0 } }
                        deadUntil = requirements!.sentenceEnd(at: Int32(position))
                    }
                    dead[ri >> 6] |= 1 << UInt64(ri & 63)
                    anyDead = true
                }
                return false
            }
            return true
        }
    }
}

/// Positions (token indexes) by number (a rule, a requirement): those of number k are
/// `positions[offsets[k]..<offsets[k + 1]]`, ascending.
struct PositionsByID {
    var offsets: [Int32]
    var positions: [Int32]

    /// (number, position) pairs in position order, grouped by number (a counting sort, stable: each
    /// number's positions stay ascending); `counts[k + 1]` is the number of pairs of number k.
    init(grouping pairs: [(rule: Int32, position: Int32)], counts: [Int32]) {
        var offsets = counts
        for k in 1..<offsets.count { offsets[k] += offsets[k - 1] }
        var fill = offsets
        var positions = [Int32](repeating: 0, count: pairs.count)
        for (k, position) in pairs {
            positions[Int(fill[Int(k)])] = position
            fill[Int(k)] += 1
        }
        self.offsets = offsets
        self.positions = positions
    }
}

/// The requirements of the rules of every match phase: the elements every match of a rule consumes
/// (`CompiledPattern.requiredElements`) that have a key (`TokenKeys`). A start position where, for some
/// requirement, no token from there to the end of the sentence holds its key cannot begin a match:
/// most rules that may start at any title-case word need a rarer word further on (a degree, a company
/// suffix, a speech verb), and the matcher, started at each such word, failed there nearly always.
///
/// Where the word keys (text, folded text, list entries) hold is found once per document; the entity
/// keys are looked up among the entity starts of the phase (each phase sees the entities of the ones
/// before).
struct RuleRequirements: Sendable {
    /// The requirement numbers of rule r of phase p: `ruleOffsets[p][r]..<ruleOffsets[p][r + 1]`
    /// (empty for phases that are not match phases).
    private let ruleOffsets: [[Int32]]
    private let count: Int
    /// The entity types of requirement j when its key is an entity (`EntityType.bit` mask), 0 when it
    /// is a word key.
    private let entityTypes: [UInt32]
    /// 1 when requirement j's element cannot begin a match (it is not a start element): its key must
    /// then hold after the start position, not at it; else 0.
    private let after: [Int32]
    private let wordKeys: TokenKeys

    init(rules: RuleSet) {
        var words = TokenKeys.Builder(listCount: rules.lists.count)
        var entityTypes: [UInt32] = []
        var after: [Int32] = []
        var next: Int32 = 0
        ruleOffsets = rules.phases.map { phase -> [Int32] in
            guard case .match(_, _, let phaseRules) = phase else { return [] }
            var offsets: [Int32] = [next]
            for rule in phaseRules {
                let pattern = rule.pattern
                for e in pattern.requiredElements {
                    let step = pattern.steps[e]
                    if step.kind == .entity {
                        entityTypes.append(step.types)
                    } else if words.file(next, step, pattern.elements[e].test) {
                        entityTypes.append(0)
                    } else {
                        continue
                    }
                    after.append(pattern.startElements.contains(e) ? 0 : 1)
                    next += 1
                }
                offsets.append(next)
            }
            return offsets
        }
        count = Int(next)
        self.entityTypes = entityTypes
        self.after = after
        wordKeys = TokenKeys(words)
    }

    /// The number of requirements (`LexemeTable` keeps, per form, the bits of those whose word key it holds).
    var requirementCount: Int { count }

    /// The requirements whose word key a token with this form holds (see `TokenKeys.forEachWordID`).
    func forEachWordKeyHeld(_ form: TokenView.Form, lists: [Int32], _ body: (Int32) -> Void) {
        wordKeys.forEachWordID(form, lists: lists, body)
    }

    /// Where each requirement with a word key holds in the document of `context`. With lexemes, from
    /// each token's requirement bits (`DocumentLexemes.requirementWord`): the same positions, without
    /// a number twice at one token.
    func wordsHeld(context: MatchContext) -> PositionsByID {
        var pairs: [(rule: Int32, position: Int32)] = []
        var counts = [Int32](repeating: 0, count: count + 1)
        if let lexemes = context.view.lexemes, lexemes.requirementBits.width == (count + 63) / 64 {
            let words = lexemes.requirementBits.width
            for t in 0..<context.view.count {
                for w in 0..<words {
                    var bits = lexemes.requirementWord(t, w)
                    while bits != 0 {
                        let k = w * 64 + bits.trailingZeroBitCount
                        bits &= bits - 1
                        pairs.append((Int32(k), Int32(t)))
                        counts[k + 1] += 1
                    }
                }
            }
            return PositionsByID(grouping: pairs, counts: counts)
        }
        for t in 0..<context.view.count {
            wordKeys.forEachID(at: t, context: context) { k in
                pairs.append((k, Int32(t)))
                counts[Int(k) + 1] += 1
            }
        }
        return PositionsByID(grouping: pairs, counts: counts)
    }

    /// The check of the requirements of phase `phase`'s rules in one document (`sentenceEnds[t]`: the
    /// end of the sentence of token t; `words`: from `wordsHeld`), with the context's entities of the
    /// phase; nil when no rule of the phase has requirements.
    func check(phase: Int, words: PositionsByID, context: MatchContext, sentenceEnds: [Int32]) -> RequirementCheck? {
        guard ruleOffsets[phase].first != ruleOffsets[phase].last else { return nil }
        return RequirementCheck(
            ruleOffsets: ruleOffsets[phase], entityTypes: entityTypes, after: after, words: words,
            context: context, sentenceEnds: sentenceEnds)
    }
}

/// The requirements of one phase's rules against one document: `hold(rule:at:)` answers whether every
/// requirement of the rule holds somewhere between the position and the end of its sentence. Asked
/// for ascending positions (the start index walks the tokens in order), so each requirement keeps a
/// pointer that only moves forward.
struct RequirementCheck {
    private let ruleOffsets: [Int32]
    private let entityTypes: [UInt32]
    private let after: [Int32]
    private let words: PositionsByID
    private let context: MatchContext
    private let entityStarts: [Int32]
    private let sentenceEnds: [Int32]
    /// Per requirement: the first position where its key holds (in `words.positions`, or in
    /// `entityStarts` for an entity key) not before the last position asked.
    private var next: [Int32]

    init(
        ruleOffsets: [Int32], entityTypes: [UInt32], after: [Int32], words: PositionsByID, context: MatchContext,
        sentenceEnds: [Int32]
    ) {
        self.ruleOffsets = ruleOffsets
        self.entityTypes = entityTypes
        self.after = after
        self.words = words
        self.context = context
        entityStarts = context.entityStartTokens
        self.sentenceEnds = sentenceEnds
        next = entityTypes.indices.map { entityTypes[$0] != 0 ? 0 : words.offsets[$0] }
    }

    /// The end of the sentence of the token at `p` (token index).
    func sentenceEnd(at p: Int32) -> Int32 { sentenceEnds[Int(p)] }

    mutating func hold(rule r: Int, at p: Int32) -> Bool {
        let end = sentenceEnds[Int(p)]
        for j in Int(ruleOffsets[r])..<Int(ruleOffsets[r + 1]) {
            var i = Int(next[j])
            let from = p + after[j]
            if entityTypes[j] != 0 {
                // The first start of an entity of the requirement's types from `from` on. The pointer
                // keeps it: a start skipped for its types is skipped for every later position too (a
                // scan from the first start at `from` for each position was quadratic in a sentence
                // with many entities and none of the type).
                while i < entityStarts.count
                    && (entityStarts[i] < from
                        || context.entityTypes(startingAt: Int(entityStarts[i])) & entityTypes[j] == 0)
                {
                    i += 1
                }
                next[j] = Int32(i)
                if i == entityStarts.count || entityStarts[i] >= end { return false }
            } else {
                let last = Int(words.offsets[j + 1])
                while i < last && words.positions[i] < from { i += 1 }
                next[j] = Int32(i)
                if i == last || words.positions[i] >= end { return false }
            }
        }
        return true
    }
}

/// Numbers (rules, or requirements of rules) filed under one thing a token must have for an element
/// of a pattern to pass there: an entry of its list starting there (`in: LIST` consumers), an entity
/// of its types starting there (`entity:` consumers), the token's word in the element's `text:` or
/// `lower:` set, an entry of one of its `in:` lists (single-token tests). Elements with none of these
/// (shape, kind or expression only) have no key.
struct TokenKeys: Sendable {
    /// By a word of a `text:` set (sets of ASCII words only, see `WordKeys`).
    private let text: WordKeys
    /// By a word of a `lower:` set (same restriction), looked up by folded text.
    private let folded: WordKeys
    /// For each list l, the numbers filed under an entry of l starting at the token:
    /// `listIDs[listOffsets[l]..<listOffsets[l + 1]]`.
    private let listOffsets: [Int32]
    private let listIDs: [Int32]
    /// Numbers filed under an entity of `types` (`EntityType.bit` mask) starting at the token.
    private let entity: [(id: Int32, types: UInt32)]

    struct Builder {
        var text: [String: [Int32]] = [:]
        var folded: [String: [Int32]] = [:]
        var byList: [[Int32]]
        var entity: [(id: Int32, types: UInt32)] = []

        init(listCount: Int) { byList = [[Int32]](repeating: [], count: listCount) }

        /// Files `id` under the element's key; false when the element has none.
        mutating func file(_ id: Int32, _ step: CompiledPattern.Step, _ test: TokenTest) -> Bool {
            switch step.kind {
            case .listEntry: byList[step.list].append(id)
            case .entity: entity.append((id, step.types))
            case .token:
                if let words = test.text, WordKeys.canKey(words) {
                    for w in words { text[w, default: []].append(id) }
                } else if let words = test.lower, WordKeys.canKey(words) {
                    for w in words { folded[w, default: []].append(id) }
                } else if !test.inList.isEmpty {
                    for l in test.inList { byList[l].append(id) }
                } else {
                    return false
                }
            }
            return true
        }
    }

    init(_ builder: Builder) {
        text = WordKeys(builder.text)
        folded = WordKeys(builder.folded)
        listOffsets = builder.byList.reduce(into: [0]) { $0.append($0.last! + Int32($1.count)) }
        listIDs = builder.byList.flatMap { $0 }
        entity = builder.entity
    }

    /// Calls `body` with every number whose key token t holds (a number filed under several keys may
    /// come more than once).
    @inline(__always) func forEachID(at t: Int, context: MatchContext, _ body: (Int32) -> Void) {
        let features = context.view.features
        if !text.isEmpty {
            for k in text.rules(for: features[t].text, hash: features[t].textHash, isASCII: features[t].isASCII) {
                body(text.rule(k))
            }
        }
        if !folded.isEmpty {
            for k in folded.rules(for: features[t].folded, hash: features[t].foldedHash, isASCII: features[t].isASCII) {
                body(folded.rule(k))
            }
        }
        context.forEachListStarting(at: t) { list in
            for i in Int(listOffsets[list])..<Int(listOffsets[list + 1]) { body(listIDs[i]) }
        }
        forEachEntityID(at: t, context: context, body)
    }

    /// The numbers filed under a word key (text, folded text, a list starting there) that a token with
    /// this form holds (`lists`: the lists with an entry starting with it); entity keys are left out.
    func forEachWordID(_ form: TokenView.Form, lists: [Int32], _ body: (Int32) -> Void) {
        if !text.isEmpty {
            for k in text.rules(for: form.text, hash: form.textHash, isASCII: form.isASCII) { body(text.rule(k)) }
        }
        if !folded.isEmpty {
            for k in folded.rules(for: form.folded, hash: form.foldedHash, isASCII: form.isASCII) {
                body(folded.rule(k))
            }
        }
        for list in lists {
            for i in Int(listOffsets[Int(list)])..<Int(listOffsets[Int(list) + 1]) { body(listIDs[i]) }
        }
    }

    @inline(__always) private func forEachEntityID(at t: Int, context: MatchContext, _ body: (Int32) -> Void) {
        if !entity.isEmpty, context.hasEntity(startingAt: t) {
            for e in entity where context.hasEntity(startingAt: t, types: e.types) { body(e.id) }
        }
    }
}

/// Rule numbers by word, for the tokens' precomputed `StringSet.hash`: open addressing, the words
/// compared only when the hashes are equal, the rules of each word in one flat array.
///
/// Only sets of ASCII words are keyed (`canKey`): Swift compares strings by canonical equivalence, and
/// an ASCII token can equal a non-ASCII word (`K` and the Kelvin sign), which a byte table would miss;
/// such sets stay with the shape and kind masks. An ASCII word equals an ASCII token only when the bytes
/// are equal, so ASCII tokens are answered by the table; a non-ASCII token can still equal an ASCII word
/// canonically, so it is looked up by `String` equality, as `Set<String>` does.
struct WordKeys: Sendable {
    private var slots: [Int32]
    private var hashes: [UInt64] = []
    private var words: [String] = []
    /// The rules of word k: `rules[offsets[k]..<offsets[k + 1]]`.
    private var offsets: [Int32] = [0]
    private var rules: [Int32] = []
    private let mask: Int
    private let byString: [String: Range<Int>]

    static func canKey(_ words: Set<String>) -> Bool { words.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } } }

    var isEmpty: Bool { words.isEmpty }

    init(_ rulesByWord: [String: [Int32]]) {
        var capacity = 8
        while capacity < rulesByWord.count * 2 { capacity *= 2 }
        mask = capacity - 1
        slots = [Int32](repeating: -1, count: capacity)
        var byString: [String: Range<Int>] = [:]
        for word in rulesByWord.keys.sorted() {
            let h = StringSet.hash(word)
            var i = Int(truncatingIfNeeded: h) & mask
            while slots[i] >= 0 { i = (i + 1) & mask }
            slots[i] = Int32(words.count)
            words.append(word)
            hashes.append(h)
            let start = rules.count
            rules.append(contentsOf: rulesByWord[word]!)
            offsets.append(Int32(rules.count))
            byString[word] = start..<rules.count
        }
        self.byString = byString
    }

    /// Positions in `rule(_:)` of the rules keyed by `word`.
    @inline(__always) func rules(for word: String, hash h: UInt64, isASCII: Bool) -> Range<Int> {
        guard isASCII else { return byString[word] ?? 0..<0 }
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let k = Int(slots[i])
            if k < 0 { return 0..<0 }
            if hashes[k] == h && words[k] == word { return Int(offsets[k])..<Int(offsets[k + 1]) }
            i = (i + 1) & mask
        }
    }

    @inline(__always) func rule(_ k: Int) -> Int32 { rules[k] }
}
