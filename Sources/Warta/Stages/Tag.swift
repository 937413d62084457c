import Foundation

/// Tags entities with the rules and gazetteers of a rules file (`pipelines/rules/*.yaml`).
///
/// Phases run in the file's order. In a match phase every rule and gazetteer of the phase finds its
/// matches, sentence by sentence, and all of them, together with the entities of earlier phases, are
/// resolved: longest span first, then higher priority, then earlier phase, then leftmost; a span that
/// overlaps an accepted one is dropped unless the accepted one's type may contain it (`nesting`); an
/// entity of the same type never nests at its container's start (`Bawaslu` in `Bawaslu Mamuju` is the
/// body without its place, not a body inside it; `BKN` in `Kantor Regional IV BKN Makassar` is).
/// Later phases can consume the entities of earlier ones (`entity: ORG`). Built-in steps (acronym
/// pairs, short person mentions, role links) run where the file puts them. Norms are computed last,
/// when the whole document is known (a date's year may come from another sentence).
public struct TagStage: Stage {
    public static let name = "tag"
    public static let requires: [Layer] = [.tokens, .sentences]
    public static let provides: [Layer] = [.entities, .acronyms, .warnings]

    public let rules: RuleSet
    /// For each match phase, which of its rules can start where (`PhaseStartIndex`); nil for the others.
    let startIndexes: [PhaseStartIndex?]
    /// For each match phase, which of its gazetteers have an entry starting with a token (`GazetteerStarts`).
    let gazetteerStarts: [GazetteerStarts?]
    /// What the rules' matches need beyond their start (`RuleRequirements`).
    let requirements: RuleRequirements
    /// The word forms seen in this run and what the rules ask of them (`LexemeTable`), shared by the workers.
    let lexemes: LexemeTable
    /// For each match phase, all its rules as one automaton (`PhaseAutomaton`): with lexemes, the rules
    /// run only from the positions where it says a match can begin (`AutomatonPass`); nil for the others.
    let automata: [PhaseAutomaton?]
    /// True: the phases' automata name the rules' starts (`AutomatonPass`, with the lexeme table's
    /// element bits); false (the default): the start index and the rules' requirements do. Both give the
    /// same matches (`PhaseAutomatonTests`); the automaton costs more instructions than it saves so far
    /// (BENCHMARKS.md, issue 22), so it is off.
    let useAutomata: Bool
    /// The learned tagger (`ModelEntities`, the stage's `model` option), run before the person-mentions
    /// step (or after the last phase); nil: off.
    var model: ModelEntities?

    public init(options: StageOptions) throws {
        guard let url = try options.file("rules") else {
            throw options.error("rules", "a rules file is required")
        }
        self.init(rules: try RuleSet.load(url))
        for f in rules.files where f != url { options.noteFile(f) }
        model = try ModelEntities(options: options)
    }

    public init(rules: RuleSet) { self.init(rules: rules, lexemes: nil) }

    /// With a lexeme table of its own (tests: a small capacity); nil makes one.
    init(rules: RuleSet, lexemes: LexemeTable?, useAutomata: Bool = false) {
        self.rules = rules
        self.useAutomata = useAutomata
        gazetteerStarts = rules.phases.map { phase -> GazetteerStarts? in
            guard case .match(_, let gazetteers, _) = phase else { return nil }
            return GazetteerStarts(gazetteers.map { rules.gazetteers[$0] })
        }
        startIndexes = rules.phases.map { phase -> PhaseStartIndex? in
            guard case .match(_, _, let phaseRules) = phase else { return nil }
            return PhaseStartIndex(rules: phaseRules, listCount: rules.lists.count)
        }
        requirements = RuleRequirements(rules: rules)
        // Built only when used: a phase's automaton costs about a tenth of the start-up's instructions.
        automata = rules.phases.map { phase -> PhaseAutomaton? in
            guard useAutomata, case .match(_, _, let phaseRules) = phase else { return nil }
            return PhaseAutomaton(rules: phaseRules)
        }
        self.lexemes =
            lexemes
            ?? LexemeTable(
                rules: rules, gazetteerStarts: gazetteerStarts, requirements: requirements,
                elementBits: useAutomata)
    }

