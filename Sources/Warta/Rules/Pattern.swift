import Foundation

/// What one pattern element asks of the token(s) it consumes. All given conditions must hold.
///
/// Single-token tests: `text` (exact, one of), `lower` (caseless, one of), `shape`, `kind`, `regex`
/// (ICU regular expression over the whole token), `not_in` (not an entry of a list), `not_entity`
/// (not inside an entity of these types), `space_before`, `paragraph_start`.
/// Multi-token consumers: `in: LIST` consumes a whole entry of a word list (entries may be several
/// tokens); `entity: TYPE` consumes a whole entity already found by an earlier phase.
public struct TokenTest: @unchecked Sendable {
    var text: Set<String>?
    var lower: Set<String>?
    var shapes: Set<TokenView.Shape>?
    var kinds: Set<Token.Kind>?
    var regex: ICURegex?
    /// The rule (or gazetteer) the regular expression belongs to, named when it gives up on a token.
    var regexOwner = ""
    var notIn: [Int] = []
    var notEntity: Set<EntityType>?
    var spaceBefore: Bool?
    var paragraphStart: Bool?
    var titleLine: Bool?
    /// First word of its sentence (only punctuation before it in the sentence).
    var sentenceStart: Bool?
    /// Single-token membership: the token alone is an entry of one of these lists (context tests).
    var inList: [Int] = []
    /// Covered by an entity of one of these types (context tests).
    var entity: Set<EntityType>?

    func matches(_ f: TokenView.Features, index: Int, context: MatchContext) -> Bool {
        TokenTestRef(self).matches(at: index, context: context)
    }
}

/// A token test behind a reference: the matcher reads the same test for thousands of tokens per
/// document, and reading a struct of ten optional sets out of an array or an optional copies it (and
/// retains and releases every set) each time; a `let` in a final class is read in place.
/// Its fields are copied out of the struct into `let`s, read in place by `matches`.
final class TokenTestRef: @unchecked Sendable {
    let test: TokenTest
    private let text: StringSet?
    private let lower: StringSet?
    /// Shapes, kinds and entity types as bit masks: these enums have String raw values, and a `Set` of
    /// them hashes the raw string at every lookup.
    private let shapes: UInt32?
    private let kinds: UInt32?
    private let regex: ICURegex?
    private let notIn: [Int]
    private let notEntity: UInt32?
    private let spaceBefore: Bool?
    private let paragraphStart: Bool?
    private let titleLine: Bool?
    private let sentenceStart: Bool?
    private let inList: [Int]
    private let entity: UInt32?
    /// The regular expression's answers by token text, shared by the workers and by every test with
    /// the same expression (`(19|20)\d\d` is in eight rules): news text repeats its words, and ICU's
    /// matcher costs thousands of instructions per call where a lookup costs a hundred. `regexID`
    /// numbers the expression for the per-document memo of `MatchContext`.
    private let regexAnswers: AnswerCache?
    private let regexID: Int
    /// The lists of `inList` and of `notIn` numbered below 64 as bit masks (`MatchContext.listStartMask`),
    /// and whether either names a list beyond those: a token where none of them may start an entry
    /// (most tokens) is answered without a look at each list.
    private let inListMask: UInt64
    private let notInMask: UInt64
    private let listsBeyondMasks: Bool

    /// The shapes and kinds the test accepts as bit masks (all bits: any), for the matcher's
    /// pre-check (`CompiledPattern.Step`).
    var shapeMask: UInt32 { shapes ?? ~0 }
    var kindMask: UInt32 { kinds ?? ~0 }

    init(_ test: TokenTest) {
        self.test = test
        text = test.text.map(StringSet.init)
        lower = test.lower.map(StringSet.init)
        shapes = test.shapes.map { $0.reduce(0) { $0 | $1.bit } }
        kinds = test.kinds.map { $0.reduce(0) { $0 | $1.bit } }
        regex = test.regex
        (regexID, regexAnswers) = test.regex.map { RegexAnswers.shared($0) } ?? (-1, nil)
        notIn = test.notIn
        notEntity = test.notEntity.map { $0.reduce(0) { $0 | $1.bit } }
        spaceBefore = test.spaceBefore
        paragraphStart = test.paragraphStart
        titleLine = test.titleLine
        sentenceStart = test.sentenceStart
        inList = test.inList
        entity = test.entity.map { $0.reduce(0) { $0 | $1.bit } }
        inListMask = test.inList.reduce(0) { $1 < 64 ? $0 | 1 << UInt64($1) : $0 }
        notInMask = test.notIn.reduce(0) { $1 < 64 ? $0 | 1 << UInt64($1) : $0 }
        listsBeyondMasks = (test.inList + test.notIn).contains { $0 >= 64 }
    }

