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
        if let text, !text.contains(f.text) { return false }
        if let lower, !lower.contains(f.folded) { return false }
        if let shapes, !shapes.contains(f.shape) { return false }
        if let kinds, !kinds.contains(f.kind) { return false }
        if let spaceBefore, f.spaceBefore != spaceBefore { return false }
        if let paragraphStart, f.paragraphStart != paragraphStart { return false }
        if let titleLine, f.titleLine != titleLine { return false }
        if let sentenceStart, f.sentenceStart != sentenceStart { return false }
        if !inList.isEmpty, !inList.contains(where: { context.startsEntry(of: $0, at: index, singleToken: true) }) { return false }
        if let entity { guard let t = context.entityCovering(index), entity.contains(t) else { return false } }
        for list in notIn where context.startsEntry(of: list, at: index, singleToken: true) { return false }
        if let notEntity, let t = context.entityCovering(index), notEntity.contains(t) { return false }
        if let regex {
            let ns = f.text as NSString
            guard let m = regex.firstMatch(in: f.text, options: [.anchored], range: NSRange(location: 0, length: ns.length)),
                  m.range.length == ns.length else { return false }
        }
        return true
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
    var test: TokenTest
    var capture: Bool
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
        var precededBy: TokenTest?
        var notPrecededBy: TokenTest?
        var followedBy: TokenTest?
        var notFollowedBy: TokenTest?

        var isEmpty: Bool { precededBy == nil && notPrecededBy == nil && followedBy == nil && notFollowedBy == nil }

        /// Holds for a match starting at `start` within `range`.
        func before(_ start: Int, range: Range<Int>, context: MatchContext) -> Bool {
            let f = context.view.features
            let has = start > range.lowerBound
            if let t = precededBy, !(has && t.matches(f[start - 1], index: start - 1, context: context)) { return false }
            if let t = notPrecededBy, has && t.matches(f[start - 1], index: start - 1, context: context) { return false }
            return true
        }

        /// Holds for a match ending at `end` within `range`.
        func after(_ end: Int, range: Range<Int>, context: MatchContext) -> Bool {
            let f = context.view.features
            let has = end < range.upperBound
            if let t = followedBy, !(has && t.matches(f[end], index: end, context: context)) { return false }
            if let t = notFollowedBy, has && t.matches(f[end], index: end, context: context) { return false }
            return true
        }
    }

    /// Repeats are unrolled: `min` copies, then `max - min` optional ones (or a loop when unbounded),
    /// so the program stays proportional to the pattern, never to the text.
    init(_ nodes: [PatternNode]) {
        for n in nodes { emit(n) }
        program.append(.match)
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
public final class MatchContext {
    let view: TokenView
    /// For each list, the end tokens of its entries starting at each token (computed when first asked).
    private var listEnds: [Int: [[Int]]] = [:]
    private let lists: [TokenTrie<Bool>]
    /// Entities by start token: (end token, type).
    private(set) var entitiesByStart: [Int: [(end: Int, type: EntityType)]] = [:]
    /// The type of the smallest entity covering each token, if any.
    private var covering: [EntityType?]

    init(view: TokenView, lists: [TokenTrie<Bool>]) {
        self.view = view
        self.lists = lists
        covering = [EntityType?](repeating: nil, count: view.count)
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

    func listEntryEnds(_ list: Int, at start: Int) -> [Int] {
        if listEnds[list] == nil {
            var table = [[Int]](repeating: [], count: view.count)
            let f = view.features
            for s in 0..<view.count {
                table[s] = lists[list].matches(from: s) { i in i < f.count ? f[i].folded : nil }.map(\.end)
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

    /// The longest match at each start position within `range`, leftmost first, not overlapping.
    public static func run(_ pattern: CompiledPattern, over range: Range<Int>, context: MatchContext) -> [PatternMatch] {
        let program = pattern.program
        var seen = [Int](repeating: -1, count: program.count)
        // Indexed by position - range.lowerBound: arrays, not dictionaries, so that the cost per token
        // does not grow with the document.
        let base = range.lowerBound
        var pending = [[Thread]](repeating: [], count: range.count + 1)
        var best = [(end: Int, cap: (Int, Int))?](repeating: nil, count: range.count)
        let features = context.view.features

        func close(_ t: Thread, at position: Int, into list: inout [Thread]) {
            guard seen[t.pc] != position else { return }
            seen[t.pc] = position
            switch program[t.pc] {
            case .split(let a, let b):
                close(Thread(pc: a, start: t.start, capStart: t.capStart, capEnd: t.capEnd), at: position, into: &list)
                close(Thread(pc: b, start: t.start, capStart: t.capStart, capEnd: t.capEnd), at: position, into: &list)
            case .jump(let a):
                close(Thread(pc: a, start: t.start, capStart: t.capStart, capEnd: t.capEnd), at: position, into: &list)
            default:
                list.append(t)
            }
        }

        var position = range.lowerBound
        while position <= range.upperBound {
            var list: [Thread] = []
            let arriving = pending[position - base]
            pending[position - base] = []
            for t in arriving { close(t, at: position, into: &list) }
            if position < range.upperBound, pattern.context.before(position, range: range, context: context) {
                close(Thread(pc: 0, start: position, capStart: -1, capEnd: -1), at: position, into: &list)
            }
            for t in list {
                switch program[t.pc] {
                case .match:
                    let cap = t.capStart >= 0 ? (t.capStart, t.capEnd) : (t.start, position)
                    if let b = best[t.start - base], b.end >= position { continue }
                    guard position > t.start, pattern.context.after(position, range: range, context: context) else { continue }
                    best[t.start - base] = (position, cap)
                case .consume(let e, let next):
                    guard position < range.upperBound else { continue }
                    let element = pattern.elements[e]
                    guard element.test.matches(features[position], index: position, context: context) else { continue }
                    var ends: [Int]
                    switch element.consumer {
                    case .token: ends = [position + 1]
                    case .listEntry(let list): ends = context.listEntryEnds(list, at: position)
                    case .entity(let types):
                        ends = (context.entitiesByStart[position] ?? []).filter { types.contains($0.type) }.map(\.end)
                    }
                    for end in ends where end <= range.upperBound {
                        var n = Thread(pc: next, start: t.start, capStart: t.capStart, capEnd: t.capEnd)
                        if element.capture {
                            if n.capStart < 0 { n.capStart = position }
                            n.capEnd = end
                        }
                        pending[end - base].append(n)
                    }
                case .split, .jump:
                    break
                }
            }
            position += 1
        }
        // Leftmost-longest, non-overlapping.
        var result: [PatternMatch] = []
        var lastEnd = range.lowerBound
        for start in range where start >= lastEnd {
            guard let b = best[start - base] else { continue }
            result.append(PatternMatch(start: start, end: b.end, span: b.cap.0..<b.cap.1))
            lastEnd = b.end
        }
        return result
    }
}