    // Long: the tag stage's phase loop: gazetteers, the candidate starts and the matcher share the view, the
    // context and the state of each phase, on the hot path.
    public func process(_ document: inout Document) throws {
        let view = TokenView(document, lexemes: lexemes)
        let context = MatchContext(view: view, lists: rules.lists, listsStartingWith: rules.listsStartingWith)
        var state = TagState(document: document, view: view, rules: rules)
        let sentenceEnds = Self.sentenceEnds(state.sentenceTokenRanges, tokenCount: view.count)
        // The requirements' word keys, for the start index (without lexemes only).
        var wordsHeld: PositionsByID?
        var modelRan = false
        for (phaseIndex, phase) in rules.phases.enumerated() {
            switch phase {
            case .match(_, let gazetteers, let phaseRules):
                context.setEntities(state.tokenEntities())
                var found: [Candidate] = []
                if !gazetteers.isEmpty {
                    let slot = lexemes.gazetteerSlot[phaseIndex]
                    let starts =
                        view.lexemes.map { $0.gazetteerMasks(slot: slot) } ?? gazetteerStarts[phaseIndex]!.masks(view)
                    for (k, g) in gazetteers.enumerated() {
                        // Past the 64 bits of a mask a gazetteer tries every token (its trie answers).
                        found += state.gazetteerMatches(
                            rules.gazetteers[g], phase: phaseIndex, context: context,
                            mayStart: { k >= 64 || starts[$0] & (1 << UInt64(k)) != 0 })
                    }
                }
                // Rule by rule over all sentences (a rule is a struct of arrays and sets: reading one out of
                // the array for every sentence retained and released all of them), then the matches in
                // sentence order, rule by rule within a sentence, as the rules are written.
                // The matcher runs only from the positions where the phase's automaton says a match of
                // the rule can begin (`AutomatonPass`: one backward pass for all the rules of the phase),
                // so only in the sentences that hold such a position; by default (`useAutomata` false) or
                // without lexemes, from those of the start index (`PhaseStartIndex`) that pass the
                // rule's requirements. Both name every start from which the matcher finds a match, so the
                // matches are the same.
                var matches: [(sentence: Int, rule: Int, order: Int, match: PatternMatch)] = []
                let sentences = state.sentenceTokenRanges
                let candidates: PositionsByID
                if useAutomata, let found = view.lexemes, let automaton = automata[phaseIndex] {
                    let rows = AutomatonPass.tokenElements(
                        automaton, context: context, lexemes: found,
                        offset: lexemes.elementWordOffset[phaseIndex])
                    candidates = AutomatonPass.candidates(
                        automaton, tokenElements: rows, context: context, sentences: sentences)
                } else {
                    if wordsHeld == nil { wordsHeld = requirements.wordsHeld(context: context) }
                    let check = requirements.check(
                        phase: phaseIndex, words: wordsHeld!, context: context, sentenceEnds: sentenceEnds)
                    candidates = startIndexes[phaseIndex]!.candidates(
                        context: context, requirements: check,
                        lexemeRules: view.lexemes == nil ? nil : lexemes.ruleWordOffset[phaseIndex])
                }
                candidates.positions.withUnsafeBufferPointer { positions in
                    for r in phaseRules.indices {
                        let pattern = phaseRules[r].pattern // not the whole rule: fewer arrays to retain
                        let starts = UnsafeBufferPointer(
                            rebasing: positions[Int(candidates.offsets[r])..<Int(candidates.offsets[r + 1])])
                        // Sentence by sentence, on one machine for the rule.
                        PatternMatcher.run(pattern, sentences: sentences, positions: starts, context: context) { s, m in
                            if !m.span.isEmpty { matches.append((s, r, matches.count, m)) }
                        }
                    }
                }
                // A rule's matches in a sentence keep their order (`order`: the order they were found in).
                matches.sort { a, b in (a.sentence, a.rule, a.order) < (b.sentence, b.rule, b.order) }
                for (_, r, _, m) in matches {
                    let rule = phaseRules[r]
                    if !rule.veto.isEmpty {
                        state.vetoes.append((m.span, rule.veto))
                        continue
                    }
                    found.append(
                        Candidate(
                            start: m.span.lowerBound, end: m.span.upperBound, type: rule.type,
                            rule: rule.id, priority: rule.priority, phase: phaseIndex, norm: nil, normKind: rule.norm))
                }
                state.resolve(adding: found)
            case .step(.acronyms): state.findAcronyms(phase: phaseIndex)
            case .step(.personMentions):
                if let model, !modelRan {
                    state.addModelEntities(model, phase: phaseIndex)
                    modelRan = true
                }
                state.findPersonMentions(phase: phaseIndex)
                state.linkFullestNames()
                state.linkAliases()
            case .step(.roleLinks): break // done once at the end, when indexes are final
            }
        }
        if let model, !modelRan { state.addModelEntities(model, phase: rules.phases.count) }
        let linkRoles = rules.phases.contains {
            if case .step(.roleLinks) = $0 { return true }; return false
        }
        document.entities = state.finalEntities(linkRoles: linkRoles)
        document.warnings += context.regexGiveUps.warnings
        document.acronyms = state.acronyms
        if let found = view.lexemes, context.foundRegexAnswers {
            lexemes.publish(found, known: context.regexKnown, yes: context.regexYes, gaveUp: context.regexGaveUpBits)
        }
    }
}

extension TagStage {
    /// For each token, the end of its sentence (token index); the document's end for a token outside
    /// every sentence.
    static func sentenceEnds(_ sentences: [Range<Int>], tokenCount: Int) -> [Int32] {
        var ends = [Int32](repeating: Int32(tokenCount), count: tokenCount)
        for sentence in sentences { for t in sentence where t < tokenCount { ends[t] = Int32(sentence.upperBound) } }
        return ends
    }
}

/// A possible entity in token coordinates.
struct Candidate {
    var start: Int
    var end: Int
    var type: EntityType
    var rule: String
    var priority: Int
    var phase: Int
    var norm: String?
    var normKind: NormKind
}

/// The tagging of one document in progress.
struct TagState {
    let document: Document
    let view: TokenView
    let rules: RuleSet
    var entities: [Candidate] = []
    var acronyms: [AcronymPair] = []
    /// Spans of veto rules' matches and the types no entity inside them may have (from the phase the
    /// veto matched in onwards).
    var vetoes: [(span: Range<Int>, types: Set<EntityType>)] = []
    let sentenceTokenRanges: [Range<Int>]
    /// The positions in `entities` in the order the last `resolve` accepted them (`ResolveKey` order),
    /// so that the next one merges its new candidates into them (`ResolveOrder`).
    var acceptedOrder: [Int] = []
    /// `rules.nesting` as bit masks: the `EntityType.bit`s of the types that the type with bit number b
    /// may contain are `nestingMasks[b]` (a dictionary and a set of strings were hashed per overlap).
    let nestingMasks: [UInt32]

