/// Per-document tables the matcher consults: list entries and entities by start token.
///
/// Used by one thread at a time (one document's tag stage), so its tables skip Swift's run-time
/// exclusivity checks (`@exclusivity(unchecked)`), which cost more than the lookups themselves.
/// The tables are flat arrays of integers indexed by token (offsets into one array of ends), not
/// arrays of arrays or dictionaries: the matcher asks them about a million times per 50 articles, and
/// every inner array read out of them was retained and released, every one built was an allocation.
public final class MatchContext {
    let view: TokenView
    /// The end tokens of the lists' entries starting at a token, walked when first asked at that start
    /// (`listEntryEndRange`): those of list l at token t are `entryEnds[k]` for k in the range kept under
    /// the key `l * (count + 1) + t` in `entryEndRanges`.
    @exclusivity(unchecked) private var entryEndRanges: [Int: Range<Int32>] = [:]
    @exclusivity(unchecked) private var entryEnds: [Int32] = []
    private let lists: [TokenTrie<Bool>]
    /// Entities by start token: `entityEnds[entityOffsets[t]..<entityOffsets[t + 1]]` are the (end
    /// token, type) of the entities starting at token t, longest first.
    @exclusivity(unchecked) private var entityOffsets: [Int32]
    @exclusivity(unchecked) private var entityEnds: [(end: Int, type: EntityType)] = []
    /// The type of the smallest entity covering each token, if any.
    @exclusivity(unchecked) private var covering: [EntityType?]
    /// The types of the entities starting at each token, as an `EntityType.bit` mask: a rule whose
    /// match begins with `entity: LOC` can start only where a LOC starts, not at every entity.
    @exclusivity(unchecked) private var entityStartTypes: [UInt32] = []
    /// The entities of the last `setEntities`, and its scratch row (the length of the smallest entity
    /// covering each token).
    @exclusivity(unchecked) private var lastEntities: [(start: Int, end: Int, type: EntityType)] = []
    @exclusivity(unchecked) private var coverLengthScratch: [Int32] = []
    /// The tokens where some entity starts, ascending.
    @exclusivity(unchecked) private(set) var entityStartTokens: [Int32] = []
    /// Scratch buffers of `PatternMatcher.run`, reused from one call to the next (one document, one thread).
    @exclusivity(unchecked) var scratch = PatternMatcher.Scratch()
    /// Regular expression answers of this document by token, for the expressions numbered below 64 by
    /// the rule set (`TokenTest.regexID`): bit `id` of `regexKnown[token]` set when known, of
    /// `regexYes[token]` the answer. They start from the answers the `LexemeTable` knows for the
    /// token's form, and those found here are published to it at the document's end. The same token
    /// meets the same expression several times (as a start element and again in the matcher, in
    /// several rules).
    @exclusivity(unchecked) private(set) var regexKnown: [UInt64]
    @exclusivity(unchecked) private(set) var regexYes: [UInt64]
    /// Bit `id` of `regexGaveUpBits[token]` set when ICU gave up at its match limit on the token's form
    /// (the answer kept is no); known from the `LexemeTable` or found here, and published with the answers.
    @exclusivity(unchecked) private(set) var regexGaveUpBits: [UInt64]
    /// Those known from the table and not yet reported in this document: as with a fresh answer, the
    /// first question of expression `id` at a token reports the asking test's owner, later ones do not.
    @exclusivity(unchecked) private var regexGaveUpUnreported: [UInt64]
    /// True when some answer was found in this document (not known from the table).
    @exclusivity(unchecked) private(set) var foundRegexAnswers = false
    /// The same for expressions numbered 64 or more: `regexMemo[id - 64][token]` is 0 (not asked yet),
    /// 1 (no) or 2 (yes).
    @exclusivity(unchecked) private var regexMemo: [[UInt8]] = []

    /// For each token t, the lists with an entry starting with its folded text, as bits (bit l of word
    /// l / 64 set when list l may start there): `listBitRows[t]` names the row, of `listColumn` (the
    /// lexeme table's `attributes`, by form) when not negative, else row `-1 - listBitRows[t]` of
    /// `localListBits` (`listBitWidth` words a row: the forms not entered, or every token without lexemes).
    private let listBitRows: [Int32]
    private let listColumn: WordColumn?
    private let localListBits: [UInt64]
    private let listBitWidth: Int
    private let listWords: Int
    /// Word 0 of each token's list bits (the first 64 lists), flat: asked about a million times per 50
    /// articles, mostly to answer "none".
    private let startMasks: [UInt64]
    /// Per token: the shape's bit, and the kind's bit shifted left by 8 (`CompiledPattern.Step.mayMatch`).
    let tokenBits: [UInt32]
    /// With lexemes: each token's form-part bits (`DocumentLexemes.formPartHolds`, whose fields these
    /// are, read here without copying the struct); nil without (the tests are evaluated in full).
    private let formColumn: WordColumn?
    private let lexemeRows: [Int32]
    private let localFormBits: [UInt64]

