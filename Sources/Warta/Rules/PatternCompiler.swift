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
        var precededBy: TokenTest? {
            get { precededByRef?.test }
            set { precededByRef = newValue.map(TokenTestRef.init) }
        }
        var notPrecededBy: TokenTest? {
            get { notPrecededByRef?.test }
            set { notPrecededByRef = newValue.map(TokenTestRef.init) }
        }
        var followedBy: TokenTest? {
            get { followedByRef?.test }
            set { followedByRef = newValue.map(TokenTestRef.init) }
        }
        var notFollowedBy: TokenTest? {
            get { notFollowedByRef?.test }
            set { notFollowedByRef = newValue.map(TokenTestRef.init) }
        }
        private var precededByRef: TokenTestRef?
        private var notPrecededByRef: TokenTestRef?
        private var followedByRef: TokenTestRef?
        private var notFollowedByRef: TokenTestRef?

        /// The tests given.
        var refs: [TokenTestRef] {
            [precededByRef, notPrecededByRef, followedByRef, notFollowedByRef].compactMap { $0 }
        }

        var isEmpty: Bool {
            precededByRef == nil && notPrecededByRef == nil && followedByRef == nil && notFollowedByRef == nil
        }

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
        closures = Closures(program)
    }

    /// The same pattern without its precomputed closures: the matcher then follows splits and jumps at
    /// every position (the reference the closures are tested against).
    func withoutClosures() -> CompiledPattern {
        var copy = self
        copy.closures = nil
        return copy
    }

    /// The threads the matcher holds, as precomputed epsilon closures: for each instruction a thread can
    /// be at when it is added (the start, and the instruction after each `consume`), the `consume` and
    /// `match` instructions reached from it through splits and jumps without consuming a token, in the
    /// order `PatternMatcher`'s depth-first walk reaches them (the first branch of a split before the
    /// second). So the matcher never walks a split or a jump at match time.
    ///
    /// Why the same threads result (`PatternMatcher.Machine.close`): the walk marks each instruction
    /// reached at a position and prunes marked ones; when it ends, the marked set is closed under
    /// splits and jumps, so a pruned instruction's leaves are all marked already. Walking from a pc with
    /// marks of its own and dropping the leaves marked at the position therefore yields the leaves the
    /// pruned walk yields, in the same order (the walk is a preorder: an instruction's place in it does
    /// not depend on which marked subtrees were skipped before it).
    ///
    /// Bounded: nil (the matcher walks) when the lists would hold more than `limit` leaves in all, as a
    /// long run of optional elements would (the list at each holds every later one: quadratic).
    struct Closures: Sendable {
        /// The leaves of pc are `leaves[offsets[pc]..<offsets[pc + 1]]`; instructions no thread is added
        /// at have none.
        let offsets: ContiguousArray<Int32>
        let leaves: ContiguousArray<Int32>

        static func limit(programCount: Int) -> Int { 16 * programCount + 256 }

        init?(_ program: [Instruction]) {
            var targets = [Bool](repeating: false, count: program.count)
            if !program.isEmpty { targets[0] = true }
            for case .consume(_, let next) in program { targets[next] = true }
            let limit = Self.limit(programCount: program.count)
            var offsets = ContiguousArray<Int32>([0])
            var leaves = ContiguousArray<Int32>()
            var seen = [Int](repeating: -1, count: program.count)
            var stack: [Int] = []
            for pc in program.indices {
                if targets[pc] {
                    stack.append(pc)
                    while let at = stack.popLast() {
                        guard seen[at] != pc else { continue }
                        seen[at] = pc
                        switch program[at] {
                        case .split(let a, let b): stack.append(b); stack.append(a)
                        case .jump(let a): stack.append(a)
                        case .consume, .match: leaves.append(Int32(at))
                        }
                    }
                    if leaves.count > limit { return nil }
                }
                offsets.append(Int32(leaves.count))
            }
            self.offsets = offsets
            self.leaves = leaves
        }
    }
    private(set) var closures: Closures?

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
