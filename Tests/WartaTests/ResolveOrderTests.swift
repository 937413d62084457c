import XCTest

@testable import Warta

/// `ResolveOrder` (the candidates of a `resolve` merged, not sorted all again) and
/// `MatchContext.setEntities` (the entity tables without a sort): each against the simple reference it
/// replaced, over random inputs.
final class ResolveOrderTests: XCTestCase, RuleFixtures {
    func randomKey(_ g: inout SeededGenerator, index: Int) -> ResolveKey {
        ResolveKey(
            length: g.below(6), priority: g.below(3), phase: g.below(3), start: g.below(8), typeRank: g.below(3),
            index: index)
    }

    /// Merged keys are the keys of both sorted together, whether the earlier ones are still in order
    /// (the usual case) or a step changed a span since (then they are sorted first).
    func testMergedEqualsSortingAllTogether() {
        var g = SeededGenerator(state: 9)
        for round in 0..<500 {
            let n = g.below(40), m = g.below(40)
            var keys = (0..<(n + m)).map { randomKey(&g, index: $0) }
            keys.shuffle(using: &g)
            var previous = Array(keys[..<n]), found = Array(keys[n...])
            if g.chance(70) { previous.sort(by: ResolveKey.precedes) }
            found.shuffle(using: &g)
            let expected = (previous + found).sorted(by: ResolveKey.precedes).map(\.index)
            XCTAssertEqual(ResolveOrder.merged(previous, found).map(\.index), expected, "round \(round)")
        }
        XCTAssertTrue(ResolveOrder.isSorted([]))
        XCTAssertFalse(
            ResolveOrder.isSorted([
                randomKey(&g, index: 1), ResolveKey(length: 9, priority: 0, phase: 0, start: 0, typeRank: 0, index: 0)
            ]))
    }

    /// The reference: the former `setEntities`, a stable sort by length (longest first), then grouped by
    /// start in that order and painted in that order (smaller entities overwrite larger ones).
    func referenceTables(_ entities: [(start: Int, end: Int, type: EntityType)], tokens n: Int)
        -> (covering: [EntityType?], byStart: [[Int]], types: [UInt32])
    {
        var covering = [EntityType?](repeating: nil, count: n)
        var byStart = [[Int]](repeating: [], count: n)
        var types = [UInt32](repeating: 0, count: n)
        let sorted = entities.enumerated().sorted {
            let a = $0.element.end - $0.element.start, b = $1.element.end - $1.element.start
            return a != b ? a > b : $0.offset < $1.offset
        }.map(\.element)
        for e in sorted {
            byStart[e.start].append(e.end * 100 + Int(e.type.bit.trailingZeroBitCount))
            types[e.start] |= e.type.bit
            for i in e.start..<e.end { covering[i] = e.type }
        }
        return (covering, byStart, types)
    }

    func testEntityTablesEqualThoseOfTheSortingReference() throws {
        let rules = try load(
            """
            phases:
              - id: p
                rules:
                  - {id: r, type: ORG, pattern: [{shape: title}]}
            """)
        let document = try tokenized((0..<30).map { "w\($0)" }.joined(separator: " "))
        let context = MatchContext(view: TokenView(document), lists: rules.lists)
        let n = context.view.count
        var g = SeededGenerator(state: 21)
        let types: [EntityType] = [.PERSON, .ORG, .LOC, .ROLE]
        context.setEntities([]) // as at the start: no entity anywhere
        XCTAssertTrue(
            (0..<n).allSatisfy { context.entityCovering($0) == nil && context.entityTypes(startingAt: $0) == 0 })
        for round in 0..<300 {
            var entities: [(start: Int, end: Int, type: EntityType)] = []
            for _ in 0..<g.below(25) {
                let start = g.below(n), end = min(n, start + 1 + g.below(5))
                entities.append((start, end, types[g.below(types.count)]))
            }
            // Mostly in `resolve`'s order (by start, longer first), sometimes not.
            if g.chance(60) { entities.sort { $0.start != $1.start ? $0.start < $1.start : $0.end > $1.end } }
            context.setEntities(entities)
            if g.chance(30) { context.setEntities(entities) } // the same again: the tables are kept
            let reference = referenceTables(entities, tokens: n)
            for t in 0..<n {
                XCTAssertEqual(context.entityCovering(t), reference.covering[t], "round \(round), token \(t)")
                XCTAssertEqual(
                    context.entities(startingAt: t).map {
                        context.entity($0).end * 100 + Int(context.entity($0).type.bit.trailingZeroBitCount)
                    }, reference.byStart[t], "round \(round), token \(t)")
                XCTAssertEqual(context.entityTypes(startingAt: t), reference.types[t])
                XCTAssertEqual(context.hasEntity(startingAt: t), !reference.byStart[t].isEmpty)
            }
            XCTAssertEqual(context.entityStartTokens.map(Int.init), (0..<n).filter { !reference.byStart[$0].isEmpty })
        }
    }

    /// `TagState.indicesByStart`: the pool's positions in start order, whether the part resolved before
    /// is in start order (merged) or not (all sorted); equal starts in any order.
    func testIndicesByStartAreInStartOrder() {
        var g = SeededGenerator(state: 4)
        for _ in 0..<300 {
            let n = g.below(20), m = g.below(20)
            var starts = (0..<(n + m)).map { _ in g.below(15) }
            if g.chance(70) { starts[..<n].sort() }
            let pool = starts.enumerated().map {
                Candidate(
                    start: $0.element, end: $0.element + 1, type: .ORG, rule: "r\($0.offset)", priority: 0, phase: 0,
                    norm: nil, normKind: .none)
            }
            let order = TagState.indicesByStart(pool, sortedBefore: n)
            XCTAssertEqual(order.sorted(), Array(pool.indices), "each position once")
            XCTAssertEqual(order.map { pool[$0].start }, starts.sorted())
        }
    }
}