    init(document: Document, view: TokenView, rules: RuleSet) {
        self.document = document
        self.view = view
        self.rules = rules
        var masks = [UInt32](repeating: 0, count: 32)
        for (outer, inner) in rules.nesting {
            masks[outer.bit.trailingZeroBitCount] = inner.reduce(0) { $0 | $1.bit }
        }
        nestingMasks = masks
        var ranges: [Range<Int>] = []
        var start = 0
        for i in 0..<view.count where i > 0 && view.sentenceOf[i] != view.sentenceOf[i - 1] {
            ranges.append(start..<i)
            start = i
        }
        if view.count > 0 { ranges.append(start..<view.count) }
        sentenceTokenRanges = ranges
    }

    /// The learned tagger's candidates where no entity lies yet, resolved with the others (`ModelEntities`).
    mutating func addModelEntities(_ model: ModelEntities, phase: Int) {
        var covered = [Bool](repeating: false, count: view.count)
        for e in entities { for t in e.start..<e.end { covered[t] = true } }
        let features = view.features
        let found = model.candidates(
            words: { features[$0].text },
            capitalized: { features[$0].kind == .word && [.upper, .title, .initial].contains(features[$0].shape) },
            titleLine: { features[$0].titleLine },
            sentences: sentenceTokenRanges, covered: covered, phase: phase)
        if !found.isEmpty { resolve(adding: found) }
    }

    func tokenEntities() -> [(start: Int, end: Int, type: EntityType)] {
        entities.map { ($0.start, $0.end, $0.type) }
    }

    /// `mayStart(i)`: some entry of `g` starts with token i's text (or folded text); false skips it.
    func gazetteerMatches(_ g: Gazetteer, phase: Int, context: MatchContext, mayStart: (Int) -> Bool) -> [Candidate] {
        var out: [Candidate] = []
        let f = view.features
        // The gazetteer's fields as locals, its rule name made once: reading them through `g` in the
        // closures below copied the whole struct (a dozen retains) for every token tried.
        let trie = g.trie, fold = g.fold, requireCapital = g.requireCapital
        let contextList = g.contextList, contextTests = g.context, priority = g.priority
        let rule = "gazetteer.\(g.id)"
        for sentence in sentenceTokenRanges {
            let end = sentence.upperBound
            var i = sentence.lowerBound
            while i < end {
                if requireCapital, f[i].shape == .lower || f[i].shape == .none { i += 1; continue }
                if !mayStart(i) { i += 1; continue }
                // The trie hashes a token as `TokenView` did when it is ASCII (FNV-1a of its bytes).
                let ms = trie.matches(
                    from: i,
                    hashedKey: { k in
                        guard k < end else { return nil }
                        let key = fold ? f[k].folded : f[k].text
                        return (
                            key,
                            f[k].isASCII
                                ? (fold ? f[k].foldedHash : f[k].textHash) : TokenTrie<Gazetteer.Entry>.hash(key)
                        )
                    })
                // The longest entry, unless it needs context that is missing; then the next longest.
                let usable = ms.last { m in
                    guard let list = contextList, context.listEntryEnds(list, at: i).contains(m.end) else {
                        return true
                    }
                    let t = contextTests
                    return (t.precededBy.map { _ in t.before(i, range: sentence, context: context) } ?? false)
                        || (t.followedBy.map { _ in t.after(m.end, range: sentence, context: context) } ?? false)
                }
                if let longest = usable {
                    let entry = longest.payloads[0]
                    out.append(
                        Candidate(
                            start: i, end: longest.end, type: entry.type, rule: rule,
                            priority: entry.priority ?? priority, phase: phase, norm: entry.norm,
                            normKind: entry.norm == nil ? .none : .text))
                    i = longest.end
                } else {
                    i += 1
                }
            }
        }
        return out
    }

    /// For each candidate of `pool`: whether a veto of its type spans it (`lowerBound <= start` and
    /// `end <= upperBound`). A sweep over both by start, keeping for each type the furthest end of the
    /// vetoes begun so far: a candidate is vetoed when that end reaches its own. Linear after the sorts;
    /// checking every candidate against every veto was quadratic in a long document (the tag stage took
    /// 5.6 times as long for 4 times the text).
    /// `sortedBefore`: `pool[..<sortedBefore]` is in start order (the entities resolved before): only the
    /// rest is sorted, and merged in (a candidate's answer does not depend on its place among equal starts).
    static func vetoed(
        _ pool: [Candidate], by vetoes: [(span: Range<Int>, types: Set<EntityType>)], sortedBefore: Int = 0
    ) -> [Bool] {
        var vetoed = [Bool](repeating: false, count: pool.count)
        guard !vetoes.isEmpty else { return vetoed }
        let spans = vetoes.map { (span: $0.span, types: $0.types.reduce(UInt32(0)) { $0 | $1.bit }) }
            .sorted { $0.span.lowerBound < $1.span.lowerBound }
        let byStart = Self.indicesByStart(pool, sortedBefore: sortedBefore)
        var reach = [Int](repeating: Int.min, count: 32) // per type bit: the furthest end of the vetoes begun
        var v = 0
        for index in byStart {
            let start = pool[index].start
            while v < spans.count && spans[v].span.lowerBound <= start {
                var types = spans[v].types
                while types != 0 {
                    let bit = types.trailingZeroBitCount
                    reach[bit] = max(reach[bit], spans[v].span.upperBound)
                    types &= types - 1
                }
                v += 1
            }
            vetoed[index] = reach[pool[index].type.bit.trailingZeroBitCount] >= pool[index].end
        }
        return vetoed
    }

