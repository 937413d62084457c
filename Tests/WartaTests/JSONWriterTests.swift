import XCTest

@testable import Warta

/// The NDJSON record: valid JSON for any input, keys in a fixed order, code point offsets.
final class JSONWriterTests: XCTestCase {

    static let keyOrder = [
        "schema", "id", "source", "sha256", "date", "text", "removed", "sentences", "entities",
        "acronyms", "quotes", "reported_speech", "warnings", "meta"
    ]

    /// Every C0 control, DEL, quote, backslash, line and paragraph separators, emoji, combining marks.
    static let nasty: String = {
        var s = "Derek \"Hegemur\" \\ C:\\path\\ "
        for v in 0x00...0x1F { s.unicodeScalars.append(Unicode.Scalar(v)!) }
        s += "\u{7F} \u{2028}\u{2029} 👍🏽 🇮🇩 e\u{0301} Musa\u{2019}ad \u{FEFF}\u{FFFD} </script> \u{10FFFF}"
        return s
    }()

    func encode(_ document: Document, tokens: Bool = false) -> [UInt8] {
        RecordEncoder.encode(document, sha256: Hashing.sha256Hex(document.raw), options: RecordOptions(tokens: tokens))
    }

    func testNastyStringsRoundTripThroughJSONSerialization() throws {
        var doc = Document(id: "id " + Self.nasty, source: "src " + Self.nasty, raw: Array("x".utf8))
        doc.text = Array(Self.nasty.utf8)
        doc.removed = [Removal(kind: "boilerplate", rule: "r\u{1}", rawStart: 0, rawEnd: 1, text: Self.nasty)]
        doc.warnings = [Self.nasty]
        doc.metadata = DocumentMetadata(
            date: "2023-11-16\u{0}", passthrough: [(key: "url\"", json: "\"https://x/\\u0000\"")])
        doc.entities = [Entity(type: .PERSON, range: TextRange(0, 5), norm: Self.nasty, rule: "person.test")]
        doc.quotes = [Quote(range: TextRange(0, 5), speaker: Self.nasty, rule: "quote.test", similarity: .nan)]
        let bytes = encode(doc)
        XCTAssertEqual(bytes.last, 0x0A, "a record ends with a newline")
        XCTAssertFalse(bytes.dropLast().contains(0x0A), "a record is one line")
        XCTAssertFalse(bytes.contains { $0 < 0x20 && $0 != 0x0A }, "raw control bytes in the record")
        let object = try jsonObject(bytes)
        XCTAssertEqual(object["text"] as? String, Self.nasty)
        XCTAssertEqual(object["id"] as? String, "id " + Self.nasty)
        XCTAssertEqual(object["source"] as? String, "src " + Self.nasty)
        XCTAssertEqual(object["date"] as? String, "2023-11-16\u{0}")
        XCTAssertEqual((object["warnings"] as? [String])?.first, Self.nasty)
        XCTAssertEqual(((object["removed"] as? [[String: Any]])?.first?["text"]) as? String, Self.nasty)
        XCTAssertEqual(((object["entities"] as? [[String: Any]])?.first?["norm"]) as? String, Self.nasty)
        let quote = try XCTUnwrap((object["quotes"] as? [[String: Any]])?.first)
        XCTAssertTrue(quote["similarity"] is NSNull, "NaN is written as null")
        XCTAssertEqual((object["meta"] as? [String: Any])?["url\""] as? String, "https://x/\u{0}")
    }

