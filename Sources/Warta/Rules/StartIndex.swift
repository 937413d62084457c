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
/// the positions `PatternMatcher.run(_:over:context:)` finds by testing every token.
struct PhaseStartIndex: Sendable {
    let ruleCount: Int
    /// Rules by a word of a start element's `text:` set (sets of ASCII words only, see `WordKeys`).
    private let textKeys: WordKeys
    /// Rules by a word of a start element's `lower:` set (same restriction), looked up by folded text.
    private let foldedKeys: WordKeys
    /// For each list l, the rules with a start element that needs an entry of it to start at the token:
    /// `listRules[listRuleOffsets[l]..<listRuleOffsets[l + 1]]`.
    private let listRuleOffsets: [Int32]
    private let listRules: [Int32]
    /// Rules with an `entity:` consumer as a start element.
    private let entityRules: [Int32]
    /// Start elements with no key: the rule is a candidate wherever the token's shape and kind pass.
    private let maskRules: [(rule: Int32, shapes: UInt32, kinds: UInt32)]
    /// Every rule's start steps (`CompiledPattern.startSteps`) in one array, those of rule r at
    /// `startSteps[startStepOffsets[r]..<startStepOffsets[r + 1]]`: read for every candidate, where
    /// reading a rule's pattern out of the array retained and released all of its arrays.
    private let startSteps: ContiguousArray<CompiledPattern.Step>
    private let startStepOffsets: [Int32]

    init(rules: [EntityRule], listCount: Int) {
        ruleCount = rules.count
        var text: [String: [Int32]] = [:]
        var folded: [String: [Int32]] = [:]
        var byList = [[Int32]](repeating: [], count: listCount)
        var entity: [Int32] = []
        var mask: [(rule: Int32, shapes: UInt32, kinds: UInt32)] = []
        for (r, rule) in rules.enumerated() {
            let pattern = rule.pattern
            let r = Int32(r)
            for e in pattern.startElements {
                let step = pattern.steps[e]
                let test = pattern.elements[e].test
                switch step.kind {
                case .listEntry: byList[step.list].append(r)
                case .entity: entity.append(r)
                case .token:
                    if let words = test.text, WordKeys.canKey(words) {
                        for w in words { text[w, default: []].append(r) }
                    } else if let words = test.lower, WordKeys.canKey(words) {
                        for w in words { folded[w, default: []].append(r) }
                    } else if !test.inList.isEmpty {
                        for l in test.inList { byList[l].append(r) }
                    } else {
                        mask.append((r, step.shapes, step.kinds))
                    }
                }
            }
        }
        startSteps = ContiguousArray(rules.flatMap { $0.pattern.startSteps })
        startStepOffsets = rules.reduce(into: [0]) { $0.append($0.last! + Int32($1.pattern.startSteps.count)) }
        textKeys = WordKeys(text)
        foldedKeys = WordKeys(folded)
        listRuleOffsets = byList.reduce(into: [0]) { $0.append($0.last! + Int32($1.count)) }
        listRules = byList.flatMap { $0 }
        entityRules = entity
        maskRules = mask
    }

    /// The positions where each rule can start a match in this document (with the context's entities
    /// of the phase): `positions[offsets[r]..<offsets[r + 1]]`, ascending, for rule r.
    struct Candidates {
        var offsets: [Int32]
        var positions: [Int32]
    }

    /// The start steps refer to the tests of the phase's rules without retaining them: the index is
    /// kept beside the `RuleSet` that holds them (`TagStage`).
    func candidates(context: MatchContext) -> Candidates {
        var counts = [Int32](repeating: 0, count: ruleCount + 1)
        var lastPosition = [Int32](repeating: -1, count: ruleCount)
        var found: [(rule: Int32, position: Int32)] = []
        // Through buffers: each array write checked the array's uniqueness (a runtime call), about
        // once per rule considered at a token.
        counts.withUnsafeMutableBufferPointer { counts in
            lastPosition.withUnsafeMutableBufferPointer { lastPosition in
                var collector = Collector(counts: counts, lastPosition: lastPosition)
                collect(into: &collector, context: context)
                found = collector.found
            }
        }
        return Self.grouped(found, counts: counts)
    }

    private func collect(into collector: inout Collector, context: MatchContext) {
        let features = context.view.features
        let tokenBits = context.tokenBits
        for t in 0..<features.count {
            collector.position = t
            if !textKeys.isEmpty {
                for k in textKeys.rules(for: features[t].text, hash: features[t].textHash, isASCII: features[t].isASCII) {
                    collector.consider(textKeys.rule(k), self, context)
                }
            }
            if !foldedKeys.isEmpty {
                for k in foldedKeys.rules(for: features[t].folded, hash: features[t].foldedHash, isASCII: features[t].isASCII) {
                    collector.consider(foldedKeys.rule(k), self, context)
                }
            }
            for k in context.listsStarting(at: t) {
                let list = context.startingList(k)
                for i in Int(listRuleOffsets[list])..<Int(listRuleOffsets[list + 1]) { collector.consider(listRules[i], self, context) }
            }
            if !entityRules.isEmpty, context.hasEntity(startingAt: t) {
                for r in entityRules { collector.consider(r, self, context) }
            }
            let bits = tokenBits[t]
            for m in maskRules where bits & m.shapes != 0 && (bits >> 8) & m.kinds != 0 { collector.consider(m.rule, self, context) }
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

        init(counts: UnsafeMutableBufferPointer<Int32>, lastPosition: UnsafeMutableBufferPointer<Int32>) {
            self.counts = counts
            self.lastPosition = lastPosition
        }

        @inline(__always) mutating func consider(_ r: Int32, _ index: PhaseStartIndex, _ context: MatchContext) {
            let ri = Int(r)
            guard lastPosition[ri] != Int32(position) else { return }
            lastPosition[ri] = Int32(position)
            let steps = Int(index.startStepOffsets[ri])..<Int(index.startStepOffsets[ri + 1])
            if PatternMatcher.canStart(index.startSteps, steps, at: position, context: context) {
                found.append((r, Int32(position)))
                counts[ri + 1] += 1
            }
        }
    }

    /// Grouped by rule (a counting sort, stable: each rule's positions stay ascending).
    private static func grouped(_ found: [(rule: Int32, position: Int32)], counts: [Int32]) -> Candidates {
        var offsets = counts
        for r in 1..<offsets.count { offsets[r] += offsets[r - 1] }
        var fill = offsets
        var positions = [Int32](repeating: 0, count: found.count)
        for (r, position) in found {
            positions[Int(fill[Int(r)])] = position
            fill[Int(r)] += 1
        }
        return Candidates(offsets: offsets, positions: positions)
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
