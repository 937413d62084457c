import XCTest

@testable import Warta

/// `XMLBytesWriter` writes the records' XML by hand: it must write exactly the bytes libxml2's
/// xmlTextWriter writes, for any structure and any string.
final class XMLBytesWriterTests: XCTestCase {

    /// Characters that the escaping, cleaning or UTF-8 handling could get wrong.
    static let alphabet: [String] = [
        "a", "Z", "0", " ", "\t", "\n", "\r", "\r\n", "<", ">", "&", "\"", "'", "]]>", "&amp;", "=", "/",
        "\u{0}", "\u{1}", "\u{8}", "\u{B}", "\u{C}", "\u{1F}", "\u{7F}", "\u{85}", "\u{A0}", "é", "e\u{301}", "ß",
        "\u{2028}", "\u{FFFD}", "\u{FFFE}", "\u{FFFF}", "\u{EFBF}", "中", "😀", "👍🏽", "\u{10FFFF}"
    ]

    func randomString(_ g: inout SeededGenerator) -> String {
        (0..<g.below(9)).map { _ in Self.alphabet[g.below(Self.alphabet.count)] }.joined()
    }

    /// The same random calls on both writers.
    func writeElement(_ writers: [any XMLMarkupWriter], _ g: inout SeededGenerator, depth: Int) throws {
        let name: StaticString = ["document", "text", "entity", "q", "a"][g.below(5)]
        for w in writers { try w.start(name) }
        for _ in 0..<g.below(4) {
            let attribute: StaticString = ["id", "start", "norm", "x"][g.below(4)]
            if g.chance(30) {
                let n = g.below(2000) - 1000
                for w in writers { try w.attribute(attribute, n) }
            } else {
                let value = randomString(&g)
                for w in writers { try w.attribute(attribute, value) }
            }
        }
        // Empty, text only, elements only, or mixed (the encoder never mixes, but libxml2's rules hold).
        switch g.below(4) {
        case 0: break
        case 1:
            let value = randomString(&g)
            for w in writers { try w.text(value) }
        default:
            for _ in 0..<(1 + g.below(3)) {
                if depth < 4 && (g.chance(70)) {
                    try writeElement(writers, &g, depth: depth + 1)
                } else {
                    let value = randomString(&g)
                    for w in writers { try w.text(value) }
                }
            }
        }
        for w in writers { try w.end() }
    }

    func testRandomElementsAttributesAndTextAreWrittenAsLibxml2WritesThem() throws {
        var g = SeededGenerator(state: 6)
        for round in 0..<500 {
            let reference = try XMLFragmentEncoder.openDocument()
            let header = try XMLFragmentEncoder.libxml2Frame().header
            let mine = XMLBytesWriter(depth: 1)
            for _ in 0..<(1 + g.below(3)) { try writeElement([reference, mine], &g, depth: 0) }
            var expected = reference.drain()
            XCTAssertTrue(expected.starts(with: header))
            expected.removeFirst(header.count)
            let got = mine.drain()
            if got != expected {
                XCTFail(
                    "round \(round):\nlibxml2: \(String(decoding: expected, as: UTF8.self).debugDescription)\nmine:    \(String(decoding: got, as: UTF8.self).debugDescription)"
                )
                return
            }
        }
    }

    /// Whole records of the seeds after the default pipeline, with and without tokens, document after
    /// document through one encoder (as a worker encodes them).
    func testSeedRecordsAreTheBytesLibxml2Writes() throws {
        let pipeline = try DefaultPipeline.load()
        var documents: [Document] = []
        for url in Repo.seeds {
            var doc = Document(
                id: url.deletingPathExtension().lastPathComponent, source: url.path,
                raw: Array(try Data(contentsOf: url)))
            try pipeline.process(&doc)
            documents.append(doc)
        }
        XCTAssertTrue(documents.contains { !$0.quotes.isEmpty && !$0.entities.isEmpty && !$0.removed.isEmpty })
        for tokens in [false, true] {
            let options = RecordOptions(tokens: tokens)
            let reference = try XMLFragmentEncoder(libxml2Options: options)
            let mine = XMLFragmentEncoder(options: options)
            for doc in documents {
                let expected = try reference.encode(doc), got = try mine.encode(doc)
                XCTAssertEqual(got.bytes, expected.bytes, "\(doc.id), tokens: \(tokens)")
                XCTAssertEqual(got.quoteDecisionRanges, expected.quoteDecisionRanges, doc.id)
            }
        }
    }

    /// A quote's spliced decision attributes (the hand-off's dedup answer) are the bytes libxml2 writes
    /// for them inside a start tag.
    func testSplicedDecisionAttributesAreTheBytesLibxml2Writes() throws {
        for (reference, similarity) in [
            (QuoteReference(document: "ü<&\"\u{1}>\t\n", quote: 3), 0.81234),
            (QuoteReference(document: "002", quote: 0), 1.0)
        ] {
            let quote = Quote(range: TextRange(0, 1), rule: "r", duplicateOf: reference, similarity: similarity)
            let w = try XMLFragmentEncoder.openDocument()
            try w.start("q")
            let start = w.writtenCount()
            try XMLFragmentEncoder.writeDecision(w, quote)
            XCTAssertEqual(try XMLFragmentEncoder.decisionAttributes(quote), Array(w.drain()[start...]))
        }
    }
}
