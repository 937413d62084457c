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
    var regex: NSRegularExpression?
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
    private let regex: NSRegularExpression?
    private let notIn: [Int]
    private let notEntity: UInt32?
    private let spaceBefore: Bool?
    private let paragraphStart: Bool?
    private let titleLine: Bool?
    private let sentenceStart: Bool?
    private let inList: [Int]
    private let entity: UInt32?
    /// The regular expression's answers by token text, shared by the workers: news text repeats its
    /// words, and ICU's matcher costs thousands of instructions per call where a lookup costs a hundred.
    private let regexAnswers = AnswerCache()

    init(_ test: TokenTest) {
        self.test = test
        text = test.text.map(StringSet.init)
        lower = test.lower.map(StringSet.init)
        shapes = test.shapes.map { $0.reduce(0) { $0 | $1.bit } }
        kinds = test.kinds.map { $0.reduce(0) { $0 | $1.bit } }
        regex = test.regex
        notIn = test.notIn
        notEntity = test.notEntity.map { $0.reduce(0) { $0 | $1.bit } }
        spaceBefore = test.spaceBefore
        paragraphStart = test.paragraphStart
        titleLine = test.titleLine
        sentenceStart = test.sentenceStart
        inList = test.inList
        entity = test.entity.map { $0.reduce(0) { $0 | $1.bit } }
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
        if !inList.isEmpty, !inList.contains(where: { context.startsEntry(of: $0, at: index, singleToken: true) }) { return false }
        if let entity { guard let t = context.entityCovering(index), entity & t.bit != 0 else { return false } }
        for list in notIn where context.startsEntry(of: list, at: index, singleToken: true) { return false }
        if let notEntity, let t = context.entityCovering(index), notEntity & t.bit != 0 { return false }
        if let regex {
            // The same token meets the same expression several times per document (as a start element
            // and again in the matcher, in several sentences' rules): its answer is kept per document.
            let text = features[index].text
            if let known = regexAnswers.answer(text) { return known }
            let ns = text as NSString
            let answer = regex.firstMatch(in: text, options: [.anchored], range: NSRange(location: 0, length: ns.length))
                .map { $0.range.length == ns.length } ?? false
            regexAnswers.store(text, answer)
            return answer
        }
        return true
    }
}

/// A set of strings for membership tests of tokens whose hash is already known (`TokenView.Features`):
/// open addressing over a 64-bit FNV-1a hash of the UTF-8 bytes, the strings compared only when the
/// hashes are equal. Same answers as `Set<String>.contains`: Swift compares strings by canonical
/// equivalence, this table by bytes, so when the bytes differ and either side is not ASCII (`K` and the
/// Kelvin sign are equivalent), the answer comes from the `Set<String>` itself.
struct StringSet: @unchecked Sendable {
    private var slots: [Int32]
    private var hashes: [UInt64] = []
    private var strings: [String] = []
    private let mask: Int
    private let set: Set<String>
    private let allASCII: Bool

    init(_ set: Set<String>) {
        self.set = set
        allASCII = set.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } }
        var capacity = 8
        while capacity < set.count * 2 { capacity *= 2 }
        mask = capacity - 1
        slots = [Int32](repeating: -1, count: capacity)
        for string in set.sorted() {
            let h = Self.hash(string)
            var i = Int(truncatingIfNeeded: h) & mask
            while slots[i] >= 0 { i = (i + 1) & mask }
            slots[i] = Int32(strings.count)
            strings.append(string)
            hashes.append(h)
        }
    }

    func contains(_ string: String, hash h: UInt64, isASCII: Bool) -> Bool {
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let k = slots[i]
            if k < 0 { break }
            if hashes[Int(k)] == h && strings[Int(k)] == string { return true }
            i = (i + 1) & mask
        }
        return allASCII && isASCII ? false : set.contains(string)
    }

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
final class AnswerCache: @unchecked Sendable {
    private let lock = NSLock()
    private var answers: [String: Bool] = [:]
    static let capacity = 8192

    func answer(_ key: String) -> Bool? {
        lock.lock()
        defer { lock.unlock() }
        return answers[key]
    }

    func store(_ key: String, _ value: Bool) {
        lock.lock()
        defer { lock.unlock() }
        if answers.count >= Self.capacity { answers.removeAll(keepingCapacity: true) }
        answers[key] = value
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
    }