    /// The positions of `pool` by start: those from `sortedBefore` on sorted, merged with the ones before
    /// (in start order unless a step changed a span since: then all are sorted).
    static func indicesByStart(_ pool: [Candidate], sortedBefore: Int) -> [Int] {
        var inOrder = sortedBefore
        for k in 1..<Swift.max(sortedBefore, 1) where pool[k - 1].start > pool[k].start {
            inOrder = 0
            break
        }
        let rest = (inOrder..<pool.count).sorted { pool[$0].start < pool[$1].start }
        var result: [Int] = []
        result.reserveCapacity(pool.count)
        var i = 0, j = 0
        while i < inOrder && j < rest.count {
            if pool[rest[j]].start < pool[i].start {
                result.append(rest[j])
                j += 1
            } else {
                result.append(i)
                i += 1
            }
        }
        while i < inOrder { result.append(i); i += 1 }
        result.append(contentsOf: rest[j...])
        return result
    }

    /// Keeps the best non-conflicting set of entities (see `TagStage`).
    ///
    /// Candidates are ordered through an array of plain sort keys (computed once each) and their
    /// indices, not by sorting the candidates: a `Candidate` holds strings, and every move of one in a
    /// sort retained and released them, every comparison looked up four tokens again. The index is the
    /// last key, so the order is the one of a stable sort by the other keys.
    // Long: one sorted pass over the candidates through plain sort keys (see above), with the vetoes and the chosen
    // spans in locals.
    mutating func resolve(adding found: [Candidate]) {
        // Taken out of `entities` (set again at the end), so that appending does not copy the pool
        // with a retain of every candidate's strings.
        var pool = entities
        entities = []
        let previous = pool.count
        pool.append(contentsOf: found)
        let tokens = document.tokens
        let vetoed = Self.vetoed(pool, by: vetoes, sortedBefore: previous)
        // Fields read in place: `for (index, c) in` copied each candidate (a retain of its strings).
        let ranks = Self.typeRanks
        func key(_ index: Int) -> ResolveKey {
            let start = pool[index].start, end = pool[index].end
            return ResolveKey(
                length: tokens[end - 1].range.end - tokens[start].range.start, priority: pool[index].priority,
                phase: pool[index].phase, start: start,
                typeRank: ranks[Int(pool[index].type.bit.trailingZeroBitCount)], index: index)
        }
        // The entities accepted before in their acceptance order (a sorted run), the new candidates merged in.
        var earlier: [ResolveKey] = [], new: [ResolveKey] = []
        earlier.reserveCapacity(previous)
        new.reserveCapacity(found.count)
        if acceptedOrder.count == previous {
            for index in acceptedOrder where !vetoed[index] { earlier.append(key(index)) }
        } else {
            for index in 0..<previous where !vetoed[index] { earlier.append(key(index)) }
        }
        for index in previous..<pool.count where !vetoed[index] { new.append(key(index)) }
        let keys = ResolveOrder.merged(earlier, new)
        var accepted: [Int] = [] // indices into `pool`
        // The accepted entities covering each token: every overlap shares a token, so a candidate is
        // checked against the entities on its own tokens only (linear in the document, not quadratic
        // in the number of entities). One linked list per token in flat arrays (`coverHead[t]` is the
        // first node of token t, `coverNext` links the nodes, `coverEntity` is a node's position in
        // `accepted`), not an array per token; `checkedFor[k]` is the last candidate that looked at
        // accepted entity k.
        var coverHead = [Int32](repeating: -1, count: tokens.count)
        var coverNext: [Int32] = [], coverEntity: [Int32] = [], checkedFor: [Int] = []
        // Sized once (they grew by doubling, a copy each time): at most every candidate is accepted.
        var tokensCovered = 0
        for key in keys { tokensCovered += pool[key.index].end - pool[key.index].start }
        accepted.reserveCapacity(keys.count)
        checkedFor.reserveCapacity(keys.count)
        coverNext.reserveCapacity(tokensCovered)
        coverEntity.reserveCapacity(tokensCovered)
        // Fields are read in place (`pool[i].start`): a copy of a `Candidate` retains its strings.
        for (n, key) in keys.enumerated() {
            let cStart = pool[key.index].start, cEnd = pool[key.index].end, cType = pool[key.index].type
            var ok = true
            check: for t in cStart..<cEnd {
                var node = coverHead[t]
                while node >= 0 {
                    let k = Int(coverEntity[Int(node)])
                    node = coverNext[Int(node)]
                    if checkedFor[k] == n { continue }
                    checkedFor[k] = n
                    let a = accepted[k]
                    if pool[a].start <= cStart && cEnd <= pool[a].end,
                        nestingMasks[pool[a].type.bit.trailingZeroBitCount] & cType.bit != 0,
                        !(cType == pool[a].type && cStart == pool[a].start)
                    {
                        continue
                    }
                    ok = false
                    break check
                }
            }
            if ok {
                for t in cStart..<cEnd {
                    coverNext.append(coverHead[t])
                    coverEntity.append(Int32(accepted.count))
                    coverHead[t] = Int32(coverNext.count - 1)
                }
                accepted.append(key.index)
                checkedFor.append(-1)
            }
        }
        // By start, longer first; equal spans in the order they were accepted. A counting sort by
        // start token (stable: acceptance order within a start), then the few entities sharing a start
        // by end, longest first (a stable insertion sort): linear, where a comparison sort of the
        // entities cost more than the rest of `resolve`.
        var startOffsets = [Int32](repeating: 0, count: tokens.count + 1)
        for a in accepted { startOffsets[pool[a].start + 1] += 1 }
        for t in 0..<tokens.count { startOffsets[t + 1] += startOffsets[t] }
        var fill = startOffsets
        var order = [Int](repeating: 0, count: accepted.count)
        for a in accepted {
            let start = pool[a].start
            order[Int(fill[start])] = a
            fill[start] += 1
        }
        var group = 0
        while group < order.count {
            let start = pool[order[group]].start
            var groupEnd = group + 1
            while groupEnd < order.count && pool[order[groupEnd]].start == start { groupEnd += 1 }
            var i = group + 1
            while i < groupEnd {
                let a = order[i]
                var j = i
                while j > group && pool[order[j - 1]].end < pool[a].end {
                    order[j] = order[j - 1]
                    j -= 1
                }
                order[j] = a
                i += 1
            }
            group = groupEnd
        }
        var position = [Int](repeating: 0, count: pool.count)
        for (p, a) in order.enumerated() { position[a] = p }
        acceptedOrder = accepted.map { position[$0] }
        entities = order.map { pool[$0] }
    }

