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
    /// The expression's number in its rule set (one per distinct expression, `RuleSetLoader`), under
    /// which its answers are kept (`MatchContext`, `LexemeTable`); -1 for a test made without one.
    var regexID = -1
    /// The test's number in its rule set (one per test written, `RuleSetLoader`), under which the
    /// `LexemeTable` keeps its form part's answer per word form; -1 for a test made without one.
    var formID = -1
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
