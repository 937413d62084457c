import XCTest

@testable import Warta

/// The inline span notation of the stage tests (`Support/InlineFixture.swift`).
final class InlineFixtureTests: XCTestCase {
    func testSpansAreByteOffsetsIntoThePlainText() throws {
        let f = try InlineFixture(parsing: "⟦PERSON Derek Hegemur⟧ tiba di ⟦LOC Jayapura⟧.")
        XCTAssertEqual(String(decoding: f.text, as: UTF8.self), "Derek Hegemur tiba di Jayapura.")
        XCTAssertEqual(f.spans, [.init(start: 0, end: 13, label: "PERSON"), .init(start: 22, end: 30, label: "LOC")])
    }

    func testNestedSpansAndNonASCIIText() throws {
        let f = try InlineFixture(parsing: "Kata ⟦ROLE Plt Kepala ⟦ORG BKN⟧⟧ di Sentani—“ya”.")
        XCTAssertEqual(String(decoding: f.text, as: UTF8.self), "Kata Plt Kepala BKN di Sentani—“ya”.")
        XCTAssertEqual(f.spans, [.init(start: 5, end: 19, label: "ROLE"), .init(start: 16, end: 19, label: "ORG")])
    }

    /// Rendering is the inverse of parsing, whatever order the spans came in.
    func testRenderingGivesTheFixtureBack() throws {
        for fixture in [
            "tanpa entitas", "⟦PERSON A⟧", "⟦ROLE Ketua ⟦ORG KPU ⟦LOC Mimika⟧⟧⟧, ⟦PERSON Dete⟧.",
            "⟦LOC ⟦ORG Papua⟧⟧ dan ⟦DATE Senin⟧"
        ] {
            let parsed = try InlineFixture(parsing: fixture)
            XCTAssertEqual(parsed.rendered, fixture)
            let shuffled = InlineFixture(text: parsed.text, spans: parsed.spans.reversed())
            XCTAssertEqual(shuffled.rendered, fixture)
            XCTAssertEqual(shuffled, parsed)
        }
    }

    func testCrossingSpansCannotBeRenderedAndAreListed() {
        let f = InlineFixture(
            text: Array("abcdef".utf8),
            spans: [.init(start: 0, end: 4, label: "ORG"), .init(start: 2, end: 6, label: "LOC")])
        XCTAssertNil(f.rendered)
        XCTAssertEqual(f.listed, "ORG 0..<4 'abcd'\nLOC 2..<6 'cdef'")
    }

    func testBadMarkupIsAnError() {
        for bad in ["⟦PERSON Derek", "Derek⟧", "⟦person Derek⟧", "⟦PERSONDerek⟧", "⟦ Derek⟧"] {
            XCTAssertThrowsError(try InlineFixture(parsing: bad), bad)
        }
    }

    /// A missing entity, an extra one, or the wrong type: the comparison tells each.
    func testTheComparisonSeesEveryDifference() throws {
        let document = try Annotated.document(
            "Pelaksana Tugas Sekretaris Daerah Provinsi Papua Derek Hegemur di Jayapura, Senin.")
        let actual = InlineFixture(entitiesOf: document)
        XCTAssertFalse(actual.spans.isEmpty)
        var missing = actual
        missing.spans.removeLast()
        XCTAssertNotEqual(missing, actual)
        var extra = actual
        extra.spans = (extra.spans + [.init(start: 0, end: 9, label: "EVENT")]).sorted()
        XCTAssertNotEqual(extra, actual)
        var retyped = actual
        retyped.spans[0].label = retyped.spans[0].label == "LOC" ? "ORG" : "LOC"
        XCTAssertNotEqual(retyped, actual)
        XCTAssertEqual(try InlineFixture(parsing: try XCTUnwrap(actual.rendered)), actual)
    }

    /// A note (`{...}` after the label) is part of the span: parsed, rendered and compared.
    func testNotesAreParsedRenderedAndCompared() throws {
        let fixture = "\"⟦QUOTE{Derek Hegemur} Kami siap,⟧\" kata Derek."
        let f = try InlineFixture(parsing: fixture)
        XCTAssertEqual(String(decoding: f.text, as: UTF8.self), "\"Kami siap,\" kata Derek.")
        XCTAssertEqual(f.spans, [.init(start: 1, end: 11, label: "QUOTE", note: "Derek Hegemur")])
        XCTAssertEqual(f.rendered, fixture)
        XCTAssertNotEqual(f, try InlineFixture(parsing: "\"⟦QUOTE{Derek} Kami siap,⟧\" kata Derek."))
        XCTAssertNotEqual(f, try InlineFixture(parsing: "\"⟦QUOTE Kami siap,⟧\" kata Derek."))
        XCTAssertThrowsError(try InlineFixture(parsing: "⟦QUOTE{Derek Kami siap⟧"))
        XCTAssertThrowsError(try InlineFixture(parsing: "⟦QUOTE{Derek}Kami siap⟧"))
    }

    /// The fixtures of tokenize, quotes and normalize change with any change of the stage's output.
    func testEachStageFixtureSeesEveryDifference() throws {
        let tokens = InlineFixture(tokensOf: try assertTokens("⟦S ⟦W Ia⟧ ⟦W datang⟧ ⟦N 2⟧ ⟦W kali⟧⟦P .⟧⟧"))
        var retyped = tokens
        retyped.spans[1].label = "N"
        XCTAssertNotEqual(retyped, tokens)
        var noSentence = tokens
        noSentence.spans.removeAll { $0.label == "S" }
        XCTAssertNotEqual(noSentence, tokens)

        let quotes = InlineFixture(
            quotesOf: try assertQuotes("\"⟦QUOTE{Derek Hegemur} Kami siap mengawal pemilu,⟧\" kata Derek Hegemur."))
        var otherSpeaker = quotes
        otherSpeaker.spans[0].note = "Derek"
        XCTAssertNotEqual(otherSpeaker, quotes)
        var noSpeaker = quotes
        noSpeaker.spans[0].note = nil
        XCTAssertNotEqual(noSpeaker, quotes)

        let removals = InlineFixture(
            removalsOf: try assertNormalized(
                "Rapat digelar di Sorong.\n⟦CUT{boilerplate furniture.scroll-to-continue} SCROLL TO CONTINUE WITH CONTENT⟧\nWarga hadir.",
                text: "Rapat digelar di Sorong.\nWarga hadir."))
        var otherRule = removals
        otherRule.spans[0].note = "boilerplate furniture.read-also"
        XCTAssertNotEqual(otherRule, removals)
    }
}