    /// The order of the entity types' names (the last tie-break of `resolve`), without comparing strings.
    static func typeRank(_ type: EntityType) -> Int { typeRanks[Int(type.bit.trailingZeroBitCount)] }
    private static let typeRanks: [Int] = {
        let byName = EntityType.allCases.sorted { $0.rawValue < $1.rawValue }
        var ranks = [Int](repeating: 0, count: 32)
        for (rank, type) in byName.enumerated() { ranks[type.bit.trailingZeroBitCount] = rank }
        return ranks
    }()

    func text(_ start: Int, _ end: Int) -> String {
        document.substring(TextRange(document.tokens[start].range.start, document.tokens[end - 1].range.end))
    }

    // MARK: Acronyms

    /// Schwartz & Hearst (2003): a short form in parentheses after its long form, or a long form in
    /// parentheses after its short form; the short form's characters must appear in order in the long
    /// form, its first character at the start of a word. When the long form is (the end of) an entity,
    /// the short form and its later bare uses get that entity's type, with the long form as norm.
    // Long: Schwartz & Hearst's algorithm in both directions (long form first, short form first) over the same
    // parentheses.
    mutating func findAcronyms(phase: Int) {
        let f = view.features
        var found: [Candidate] = []
        // The entities by end token, each list in `entities` order: every question below is about the
        // entities ending at one token. Scanning all of them for each pair was quadratic in a document
        // of many acronym pairs (a 16 MB article: 146 s in this stage).
        var byEnd: [Int: [Int]] = [:]
        for k in entities.indices { byEnd[entities[k].end, default: []].append(k) }
        // Starts do not move while pairs are added (only a long form's end does).
        let byStart = Dictionary(grouping: entities.indices, by: { entities[$0].start })
        var typed: [String: (EntityType, String)] = [:]
        // For each token, the next `)` in its sentence (or the sentence's end): looked up, not scanned for
        // at every `(`, which was quadratic in a sentence of many `(` and no `)`.
        var nextClose = [Int](repeating: 0, count: view.count)
        for sentence in sentenceTokenRanges {
            var next = sentence.upperBound
            for t in sentence.reversed() {
                nextClose[t] = next
                if f[t].text == ")" { next = t }
            }
        }
        for sentence in sentenceTokenRanges {
            var i = sentence.lowerBound
            while i < sentence.upperBound {
                defer { i += 1 }
                // `Partai Indonesia Baru atau PIB`, `Komisi Pemilihan Umum, disingkat KPU`: the long form is a
                // whole entity right before the connector, and the short form stands alone after it.
                if Self.acronymConnectorSet.contains(f[i].folded, hash: f[i].foldedHash, isASCII: f[i].isASCII),
                    i > sentence.lowerBound, i + 1 < sentence.upperBound,
                    Self.isShortForm(f[i + 1].text), f[i + 1].shape == .upper,
                    i + 2 >= sentence.upperBound || f[i + 2].shape == .lower || f[i + 2].kind == .punct
                {
                    let end = f[i - 1].text == "," ? i - 1 : i
                    let short = f[i + 1].text
                    let maxWords = min(short.count + 5, short.count * 2)
                    if let longStart = bestLongFormStart(
                        short: short, window: max(sentence.lowerBound, end - maxWords)..<end),
                        (byEnd[end] ?? []).contains(where: {
                            entities[$0].start == longStart && entities[$0].type != .PERSON
                        })
                    {
                        addPair(
                            short: i + 1, long: longStart..<end, into: &found, typed: &typed, byEnd: &byEnd,
                            byStart: byStart, phase: phase)
                    }
                    continue
                }
                guard f[i].text == "(" else { continue }
                // Find the closing parenthesis within the sentence.
                let close = nextClose[i]
                guard close < sentence.upperBound, close > i + 1 else { continue }
                let inside = (i + 1)..<close
                if inside.count == 1, Self.isShortForm(f[inside.lowerBound].text) {
                    let short = f[inside.lowerBound].text
                    let maxWords = min(short.count + 5, short.count * 2)
                    let windowStart = max(sentence.lowerBound, i - maxWords)
                    guard let longStart = bestLongFormStart(short: short, window: windowStart..<i) else { continue }
                    addPair(
                        short: inside.lowerBound, long: longStart..<i, into: &found, typed: &typed, byEnd: &byEnd,
                        byStart: byStart, phase: phase)
                } else if i > sentence.lowerBound, Self.isShortForm(f[i - 1].text), inside.count >= 2,
                    inside.count <= 12,
                    f[inside.lowerBound].shape != .lower,
                    let longStart = bestLongFormStart(short: f[i - 1].text, window: inside),
                    longStart == inside.lowerBound
                {
                    addPair(
                        short: i - 1, long: inside, into: &found, typed: &typed, byEnd: &byEnd, byStart: byStart,
                        phase: phase)
                }
            }
        }
        // Later bare uses of a typed short form.
        if !typed.isEmpty {
            // A word is looked up only when its first byte is one of the short forms': the keys are the
            // texts of tokens of the same (NFC) text, so an equal word has the same bytes. The lookup
            // hashed every word of the document with SipHash.
            var firstBytes = [Bool](repeating: false, count: 256)
            for key in typed.keys { if let b = key.utf8.first { firstBytes[Int(b)] = true } }
            var foundStarts = Set(found.map(\.start))
            let pairedShortStarts = Set(acronyms.map(\.short.start))
            for i in 0..<view.count where f[i].kind == .word {
                guard let b = f[i].text.utf8.first, firstBytes[Int(b)], let (type, norm) = typed[f[i].text] else {
                    continue
                }
                if !foundStarts.insert(i).inserted { continue }
                // not the short form of a definition inside a longer name (`Dewan Pengurus (DP) Korpri`: addPair)
                if pairedShortStarts.contains(document.tokens[i].range.start) { continue }
                found.append(
                    Candidate(
                        start: i, end: i + 1, type: type, rule: "acronym.use", priority: 5, phase: phase, norm: norm,
                        normKind: .text))
            }
        }
        resolve(adding: found)
    }