    /// True when token `index` of the context's view passes every condition of the test. The flag
    /// tests come first, then the set lookups, then the list, entity and regular expression tests
    /// (all of them must hold, so the order changes only the cost).
    func matches(at index: Int, context: MatchContext) -> Bool {
        let features = context.view.features
        if let shapes, shapes & features[index].shape.bit == 0 { return false }
        if let kinds, kinds & features[index].kind.bit == 0 { return false }
        if let spaceBefore, features[index].spaceBefore != spaceBefore { return false }
        if let paragraphStart, features[index].paragraphStart != paragraphStart { return false }
        if let titleLine, features[index].titleLine != titleLine { return false }
        if let sentenceStart, features[index].sentenceStart != sentenceStart { return false }
        if let text, !text.contains(features[index].text, hash: features[index].textHash, isASCII: features[index].isASCII) { return false }
        if let lower, !lower.contains(features[index].folded, hash: features[index].foldedHash, isASCII: features[index].isASCII) { return false }
        let listsStarting = context.listStartMask(at: index)
        if !inList.isEmpty {
            guard listsBeyondMasks || inListMask & listsStarting != 0,
                  inList.contains(where: { context.startsEntry(of: $0, at: index, singleToken: true) }) else { return false }
        }
        if let entity { guard let t = context.entityCovering(index), entity & t.bit != 0 else { return false } }
        if listsBeyondMasks || notInMask & listsStarting != 0 {
            for list in notIn where context.startsEntry(of: list, at: index, singleToken: true) { return false }
        }
        if let notEntity, let t = context.entityCovering(index), notEntity & t.bit != 0 { return false }
        if let regex, let regexAnswers {
            // The same token meets the same expression several times per document (as a start element
            // and again in the matcher, in several sentences' rules): its answer is kept per document,
            // and across documents by token text.
            if let known = context.regexAnswer(regexID, index) { return known }
            let text = features[index].text
            let answer: Bool, gaveUp: Bool
            if let known = regexAnswers.answer(text, hash: features[index].textHash) {
                (answer, gaveUp) = known
            } else {
                // nil: ICU gave up at its match limit (a pattern that backtracks without bound on this
                // token); taken as no match, and reported in the document's warnings.
                let whole = regex.wholeMatch(Array(text.utf16))
                (answer, gaveUp) = (whole ?? false, whole == nil)
                regexAnswers.store(text, hash: features[index].textHash, answer, gaveUp: gaveUp)
            }
            if gaveUp { context.noteRegexGaveUp(owner: test.regexOwner, token: text) }
            context.storeRegexAnswer(regexID, index, answer)
            return answer
        }
        return true
    }
}

/// The answer caches of the regular expressions of token tests, one per expression (pattern and
/// options), with a number for each, process-wide (the pipeline is loaded once; tests load more).
enum RegexAnswers {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var caches: [String: (Int, AnswerCache)] = [:]

    static func shared(_ regex: ICURegex) -> (Int, AnswerCache) {
        lock.lock()
        defer { lock.unlock() }
        let key = regex.pattern
        if let known = caches[key] { return known }
        let entry = (caches.count, AnswerCache())
        caches[key] = entry
        return entry
    }
}

/// A set of strings for membership tests of tokens whose hash is already known (`TokenView.Features`),
/// with `Set<String>.contains`'s answers (see `HashedStringTable`).
struct StringSet: @unchecked Sendable {
    private let table: HashedStringTable<Bool>

    init(_ set: Set<String>) {
        table = HashedStringTable(Dictionary(uniqueKeysWithValues: set.map { ($0, true) }))
    }

    @inline(__always) func contains(_ string: String, hash h: UInt64, isASCII: Bool) -> Bool {
        table.value(string, hash: h, isASCII: isASCII) != nil
    }
}

/// A table from strings to values for lookups of tokens whose hash is already known: open addressing
/// over a 64-bit FNV-1a hash of the UTF-8 bytes, the strings compared only when the hashes are equal.
/// Same answers as the `[String: Value]` it is made from, which compares keys by canonical equivalence:
/// the table holds each key in NFC, and an ASCII token (its own NFC) is canonically equivalent to a key
/// exactly when its bytes are that key's NFC (the Kelvin sign's NFC is `K`); so ASCII tokens, nearly all
/// of them, are answered by the table alone. A token that is not ASCII asks the dictionary.
struct HashedStringTable<Value>: @unchecked Sendable {
    /// A slot holds a key's hash beside its position in `keys` (-1: empty), so that a probe, mostly a
    /// miss, reads one cache line: the tables of the gazetteers' first words are large, and a lookup is
    /// made for every token.
    private struct Slot { var hash: UInt64; var index: Int32 }
    private var slots: [Slot]
    /// The keys in NFC, and their values.
    private var keys: [String] = []
    private var values: [Value] = []
    private let mask: Int
    private let exact: [String: Value]

    init(_ entries: [String: Value]) {
        exact = entries
        var capacity = 8
        while capacity < entries.count * 2 { capacity *= 2 }
        mask = capacity - 1
        slots = [Slot](repeating: Slot(hash: 0, index: -1), count: capacity)
        // Sorted for the same table whatever the dictionary's order.
        for (key, value) in entries.sorted(by: { $0.key < $1.key }) {
            let nfc = key.utf8.allSatisfy { $0 < 0x80 } ? key : String(decoding: ICU.nfc(Array(key.utf8)), as: UTF8.self)
            let h = StringSet.hash(nfc)
            var i = Int(truncatingIfNeeded: h) & mask
            while slots[i].index >= 0 { i = (i + 1) & mask }
            slots[i] = Slot(hash: h, index: Int32(keys.count))
            keys.append(nfc)
            values.append(value)
        }
    }

    var isEmpty: Bool { keys.isEmpty }

    func value(_ string: String, hash h: UInt64, isASCII: Bool) -> Value? {
        guard isASCII else { return exact[string] }
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let slot = slots[i]
            if slot.index < 0 { return nil }
            if slot.hash == h && keys[Int(slot.index)] == string { return values[Int(slot.index)] }
            i = (i + 1) & mask
        }
    }
}

extension StringSet {
    static func hash<C: Sequence>(_ bytes: C) -> UInt64 where C.Element == UInt8 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        return h
    }

    static func hash(_ string: String) -> UInt64 {
        var s = string
        return s.withUTF8 { hash($0) }
    }
}

