import XCTest

@testable import Warta

/// `ICURegex`: ICU's C API behind the furniture rules and the `regex:` token tests.
final class ICURegexTests: XCTestCase {

    func testWholeMatchTriesOtherPathsUntilTheTextIsCovered() throws {
        // The first alternative matches a prefix only; a whole-text match must still find `ab`.
        let regex = try ICURegex("(a|ab)")
        XCTAssertTrue(regex.matchesWhole("ab"))
        XCTAssertTrue(regex.matchesWhole("a"))
        XCTAssertFalse(regex.matchesWhole("abc"))
        XCTAssertFalse(regex.matchesWhole(""))
        XCTAssertTrue(try ICURegex("x*").matchesWhole(""))
    }

    func testICUSyntaxAndCaseOptions() throws {
        XCTAssertTrue(try ICURegex(#"\p{Lu}{2,4}"#).matchesWhole("BKN"))
        XCTAssertFalse(try ICURegex(#"\p{Lu}{2,4}"#).matchesWhole("Bkn"))
        XCTAssertTrue(try ICURegex("(?i)exit mobile version").matchesWhole("Exit Mobile VERSION"))
        XCTAssertTrue(try ICURegex(#"(19|20)\d\d"#).matchesWhole("2024"))
        XCTAssertTrue(try ICURegex(#"\d+"#).matchesWhole("٢٠٢٤"), "\\d is any decimal digit, as in ICU")
    }

    func testMatchesAreUTF16RangesPastAstralCharacters() throws {
        // 😀 is two UTF-16 units: the second `(*)` starts at unit 8 (7 characters before it).
        let text = Array("(*) a😀 (*)".utf16)
        let found = try ICURegex(#"\(\*\)"#).matches(in: text)
        XCTAssertEqual(found, [0..<3, 8..<11])
        XCTAssertEqual(found.map { String(decoding: text[$0], as: UTF16.self) }, ["(*)", "(*)"])
    }

    func testManyMatchesAreAllReturned() throws {
        // More than the first buffer holds: the call is repeated with room for all.
        let text = Array(String(repeating: "ab ", count: 100).utf16)
        XCTAssertEqual(try ICURegex("ab").matches(in: text).count, 100)
        XCTAssertEqual(try ICURegex("zz").matches(in: text), [])
    }

    func testMatchesFoundBeforeTheSearchFailsAreKept() throws {
        // After `x`, the search for `(?:a|b)*c` over two million `a` overflows ICU's backtrack stack
        // (U_REGEX_STACK_OVERFLOW); the match before it stands, as with NSRegularExpression.
        let text = Array(("x" + String(repeating: "a", count: 2_000_000)).utf16)
        XCTAssertEqual(try ICURegex("x|(?:a|b)*c").matches(in: text), [0..<1])
    }

    func testAPatternThatDoesNotCompileSaysWhyAndWhere() {
        XCTAssertThrowsError(try ICURegex("(19|20\\d\\d")) { error in
            let e = error as? ICURegex.CompileError
            XCTAssertEqual(e?.pattern, "(19|20\\d\\d")
            XCTAssertTrue(e?.reason.contains("U_REGEX") ?? false, e?.reason ?? "")
            XCTAssertTrue(e?.reason.contains("offset") ?? false, e?.reason ?? "")
        }
    }

    /// One expression used from many threads at once: each call borrows its own ICU matcher, so no
    /// answer leaks from one subject into another's.
    func testOneExpressionSharedByManyThreadsGivesEachItsOwnAnswer() throws {
        let regex = try ICURegex(#"\p{Lu}[a-z]+ \d+"#)
        let subjects = (0..<400).map { i in i % 2 == 0 ? "Pasal \(i)" : "pasal \(i)" }
        let answers = UnsafeMutableBufferPointer<Bool>.allocate(capacity: subjects.count)
        defer { answers.deallocate() }
        DispatchQueue.concurrentPerform(iterations: subjects.count) { i in
            for _ in 0..<20 { answers[i] = regex.matchesWhole(subjects[i]) }
        }
        for i in subjects.indices { XCTAssertEqual(answers[i], i % 2 == 0, subjects[i]) }
    }

    // MARK: In normalize

    func testALineRuleDropsALineThatOnlyALaterAlternativeCoversWhole() throws {
        let stage = NormalizeStage(furniture: [
            try FurnitureRule(id: "ad", kind: "boilerplate", scope: .line, pattern: "(?i)(adv|advertisement)")
        ])
        var doc = Document(id: "t", source: "t", raw: Array("Kalimat pertama.\nADVERTISEMENT\nKalimat kedua.".utf8))
        try stage.process(&doc)
        XCTAssertEqual(doc.string, "Kalimat pertama.\nKalimat kedua.")
        XCTAssertEqual(doc.removed.map(\.text), ["ADVERTISEMENT"])
    }

    func testAMatchRuleCutsByUTF16OffsetsAfterAstralCharacters() throws {
        let stage = NormalizeStage(furniture: [
            try FurnitureRule(id: "end", kind: "boilerplate", scope: .match, pattern: #"\s*\(\*+\)\s*$"#)
        ])
        let raw = "Warga 😀 senang 𝐀. (***)"
        var doc = Document(id: "t", source: "t", raw: Array(raw.utf8))
        try stage.process(&doc)
        XCTAssertEqual(doc.string, "Warga 😀 senang 𝐀.")
        XCTAssertEqual(doc.removed.map(\.text), [" (***)"])
        let r = try XCTUnwrap(doc.removed.first)
        XCTAssertEqual(String(decoding: doc.raw[r.rawStart..<r.rawEnd], as: UTF8.self), " (***)")
    }
}
