import Foundation
import XCTest

@testable import Warta

/// `PatternMatcher.run(_:sentences:positions:context:_:)`, one machine for all the sentences of a document:
/// the matches, sentence by sentence and in order, are those of a fresh run in each sentence that holds
/// some of the positions, for random nested rules over random texts and entities (with and without
/// closures), from every position and from random subsets, on several threads at once.
final class MatcherSentencesTests: XCTestCase, RuleFixtures {
    /// For every rule, the differences between the one-machine run and the run per sentence, and the
    /// number of matches compared.
    func compare(
        _ rules: RuleSet, _ document: Document, entities: [(start: Int, end: Int, type: EntityType)],
        random: inout SeededGenerator
    ) -> (differences: [String], compared: Int) {
        let view = TokenView(document)
        let context = MatchContext(view: view, lists: rules.lists, listsStartingWith: rules.listsStartingWith)
        context.setEntities(entities)
        let sentences = TagState(document: document, view: view, rules: rules).sentenceTokenRanges
        var differences: [String] = []
        var compared = 0
        for phase in rules.phases {
            guard case .match(_, _, let phaseRules) = phase else { continue }
            for rule in phaseRules {
                for pattern in [rule.pattern, rule.pattern.withoutClosures()] {
                    let every = (0..<view.count).map { Int32($0) }
                    let some = every.filter { _ in random.chance(30) }
                    for positions in [every, some] {
                        var expected: [String] = []
                        for (s, sentence) in sentences.enumerated() {
                            let starts = positions.filter { sentence.contains(Int($0)) }
                            let found = starts.withUnsafeBufferPointer {
                                PatternMatcher.run(pattern, over: sentence, starts: $0, context: context)
                            }
                            expected += found.map { "\(s): \($0)" }
                        }
                        var found: [String] = []
                        positions.withUnsafeBufferPointer {
                            PatternMatcher.run(pattern, sentences: sentences, positions: $0, context: context) {
                                found.append("\($0): \($1)")
                            }
                        }
                        if found != expected {
                            differences.append("rule \(rule.id), positions \(positions): \(found) != \(expected)")
                        }
                        compared += expected.count
                    }
                }
            }
        }
        return (differences, compared)
    }

    func testOneMachineForAllSentencesFindsTheMatchesOfEachSentence() throws {
        var random = SeededGenerator(state: 31)
        var compared = 0
        for _ in 0..<10 {
            let rules = try load(RandomPatternRules.rules(&random))
            for _ in 0..<5 {
                // Several sentences, so that a machine goes on from one to the next.
                let text = (0..<4).map { _ in RandomPatternRules.text(&random) }.joined(separator: " . ")
                let document = try tokenized(text)
                let n = document.tokens.count
                var entities: [(start: Int, end: Int, type: EntityType)] = []
                for _ in 0..<random.below(8) where n > 0 {
                    let start = random.below(n)
                    entities.append((start, min(n, start + 1 + random.below(3)), random.chance(50) ? .LOC : .ORG))
                }
                let result = compare(rules, document, entities: entities, random: &random)
                for difference in result.differences { XCTFail(difference) }
                compared += result.compared
            }
        }
        XCTAssertGreaterThan(compared, 1_000, "the random texts hold matches to compare")
    }

    func testThreadsRunningOneMachineEachAgree() throws {
        var random = SeededGenerator(state: 32)
        let rules = try load(RandomPatternRules.rules(&random))
        let documents = try (0..<6).map { _ in
            try tokenized((0..<3).map { _ in RandomPatternRules.text(&random) }.joined(separator: " . "))
        }
        let lock = NSLock()
        var differences: [String] = []
        var compared = 0
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            var random = SeededGenerator(state: UInt64(200 + worker))
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
}