    init(view: TokenView, lists: [TokenTrie<Bool>], listsStartingWith: HashedStringTable<[Int32]>? = nil) {
        self.view = view
        self.lists = lists
        covering = [EntityType?](repeating: nil, count: view.count)
        entityOffsets = [Int32](repeating: 0, count: view.count + 1)
        entityStartTypes = [UInt32](repeating: 0, count: view.count)
        if let lexemes = view.lexemes {
            // Looked up once per form by the lexeme table.
            listBitRows = lexemes.ids
            listColumn = lexemes.attributes
            localListBits = lexemes.localAttributes
            listBitWidth = lexemes.attributes.width
            listWords = lexemes.listWords
            var masks = [UInt64](repeating: 0, count: view.count)
            masks.withUnsafeMutableBufferPointer { masks in
                for t in masks.indices { masks[t] = lexemes.attributeWord(t, 0) }
            }
            startMasks = masks
            regexKnown = lexemes.regexKnown
            regexYes = lexemes.regexYes
            regexGaveUpBits = lexemes.regexGaveUp
            regexGaveUpUnreported = lexemes.regexGaveUp
            formColumn = lexemes.formBits
            lexemeRows = lexemes.ids
            localFormBits = lexemes.localFormBits
            tokenBits = view.features.map { $0.shape.bit | $0.kind.bit << 8 }
            return
        }
        regexKnown = [UInt64](repeating: 0, count: view.count)
        regexYes = [UInt64](repeating: 0, count: view.count)
        regexGaveUpBits = [UInt64](repeating: 0, count: view.count)
        regexGaveUpUnreported = regexGaveUpBits
        formColumn = nil
        lexemeRows = []
        localFormBits = []
        let index = listsStartingWith ?? Self.listsStartingWith(lists)
        let words = max(1, (lists.count + 63) / 64)
        var bits = [UInt64](repeating: 0, count: view.count * words)
        var masks = [UInt64](repeating: 0, count: view.count)
        for (t, f) in view.features.enumerated() {
            if let found = index.value(f.folded, hash: f.foldedHash, isASCII: f.isASCII) {
                for list in found { bits[t * words + Int(list) >> 6] |= 1 << UInt64(Int(list) & 63) }
                masks[t] = bits[t * words]
            }
        }
        listBitRows = (0..<Int32(view.count)).map { -1 - $0 }
        listColumn = nil
        localListBits = bits
        listBitWidth = words
        listWords = words
        startMasks = masks
        tokenBits = view.features.map { $0.shape.bit | $0.kind.bit << 8 }
    }

    /// For each folded word, the lists with an entry starting with it (built once per rule set).
    static func listsStartingWith(_ lists: [TokenTrie<Bool>]) -> HashedStringTable<[Int32]> {
        var index: [String: [Int32]] = [:]
        for (i, list) in lists.enumerated() { for key in list.firstKeys { index[key, default: []].append(Int32(i)) } }
        return HashedStringTable(index)
    }

