import XCTest

@testable import Warta

/// `TrieKeys` and the tries' walks by key number: the same answers as the walks by string, whatever
/// the spelling (canonical equivalence included), over random tries and the real rule set's tokens.
final class TrieKeysTests: XCTestCase, RuleFixtures {
    func testWordsAreNumberedOncePerCanonicalSpelling() {
        var keys = TrieKeys()
        let a = keys.number("Caf\u{E9}", hash: TokenTrie<Bool>.hash("Caf\u{E9}"))
        let b = keys.number("Cafe\u{301}", hash: TokenTrie<Bool>.hash("Cafe\u{301}"))
        let c = keys.number("Jaya", hash: TokenTrie<Bool>.hash("Jaya"))
        XCTAssertEqual(a, b, "canonically equivalent spellings are one key")
        XCTAssertNotEqual(a, c)
        XCTAssertEqual(keys.count, 2)
        XCTAssertEqual(keys.id("\u{212A}"), TrieKeys.none, "no key")
        XCTAssertEqual(keys.id("Cafe\u{301}"), a)
    }

    /// Random tries numbered in one table: every walk by key numbers gives the ends and payloads of the
    /// walk by strings, from every start of random token sequences (growing tables included).
    func testWalksByNumberEqualWalksByString() {
        var g = SeededGenerator(state: 11)
        let words = ["Kota", "kota", "Jaya", "Baru", "Caf\u{E9}", "Cafe\u{301}", "Utara", "Desa", "Ilir", "\u{212A}"]
        func word() -> String { words[g.below(words.count)] + (g.chance(30) ? String(g.below(8)) : "") }
        var tries = [TokenTrie<Int>(), TokenTrie<Int>(), TokenTrie<Int>()]
        for n in 0..<3_000 { tries[n % 3].insert((0..<(1 + g.below(4))).map { _ in word() }, n) }
        var keys = TrieKeys()
        for t in tries.indices { tries[t].numberKeys(&keys) }
        XCTAssertTrue(tries.allSatisfy(\.isNumbered))
        for _ in 0..<300 {
            let tokens = (0..<12).map { _ in word() }
            let ids = tokens.map { keys.id($0) }
            for trie in tries {
                for start in tokens.indices {
                    let byString = trie.matches(from: start) { $0 < tokens.count ? tokens[$0] : nil }
                    let byNumber = trie.matches(from: start) { $0 < ids.count ? ids[$0] : TrieKeys.none }
                    XCTAssertEqual(byNumber.map(\.end), byString.map(\.end))
                    XCTAssertEqual(byNumber.map(\.payloads), byString.map(\.payloads))
                    var ends: [Int] = []
                    trie.forEachMatchEnd(from: start, keyID: { $0 < ids.count ? ids[$0] : TrieKeys.none }) {
                        ends.append($0)
                    }
                    XCTAssertEqual(ends, byString.map(\.end))
                    XCTAssertEqual(trie.hasSingleTokenEntry(keyID: ids[start]), trie.hasSingleTokenEntry(tokens[start]))
                }
            }
        }
        var more = tries[0]
        more.insert(["Jaya"], -1)
        XCTAssertFalse(more.isNumbered, "an insert after numbering drops the numbered edges")
    }

    /// The real rule set: every token of the seeds gets, through the lexeme table and without one, the
    /// numbers of its text and folded text, and every list's walk by number equals its walk by string.
    func testTheSeedsKeysAndListWalksAgreeWithStrings() throws {
        let rules = try RuleSet.load(Repo.root.appendingPathComponent("pipelines/rules/entities.yaml"))
        let stage = TagStage(rules: rules)
        var walks = 0
        let files = try FileManager.default.contentsOfDirectory(
            at: Repo.seedsDirectory, includingPropertiesForKeys: nil
        ).filter { $0.pathExtension == "txt" }.sorted { $0.path < $1.path }
        let documents = try files.map { try tokenized(String(contentsOf: $0, encoding: .utf8)) }
            + [try tokenized("\u{212A}ota kota Caf\u{E9} Cafe\u{301} ÅNGSTRÖM Straße STRASSE")]
        for document in documents {
            let plain = MatchContext(view: TokenView(document), rules: rules)
            let withLexemes = MatchContext(view: TokenView(document, lexemes: stage.lexemes), rules: rules)
            XCTAssertEqual(plain.textKeys, withLexemes.textKeys)
            XCTAssertEqual(plain.foldedKeys, withLexemes.foldedKeys)
            let f = plain.view.features
            for (l, list) in rules.lists.enumerated() {
                for s in f.indices where plain.mayStartEntry(of: l, at: s) {
                    let byString = list.matches(from: s) { $0 < f.count ? f[$0].folded : nil }.map(\.end)
                    XCTAssertEqual(plain.listEntryEnds(l, at: s), byString, "list \(rules.listNames[l]) at \(s)")
                    XCTAssertEqual(withLexemes.listEntryEnds(l, at: s), byString)
                    walks += 1
                }
            }
            for g in rules.gazetteers {
                let keys = g.fold ? plain.foldedKeys : plain.textKeys
                for s in f.indices {
                    let byString = g.trie.matches(from: s) { $0 < f.count ? (g.fold ? f[$0].folded : f[$0].text) : nil }
                    let byNumber = g.trie.matches(from: s) { $0 < keys.count ? keys[$0] : TrieKeys.none }
                    XCTAssertEqual(byNumber.map(\.end), byString.map(\.end), "gazetteer \(g.id) at \(s)")
                }
            }
        }
        XCTAssertGreaterThan(walks, 100)
    }
}