extension TokenView.Shape {
    var bit: UInt32 {
        switch self {
        case .upper: return 1
        case .title: return 2
        case .lower: return 4
        case .initial: return 8
        case .none: return 16
        }
    }
}

extension Token.Kind {
    var bit: UInt32 {
        switch self {
        case .word: return 1
        case .number: return 2
        case .punct: return 4
        case .symbol: return 8
        }
    }
}

extension EntityType {
    var bit: UInt32 {
        switch self {
        case .PERSON: return 1
        case .ROLE: return 2
        case .ORG: return 4
        case .LOC: return 8
        case .FAC: return 16
        case .DATE: return 32
        case .LAW: return 64
        case .EVENT: return 128
        }
    }
}

/// Answers of a pure test by token text, safe to share between threads; bounded (emptied when full) so
/// that memory does not grow with the corpus.
///
/// Open addressing over the token's `StringSet.hash` (computed once per token in `TokenView`), not a
/// `Dictionary<String, Bool>`, which hashed the whole string again with SipHash at every lookup. Keys
/// are compared by bytes: token texts are NFC (normalize), so canonically equivalent texts, which a
/// `String` key would take as equal, have the same bytes anyway.
final class AnswerCache: @unchecked Sendable {
    private let lock = NSLock()
    private struct Slot { var hash: UInt64; var key: String; var answer: Bool; var gaveUp: Bool }
    /// Grows by doubling up to twice the capacity (a power of two), so that a rarely used expression
    /// keeps a small table.
    private var slots = [Slot?](repeating: nil, count: 64)
    private var count = 0
    static let capacity = 8192

    func answer(_ key: String, hash: UInt64) -> (Bool, gaveUp: Bool)? {
        lock.lock()
        defer { lock.unlock() }
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: hash) & mask
        while let slot = slots[i] {
            if slot.hash == hash && slot.key == key { return (slot.answer, slot.gaveUp) }
            i = (i + 1) & mask
        }
        return nil
    }

    func store(_ key: String, hash: UInt64, _ value: Bool, gaveUp: Bool = false) {
        lock.lock()
        defer { lock.unlock() }
        if count >= Self.capacity {
            for i in slots.indices { slots[i] = nil }
            count = 0
        } else if count * 2 >= slots.count {
            let old = slots
            slots = [Slot?](repeating: nil, count: old.count * 2)
            for case let slot? in old { insert(slot) }
        }
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: hash) & mask
        while let slot = slots[i] {
            if slot.hash == hash && slot.key == key { slots[i]!.answer = value; slots[i]!.gaveUp = gaveUp; return }
            i = (i + 1) & mask
        }
        slots[i] = Slot(hash: hash, key: key, answer: value, gaveUp: gaveUp)
        count += 1
    }

    private func insert(_ slot: Slot) {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: slot.hash) & mask
        while slots[i] != nil { i = (i + 1) & mask }
        slots[i] = slot
    }
}

/// One token consumer of a pattern.
public struct PatternElement: Sendable {
    public enum Consumer: Sendable {
        case token
        case listEntry(Int)
        case entity(Set<EntityType>)
    }
    var consumer: Consumer
    var test: TokenTest {
        get { testRef.test }
        set { testRef = TokenTestRef(newValue) }
    }
    private(set) var testRef: TokenTestRef
    var capture: Bool

    init(consumer: Consumer, test: TokenTest, capture: Bool) {
        self.consumer = consumer
        self.testRef = TokenTestRef(test)
        self.capture = capture
    }
}

/// A pattern as written: elements, groups (`group:`) and alternatives (`any_of:`), each repeated
/// `min` to `max` times (`max` nil: unbounded).
public indirect enum PatternNode: Sendable {
    case element(PatternElement, min: Int, max: Int?)
    case group([PatternNode], min: Int, max: Int?)
    case anyOf([PatternNode], min: Int, max: Int?)

    var minCount: Int {
        switch self {
        case .element(_, let min, _), .group(_, let min, _), .anyOf(_, let min, _): return min
        }
    }

    /// The most elements the compiled program of a pattern may hold: `CompiledPattern` unrolls repeats
    /// (`max` copies, `min` + 1 for an unbounded one), so nested groups multiply. The default rules'
    /// largest pattern unrolls to a few dozen.
    public static let maxUnrolledElements = 2_000
    /// The most levels of `group`/`any_of` nesting in a pattern.
    public static let maxDepth = 16

    /// How many elements `nodes` unroll to (saturating just past `maxUnrolledElements`) and how deep
    /// they nest; linear in the nodes as written.
    static func unrolledSize(_ nodes: [PatternNode]) -> (elements: Int, depth: Int) {
        let cap = maxUnrolledElements + 1
        var total = 0, depth = 0
        for node in nodes {
            let copies: Int, inner: (elements: Int, depth: Int)
            switch node {
            case .element(_, let min, let max): copies = max ?? (min + 1); inner = (1, 0)
            case .group(let children, let min, let max), .anyOf(let children, let min, let max):
                copies = max ?? (min + 1)
                let c = unrolledSize(children)
                inner = (c.elements, c.depth + 1)
            }
            total = Swift.min(cap, total + Swift.min(cap, copies * inner.elements))
            depth = Swift.max(depth, inner.depth)
        }
        return (total, depth)
    }
}