    /// Sets the entities (as token ranges) that `entity:` elements consume.
    ///
    /// Grouped by start token (a counting sort in `entities` order), each group longest first (a
    /// stable insertion sort: the entities come from `resolve` by start, longer first, so it moves
    /// nothing unless a step changed a span), and each token's covering type is the smallest entity's
    /// (of equal ones, the later in `entities`): what a stable sort of all of them by length, longest
    /// first, then grouped by start and painted in that order, gave, without the sort.
    ///
    /// The same entities as at the last call (a phase that added none) leave the tables as they are; else
    /// the tables of the last call are refilled in place (taken out as locals, so that a write does not
    /// check their uniqueness), not allocated again.
    func setEntities(_ entities: [(start: Int, end: Int, type: EntityType)]) {
        let same =
            entities.count == lastEntities.count
            && zip(entities, lastEntities).allSatisfy { $0.start == $1.start && $0.end == $1.end && $0.type == $1.type }
        if same { return }
        lastEntities = entities
        let n = view.count
        var covering = self.covering, coverLength = coverLengthScratch
        var offsets = entityOffsets, types = entityStartTypes
        self.covering = []
        coverLengthScratch = []
        entityOffsets = []
        entityStartTypes = []
        Self.refill(&covering, nil, count: n)
        Self.refill(&coverLength, Int32.max, count: n)
        Self.refill(&offsets, 0, count: n + 1)
        Self.refill(&types, 0, count: n)
        for e in entities { offsets[e.start + 1] += 1 }
        for t in 0..<n { offsets[t + 1] += offsets[t] }
        var fill = offsets
        var ends = [(end: Int, type: EntityType)](repeating: (0, .PERSON), count: entities.count)
        for e in entities {
            ends[Int(fill[e.start])] = (e.end, e.type)
            fill[e.start] += 1
            types[e.start] |= e.type.bit
            let length = Int32(e.end - e.start)
            for i in e.start..<e.end where length <= coverLength[i] {
                coverLength[i] = length
                covering[i] = e.type
            }
        }
        var starts: [Int32] = []
        starts.reserveCapacity(entities.count)
        for t in 0..<n where offsets[t] != offsets[t + 1] {
            starts.append(Int32(t))
            var i = Int(offsets[t]) + 1
            while i < Int(offsets[t + 1]) {
                let e = ends[i]
                var j = i
                while j > Int(offsets[t]) && ends[j - 1].end < e.end {
                    ends[j] = ends[j - 1]
                    j -= 1
                }
                ends[j] = e
                i += 1
            }
        }
        self.covering = covering
        coverLengthScratch = coverLength
        entityOffsets = offsets
        entityEnds = ends
        entityStartTypes = types
        entityStartTokens = starts
    }

    /// Sets `array` to `count` copies of `value`, in place when it has that many elements already.
    private static func refill<T>(_ array: inout [T], _ value: T, count: Int) {
        guard array.count == count else {
            array = [T](repeating: value, count: count)
            return
        }
        for i in 0..<count { array[i] = value }
    }

    /// True when some entity starts at token `start`.
    func hasEntity(startingAt start: Int) -> Bool { entityOffsets[start] != entityOffsets[start + 1] }

    /// The types of the entities starting at token `start` (`EntityType.bit` mask).
    @inline(__always) func entityTypes(startingAt start: Int) -> UInt32 { entityStartTypes[start] }

    /// True when some entity of one of `types` (`EntityType.bit` mask) starts at token `start`.
    @inline(__always) func hasEntity(startingAt start: Int, types: UInt32) -> Bool {
        start < entityStartTypes.count && entityStartTypes[start] & types != 0
    }

    /// The entities starting at token `start` as positions in `entity(_:)`.
    func entities(startingAt start: Int) -> Range<Int> { Int(entityOffsets[start])..<Int(entityOffsets[start + 1]) }

    func entity(_ k: Int) -> (end: Int, type: EntityType) { entityEnds[k] }

    func entityCovering(_ token: Int) -> EntityType? { covering[token] }

    /// True when some entry of `list` starts with the folded text of token `start` (one array lookup).
    @inline(__always) func mayStartEntry(of list: Int, at start: Int) -> Bool {
        guard start < view.count else { return false }
        if list < 64 { return startMasks[start] & (1 << UInt64(list)) != 0 }
        return listWord(start, list >> 6) & (1 << UInt64(list & 63)) != 0
    }

    /// Word `k` of token t's list bits.
    @inline(__always) private func listWord(_ t: Int, _ k: Int) -> UInt64 {
        let row = Int(listBitRows[t])
        if row >= 0, let listColumn { return listColumn.word(row, k) }
        return localListBits[(-1 - row) * listBitWidth + k]
    }

    /// Bit l set when list l (l < 64) may have an entry starting at token `t` (`mayStartEntry`).
    @inline(__always) func listStartMask(at t: Int) -> UInt64 { startMasks[t] }

    /// Calls `body` with each list that has an entry starting with the folded text of token `t`, in
    /// ascending order.
    @inline(__always) func forEachListStarting(at t: Int, _ body: (Int) -> Void) {
        for w in 0..<listWords {
            var bits = w == 0 ? startMasks[t] : listWord(t, w)
            while bits != 0 {
                body(w << 6 | bits.trailingZeroBitCount)
                bits &= bits - 1
            }
        }
    }

