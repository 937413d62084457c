/// A quote rule's pattern compiled for `QuoteMatcher`: plain values only, so that trying a rule at a
/// token copies and retains nothing, and every word test is one probe of a `StringSet` with the hash the
/// token view computed once (the rule file's `Set<String>`s re-hashed the token's text for every test).
///
/// The pattern's elements become `steps`; each step's token tests are one or more `leaves` (an element
/// with `any_of` lists its alternatives' leaves depth first, which is the order `single` tried them in:
/// the first alternative that holds decides). Word sets (`text`, `lower`, the lists of `in` / `not_in`)
/// are indices into the rule set's `wordSets`; shapes, kinds and entity types are bit masks. A class, so
/// that the stage's loops, which copy each rule they try, retain one reference for it.
final class QuotePattern: Sendable {
    /// One element: how often it repeats, what it captures, and its alternatives `leaves[leafRange]`.
    struct Step: Sendable {
        var min: Int
        var max: Int
        var capture: QuoteCaptures.Name?
        var leafRange: Range<Int>
        /// No leaf consumes an entity: every repetition takes one token.
        var oneTokenEach: Bool
    }

    /// The token tests of one element without alternatives.
    struct Leaf: Sendable {
        /// `wordSets` index of `text` (compared with the token's text), or -1.
        var text = -1
        /// `wordSets` index of `lower` (compared with the case-folded text), or -1.
        var lower = -1
        /// `in` / `not_in`: `listRefs[inRange]` and `listRefs[notInRange]`, `wordSets` indices; nil when absent.
        var inRange: Range<Int>? = nil
        var notInRange: Range<Int>? = nil
        /// Bit `1 << index` of each shape / kind allowed; nil when the element does not test it.
        var shapes: UInt8? = nil
        var kinds: UInt8? = nil
        /// `entity`: the types of the entity consumed (nil: the leaf takes one token).
        var entity: UInt32? = nil
        /// `not_entity`: types no entity covering the token may have (0 when absent).
        var notEntity: UInt32 = 0
    }

    let steps: [Step]
    let leaves: [Leaf]
    let listRefs: [Int]

    /// The pattern of no element (a rule not compiled yet).
    static let empty = QuotePattern([]) { _ in -1 }

    /// Compiles `pattern`; `wordSet` gives the `wordSets` index of a set of words (a list's index for a
    /// named list, a new set for `text` / `lower`).
    init(_ pattern: [QuoteRuleSet.Element], wordSet: (Set<String>) -> Int) {
        var steps: [Step] = []
        var leaves: [Leaf] = []
        var listRefs: [Int] = []
        for e in pattern {
            let first = leaves.count
            Self.addLeaves(e, to: &leaves, listRefs: &listRefs, wordSet: wordSet)
            let range = first..<leaves.count
            steps.append(
                Step(
                    min: e.min, max: e.max, capture: e.capture.flatMap(QuoteCaptures.Name.init(rawValue:)),
                    leafRange: range, oneTokenEach: leaves[range].allSatisfy { $0.entity == nil }))
        }
        self.steps = steps
        self.leaves = leaves
        self.listRefs = listRefs
    }

    private static func addLeaves(
        _ e: QuoteRuleSet.Element, to leaves: inout [Leaf], listRefs: inout [Int], wordSet: (Set<String>) -> Int
    ) {
        if let alternatives = e.anyOf {
            for a in alternatives { addLeaves(a, to: &leaves, listRefs: &listRefs, wordSet: wordSet) }
            return
        }
        var leaf = Leaf()
        if let text = e.text { leaf.text = wordSet(text) }
        if let lower = e.lower { leaf.lower = wordSet(lower) }
        if let lists = e.inLists {
            leaf.inRange = listRefs.count..<(listRefs.count + lists.count)
            listRefs += lists
        }
        if let lists = e.notInLists {
            leaf.notInRange = listRefs.count..<(listRefs.count + lists.count)
            listRefs += lists
        }
        if let shapes = e.shapes { leaf.shapes = shapes.reduce(0) { $0 | Self.bit($1) } }
        if let kinds = e.kinds { leaf.kinds = kinds.reduce(0) { $0 | Self.bit($1) } }
        if let types = e.entity { leaf.entity = Self.mask(types) }
        if let types = e.notEntity { leaf.notEntity = Self.mask(types) }
        leaves.append(leaf)
    }

    @inline(__always) static func bit(_ shape: TokenView.Shape) -> UInt8 {
        switch shape {
        case .upper: 1
        case .title: 2
        case .lower: 4
        case .initial: 8
        case .none: 16
        }
    }

    @inline(__always) static func bit(_ kind: Token.Kind) -> UInt8 {
        switch kind {
        case .word: 1
        case .number: 2
        case .punct: 4
        case .symbol: 8
        }
    }

    @inline(__always) static func bit(_ type: EntityType) -> UInt32 {
        switch type {
        case .PERSON: 1
        case .ROLE: 2
        case .ORG: 4
        case .LOC: 8
        case .FAC: 16
        case .DATE: 32
        case .LAW: 64
        case .EVENT: 128
        }
    }

    static func mask(_ types: Set<EntityType>) -> UInt32 { types.reduce(0) { $0 | bit($1) } }
}