/// A pattern compiled to a Thompson NFA, run by `PatternMatcher` in one left-to-right pass.
public struct CompiledPattern: Sendable {
    enum Instruction: Sendable {
        case consume(element: Int, next: Int)
        case split(Int, Int)
        case jump(Int)
        case match
    }
    private(set) var elements: [PatternElement] = []
    private(set) var program: [Instruction] = []
    /// Look-around tests on single tokens outside the match, checked without consuming them: the token
    /// before the match start (`preceded_by`, `not_preceded_by`) and the token after its end
    /// (`followed_by`, `not_followed_by`). Outside the matched range (sentence) a positive test fails
    /// and a negative one holds.
    var context = ContextTests()

    public struct ContextTests: @unchecked Sendable {
        var precededBy: TokenTest? { get { precededByRef?.test } set { precededByRef = newValue.map(TokenTestRef.init) } }
        var notPrecededBy: TokenTest? { get { notPrecededByRef?.test } set { notPrecededByRef = newValue.map(TokenTestRef.init) } }
        var followedBy: TokenTest? { get { followedByRef?.test } set { followedByRef = newValue.map(TokenTestRef.init) } }
        var notFollowedBy: TokenTest? { get { notFollowedByRef?.test } set { notFollowedByRef = newValue.map(TokenTestRef.init) } }
        private var precededByRef: TokenTestRef?
        private var notPrecededByRef: TokenTestRef?
        private var followedByRef: TokenTestRef?
        private var notFollowedByRef: TokenTestRef?

        var isEmpty: Bool { precededByRef == nil && notPrecededByRef == nil && followedByRef == nil && notFollowedByRef == nil }

        /// Holds for a match starting at `start` within `range`.
        func before(_ start: Int, range: Range<Int>, context: MatchContext) -> Bool {
            let has = start > range.lowerBound
            if let t = precededByRef, !(has && t.matches(at: start - 1, context: context)) { return false }
            if let t = notPrecededByRef, has && t.matches(at: start - 1, context: context) { return false }
            return true
        }

        /// Holds for a match ending at `end` within `range`.
        func after(_ end: Int, range: Range<Int>, context: MatchContext) -> Bool {
            let has = end < range.upperBound
            if let t = followedByRef, !(has && t.matches(at: end, context: context)) { return false }
            if let t = notFollowedByRef, has && t.matches(at: end, context: context) { return false }
            return true
        }
    }

    /// Repeats are unrolled: `min` copies, then `max - min` optional ones (or a loop when unbounded),
    /// so the program stays proportional to the pattern, never to the text.
    init(_ nodes: [PatternNode]) {
        for n in nodes { emit(n) }
        program.append(.match)
        startElements = Self.firstConsumers(program)
        requiredElements = Self.requiredConsumers(program)
        steps = ContiguousArray(elements.map(Step.init))
        startSteps = ContiguousArray(startElements.map { steps[$0] })
    }

    /// The elements as the matcher reads them: plain values (the test as an unowned reference, the
    /// entity types as a bit mask), so that reading one in the matcher's loop copies no reference
    /// counted field (a `PatternElement` holds a class reference and, for `entity:`, a `Set`).
    /// The references stay valid as long as the pattern: `elements` holds them.
    struct Step {
        enum Kind: UInt8 { case token, listEntry, entity }
        /// Unmanaged, called through `_withUnsafeGuaranteedRef`: an `unowned(unsafe)` reference was still
        /// retained and released around every call.
        let test: Unmanaged<TokenTestRef>
        let kind: Kind
        let list: Int
        let types: UInt32
        let capture: Bool
        /// The test's shape and kind masks, checked against `MatchContext.tokenBits` before the test is
        /// called: most tokens fail a rule's first element on these (`shape: title`), and the check is
        /// a few instructions where the call is about a hundred.
        let shapes: UInt32
        let kinds: UInt32

        init(_ element: PatternElement) {
            test = Unmanaged.passUnretained(element.testRef)
            shapes = element.testRef.shapeMask
            kinds = element.testRef.kindMask
            capture = element.capture
            switch element.consumer {
            case .token: (kind, list, types) = (.token, -1, 0)
            case .listEntry(let l): (kind, list, types) = (.listEntry, l, 0)
            case .entity(let set): (kind, list, types) = (.entity, -1, set.reduce(0) { $0 | $1.bit })
            }
        }

        /// False when the token's shape or kind alone fails the test.
        @inline(__always) func mayMatch(_ tokenBits: UInt32) -> Bool {
            tokenBits & shapes != 0 && (tokenBits >> 8) & kinds != 0
        }
    }
    private(set) var steps: ContiguousArray<Step> = []

    /// The elements a match can begin with: the `consume` instructions reachable from the start
    /// without consuming a token. A position where none of them passes its test starts no match, so
    /// the matcher skips it (a match is never empty).
    private(set) var startElements: [Int] = []
    /// The steps of `startElements`, in that order.
    private(set) var startSteps: ContiguousArray<Step> = []

    /// The elements every match consumes: those whose `consume` instruction lies on every path from
    /// the start to `match` (a match without a token they accept is impossible; `RuleRequirements`
    /// has the start index skip positions with no such token ahead in the sentence).
    private(set) var requiredElements: [Int] = []

    private static func requiredConsumers(_ program: [Instruction]) -> [Int] {
        func reachesMatch(avoiding avoided: Int) -> Bool {
            var seen = [Bool](repeating: false, count: program.count)
            var stack = [0]
            while let pc = stack.popLast() {
                guard pc != avoided, !seen[pc] else { continue }
                seen[pc] = true
                switch program[pc] {
                case .consume(_, let next): stack.append(next)
                case .split(let a, let b): stack.append(a); stack.append(b)
                case .jump(let a): stack.append(a)
                case .match: return true
                }
            }
            return false
        }
        return program.indices.compactMap { pc in
            guard case .consume(let element, _) = program[pc], !reachesMatch(avoiding: pc) else { return nil }
            return element
        }
    }

