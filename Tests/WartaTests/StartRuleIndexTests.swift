import XCTest

@testable import Warta

/// `StartRuleIndex`: a form's start-rule bits from its form-part bits in one pass equal those of asking
/// every start element (the reference below, the lexeme table's former loop), for random rules, tests,
/// lists and forms.
final class StartRuleIndexTests: XCTestCase {
    /// The reference: each start element asked in turn.
    func reference(
        _ elements: [[(rule: Int, formID: Int, list: Int)]], wordOffset: [Int], width: Int, formBits: [UInt64],
        mayStart: (Int) -> Bool
    ) -> [UInt64] {
        var rules = [UInt64](repeating: 0, count: width)
        for (p, phase) in elements.enumerated() {
            for e in phase {
                let passes = e.formID < 0 || formBits[e.formID >> 6] & (1 << UInt64(e.formID & 63)) != 0
                guard passes, e.list < 0 || mayStart(e.list) else { continue }
                rules[wordOffset[p] + e.rule >> 6] |= 1 << UInt64(e.rule & 63)
            }
        }
        return rules
    }

    func testOnePassGivesTheBitsOfAskingEveryElement() {
        var g = SeededGenerator(state: 5)
        for round in 0..<40 {
            let testCount = 1 + g.below(200), testWords = (testCount + 63) / 64
            var always = [UInt64](repeating: 0, count: testWords)
            for f in 0..<testCount where g.chance(20) { always[f >> 6] |= 1 << UInt64(f & 63) }
            var elements: [[(rule: Int, formID: Int, list: Int)]] = []
            var offsets: [Int] = [], width = 0
            for _ in 0..<(1 + g.below(5)) {
                let ruleCount = g.below(150)
                offsets.append(width)
                elements.append(
                    (0..<(ruleCount * 2)).compactMap { _ in
                        ruleCount == 0
                            ? nil
                            : (g.below(ruleCount), g.chance(10) ? -1 : g.below(testCount), g.chance(15) ? g.below(70) : -1)
                    })
                width += (ruleCount + 63) / 64
            }
            let index = StartRuleIndex(
                elements: elements, wordOffset: offsets, width: width, alwaysTests: always, testCount: testCount)
            for _ in 0..<50 {
                // A form: the always-true tests and some others; some lists may start with it.
                var bits = always
                for f in 0..<testCount where g.chance(30) { bits[f >> 6] |= 1 << UInt64(f & 63) }
                let lists = Set((0..<70).filter { _ in g.chance(20) })
                let prefix = [UInt64](repeating: 0xFFFF, count: g.below(3)) // rows of earlier forms
                var rules = [UInt64](repeating: 7, count: g.below(3))
                let before = rules
                index.append(to: &rules, formBits: prefix + bits, bitsBase: prefix.count, mayStart: lists.contains)
                XCTAssertEqual(Array(rules.prefix(before.count)), before)
                XCTAssertEqual(
                    Array(rules.dropFirst(before.count)),
                    reference(elements, wordOffset: offsets, width: width, formBits: bits, mayStart: lists.contains),
                    "round \(round)")
            }
        }
    }
}