    /// The elements a match can begin with: the `consume` instructions reachable from the start
    /// without consuming a token. A position where none of them passes its test starts no match, so
    /// the matcher skips it (a match is never empty).
    private(set) var startElements: [Int] = []

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
public final class MatchContext {
    let view: TokenView
    /// For each list, the end tokens of its entries starting at each token (computed when first asked).
    @exclusivity(unchecked) private var listEnds: [[[Int]]?]
    private let lists: [TokenTrie<Bool>]
    /// Entities by start token: (end token, type).
    @exclusivity(unchecked) private(set) var entitiesByStart: [Int: [(end: Int, type: EntityType)]] = [:]
    /// The type of the smallest entity covering each token, if any.
    @exclusivity(unchecked) private var covering: [EntityType?]
    /// Scratch buffers of `PatternMatcher.run`, reused from one call to the next (one document, one thread).
    @exclusivity(unchecked) var scratch = PatternMatcher.Scratch()

    /// For each token, the lists with an entry starting with its folded text (nil: none).
    private let startingLists: [[Int]?]

    init(view: TokenView, lists: [TokenTrie<Bool>], listsStartingWith: [String: [Int]]? = nil) {
        self.view = view
        self.lists = lists
        listEnds = [[[Int]]?](repeating: nil, count: lists.count)
        covering = [EntityType?](repeating: nil, count: view.count)
        if let listsStartingWith {
            startingLists = view.features.map { listsStartingWith[$0.folded] }
        } else {
            var index: [String: [Int]] = [:]
            for (i, list) in lists.enumerated() { for key in list.firstKeys { index[key, default: []].append(i) } }
            startingLists = view.features.map { index[$0.folded] }
        }
    }

    /// Sets the entities (as token ranges) that `entity:` elements consume.
    func setEntities(_ entities: [(start: Int, end: Int, type: EntityType)]) {
        entitiesByStart = [:]
        covering = [EntityType?](repeating: nil, count: view.count)
        for e in entities.sorted(by: { ($0.end - $0.start) > ($1.end - $1.start) }) {
            entitiesByStart[e.start, default: []].append((e.end, e.type))
            for i in e.start..<e.end { covering[i] = e.type } // smaller ones overwrite larger ones
        }
    }

    func entityCovering(_ token: Int) -> EntityType? { covering[token] }

    /// True when some entry of `list` starts with the folded text of token `start` (one array lookup).
    func mayStartEntry(of list: Int, at start: Int) -> Bool {
        start < view.count && startingLists[start]?.contains(list) == true
    }

    func listEntryEnds(_ list: Int, at start: Int) -> [Int] {
        guard mayStartEntry(of: list, at: start) else { return [] }
        if listEnds[list] == nil {
            var table = [[Int]](repeating: [], count: view.count)
            let f = view.features
            for s in 0..<view.count where startingLists[s]?.contains(list) == true {
                table[s] = lists[list].matchEnds(from: s) { i in i < f.count ? f[i].folded : nil }
            }
            listEnds[list] = table
        }
        return start < view.count ? listEnds[list]![start] : []
    }

    func startsEntry(of list: Int, at start: Int, singleToken: Bool) -> Bool {
        let ends = listEntryEnds(list, at: start)
        return singleToken ? ends.contains(start + 1) : !ends.isEmpty
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
        var seen: [Int] = []
        var pending: [[Thread]] = []
        var best: [(end: Int, cap: (Int, Int))?] = []
        var list: [Thread] = []
        var closing: [Thread] = []
    }

    /// The NFA program and the buffers of one run; a struct with mutating methods rather than closures
    /// over local variables, which Swift would box and check for exclusive access at every use.
    struct Machine {
        let program: [CompiledPattern.Instruction]
        var scratch: Scratch

        mutating func reset(programCount: Int, positions: Int) {
            scratch.seen.removeAll(keepingCapacity: true)
            scratch.seen.append(contentsOf: repeatElement(-1, count: programCount))
            if scratch.pending.count < positions + 1 {
                scratch.pending.append(contentsOf: repeatElement([], count: positions + 1 - scratch.pending.count))
            }
            scratch.best.removeAll(keepingCapacity: true)
            scratch.best.append(contentsOf: repeatElement(nil, count: positions))
        }