    /// The ends of `list`'s entries starting at token `start`, as positions in `listEnd(_:_:)`: the list's
    /// trie walked from that start when first asked there, not a table of the whole document per list,
    /// whose walk at every token where an entry may start cost more than the starts asked.
    func listEntryEndRange(_ list: Int, at start: Int) -> Range<Int> {
        guard mayStartEntry(of: list, at: start) else { return 0..<0 }
        let key = list &* (view.count + 1) &+ start
        if let known = entryEndRanges[key] { return Int(known.lowerBound)..<Int(known.upperBound) }
        let first = entryEnds.count
        let f = view.features
        lists[list].forEachMatchEnd(
            from: start,
            hashedKey: { i in
                i < f.count ? (f[i].folded, f[i].isASCII ? f[i].foldedHash : TokenTrie<Bool>.hash(f[i].folded)) : nil
            },
            { entryEnds.append(Int32($0)) }
        )
        entryEndRanges[key] = Int32(first)..<Int32(entryEnds.count)
        return first..<entryEnds.count
    }

    func listEnd(_ list: Int, _ k: Int) -> Int { Int(entryEnds[k]) }

    func listEntryEnds(_ list: Int, at start: Int) -> [Int] {
        listEntryEndRange(list, at: start).map { listEnd(list, $0) }
    }

    /// Inlined for its first check, which answers most calls (no entry of the list starts there).
    @inline(__always) func startsEntry(of list: Int, at start: Int, singleToken: Bool) -> Bool {
        guard mayStartEntry(of: list, at: start) else { return false }
        return entryStarts(of: list, at: start, singleToken: singleToken)
    }

    @inline(never) private func entryStarts(of list: Int, at start: Int, singleToken: Bool) -> Bool {
        // A one-token entry is one trie lookup; the list's entry ends are walked only when a consumer
        // needs them: lists of `not_in` tests, most of them, never do.
        if singleToken { return lists[list].hasSingleTokenEntry(view.features[start].folded) }
        return !listEntryEndRange(list, at: start).isEmpty
    }

    /// The memoized answer of regular expression `id` for token `token` (nil: not asked yet).
    /// Whether token `t` passes the form part of test `id` (`TokenTestRef.formPartHolds`), as the
    /// lexeme table answered it for the token's form; nil without lexemes or for a test without a number.
    @inline(__always) func formPartHolds(_ id: Int, _ t: Int) -> Bool? {
        guard id >= 0, let formColumn else { return nil }
        let row = Int(lexemeRows[t])
        if row >= 0 { return formColumn.bit(row, id) }
        return localFormBits[(-1 - row) * formColumn.width + id >> 6] & (1 << UInt64(id & 63)) != 0
    }

    /// (`id` < 0: an expression the rule set did not number; never kept.)
    func regexAnswer(_ id: Int, _ token: Int) -> Bool? {
        if id < 0 { return nil }
        if id < LexemeTable.regexBits {
            let bit: UInt64 = 1 << UInt64(id)
            return regexKnown[token] & bit == 0 ? nil : regexYes[token] & bit != 0
        }
        let k = id - LexemeTable.regexBits
        guard k < regexMemo.count, !regexMemo[k].isEmpty else { return nil }
        let v = regexMemo[k][token]
        return v == 0 ? nil : v == 2
    }

    /// True (once) when the known answer of expression `id` for `token` (`regexAnswer`, no) is ICU
    /// giving up on the token's form in an earlier document, not yet reported in this one. (Expressions
    /// numbered 64 or more are not kept across documents: their answers here were found here.)
    func takeUnreportedRegexGaveUp(_ id: Int, _ token: Int) -> Bool {
        guard id >= 0, id < LexemeTable.regexBits else { return false }
        let bit: UInt64 = 1 << UInt64(id)
        if regexGaveUpUnreported[token] & bit == 0 { return false }
        regexGaveUpUnreported[token] &= ~bit
        return true
    }

    func storeRegexAnswer(_ id: Int, _ token: Int, _ answer: Bool, gaveUp: Bool = false) {
        if id < 0 { return }
        if id < LexemeTable.regexBits {
            let bit: UInt64 = 1 << UInt64(id)
            regexKnown[token] |= bit
            if answer { regexYes[token] |= bit }
            if gaveUp { regexGaveUpBits[token] |= bit }
            foundRegexAnswers = true
            return
        }
        let k = id - LexemeTable.regexBits
        if k >= regexMemo.count { regexMemo.append(contentsOf: repeatElement([], count: k + 1 - regexMemo.count)) }
        if regexMemo[k].isEmpty { regexMemo[k] = [UInt8](repeating: 0, count: view.count) }
        regexMemo[k][token] = answer ? 2 : 1
    }

    /// ICU's give-ups on regular expressions in this document and their budget (`RegexGiveUps`), counted
    /// by `TokenTestRef.matches` alone: the tag stage reports them as warnings.
    @exclusivity(unchecked) var regexGiveUps = RegexGiveUps()
}