    private static func firstConsumers(_ program: [Instruction]) -> [Int] {
        var seen = [Bool](repeating: false, count: program.count)
        var stack = [0]
        var result: [Int] = []
        while let pc = stack.popLast() {
            guard !seen[pc] else { continue }
            seen[pc] = true
            switch program[pc] {
            case .consume(let element, _): if !result.contains(element) { result.append(element) }
            case .split(let a, let b): stack.append(b); stack.append(a)
            case .jump(let a): stack.append(a)
            case .match: break
            }
        }
        return result
    }

    private mutating func emit(_ node: PatternNode) {
        let (min, max): (Int, Int?)
        switch node {
        case .element(_, let a, let b), .group(_, let a, let b), .anyOf(_, let a, let b): (min, max) = (a, b)
        }
        for _ in 0..<min { emitOnce(node) }
        if let max {
            var splits: [Int] = []
            for _ in min..<max {
                splits.append(program.count)
                program.append(.match) // placeholder: split(take, skip the remaining copies)
                emitOnce(node)
            }
            let after = program.count
            for s in splits { program[s] = .split(s + 1, after) }
        } else {
            let loop = program.count
            program.append(.match) // placeholder: split(body, exit)
            emitOnce(node)
            program.append(.jump(loop))
            program[loop] = .split(loop + 1, program.count)
        }
    }

    private mutating func emitOnce(_ node: PatternNode) {
        switch node {
        case .element(let e, _, _):
            elements.append(e)
            program.append(.consume(element: elements.count - 1, next: program.count + 1))
        case .group(let nodes, _, _):
            for n in nodes { emit(n) }
        case .anyOf(let alternatives, _, _):
            var jumps: [Int] = []
            for (k, alternative) in alternatives.enumerated() {
                if k < alternatives.count - 1 {
                    let split = program.count
                    program.append(.match) // placeholder: split(this alternative, next one)
                    emit(alternative)
                    jumps.append(program.count)
                    program.append(.match) // placeholder: jump to the end
                    program[split] = .split(split + 1, program.count)
                } else {
                    emit(alternative)
                }
            }
            for j in jumps { program[j] = .jump(program.count) }
        }
    }
}

/// Per-document tables the matcher consults: list entries and entities by start token.
///
/// Used by one thread at a time (one document's tag stage), so its tables skip Swift's run-time
/// exclusivity checks (`@exclusivity(unchecked)`), which cost more than the lookups themselves.
/// The tables are flat arrays of integers indexed by token (offsets into one array of ends), not
/// arrays of arrays or dictionaries: the matcher asks them about a million times per 50 articles, and
/// every inner array read out of them was retained and released, every one built was an allocation.
public final class MatchContext {
    let view: TokenView
    /// For each list, the end tokens of its entries starting at each token (computed when first asked).
    @exclusivity(unchecked) private var listEnds: [ListEnds?]
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
    /// The tokens where some entity starts, ascending.
    @exclusivity(unchecked) private(set) var entityStartTokens: [Int32] = []
    /// Scratch buffers of `PatternMatcher.run`, reused from one call to the next (one document, one thread).
    @exclusivity(unchecked) var scratch = PatternMatcher.Scratch()
    /// Regular expression answers of this document by token: `regexMemo[id][token]` is 0 (not asked
    /// yet), 1 (no) or 2 (yes), for the expression numbered `id` by `RegexAnswers`. The same token meets
    /// the same expression several times (as a start element and again in the matcher, in several rules).
    @exclusivity(unchecked) private var regexMemo: [[UInt8]] = []

    /// For each token t, the lists with an entry starting with its folded text:
    /// `startingLists[startingListOffsets[t]..<startingListOffsets[t + 1]]` (flat: asked about a
    /// million times per 50 articles, mostly to answer "none").
    private let startingListOffsets: [Int32]
    private let startingLists: [Int32]
    /// The same for the first 64 lists as one bit mask per token: bit l set when list l may start there.
    private let startMasks: [UInt64]
    /// Per token: the shape's bit, and the kind's bit shifted left by 8 (`CompiledPattern.Step.mayMatch`).
    let tokenBits: [UInt32]

    /// The entry ends of one list: those starting at token t are `ends[offsets[t]..<offsets[t + 1]]`.
    struct ListEnds {
        var offsets: [Int32]
        var ends: [Int32]
    }

