import Foundation
import XCTest

@testable import Warta

/// `FormTable`: a view whose forms come from the table has the features of a view that makes every
/// token's form itself, whether the form is new, found, too long to enter or met when the table is full,
/// from one thread or four sharing the table; its forms are the distinct byte strings short enough.
final class FormTableTests: XCTestCase, RuleFixtures {
    /// Words over a small alphabet (so that forms repeat), with capitals, non-ASCII letters, decomposed
    /// and compatibility characters, digits, punctuation and now and then a word longer than
    /// `FormTable.maxFormBytes`; paragraphs and sentences of random lengths.
    static func randomText(_ g: inout SeededGenerator) -> String {
        let pieces = [
            "ka", "Ta", "RI", "b", "A", "ö", "Ö", "ss", "ß", "\u{212A}", "e\u{301}", "ı", "İ", "7", "2024", "-", "'",
            "Ång", "x", "Y", "ﬁ"
        ]
        let ends = [" ", " ", " ", ", ", ". ", "! ", " (", ") ", "\n\n", ": ", "\" "]
        var text = ""
        for _ in 0..<(5 + g.below(120)) {
            var word = ""
            let long = g.chance(3)
            for _ in 0..<(long ? 40 + g.below(40) : 1 + g.below(4)) { word += pieces[g.below(pieces.count)] }
            text += word + ends[g.below(ends.count)]
        }
        return text
    }

    func assertSameFeatures(_ a: TokenView, _ b: TokenView, _ message: String) {
        XCTAssertEqual(a.count, b.count, message)
        for (x, y) in zip(a.features, b.features) {
            XCTAssertEqual(x.text, y.text, message)
            XCTAssertEqual(x.folded, y.folded, message)
            XCTAssertEqual(x.shape, y.shape, message)
            XCTAssertEqual(x.kind, y.kind, message)
            XCTAssertEqual(x.isASCII, y.isASCII, message)
            XCTAssertEqual(x.textHash, y.textHash, message)
            XCTAssertEqual(x.foldedHash, y.foldedHash, message)
            XCTAssertEqual(x.spaceBefore, y.spaceBefore, message)
            XCTAssertEqual(x.paragraphStart, y.paragraphStart, message)
            XCTAssertEqual(x.titleLine, y.titleLine, message)
            XCTAssertEqual(x.sentenceStart, y.sentenceStart, message)
        }
        XCTAssertEqual(a.sentenceOf, b.sentenceOf, message)
        XCTAssertNil(a.lexemes, message)
    }

    /// 200 random documents, twice (new forms, then found ones), through a table of the default
    /// capacity and one full after 16 forms: the same features as without a table.
    func testFeaturesAreThoseMadePerToken() throws {
        var g = SeededGenerator(state: 22)
        let documents = try (0..<200).map { _ in try tokenized(Self.randomText(&g)) }
        let tables = [FormTable(), FormTable(capacity: 16)]
        for pass in 0..<2 {
            for (k, table) in tables.enumerated() {
                for (d, document) in documents.enumerated() {
                    assertSameFeatures(
                        TokenView(document, lexemes: nil, forms: table), TokenView(document),
                        "pass \(pass), table \(k), document \(d)")
                }
            }
        }
        XCTAssertEqual(tables[1].count, 16)
        // The forms entered are the distinct byte strings of the tokens, those not too long.
        var distinct = Set<[UInt8]>()
        for document in documents {
            for t in document.tokens where t.range.end - t.range.start <= FormTable.maxFormBytes {
                distinct.insert(Array(document.text[t.range.start..<t.range.end]))
            }
        }
        XCTAssertEqual(tables[0].count, distinct.count)
        XCTAssertTrue(
            documents.contains { $0.tokens.contains { $0.range.end - $0.range.start > FormTable.maxFormBytes } })
    }

    /// Four threads sharing one table, each over its own random documents: every view as without a table.
    func testSharedByFourThreads() throws {
        let table = FormTable(capacity: 512)
        var documents: [[Document]] = []
        for k in 0..<4 {
            var g = SeededGenerator(state: UInt64(100 + k))
            documents.append(try (0..<60).map { _ in try tokenized(Self.randomText(&g)) })
        }
        final class Results: @unchecked Sendable {
            let lock = NSLock()
            var same = [Bool](repeating: true, count: 4)
        }
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 4) { k in
            for document in documents[k] {
                let a = TokenView(document, lexemes: nil, forms: table), b = TokenView(document)
                let equal =
                    a.sentenceOf == b.sentenceOf
                    && zip(a.features, b.features).allSatisfy {
                        $0.text == $1.text && $0.folded == $1.folded && $0.shape == $1.shape && $0.kind == $1.kind
                            && $0.textHash == $1.textHash && $0.foldedHash == $1.foldedHash
                            && $0.spaceBefore == $1.spaceBefore && $0.titleLine == $1.titleLine
                            && $0.sentenceStart == $1.sentenceStart && $0.isASCII == $1.isASCII
                    } && a.count == b.count
                if !equal {
                    results.lock.lock()
                    results.same[k] = false
                    results.lock.unlock()
                }
            }
        }
        XCTAssertEqual(results.same, [true, true, true, true])
        XCTAssertEqual(table.count, 512)
    }
}