        /// Follows splits and jumps from `t` and adds the threads that stop at a `consume` or `match` to
        /// `scratch.list`; depth first, the first branch of a split before the second (thread priority),
        /// each instruction at most once per position.
        mutating func close(_ t: Thread, at position: Int) {
            scratch.closing.removeAll(keepingCapacity: true)
            scratch.closing.append(t)
            while let t = scratch.closing.popLast() {
                guard scratch.seen[t.pc] != position else { continue }
                scratch.seen[t.pc] = position
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

    /// The longest match at each start position within `range`, leftmost first, not overlapping.
    ///
    /// Positions where no start element of the pattern passes its test are skipped: a thread started
    /// there would die at its first token, and it is started after every thread arriving at that
    /// position, so it never takes an NFA state from one of them. When no thread is alive, the matcher
    /// jumps to the next such start position.
    public static func run(_ pattern: CompiledPattern, over range: Range<Int>, context: MatchContext) -> [PatternMatch] {
        let startElements = pattern.startElements
        let elements = pattern.elements
        func canStart(_ position: Int) -> Bool {
            for e in startElements {
                // What the consumer needs first (cheaper than the test): an entry of its list, an entity.
                switch elements[e].consumer {
                case .token: break
                case .listEntry(let list): guard context.mayStartEntry(of: list, at: position) else { continue }
                case .entity: guard context.entitiesByStart[position] != nil else { continue }
                }
                if elements[e].testRef.matches(at: position, context: context) { return true }
            }
            return false
        }
        func nextStart(from position: Int) -> Int? {
            var p = position
            while p < range.upperBound {
                if canStart(p) { return p }
                p += 1
            }
            return nil
        }
        guard var nextCandidate = nextStart(from: range.lowerBound) else { return [] }

        var vm = Machine(program: pattern.program, scratch: context.scratch)
        context.scratch = Scratch() // taken out so that the buffers are uniquely referenced while in use
        defer { context.scratch = vm.scratch }
        // Indexed by position - range.lowerBound: arrays, not dictionaries, so that the cost per token
        // does not grow with the document.
        let base = range.lowerBound
        vm.reset(programCount: pattern.program.count, positions: range.count)
        var alive = 0 // threads waiting in `pending`

        var position = nextCandidate
        var haveCandidate = true
        while position <= range.upperBound {
            vm.scratch.list.removeAll(keepingCapacity: true)
            let slot = position - base
            if !vm.scratch.pending[slot].isEmpty {
                alive -= vm.scratch.pending[slot].count
                var k = 0
                while k < vm.scratch.pending[slot].count {
                    vm.close(vm.scratch.pending[slot][k], at: position)
                    k += 1
                }
                vm.scratch.pending[slot].removeAll(keepingCapacity: true)
            }
            if haveCandidate && position == nextCandidate {
                if pattern.context.before(position, range: range, context: context) {
                    vm.close(Thread(pc: 0, start: position, capStart: -1, capEnd: -1), at: position)
                }
                if let n = nextStart(from: position + 1) { nextCandidate = n } else { haveCandidate = false }
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
                    let element = elements[e]
                    guard element.testRef.matches(at: position, context: context) else { continue }
                    var n = Thread(pc: next, start: t.start, capStart: t.capStart, capEnd: t.capEnd)
                    if element.capture, n.capStart < 0 { n.capStart = position }
                    switch element.consumer {
                    case .token:
                        if element.capture { n.capEnd = position + 1 }
                        vm.scratch.pending[position + 1 - base].append(n)
                        alive += 1
                    case .listEntry(let list):
                        for end in context.listEntryEnds(list, at: position) where end <= range.upperBound {
                            if element.capture { n.capEnd = end }
                            vm.scratch.pending[end - base].append(n)
                            alive += 1
                        }
                    case .entity(let types):
                        for x in context.entitiesByStart[position] ?? [] where types.contains(x.type) && x.end <= range.upperBound {
                            if element.capture { n.capEnd = x.end }
                            vm.scratch.pending[x.end - base].append(n)
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
        var lastEnd = range.lowerBound
        for start in range where start >= lastEnd {
            guard let b = vm.scratch.best[start - base] else { continue }
            result.append(PatternMatch(start: start, end: b.end, span: b.cap.0..<b.cap.1))
            lastEnd = b.end
        }
        return result
    }
}