    init(view: TokenView, lists: [TokenTrie<Bool>], listsStartingWith: HashedStringTable<[Int32]>? = nil) {
        self.view = view
        self.lists = lists
        listEnds = [ListEnds?](repeating: nil, count: lists.count)
        covering = [EntityType?](repeating: nil, count: view.count)
        entityOffsets = [Int32](repeating: 0, count: view.count + 1)
        let index = listsStartingWith ?? Self.listsStartingWith(lists)
        var offsets = [Int32](repeating: 0, count: view.count + 1)
        var starting: [Int32] = []
        var masks = [UInt64](repeating: 0, count: view.count)
        for (t, f) in view.features.enumerated() {
            if let found = index.value(f.folded, hash: f.foldedHash, isASCII: f.isASCII) {
                starting.append(contentsOf: found)
                for list in found where list < 64 { masks[t] |= 1 << UInt64(list) }
            }
            offsets[t + 1] = Int32(starting.count)
        }
        startingListOffsets = offsets
        startingLists = starting
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
    func setEntities(_ entities: [(start: Int, end: Int, type: EntityType)]) {
        // Filled as a local and then stored: each write to the stored array checked its uniqueness.
        var covering = [EntityType?](repeating: nil, count: view.count)
        // Longest first (a stable sort: equal lengths keep their order), then grouped by start token
        // in that order (a counting sort).
        let sorted = entities.sorted(by: { ($0.end - $0.start) > ($1.end - $1.start) })
        var offsets = [Int32](repeating: 0, count: view.count + 1)
        for e in sorted { offsets[e.start + 1] += 1 }
        for t in 0..<view.count { offsets[t + 1] += offsets[t] }
        var fill = offsets
        var ends = [(end: Int, type: EntityType)](repeating: (0, .PERSON), count: sorted.count)
        for e in sorted {
            ends[Int(fill[e.start])] = (e.end, e.type)
            fill[e.start] += 1
            for i in e.start..<e.end { covering[i] = e.type } // smaller ones overwrite larger ones
        }
        self.covering = covering
        entityOffsets = offsets
        entityEnds = ends
        var types = [UInt32](repeating: 0, count: view.count)
        var starts: [Int32] = []
        starts.reserveCapacity(sorted.count)
        for e in sorted { types[e.start] |= e.type.bit }
        for t in 0..<view.count where offsets[t] != offsets[t + 1] { starts.append(Int32(t)) }
        entityStartTypes = types
        entityStartTokens = starts
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
        var k = Int(startingListOffsets[start])
        let end = Int(startingListOffsets[start + 1])
        while k < end {
            if startingLists[k] == list { return true }
            k += 1
        }
        return false
    }

    /// Bit l set when list l (l < 64) may have an entry starting at token `t` (`mayStartEntry`).
    @inline(__always) func listStartMask(at t: Int) -> UInt64 { startMasks[t] }

    /// The lists with an entry starting with the folded text of token `t`, as positions in
    /// `startingList(_:)`.
    func listsStarting(at t: Int) -> Range<Int> { Int(startingListOffsets[t])..<Int(startingListOffsets[t + 1]) }

    func startingList(_ k: Int) -> Int { Int(startingLists[k]) }

    /// The ends of `list`'s entries starting at token `start`, as positions in `listEnd(_:_:)`.
    func listEntryEndRange(_ list: Int, at start: Int) -> Range<Int> {
        guard mayStartEntry(of: list, at: start) else { return 0..<0 }
        if listEnds[list] == nil {
            var offsets = [Int32](repeating: 0, count: view.count + 1)
            var ends: [Int32] = []
            let f = view.features
            for s in 0..<view.count {
                if mayStartEntry(of: list, at: s) {
                    lists[list].forEachMatchEnd(from: s, hashedKey: { i in
                        i < f.count ? (f[i].folded, f[i].isASCII ? f[i].foldedHash : TokenTrie<Bool>.hash(f[i].folded)) : nil
                    }) { ends.append(Int32($0)) }
                }
                offsets[s + 1] = Int32(ends.count)
            }
            listEnds[list] = ListEnds(offsets: offsets, ends: ends)
        }
        return Int(listEnds[list]!.offsets[start])..<Int(listEnds[list]!.offsets[start + 1])
    }

    func listEnd(_ list: Int, _ k: Int) -> Int { Int(listEnds[list]!.ends[k]) }

    func listEntryEnds(_ list: Int, at start: Int) -> [Int] {
        listEntryEndRange(list, at: start).map { listEnd(list, $0) }
    }

    /// Inlined for its first check, which answers most calls (no entry of the list starts there).
    @inline(__always) func startsEntry(of list: Int, at start: Int, singleToken: Bool) -> Bool {
        guard mayStartEntry(of: list, at: start) else { return false }
        return entryStarts(of: list, at: start, singleToken: singleToken)
    }

    @inline(never) private func entryStarts(of list: Int, at start: Int, singleToken: Bool) -> Bool {
        // A one-token entry is one trie lookup; the list's entry ends are built for the whole document
        // (a trie walk at every token where it may start) only when a consumer needs them: lists of
        // `not_in` tests, most of them, never do.
        if singleToken { return lists[list].hasSingleTokenEntry(view.features[start].folded) }
        return !listEntryEndRange(list, at: start).isEmpty
    }

    /// The rules whose regular expression gave up at ICU's limit on a token of this document, each with
    /// the first such token, in the order met: the tag stage reports them as warnings.
    private(set) var regexGaveUp: [(owner: String, token: String)] = []

    func noteRegexGaveUp(owner: String, token: String) {
        if !regexGaveUp.contains(where: { $0.owner == owner }) { regexGaveUp.append((owner, token)) }
    }

    /// The memoized answer of regular expression `id` for token `token` (nil: not asked yet).
    func regexAnswer(_ id: Int, _ token: Int) -> Bool? {
        guard id < regexMemo.count, !regexMemo[id].isEmpty else { return nil }
        let v = regexMemo[id][token]
        return v == 0 ? nil : v == 2
    }

    func storeRegexAnswer(_ id: Int, _ token: Int, _ answer: Bool) {
        if id >= regexMemo.count { regexMemo.append(contentsOf: repeatElement([], count: id + 1 - regexMemo.count)) }
        if regexMemo[id].isEmpty { regexMemo[id] = [UInt8](repeating: 0, count: view.count) }
        regexMemo[id][token] = answer ? 2 : 1
    }
}

/// A match of a pattern over tokens `start..<end`; `span` is the captured part (or the whole match).
public struct PatternMatch: Equatable {
    public var start: Int
    public var end: Int
    public var span: Range<Int>
}

/// Runs a compiled pattern over a token range as a Pike VM: every start position at once, each NFA
/// state held by at most one thread per position (the one that started earliest).
///
/// - Complexity: O(n × m) for n tokens and a program of m instructions, plus the entries of the
///   multi-token consumers; no backtracking, whatever the pattern. Look-around tests cost O(1) per
///   start and per match.
public enum PatternMatcher {
    struct Thread { var pc: Int; var start: Int; var capStart: Int; var capEnd: Int }

