import XCTest

@testable import Warta

// The tagger's hashed word tables (the token trie, `StringSet`, `GazetteerStarts`): each must answer as
// a dictionary or set of `String`s would, canonical equivalence included.

/// The token trie under the word lists and gazetteers: its edge table must answer as a dictionary of
/// `String`s would (canonical equivalence included), at any size.
final class TokenTrieTests: XCTestCase {

    func testEntriesAreFoundWithTheirEndsAndPayloads() {
        var trie = TokenTrie<String>()
        trie.insert(["Badan", "Kepegawaian", "Negara"], "BKN")
        trie.insert(["Badan"], "body")
        trie.insert(["Badan", "Pengawas", "Pemilu"], "Bawaslu")
        trie.insert(["Badan"], "body again")
        let tokens = ["Badan", "Kepegawaian", "Negara", "Badan", "Pengawas"]
        let found = trie.matches(from: 0) { $0 < tokens.count ? tokens[$0] : nil }
        XCTAssertEqual(found.map(\.end), [1, 3])
        XCTAssertEqual(found.map(\.payloads), [["body", "body again"], ["BKN"]])
        XCTAssertEqual(
            trie.matches(from: 3) { $0 < tokens.count ? tokens[$0] : nil }.map(\.end), [4],
            "an entry cut by the end of the tokens")
        XCTAssertTrue(trie.matches(from: 1) { $0 < tokens.count ? tokens[$0] : nil }.isEmpty)
        XCTAssertTrue(trie.hasSingleTokenEntry("Badan"))
        XCTAssertFalse(trie.hasSingleTokenEntry("Kepegawaian"))
        XCTAssertFalse(trie.hasSingleTokenEntry("badan"))
        XCTAssertEqual(trie.firstKeys, ["Badan"])
        XCTAssertEqual(trie.entryCount, 4)
        XCTAssertEqual(trie.depth, 3)
    }

    /// Decomposed and precomposed spellings are the same token, as they are the same `String`.
    func testCanonicallyEquivalentSpellingsAreOneToken() {
        var trie = TokenTrie<Int>()
        trie.insert(["Cafe\u{301}", "Jaya"], 1) // decomposed é
        trie.insert(["Caf\u{E9}"], 2) // precomposed é: the same first token
        XCTAssertEqual(trie.firstKeys.count, 1)
        let tokens = ["Caf\u{E9}", "Jaya"]
        XCTAssertEqual(trie.matches(from: 0) { $0 < tokens.count ? tokens[$0] : nil }.map(\.end), [1, 2])
        XCTAssertTrue(trie.hasSingleTokenEntry("Cafe\u{301}"))
        XCTAssertEqual(TokenTrie<Int>.hash("Cafe\u{301}"), TokenTrie<Int>.hash("Caf\u{E9}"))
        XCTAssertEqual(
            TokenTrie<Int>.hash("Jaya"), StringSet.hash("Jaya"), "an ASCII token's hash is the one TokenView keeps")
    }

    /// Many entries sharing tokens at different depths: every one is found after the table has grown
    /// many times, and none that was not inserted.
    func testTenThousandEntriesAgreeWithADictionary() {
        var trie = TokenTrie<Int>()
        var expected: [[String]: [Int]] = [:]
        var g = SeededGenerator(state: 3)
        let words = [
            "Kota", "Kabupaten", "Jaya", "Baru", "Utara", "Selatan", "Sungai", "Desa", "Ilir", "Timur", "Barat", "Ulu"
        ]
        for n in 0..<10_000 {
            let entry = (0..<(1 + g.below(4))).map { _ in
                words[g.below(words.count)] + (g.chance(50) ? String(g.below(20)) : "")
            }
            trie.insert(entry, n)
            expected[entry, default: []].append(n)
        }
        for (entry, payloads) in expected {
            let found = trie.matches(from: 0) { $0 < entry.count ? entry[$0] : nil }
            XCTAssertEqual(found.last?.end, entry.count, entry.joined(separator: " "))
            XCTAssertEqual(found.last?.payloads, payloads)
            // Every prefix that is an entry, and none that is not (entry ends are kept as bits per node).
            XCTAssertEqual(found.map(\.end), (1...entry.count).filter { expected[Array(entry[..<$0])] != nil })
            var ends: [Int] = []
            trie.forEachMatchEnd(
                from: 0, hashedKey: { $0 < entry.count ? (entry[$0], TokenTrie<Int>.hash(entry[$0])) : nil },
                { ends.append($0) })
            XCTAssertEqual(ends, found.map(\.end))
        }
        XCTAssertTrue(trie.matches(from: 0) { $0 == 0 ? "Jakarta" : nil }.isEmpty)
        XCTAssertEqual(trie.entryCount, 10_000)
        XCTAssertEqual(Set(trie.firstKeys), Set(expected.keys.map { $0[0] }))
    }
}

/// `StringSet`: membership by precomputed hash, with `Set<String>`'s answers (canonical equivalence).
final class StringSetTests: XCTestCase {
    func contains(_ set: StringSet, _ token: String) -> Bool {
        set.contains(token, hash: StringSet.hash(token), isASCII: token.utf8.allSatisfy { $0 < 0x80 })
    }

    func testAnswersAreThoseOfASetOfStrings() {
        let members: Set<String> = ["Jakarta", "Caf\u{E9}", "Sule\u{301}", "\u{212A}", "ﬁ", "Ångström", "PT"]
        let set = StringSet(members)
        let tokens = [
            "Jakarta", "jakarta", "Caf\u{E9}", "Cafe\u{301}", "Sul\u{E9}", "Sule\u{301}", "K", "k", "fi", "ﬁ",
            "A\u{30A}ngstro\u{308}m", "Ångström", "PT", "P", "", "Jakarta "
        ]
        for token in tokens {
            XCTAssertEqual(contains(set, token), members.contains(token), token.debugDescription)
        }
        XCTAssertTrue(contains(set, "K"), "the Kelvin sign is canonically K")
        XCTAssertFalse(contains(set, "fi"), "a compatibility form is not canonically equivalent")
    }
}

/// `GazetteerStarts`: the mask of the gazetteers that may start at each token, by exact or folded text.
final class GazetteerStartsTests: XCTestCase {
    func testMasksSayWhichGazetteersHaveAnEntryStartingWithTheToken() throws {
        var exact = TokenTrie<Gazetteer.Entry>(), folded = TokenTrie<Gazetteer.Entry>()
        exact.insert(["Kota", "Sorong"], Gazetteer.Entry(type: .LOC, norm: nil))
        exact.insert(["Papua"], Gazetteer.Entry(type: .LOC, norm: nil))
        folded.insert(["kota", "baru"], Gazetteer.Entry(type: .LOC, norm: nil))
        folded.insert(["\u{212A}ab"], Gazetteer.Entry(type: .LOC, norm: nil)) // Kelvin sign: canonically `K`
        let starts = GazetteerStarts([
            Gazetteer(id: "exact", fold: false, requireCapital: false, priority: 0, trie: exact),
            Gazetteer(id: "folded", fold: true, requireCapital: false, priority: 0, trie: folded)
        ])
        var doc = try normalized("Kota Papua kota PAPUA Kab Jakarta")
        try DefaultPipeline.tokenize().process(&doc)
        XCTAssertEqual(starts.masks(TokenView(doc)), [0b11, 0b01, 0b10, 0, 0, 0])
    }
}