    /// `byEnd`: the entities' indices by end token, in `entities` order (kept up to date here).
    private mutating func addPair(
        short: Int, long: Range<Int>, into found: inout [Candidate],
        typed: inout [String: (EntityType, String)], byEnd: inout [Int: [Int]],
        byStart: [Int: [Int]], phase: Int
    ) {
        let doc = document
        // `Komisi Pemilihan Umum (KPU)` tagged as one name: when the acronym abbreviates the whole name
        // before it, they are two mentions of the organisation, so the name ends before the parenthesis.
        if short == long.upperBound + 1,
            let k = (byEnd[short + 2] ?? []).first(where: {
                entities[$0].start == long.lowerBound && entities[$0].type != .ROLE
            })
        {
            byEnd[short + 2]!.removeAll { $0 == k }
            entities[k].end = long.upperBound
            var list = byEnd[long.upperBound] ?? []
            list.insert(k, at: list.firstIndex { $0 > k } ?? list.count)
            byEnd[long.upperBound] = list
        }
        acronyms.append(
            AcronymPair(
                short: doc.tokens[short].range,
                long: TextRange(doc.tokens[long.lowerBound].range.start, doc.tokens[long.upperBound - 1].range.end)))
        // The entity the long form names: one ending where the long form ends, inside it.
        let longText = text(long.lowerBound, long.upperBound)
        let candidates = (byEnd[long.upperBound] ?? []).map { entities[$0] }.filter { $0.start >= long.lowerBound }
        // When the name goes on after the bracket (`Komite Olahraga Nasional Indonesia (KONI) Provinsi
        // Kalimantan Timur`), the body that starts with the long form and holds the acronym names it, not a
        // place that ends the long form (`Indonesia`); the acronym is inside the one span, no entity of its
        // own there (ANNOTATION.md), but its later uses are that body's type. (A look-up by start: a scan of
        // every entity per pair is quadratic in a long article.)
        if let k = (byStart[long.lowerBound] ?? []).first(where: {
            entities[$0].end > short + 1 && [.ORG, .FAC].contains(entities[$0].type)
        }) {
            typed[view.features[short].text] = (entities[k].type, longText)
            return
        }
        guard let e = candidates.min(by: { $0.start < $1.start }), [.ORG, .LOC, .EVENT, .FAC, .LAW].contains(e.type)
        else { return }
        let norm = text(e.start, e.end) == longText ? longText : text(e.start, e.end)
        typed[view.features[short].text] = (e.type, norm)
        found.append(
            Candidate(
                start: short, end: short + 1, type: e.type, rule: "acronym.definition", priority: 5,
                phase: phase, norm: norm, normKind: .text))
    }

    /// Words that introduce a short form outside parentheses (`atau`: "or"; `disingkat`: "abbreviated").
    static let acronymConnectors: Set<String> = ["atau", "disingkat"]
    /// The same, looked up by the hash `TokenView` computed (asked for every token).
    static let acronymConnectorSet = StringSet(acronymConnectors)

    static func isShortForm(_ s: String) -> Bool {
        let scalars = Array(s.unicodeScalars)
        guard scalars.count >= 2, scalars.count <= 12, scalars.first!.properties.isAlphabetic else { return false }
        return scalars.contains { $0.properties.isUppercase }
            && scalars.allSatisfy { $0.properties.isAlphabetic || $0 == "-" || $0.properties.numericType != nil }
    }

    /// The Schwartz–Hearst match: scan the short form right to left, find each character in the long
    /// form right to left; the first character must start a word. Returns the token where the long form
    /// starts, or nil.
    func bestLongFormStart(short: String, window: Range<Int>) -> Int? {
        guard !window.isEmpty else { return nil }
        let f = view.features
        // The candidate long form as characters, with the token each character belongs to.
        var chars: [(Character, Int, Bool)] = [] // (lowercased char, token, starts a word)
        for t in window {
            for (k, c) in f[t].folded.enumerated() { chars.append((c, t, k == 0)) }
            chars.append((" ", t, false))
        }
        let s = Array(short.lowercased()).filter { $0.isLetter || $0.isNumber }
        guard let first = s.first else { return nil }
        var si = s.count - 1
        var li = chars.count - 1
        while si >= 0 {
            let c = s[si]
            while li >= 0 && (chars[li].0 != c || (si == 0 && !chars[li].2)) { li -= 1 }
            if li < 0 { return nil }
            si -= 1
            li -= 1
        }
        let startToken = chars[li + 1].1
        guard chars[li + 1].0 == first else { return nil }
        // The long form must not start with lower-case function words only, nor contain parentheses.
        if (startToken..<window.upperBound).contains(where: { f[$0].text == "(" || f[$0].text == ")" }) { return nil }
        return startToken
    }

