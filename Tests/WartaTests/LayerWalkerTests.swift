import XCTest

@testable import Warta

/// The one walk over a document's layers (`Sinks/LayerWalker.swift`) that the NDJSON, XML and `--emit`
/// encoders share.
final class LayerWalkerTests: XCTestCase {
    /// Writes down every call, to compare with the document itself.
    struct Recorder: LayerVisitor {
        var calls: [String] = []
        mutating func begin(_ layer: RecordLayer) { calls.append("begin \(layer)") }
        mutating func end(_ layer: RecordLayer) { calls.append("end \(layer)") }
        mutating func removal(_ r: Removal) { calls.append("removal \(r.rule)") }
        mutating func sentence(_ s: OutputSpan) { calls.append("sentence \(s.start)") }
        mutating func token(_ t: Token, _ s: OutputSpan) { calls.append("token \(s.start)") }
        mutating func entity(_ e: Entity, _ s: OutputSpan, text: String) { calls.append("entity \(s.start) \(text)") }
        mutating func acronym(short: OutputSpan, shortText: String, long: OutputSpan, longText: String) {
            calls.append("acronym \(shortText)=\(longText)")
        }
        mutating func quote(_ q: Quote, index: Int, _ s: OutputSpan, text: String) {
            calls.append("quote \(index) \(text)")
        }
        mutating func reportedSpeech(_ r: ReportedSpeech, _ s: OutputSpan, text: String) {
            calls.append("report \(text)")
        }
        mutating func warning(_ w: String) { calls.append("warning \(w)") }
    }

    /// Every element of every layer, in document order, with the spans of `SpanConverter` and the texts
    /// of the document, between its layer's begin and end.
    func testTheWalkVisitsEveryElementOfTheLayersAsked() throws {
        var document = try Annotated.document(
            """
            Badan Kepegawaian Negara (BKN) menggelar sosialisasi di Kota Sorong, Senin.
            "Netralitas ASN wajib dijaga sampai hari pemungutan suara nanti," kata Ketua KPU Hasyim Asy'ari.
            """)
        document.warnings.append("a warning")
        let spans = SpanConverter(document)
        var expected: [String] = []
        for layer in RecordLayer.allCases {
            expected.append("begin \(layer)")
            switch layer {
            case .removed: expected += document.removed.map { "removal \($0.rule)" }
            case .sentences: expected += document.sentences.map { "sentence \(spans.span($0).start)" }
            case .tokens: expected += document.tokens.map { "token \(spans.span($0.range).start)" }
            case .entities:
                expected += document.entities.map {
                    "entity \(spans.span($0.range).start) \(document.substring($0.range))"
                }
            case .acronyms:
                expected += document.acronyms.map {
                    "acronym \(document.substring($0.short))=\(document.substring($0.long))"
                }
            case .quotes:
                expected += document.quotes.enumerated().map {
                    "quote \($0.offset) \(document.substring($0.element.range))"
                }
            case .reportedSpeech: expected += document.reportedSpeech.map { "report \(document.substring($0.range))" }
            case .warnings: expected += document.warnings.map { "warning \($0)" }
            }
            expected.append("end \(layer)")
        }
        XCTAssertFalse(
            document.entities.isEmpty || document.acronyms.isEmpty || document.quotes.isEmpty,
            "the test sees every kind")
        var recorder = Recorder()
        try LayerWalker(document).walk(RecordLayer.allCases, with: &recorder)
        XCTAssertEqual(recorder.calls, expected)

        var one = Recorder()
        try LayerWalker(document).walk(.acronyms, with: &one)
        XCTAssertEqual(one.calls, ["begin acronyms", "acronym BKN=Badan Kepegawaian Negara", "end acronyms"])
    }

    /// Both record formats write every layer (a new `RecordLayer` case must be placed in each).
    func testBothRecordFormatsListEveryLayerOnce() {
        let json = RecordEncoder.layers + [.tokens]
        XCTAssertEqual(Set(json), Set(RecordLayer.allCases))
        XCTAssertEqual(json.count, RecordLayer.allCases.count)
        let xml = XMLFragmentEncoder.layers(RecordOptions(tokens: true))
        XCTAssertEqual(Set(xml), Set(RecordLayer.allCases))
        XCTAssertEqual(xml.count, RecordLayer.allCases.count)
        XCTAssertFalse(XMLFragmentEncoder.layers(RecordOptions(tokens: false)).contains(.tokens))
    }
}