    /// The schema's keys are copied without the escape scan; a key from data (`key(text:)`) is escaped.
    /// Both give the bytes a JSON parser reads back as the key.
    func testSourceKeysAndDataKeysWriteTheSameJSON() throws {
        var fast = JSONWriter(), scanned = JSONWriter()
        fast.beginObject(); fast.key("reported_speech"); fast.int(1); fast.field("id", "x"); fast.endObject()
        scanned.beginObject(); scanned.key(text: "reported_speech"); scanned.int(1); scanned.key(text: "id");
        scanned.string("x")
        scanned.endObject()
        XCTAssertEqual(String(decoding: fast.bytes, as: UTF8.self), #"{"reported_speech":1,"id":"x"}"#)
        XCTAssertEqual(fast.bytes, scanned.bytes)
        var data = JSONWriter()
        data.beginObject(); data.key(text: "a\"b\\c\n"); data.null(); data.endObject()
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(data.bytes)) as? [String: Any])
        XCTAssertEqual(Array(object.keys), ["a\"b\\c\n"])
    }

    /// Doubles (similarities) are JSON numbers or null: a finite value near the largest double overflowed
    /// when rounded to four decimals and was written as `inf`.
    func testDoublesAreAlwaysJSON() throws {
        var w = JSONWriter()
        w.beginArray()
        for v in [0.12345, 1, 0, -2.5, 1e20, 1e308, -1e308, .greatestFiniteMagnitude, .infinity, .nan] { w.double(v) }
        w.endArray()
        XCTAssertEqual(String(decoding: w.bytes, as: UTF8.self), "[0.1235,1,0,-2.5,1e+20,null,null,null,null,null]")
        XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(w.bytes)))
    }

    /// The manifest is written with `.jsonSerialization` escaping: the bytes `JSONSerialization` wrote for
    /// the same value (it differs from the records' escaping in backspace, form feed and DEL).
    func testJSONSerializationEscapingWritesJSONSerializationsBytes() throws {
        var w = JSONWriter(escaping: .jsonSerialization)
        w.beginArray(); w.string(Self.nasty); w.string("a/b+c"); w.endArray()
        let expected = try JSONSerialization.data(
            withJSONObject: [Self.nasty, "a/b+c"], options: [.withoutEscapingSlashes])
        XCTAssertEqual(String(decoding: w.bytes, as: UTF8.self), String(decoding: expected, as: UTF8.self))
        var record = JSONWriter()
        record.string("\u{8}\u{C}\u{7F}")
        XCTAssertEqual(
            String(decoding: record.bytes, as: UTF8.self), "\"\\u0008\\u000c\\u007f\"",
            "the records' escaping is unchanged")
    }

    /// Numbers are written digit by digit (no `String` per number): the same text as `String(value)`,
    /// read back by a JSON parser; the XML writer uses the same digits.
    func testNumbersAreWrittenAsTheirDecimalText() throws {
        var values = [0, 1, -1, 9, 10, 99, 100, 1_000_003, -4_096, Int(Int32.max), Int.max, Int.min + 1, Int.min]
        var g = SeededGenerator(state: 11)
        for _ in 0..<200 { values.append(Int(bitPattern: UInt(g.next())) >> g.below(64)) }
        var w = JSONWriter()
        w.beginArray()
        for v in values { w.int(v) }
        w.endArray()
        XCTAssertEqual(
            String(decoding: w.bytes, as: UTF8.self), "[" + values.map(String.init).joined(separator: ",") + "]")
        let parsed = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(w.bytes)) as? [NSNumber])
        XCTAssertEqual(parsed.map(\.int64Value), values.map(Int64.init))
        for v in values.prefix(20) {
            let xml = XMLBytesWriter(depth: 0)
            xml.start("e"); xml.attribute("n", v); xml.end()
            XCTAssertEqual(String(decoding: xml.drain(), as: UTF8.self), "<e n=\"\(v)\"/>\n")
        }
    }

    func testInvalidUTF8InRawInputGivesValidJSON() throws {
        // Lone continuation, overlong, surrogate, beyond U+10FFFF, truncated sequence at the end.
        let raw: [UInt8] =
            Array("Pemilu ".utf8) + [0x80] + Array(" a ".utf8) + [0xC0, 0xAF] + Array(" b ".utf8)
            + [0xED, 0xA0, 0x80] + Array(" c ".utf8) + [0xF4, 0x90, 0x80, 0x80] + Array(" d ".utf8) + [0xE2, 0x80]
        var doc = try normalized(raw)
        try DefaultPipeline.tokenize().process(&doc)
        let object = try jsonObject(encode(doc, tokens: true))
        let text = try XCTUnwrap(object["text"] as? String)
        let expected = String(decoding: raw, as: UTF8.self) // Swift replaces maximal subparts too
        XCTAssertEqual(text, expected)
        XCTAssertEqual(text.unicodeScalars.filter { $0 == "\u{FFFD}" }.count, 11)
        XCTAssertEqual((object["warnings"] as? [String])?.count, 1)
        // Every span still points inside the text and the raw file.
        let tokens = try XCTUnwrap(object["tokens"] as? [[String: Any]])
        XCTAssertEqual(tokens.count, doc.tokens.count)
        for token in tokens {
            let end = try XCTUnwrap(token["end"] as? Int), rawStart = try XCTUnwrap(token["raw_start"] as? Int)
            let rawEnd = try XCTUnwrap(token["raw_end"] as? Int)
            XCTAssertLessThanOrEqual(end, text.unicodeScalars.count)
            XCTAssertLessThanOrEqual(rawEnd, raw.count)
            XCTAssertLessThan(rawStart, rawEnd)
        }
    }

    func testKeysAreWrittenInTheDocumentedOrder() throws {
        // A text that itself contains the key names must not confuse the order.
        var doc = try normalized("\"id\": \"text\", removed: meta. Kafe\u{0301} 👍 \"schema\":1")
        try DefaultPipeline.tokenize().process(&doc)
        doc.metadata.date = "2023-11-16"
        let plain = encode(doc)
        let keys = topLevelKeys(plain)
        XCTAssertEqual(keys.map(\.key), Self.keyOrder)
        XCTAssertEqual(keys.map(\.at), keys.map(\.at).sorted(), "key byte positions increase")
        XCTAssertEqual(keys.first?.at, 1, "schema is the first key")
        XCTAssertTrue(plain.starts(with: Array("{\"schema\":\"warta.doc/1\",\"id\":\"test\",".utf8)))

        let withTokens = encode(doc, tokens: true)
        XCTAssertEqual(topLevelKeys(withTokens).map(\.key), Self.keyOrder + ["tokens"])
        // The span keys inside a token are in order too.
        let object = try jsonObject(withTokens)
        XCTAssertNotNil(object["tokens"])
        let firstToken = try XCTUnwrap(String(decoding: withTokens, as: UTF8.self).range(of: "\"tokens\":[{"))
        let tail = String(String(decoding: withTokens, as: UTF8.self)[firstToken.upperBound...])
        XCTAssertTrue(
            tail.hasPrefix("\"start\":0,\"end\":1,\"raw_start\":0,\"raw_end\":1,\"kind\":\"punct\"}"),
            String(tail.prefix(80)))
    }

    func testCodePointOffsetsWithMultiByteCharactersAndEmoji() throws {
        let raw = "Muhammad Musa\u{2019}ad 👍🏽 hadir di Kafe\u{0301} “Pusiban” 🇮🇩 pada 27 November 2024. Kedua 𝐀𝐒𝐍 hadir."
        var doc = try normalized(raw)
        try DefaultPipeline.tokenize().process(&doc)
        let object = try jsonObject(encode(doc, tokens: true))
        let text = try XCTUnwrap(object["text"] as? String)
        XCTAssertEqual(text, doc.string)
        XCTAssertGreaterThan(
            doc.text.count, text.unicodeScalars.count + 20, "the test needs many multi-byte characters")
        let tokens = try XCTUnwrap(object["tokens"] as? [[String: Any]])
        XCTAssertEqual(tokens.count, doc.tokens.count)
        for (json, token) in zip(tokens, doc.tokens) {
            let start = try XCTUnwrap(json["start"] as? Int), end = try XCTUnwrap(json["end"] as? Int)
            XCTAssertEqual(codePoints(text, start, end), doc.substring(token.range))
        }
        let sentences = try XCTUnwrap(object["sentences"] as? [[String: Any]])
        XCTAssertEqual(sentences.count, 2)
        for (json, range) in zip(sentences, doc.sentences) {
            XCTAssertEqual(codePoints(text, json["start"] as! Int, json["end"] as! Int), doc.substring(range))
        }
        XCTAssertEqual(codePoints(text, sentences[1]["start"] as! Int, sentences[1]["end"] as! Int), "Kedua 𝐀𝐒𝐍 hadir.")
        // And the raw offsets point at the bytes of the source.
        let rawBytes = Array(raw.utf8)
        for json in tokens {
            let s = json["raw_start"] as! Int, e = json["raw_end"] as! Int
            let piece = String(decoding: rawBytes[s..<e], as: UTF8.self)
            let t = codePoints(text, json["start"] as! Int, json["end"] as! Int)
            XCTAssertTrue(
                piece == t || piece.precomposedStringWithCanonicalMapping == t || ["“", "”"].contains(piece),
                "'\(t)' maps to raw '\(piece)'")
        }
    }

    func testSpanConverterCountsCodePoints() throws {
        var doc = Document(id: "x", source: "x", raw: [])
        doc.text = Array("aé👍🏽b".utf8) // 1 + 2 + 4 + 4 + 1 bytes
        let spans = SpanConverter(doc)
        XCTAssertEqual([0, 1, 3, 7, 11, 12].map(spans.codePoint), [0, 1, 2, 3, 4, 5])
    }
}