    // MARK: Person mentions

    /// After a full name (two or more words), a capitalized word that is one of its words, outside
    /// other entities, is a mention of that person; consecutive such words form one mention.
    // Long: the full names gathered, merged by spelling and then looked for as short mentions, sharing the blocker
    // lists and the name index.
    mutating func findPersonMentions(phase: Int) {
        let f = view.features
        var nameOf: [String: String] = [:]
        var ambiguous = Set<String>()
        // Words that are also offices, organisation or event words, or common capitalized words, are
        // not taken as a person's short name on their own.
        // The lists themselves, not their numbers: `rules.lists[l]` copied a trie (a retain of each of
        // its arrays) at every question; the folded text's hash is the one `TokenView` keeps when ASCII.
        let blockers = ["not_name", "office", "org_head", "event_head", "fac_head", "loc_head", "day", "month"]
            .compactMap { rules.listIndex($0) }.map { rules.lists[$0] }
        func blocked(_ t: Int) -> Bool {
            let hash = f[t].isASCII ? f[t].foldedHash : TokenTrie<Bool>.hash(f[t].folded)
            return blockers.contains { $0.hasSingleTokenEntry(f[t].folded, hash: hash) }
        }
        // Full names in order; a later one that differs from an earlier one by at most one letter per
        // word (`Joko Agus Setiyono` after `Joko Agus Setyono`) is the same person, spelled differently.
        // The earlier names are looked up by their last word's one-edit neighbours (`OneEditIndex`), not
        // compared one by one: a list of 4,000 names was quadratic.
        var canonical: [[String]] = []
        var canonicalLast = OneEditIndex()
        for k in entities.indices where entities[k].type == .PERSON && entities[k].end - entities[k].start >= 2 {
            let e = entities[k]
            let words = (e.start..<e.end).map { f[$0].text }
            if let same = canonicalLast.candidates(words[words.count - 1]).lazy.map({ canonical[$0] }).first(where: {
                $0.count == words.count && zip($0, words).allSatisfy { $0 == $1 || Self.withinOneEdit($0, $1) }
            }) {
                if same != words { entities[k].norm = same.joined(separator: " ") }
            } else {
                canonical.append(words)
                canonicalLast.append(words[words.count - 1])
            }
        }
        for e in entities where e.type == .PERSON && e.end - e.start >= 2 {
            let full = e.norm ?? text(e.start, e.end)
            for t in e.start..<e.end where f[t].shape == .title && f[t].text.count >= 3 && !blocked(t) {
                if let other = nameOf[f[t].text], other != full { ambiguous.insert(f[t].text) }
                nameOf[f[t].text] = full
            }
        }
        for a in ambiguous { nameOf[a] = nil }
        guard !nameOf.isEmpty else { return }
        /// The full name a word refers to: one of its words, or one letter away from one (a typo
        /// such as `Haryono` for `Haryomo`, `Setiyono` for `Setyono`) when the word is long enough.
        // The keys long enough for a one-letter typo, counted once; answers kept per word (a document
        // repeats its capitalized words).
        let longKeys = nameOf.keys.filter { $0.count >= 5 }
        let longKeyIndex = OneEditIndex(longKeys)
        var answers: [String: String?] = [:]
        func fullName(_ word: String) -> String? {
            if let full = nameOf[word] { return full }
            if let known = answers[word] { return known }
            var answer: String? = nil
            if word.count >= 5 {
                let near = Set(
                    longKeyIndex.candidates(word).map { longKeys[$0] }.filter { Self.withinOneEdit($0, word) }
                        .map { nameOf[$0]! })
                answer = near.count == 1 ? near.first : nil
            }
            answers[word] = .some(answer)
            return answer
        }
        var covered = [Bool](repeating: false, count: view.count)
        for e in entities { for t in e.start..<e.end { covered[t] = true } }
        // PERSON entities found by rules that are a short form of a full name get it as norm, unless the
        // same text is a PERSON of two words or more itself (looked up: scanning every entity for each
        // was quadratic in the document).
        var longPersonTexts = Set<String>()
        for e in entities where e.type == .PERSON && e.end - e.start >= 2 {
            longPersonTexts.insert(text(e.start, e.end))
        }
        for k in entities.indices where entities[k].type == .PERSON && entities[k].norm == nil {
            let e = entities[k]
            let words = (e.start..<e.end).map { f[$0].text }
            let fulls = Set(words.compactMap { fullName($0) })
            if fulls.count == 1, let full = fulls.first, text(e.start, e.end) != full,
                !(e.end - e.start >= 2 && longPersonTexts.contains(text(e.start, e.end)))
            {
                entities[k].norm = full
            }
        }
        var found: [Candidate] = []
        var i = 0
        while i < view.count {
            guard !covered[i], f[i].shape == .title, !blocked(i), let full = fullName(f[i].text) else {
                i += 1; continue
            }
            var j = i + 1
            while j < view.count, !covered[j], f[j].shape == .title, fullName(f[j].text) == full { j += 1 }
            // A capitalized word right before or after in the same sentence, outside other entities,
            // makes the word part of another name (`Date Terumune` after `Date Masamune`, `New Wembley`,
            // `Cerita Ultraman`). A sentence's first word does not count: it is capitalized anyway (the
            // next line of a caption, `Derek\nKamis`).
            if (j < view.count && !covered[j] && f[j].shape == .title && !f[j].sentenceStart)
                || (i > 0 && !f[i].sentenceStart && !covered[i - 1] && f[i - 1].shape == .title
                    && !f[i - 1].sentenceStart)
            {
                i = j
                continue
            }
            let mention = text(i, j)
            found.append(
                Candidate(
                    start: i, end: j, type: .PERSON, rule: "person.mention", priority: 0, phase: phase,
                    norm: mention == full ? nil : full, normKind: .text))
            i = j
        }
        resolve(adding: found)
    }

