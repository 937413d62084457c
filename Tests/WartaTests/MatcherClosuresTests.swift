import Foundation
import XCTest

@testable import Warta

/// `CompiledPattern.Closures`: the matcher's threads taken from precomputed epsilon closures give the
/// matches (start, end and capture) of the matcher that walks the splits and jumps at every position
/// (`CompiledPattern.withoutClosures`), for random nested rules (groups, alternatives, options, bounded
/// and unbounded repeats, captures, look-around, list and entity consumers) over random texts and
/// entities, from every position and from random subsets of positions, on several threads at once;
/// and a pattern whose closures would be quadratic gets none and still matches.
final class MatcherClosuresTests: XCTestCase, RuleFixtures {
    /// Every rule over every sentence of `document` under `entities`, from every position and from a random
    /// subset: the matches with closures and without. Returns the differences and the number of matches
    /// compared.
    func compare(
        _ rules: RuleSet, _ document: Document, entities: [(start: Int, end: Int, type: EntityType)],
        random: inout SeededGenerator
    ) -> (differences: [String], compared: Int) {
        var differences: [String] = []
        let view = TokenView(document)
        let context = MatchContext(view: view, lists: rules.lists, listsStartingWith: rules.listsStartingWith)
        context.setEntities(entities)
        let sentences = TagState(document: document, view: view, rules: rules).sentenceTokenRanges
        var compared = 0
        for phase in rules.phases {
            guard case .match(_, _, let phaseRules) = phase else { continue }
            for rule in phaseRules {
                let walking = rule.pattern.withoutClosures()
                for sentence in sentences {
                    var subset = sentence.filter { _ in random.chance(40) }.map { Int32($0) }
                    if subset.isEmpty { subset = [Int32(sentence.lowerBound)] }
                    for starts in [sentence.map { Int32($0) }, subset] {
                        let expected = starts.withUnsafeBufferPointer {
                            PatternMatcher.run(walking, over: sentence, starts: $0, context: context)
                        }
                        let found = starts.withUnsafeBufferPointer {
                            PatternMatcher.run(rule.pattern, over: sentence, starts: $0, context: context)
                        }
                        if found != expected {
                            differences.append("rule \(rule.id), starts \(starts): \(found) != \(expected)")
                        }
                        compared += expected.count
                    }
                }
            }
        }
        return (differences, compared)
    }

    func testClosuresGiveTheMatchesOfTheWalkOnRandomRulesAndTexts() throws {
        var random = SeededGenerator(state: 9)
        var compared = 0
        var withClosures = 0
        for _ in 0..<12 {
            let rules = try load(RandomPatternRules.rules(&random))
            for phase in rules.phases {
                guard case .match(_, _, let phaseRules) = phase else { continue }
                withClosures += phaseRules.filter { $0.pattern.closures != nil }.count
            }
            for _ in 0..<6 {
                let document = try tokenized(RandomPatternRules.text(&random))
                let n = document.tokens.count
                var entities: [(start: Int, end: Int, type: EntityType)] = []
                for _ in 0..<random.below(6) where n > 0 {
                    let start = random.below(n)
                    entities.append((start, min(n, start + 1 + random.below(3)), random.chance(50) ? .LOC : .ORG))
                }
                let result = compare(rules, document, entities: entities, random: &random)
                for difference in result.differences { XCTFail(difference) }
                compared += result.compared
            }
        }
        XCTAssertGreaterThan(compared, 1_000, "the random texts hold matches to compare")
        XCTAssertEqual(withClosures, 12 * 40, "every random rule has closures")
    }

    func testThreadsMatchingWithSharedClosuresAgreeWithTheWalk() throws {
        var random = SeededGenerator(state: 10)
        let rules = try load(RandomPatternRules.rules(&random))
        let texts = (0..<8).map { _ in RandomPatternRules.text(&random) }
        let documents = try texts.map { try tokenized($0) }
        let lock = NSLock()
        var differences: [String] = []
        var compared = 0
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            var random = SeededGenerator(state: UInt64(100 + worker))
            for (d, document) in documents.enumerated() {
                let result = compare(rules, document, entities: [], random: &random)
                lock.lock()
                differences += result.differences.map { "thread \(worker), document \(d): \($0)" }
                compared += result.compared
                lock.unlock()
            }
        }
        for difference in differences { XCTFail(difference) }
        XCTAssertGreaterThan(compared, 100)
    }

    func testAQuadraticClosureGetsNoneAndStillMatches() throws {
        // 100 optional elements in a row: the closure at each holds every later one (about 5,000 leaves).
        let optional = Array(repeating: "{kind: [word], op: '?'}", count: 100).joined(separator: ", ")
        let rules = try load(
            """
            phases:
              - id: p
                rules:
                  - {id: long, type: ORG, pattern: [{lower: a}, \(optional), {lower: b}]}
                  - {id: short, type: ORG, pattern: [{lower: a}, {kind: [word], min: 0, max: 3}, {lower: b}]}
            """)
        guard case .match(_, _, let phaseRules) = rules.phases[0] else { return XCTFail("a match phase") }
        XCTAssertNil(phaseRules[0].pattern.closures, "over the bound")
        XCTAssertNotNil(phaseRules[1].pattern.closures)
        let document = try tokenized("a c c b a " + Array(repeating: "c", count: 60).joined(separator: " ") + " b x")
        let view = TokenView(document)
        let context = MatchContext(view: view, lists: rules.lists, listsStartingWith: rules.listsStartingWith)
        let all = (0..<view.count).map { Int32($0) }
        let long = all.withUnsafeBufferPointer {
            PatternMatcher.run(phaseRules[0].pattern, over: 0..<view.count, starts: $0, context: context)
        }
        XCTAssertEqual(long.map { [$0.start, $0.end] }, [[0, 66]])
        let short = all.withUnsafeBufferPointer {
            PatternMatcher.run(phaseRules[1].pattern, over: 0..<view.count, starts: $0, context: context)
        }
        XCTAssertEqual(short.map { [$0.start, $0.end] }, [[0, 4]])
    }

    func testTheHostileRuleHasClosuresOfLinearSize() throws {
        let rules = try hostileRules()
        guard case .match(_, _, let phaseRules) = rules.phases[0] else { return XCTFail("a match phase") }
        let pattern = phaseRules[0].pattern
        let closures = try XCTUnwrap(pattern.closures)
        XCTAssertLessThanOrEqual(
            closures.leaves.count, CompiledPattern.Closures.limit(programCount: pattern.program.count))
    }
}
