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
        /// The pattern's precomputed closures (`CompiledPattern.Closures`); without them (`hasClosures`
        /// false) `close` walks the splits and jumps.
        let hasClosures: Bool
        let closureOffsets: ContiguousArray<Int32>
        let closureLeaves: ContiguousArray<Int32>

        @inline(__always)
        init(program: [CompiledPattern.Instruction], closures: CompiledPattern.Closures?, scratch: Scratch) {
            self.program = program
            self.scratch = scratch
            hasClosures = closures != nil
            closureOffsets = closures?.offsets ?? []
            closureLeaves = closures?.leaves ?? []
        }

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
            let here = stamp(position)
            if hasClosures {
                // The leaves of t.pc's closure not reached at this position yet, in the walk's order.
                var k = Int(closureOffsets[t.pc])
                let end = Int(closureOffsets[t.pc + 1])
                while k < end {
                    let pc = Int(closureLeaves[k])
                    k += 1
                    guard scratch.seen[pc] != here else { continue }
                    scratch.seen[pc] = here
                    scratch.list.append(Thread(pc: pc, start: t.start, capStart: t.capStart, capEnd: t.capEnd))
                }
                return
            }
            scratch.closing.removeAll(keepingCapacity: true)
            scratch.closing.append(t)
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
    static func canStart(
        _ steps: ContiguousArray<CompiledPattern.Step>, _ range: Range<Int>, at position: Int,
        context: MatchContext
    ) -> Bool {
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
    public static func run(_ pattern: CompiledPattern, over range: Range<Int>, context: MatchContext) -> [PatternMatch]
    {
        let starts = range.filter { canStart(pattern, at: $0, context: context) }.map { Int32($0) }
        return starts.withUnsafeBufferPointer { run(pattern, over: range, starts: $0, context: context) }
    }

    /// The same, given the positions of `range` where `canStart` holds, ascending (`PhaseStartIndex`
    /// finds them for all the rules of a phase at once). When no thread is alive, the matcher jumps
    /// to the next of them.
    static func run(
        _ pattern: CompiledPattern, over range: Range<Int>, starts: UnsafeBufferPointer<Int32>,
        context: MatchContext
    ) -> [PatternMatch] {
        guard !starts.isEmpty else { return [] }
        // The buffers are moved out of the context (a swap, no copy) so that they are uniquely
        // referenced while in use, and moved back at the end.
        var vm = Machine(program: pattern.program, closures: pattern.closures, scratch: Scratch())
        swap(&vm.scratch, &context.scratch)
        defer { swap(&vm.scratch, &context.scratch) }
        var result: [PatternMatch] = []
        match(pattern, over: range, starts: starts, context: context, vm: &vm, into: &result)
        return result
    }

    /// The matches of `pattern` in every sentence that holds some of `positions` (ascending, each where
    /// `canStart` holds), sentence by sentence, as `run(_:over:starts:context:)` finds them in each: `body`
    /// gets the sentence's index in `sentences` (ascending ranges that hold every position) and each of
    /// its matches in order. One machine for all the sentences of a document: its set-up (the program and
    /// the buffers taken out of the context) was about a third of a call per sentence.
    static func run(
        _ pattern: CompiledPattern, sentences: [Range<Int>], positions: UnsafeBufferPointer<Int32>,
        context: MatchContext, _ body: (Int, PatternMatch) -> Void
    ) {
        guard !positions.isEmpty else { return }
        var vm = Machine(program: pattern.program, closures: pattern.closures, scratch: Scratch())
        swap(&vm.scratch, &context.scratch)
        defer { swap(&vm.scratch, &context.scratch) }
        var found: [PatternMatch] = []
        var next = 0
        var s = 0
        while next < positions.count {
            let first = Int(positions[next])
            while sentences[s].upperBound <= first { s += 1 }
            var last = next + 1
            while last < positions.count && Int(positions[last]) < sentences[s].upperBound { last += 1 }
            found.removeAll(keepingCapacity: true)
            match(
                pattern, over: sentences[s], starts: UnsafeBufferPointer(rebasing: positions[next..<last]),
                context: context, vm: &vm, into: &found)
            for m in found { body(s, m) }
            next = last
        }
    }

    /// `run` within one range, on a machine set up for the pattern, the matches appended to `result`.
    // Long: the matcher's inner loop on the tag stage's hottest path; its threads and steps stay in locals
    // that calls would have to pass (profiled: BENCHMARKS.md).
    private static func match(
        _ pattern: CompiledPattern, over range: Range<Int>, starts: UnsafeBufferPointer<Int32>,
        context: MatchContext, vm: inout Machine, into result: inout [PatternMatch]
    ) {
        guard !starts.isEmpty else { return }
        let steps = pattern.steps
        let tokenBits = context.tokenBits
        var nextCandidate = Int(starts[0])
        var nextStartIndex = 1

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
                    guard position > t.start, pattern.context.after(position, range: range, context: context) else {
                        continue
                    }
                    vm.scratch.best[t.start - base] = (position, cap)
                case .consume(let e, let next):
                    guard position < range.upperBound else { continue }
                    let step = steps[e]
                    guard step.mayMatch(tokenBits[position]),
                        step.test._withUnsafeGuaranteedRef({ $0.matches(at: position, context: context) })
                    else { continue }
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
        // Only start positions have a `best`.
        var lastEnd = range.lowerBound
        for start in starts where Int(start) >= lastEnd {
            let start = Int(start)
            guard let b = vm.scratch.best[start - base] else { continue }
            result.append(PatternMatch(start: start, end: b.end, span: b.cap.0..<b.cap.1))
            lastEnd = b.end
        }
        for start in starts { vm.scratch.best[Int(start) - base] = nil } // empty for the next run
    }
}