    /// True when `a` and `b` differ by at most one inserted, deleted or replaced character.
    static func withinOneEdit(_ a: String, _ b: String) -> Bool {
        // ASCII without CR (names are): one byte is one character, and equal bytes are equal
        // characters, so the bytes are compared in place; splitting into `Character`s (grapheme
        // breaking) cost thousands of instructions per call, and this is called for every long key
        // against every capitalized word not yet seen.
        if let answer = a.utf8.withContiguousStorageIfAvailable({ x in
            b.utf8.withContiguousStorageIfAvailable { y in
                x.allSatisfy { $0 < 0x80 && $0 != 0x0D } && y.allSatisfy { $0 < 0x80 && $0 != 0x0D }
                    ? withinOneEdit(x, y) : nil
            } ?? nil
        }) ?? nil {
            return answer
        }
        return withinOneEdit(Array(a), Array(b))
    }

    static func withinOneEdit<C: RandomAccessCollection>(_ x: C, _ y: C) -> Bool
    where C.Element: Equatable, C.Index == Int {
        if abs(x.count - y.count) > 1 { return false }
        var i = 0, j = 0, edits = 0
        while i < x.count && j < y.count {
            if x[x.startIndex + i] == y[y.startIndex + j] { i += 1; j += 1; continue }
            edits += 1
            if edits > 1 { return false }
            if x.count > y.count { i += 1 } else if x.count < y.count { j += 1 } else { i += 1; j += 1 }
        }
        return edits + (x.count - i) + (y.count - j) <= 1
    }

    // MARK: Output

    func finalEntities(linkRoles: Bool) -> [Entity] {
        let f = view.features
        let referenceDate = DateNormalizer.referenceDate(document: document, entities: entities, state: self)
        var result: [Entity] = entities.map { c in
            let range = TextRange(document.tokens[c.start].range.start, document.tokens[c.end - 1].range.end)
            var norm = c.norm
            switch c.normKind {
            case .date:
                norm = DateNormalizer.normalize(
                    tokens: Array(f[c.start..<c.end]), rules: rules, reference: referenceDate)
            case .law: norm = LawNormalizer.normalize(tokens: Array(f[c.start..<c.end]), rules: rules)
            case .text, .none: break
            }
            return Entity(type: c.type, range: range, norm: norm, rule: c.rule)
        }
        if linkRoles {
            // A rank or honorific may stand between the office and the name (`Kapolda Papua Irjen
            // Mathius Fakhiri`, `Kepala Dinas, Dr. Maria ...`): it is skipped.
            let honorifics = rules.listIndex("honorific").map { rules.lists[$0] }
            // The first PERSON starting at each token: a lookup per ROLE, not a scan (quadratic in a long article).
            var personAt: [Int: Int] = [:]
            for (k, e) in entities.enumerated() where e.type == .PERSON && personAt[e.start] == nil {
                personAt[e.start] = k
            }
            for (i, c) in entities.enumerated() where c.type == .ROLE {
                var next = c.end
                if next < view.count, f[next].text == "," { next += 1 }
                for _ in 0..<3 {
                    guard let h = honorifics, next < view.count,
                        personAt[next] == nil,
                        let end = h.matches(from: next, key: { $0 < f.count ? f[$0].folded : nil }).last?.end
                    else { break }
                    next = end
                    if next < view.count, f[next].text == ".",
                        document.tokens[next].range.start == document.tokens[next - 1].range.end
                    {
                        next += 1
                    }
                }
                if let p = personAt[next] { result[i].person = p }
            }
        }
        return result
    }
}

/// For the gazetteers of one phase, which of them have an entry starting with a token: per token one
/// lookup by its text and one by its folded text, instead of one per gazetteer (each in a table too
/// large for the caches). Bit k of a token's mask is the phase's k-th gazetteer, for the first 64.
struct GazetteerStarts: Sendable {
    private let byText: HashedStringTable<UInt64>
    private let byFolded: HashedStringTable<UInt64>

    init(_ gazetteers: [Gazetteer]) {
        var text: [String: UInt64] = [:], folded: [String: UInt64] = [:]
        for (k, g) in gazetteers.enumerated() where k < 64 {
            for key in g.trie.firstKeys {
                if g.fold { folded[key, default: 0] |= 1 << UInt64(k) } else { text[key, default: 0] |= 1 << UInt64(k) }
            }
        }
        byText = HashedStringTable(text)
        byFolded = HashedStringTable(folded)
    }

    func masks(_ view: TokenView) -> [UInt64] {
        view.features.map { f in
            mask(f.text, f.folded, textHash: f.textHash, foldedHash: f.foldedHash, isASCII: f.isASCII)
        }
    }

    /// The mask of a token with this text and folded text (and their `StringSet.hash`es).
    func mask(_ text: String, _ folded: String, textHash: UInt64, foldedHash: UInt64, isASCII: Bool) -> UInt64 {
        (byText.value(text, hash: textHash, isASCII: isASCII) ?? 0)
            | (byFolded.value(folded, hash: foldedHash, isASCII: isASCII) ?? 0)
    }
}