    /// Buffers of one `run`, kept in the `MatchContext` so that the thousand calls per document (rules
    /// × sentences) do not allocate them again.
    struct Scratch {
        /// `seen[pc]` is the `stamp` of the position where instruction pc was last reached: a run
        /// number and a position, so that a new run needs no reset of the whole program's entries.
        var seen: [Int] = []
        var runNumber = 0
        /// The threads waiting for each position (a slot per position from the first start), in the
        /// order they were added (their priority): linked lists in flat arrays, `pendingHead[slot]` the
        /// first node, `pendingTail[slot]` the last, `nodeNext` the links; not an array per position,
        /// each of which was checked for uniqueness at every append and cleared after use.
        var pendingHead: [Int32] = []
        var pendingTail: [Int32] = []
        var nodes: [Thread] = []
        var nodeNext: [Int32] = []
        var best: [(end: Int, cap: (Int, Int))?] = []
        var list: [Thread] = []
        var closing: [Thread] = []
    }

    /// The NFA program and the buffers of one run; a struct with mutating methods rather than closures
    /// over local variables, which Swift would box and check for exclusive access at every use.
    struct Machine {
        let program: [CompiledPattern.Instruction]
        var scratch: Scratch

        /// Makes the buffers big enough for a program and a number of positions. Their entries are
        /// left empty by the previous run (`run` empties the pending lists as it goes and the `best`
        /// entries of its start positions at the end), so only new entries are written here.
        mutating func reset(programCount: Int, positions: Int) {
            scratch.runNumber += 1
            if scratch.seen.count < programCount {
                scratch.seen.append(contentsOf: repeatElement(-1, count: programCount - scratch.seen.count))
            }
            if scratch.pendingHead.count < positions + 1 {
                let more = positions + 1 - scratch.pendingHead.count
                scratch.pendingHead.append(contentsOf: repeatElement(-1, count: more))
                scratch.pendingTail.append(contentsOf: repeatElement(-1, count: more))
            }
            scratch.nodes.removeAll(keepingCapacity: true)
            scratch.nodeNext.removeAll(keepingCapacity: true)
            if scratch.best.count < positions {
                scratch.best.append(contentsOf: repeatElement(nil, count: positions - scratch.best.count))
            }
        }

        @inline(__always) func stamp(_ position: Int) -> Int { scratch.runNumber << 32 | position }

        /// Adds `t` after the threads already waiting in `slot`.
        mutating func addPending(_ t: Thread, slot: Int) {
            let node = Int32(scratch.nodes.count)
            scratch.nodes.append(t)
            scratch.nodeNext.append(-1)
            let tail = Int(scratch.pendingTail[slot])
            if tail < 0 { scratch.pendingHead[slot] = node } else { scratch.nodeNext[tail] = node }
            scratch.pendingTail[slot] = node
        }

        /// Follows splits and jumps from `t` and adds the threads that stop at a `consume` or `match` to
        /// `scratch.list`; depth first, the first branch of a split before the second (thread priority),
        /// each instruction at most once per position.
        mutating func close(_ t: Thread, at position: Int) {
            scratch.closing.removeAll(keepingCapacity: true)
            scratch.closing.append(t)
            let here = stamp(position)
            while let t = scratch.closing.popLast() {
                guard scratch.seen[t.pc] != here else { continue }
                scratch.seen[t.pc] = here
                switch program[t.pc] {
                case .split(let a, let b):
                    scratch.closing.append(Thread(pc: b, start: t.start, capStart: t.capStart, capEnd: t.capEnd))
                    scratch.closing.append(Thread(pc: a, start: t.start, capStart: t.capStart, capEnd: t.capEnd))
                case .jump(let a):
                    scratch.closing.append(Thread(pc: a, start: t.start, capStart: t.capStart, capEnd: t.capEnd))
                default:
                    scratch.list.append(t)
                }
            }
        }
    }

    /// True when some start element of `pattern` passes its test at `position`: a match can begin
    /// there. Positions where this is false are skipped by `run`: a thread started there would die at
    /// its first token, and it is started after every thread arriving at that position, so it never
    /// takes an NFA state from one of them.
    static func canStart(_ pattern: CompiledPattern, at position: Int, context: MatchContext) -> Bool {
        canStart(pattern.startSteps, pattern.startSteps.indices, at: position, context: context)
    }

    /// The same for the start steps `steps[range]` of a pattern (`PhaseStartIndex` keeps those of all
    /// the rules of a phase in one array).
    @inline(__always)
    static func canStart(_ steps: ContiguousArray<CompiledPattern.Step>, _ range: Range<Int>, at position: Int,
                         context: MatchContext) -> Bool {
        let tokenBits = context.tokenBits
        for i in range {
            let step = steps[i]
            guard step.mayMatch(tokenBits[position]) else { continue }
            // What the consumer needs first (cheaper than the test): an entry of its list, an entity.
            switch step.kind {
            case .token: break
            case .listEntry: guard context.mayStartEntry(of: step.list, at: position) else { continue }
            case .entity: guard context.hasEntity(startingAt: position, types: step.types) else { continue }
            }
            if step.test._withUnsafeGuaranteedRef({ $0.matches(at: position, context: context) }) { return true }
        }
        return false
    }

