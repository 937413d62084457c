import Foundation
import XCTest

@testable import Warta

/// `MatchContext.listEntryEndRange`: the ends of a list's entries starting at a token, walked when
/// first asked at that start, are those of a table built for the whole document (a walk of the list's
/// trie at every token where an entry may start, the former code), whatever the order of the questions.
final class ListEntryEndsTests: XCTestCase, RuleFixtures {
    /// The former table: for each token, the ends of the entries starting there.
    func wholeDocumentTable(_ context: MatchContext, _ trie: TokenTrie<Bool>, list: Int) -> [[Int]] {
        let f = context.view.features
        return (0..<context.view.count).map { s in
            var ends: [Int] = []
            if context.mayStartEntry(of: list, at: s) {
                trie.forEachMatchEnd(
                    from: s,
                    hashedKey: { i in
                        i < f.count
                            ? (f[i].folded, f[i].isASCII ? f[i].foldedHash : TokenTrie<Bool>.hash(f[i].folded)) : nil
                    },
                    { ends.append($0) })
            }
            return ends
        }
    }

    func testEntryEndsAtEveryStartAreThoseOfTheWholeDocumentTable() throws {
        let rules = try RuleSet.load(Repo.pipelines.appendingPathComponent("rules/entities.yaml"))
        let stage = TagStage(rules: rules)
        let files = try FileManager.default.contentsOfDirectory(
            at: Repo.seedsDirectory, includingPropertiesForKeys: nil
        )
        .filter { $0.pathExtension == "txt" }.sorted { $0.path < $1.path }
        var random = SeededGenerator(state: 6)
        var nonEmpty = 0
        for file in files {
            let document = try tokenized(String(contentsOf: file, encoding: .utf8))
            for context in [
                MatchContext(view: TokenView(document, lexemes: stage.lexemes), lists: rules.lists),
                MatchContext(view: TokenView(document), lists: rules.lists)
            ] {
                let expected = rules.lists.indices.map { wholeDocumentTable(context, rules.lists[$0], list: $0) }
                var questions = rules.lists.indices.flatMap { l in (0..<context.view.count + 1).map { (l, $0) } }
                questions.shuffle(using: &random)
                for _ in 0..<2 {
                    for (l, t) in questions {
                        let ends = context.listEntryEnds(l, at: t)
                        XCTAssertEqual(ends, t < context.view.count ? expected[l][t] : [], "list \(l) at \(t)")
                        if !ends.isEmpty { nonEmpty += 1 }
                    }
                }
            }
        }
        XCTAssertGreaterThan(nonEmpty, 100, "hardly any entry started: the test checks little")
    }

    /// Entries of several tokens, nested entries and an entry running to the document's end.
    func testMultiTokenEntries() throws {
        let rules = try load(
            """
            lists:
              offices: [Menteri, Menteri Luar Negeri, Menteri Luar, Luar Negeri]
            phases:
              - id: p
                rules:
                  - {id: a, type: ROLE, pattern: [{in: offices}]}
            """)
        let document = try tokenized("Kata Menteri Luar Negeri dan Menteri Luar")
        let context = MatchContext(view: TokenView(document), lists: rules.lists)
        XCTAssertEqual(context.listEntryEnds(0, at: 2), [4])
        XCTAssertEqual(context.listEntryEnds(0, at: 1), [2, 3, 4])
        XCTAssertEqual(context.listEntryEnds(0, at: 5), [6, 7])
        XCTAssertEqual(context.listEntryEnds(0, at: 0), [])
        XCTAssertEqual(context.listEntryEnds(0, at: 1), [2, 3, 4])
    }
}