    /// The longest match at each start position within `range`, leftmost first, not overlapping;
    /// every position of `range` is checked with `canStart`.
    public static func run(_ pattern: CompiledPattern, over range: Range<Int>, context: MatchContext) -> [PatternMatch] {
        let starts = range.filter { canStart(pattern, at: $0, context: context) }.map { Int32($0) }
        return starts.withUnsafeBufferPointer { run(pattern, over: range, starts: $0, context: context) }
    }

    /// The same, given the positions of `range` where `canStart` holds, ascending (`PhaseStartIndex`
    /// finds them for all the rules of a phase at once). When no thread is alive, the matcher jumps
    /// to the next of them.
    static func run(_ pattern: CompiledPattern, over range: Range<Int>, starts: UnsafeBufferPointer<Int32>,
                    context: MatchContext) -> [PatternMatch] {
        guard !starts.isEmpty else { return [] }
        let steps = pattern.steps
        let tokenBits = context.tokenBits
        var nextCandidate = Int(starts[0])
        var nextStartIndex = 1

        // The buffers are moved out of the context (a swap, no copy) so that they are uniquely
        // referenced while in use, and moved back at the end.
        var vm = Machine(program: pattern.program, scratch: Scratch())
        swap(&vm.scratch, &context.scratch)
        defer { swap(&vm.scratch, &context.scratch) }
        // Indexed by position - base: arrays, not dictionaries, so that the cost per token does not
        // grow with the document. No thread starts or ends before the first start position.
        let base = nextCandidate
        vm.reset(programCount: pattern.program.count, positions: range.upperBound - base)
        var alive = 0 // threads waiting in the pending lists

        var position = nextCandidate
        var haveCandidate = true
        while position <= range.upperBound {
            vm.scratch.list.removeAll(keepingCapacity: true)
            let slot = position - base
            var node = Int(vm.scratch.pendingHead[slot])
            if node >= 0 {
                vm.scratch.pendingHead[slot] = -1
                vm.scratch.pendingTail[slot] = -1
                while node >= 0 {
                    alive -= 1
                    vm.close(vm.scratch.nodes[node], at: position)
                    node = Int(vm.scratch.nodeNext[node])
                }
            }
            if haveCandidate && position == nextCandidate {
                if pattern.context.before(position, range: range, context: context) {
                    vm.close(Thread(pc: 0, start: position, capStart: -1, capEnd: -1), at: position)
                }
                if nextStartIndex < starts.count {
                    nextCandidate = Int(starts[nextStartIndex])
                    nextStartIndex += 1
                } else {
                    haveCandidate = false
                }
            }
            var ti = 0
            while ti < vm.scratch.list.count {
                let t = vm.scratch.list[ti]
                ti += 1
                switch vm.program[t.pc] {
                case .match:
                    let cap = t.capStart >= 0 ? (t.capStart, t.capEnd) : (t.start, position)
                    if let b = vm.scratch.best[t.start - base], b.end >= position { continue }
                    guard position > t.start, pattern.context.after(position, range: range, context: context) else { continue }
                    vm.scratch.best[t.start - base] = (position, cap)
                case .consume(let e, let next):
                    guard position < range.upperBound else { continue }
                    let step = steps[e]
                    guard step.mayMatch(tokenBits[position]), step.test._withUnsafeGuaranteedRef({ $0.matches(at: position, context: context) }) else { continue }
                    var n = Thread(pc: next, start: t.start, capStart: t.capStart, capEnd: t.capEnd)
                    if step.capture, n.capStart < 0 { n.capStart = position }
                    switch step.kind {
                    case .token:
                        if step.capture { n.capEnd = position + 1 }
                        vm.addPending(n, slot: position + 1 - base)
                        alive += 1
                    case .listEntry:
                        for k in context.listEntryEndRange(step.list, at: position) {
                            let end = context.listEnd(step.list, k)
                            guard end <= range.upperBound else { continue }
                            if step.capture { n.capEnd = end }
                            vm.addPending(n, slot: end - base)
                            alive += 1
                        }
                    case .entity:
                        for k in context.entities(startingAt: position) {
                            let x = context.entity(k)
                            guard step.types & x.type.bit != 0 && x.end <= range.upperBound else { continue }
                            if step.capture { n.capEnd = x.end }
                            vm.addPending(n, slot: x.end - base)
                            alive += 1
                        }
                    }
                case .split, .jump:
                    break
                }
            }
            if alive == 0 {
                guard haveCandidate else { break }
                position = nextCandidate
            } else {
                position += 1
            }
        }
        // Leftmost-longest, non-overlapping.
        var result: [PatternMatch] = []
        // Only start positions have a `best`.
        var lastEnd = range.lowerBound
        for start in starts where Int(start) >= lastEnd {
            let start = Int(start)
            guard let b = vm.scratch.best[start - base] else { continue }
            result.append(PatternMatch(start: start, end: b.end, span: b.cap.0..<b.cap.1))
            lastEnd = b.end
        }
        for start in starts { vm.scratch.best[Int(start) - base] = nil } // empty for the next run
        return result
    }
}
