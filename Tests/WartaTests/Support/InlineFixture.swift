import Foundation
import XCTest

@testable import Warta

/// Inline span fixtures: a text written with a stage's spans marked, `⟦PERSON Derek Hegemur⟧ tiba di
/// ⟦LOC Jayapura⟧`, that a test compares with the COMPLETE list of spans a stage wrote, not the first
/// one with some text.
///
/// Notation: `⟦`, the label (capitals), an optional note in braces, one space, the span's text, `⟧`.
/// Nested spans are nested brackets, the longer outside: `⟦ROLE Plt Kepala ⟦ORG BKN⟧⟧`. Two spans over
/// the same text nest in the order of their labels (`⟦LOC ⟦ORG X⟧⟧`). Spans that cross without nesting
/// cannot be written; the comparison then fails with the list of spans. Everything outside the
/// markers is the text itself. A note (`⟦QUOTE{Derek Hegemur} ...⟧`) is part of the span: it must
/// match too; it holds no `}`.
///
/// What each stage's fixtures mark (the assert functions below):
/// - tag (`assertEntities`): each entity, its type as label.
/// - quotes (`assertQuotes`): each quote as `QUOTE` and each reported statement as `REPORTED`, the
///   speaker as note (no note: no speaker).
/// - tokenize (`assertTokens`): each sentence as `S` and each token by its kind, `W` word, `N` number,
///   `P` punctuation, `X` symbol: `⟦S ⟦W Ia⟧ ⟦W datang⟧⟦P .⟧⟧`.
/// - normalize (`assertNormalized`): the raw input, each furniture removal marked `CUT` with the note
///   `kind rule` (`⟦CUT{related furniture.read-also} Baca Juga: ...⟧`); the text after normalize is
///   given whole beside it.
struct InlineFixture: Equatable {
    /// One marked span: UTF-8 byte offsets into `text`.
    struct Span: Hashable, Comparable {
        var start: Int
        var end: Int
        var label: String
        /// The note in braces after the label (a quote's speaker), nil when there is none.
        var note: String? = nil

        /// Outer spans first: by start, then the longer one, then by label and note.
        static func < (a: Span, b: Span) -> Bool {
            (a.start, -a.end, a.label, a.note ?? "") < (b.start, -b.end, b.label, b.note ?? "")
        }
    }

    static let open: Character = "⟦"
    static let close: Character = "⟧"

    var text: [UInt8]
    var spans: [Span]

    struct SyntaxError: Error, CustomStringConvertible {
        var description: String
    }

    /// Reads the notation; throws on an unclosed or unopened bracket, or a marker without a label.
    init(parsing fixture: String) throws {
        var text: [UInt8] = []
        var spans: [Span] = []
        var open: [(start: Int, label: String, note: String?)] = []
        var characters = fixture[...]
        while let c = characters.first {
            characters = characters.dropFirst()
            if c == Self.open {
                let label = characters.prefix { $0.isUppercase || $0 == "_" }
                characters = characters.dropFirst(label.count)
                var note: String?
                if characters.first == "{" {
                    let body = characters.dropFirst().prefix { $0 != "}" }
                    characters = characters.dropFirst(body.count + 1)
                    guard characters.first == "}" else {
                        throw SyntaxError(description: "a note opened with { is not closed, at byte \(text.count)")
                    }
                    characters = characters.dropFirst()
                    note = String(body)
                }
                guard !label.isEmpty, characters.first == " " else {
                    throw SyntaxError(
                        description:
                            "a ⟦ must be followed by a label in capitals, an optional {note} and one space, at byte \(text.count)"
                    )
                }
                characters = characters.dropFirst()
                open.append((text.count, String(label), note))
            } else if c == Self.close {
                guard let last = open.popLast() else {
                    throw SyntaxError(description: "⟧ without ⟦ at byte \(text.count)")
                }
                spans.append(Span(start: last.start, end: text.count, label: last.label, note: last.note))
            } else {
                text.append(contentsOf: Array(String(c).utf8))
            }
        }
        if let last = open.last { throw SyntaxError(description: "⟦\(last.label) at byte \(last.start) is not closed") }
        self.text = text
        self.spans = spans.sorted()
    }

    init(text: [UInt8], spans: [Span]) {
        self.text = text
        self.spans = spans.sorted()
    }

    /// The entities of `document`, over its (normalized) text.
    init(entitiesOf document: Document) {
        self.init(
            text: document.text,
            spans: document.entities.map { Span(start: $0.range.start, end: $0.range.end, label: $0.type.rawValue) })
    }

    /// The quotes (`QUOTE`) and reported statements (`REPORTED`) of `document`, each with its speaker as
    /// note, over its (normalized) text.
    init(quotesOf document: Document) {
        self.init(
            text: document.text,
            spans: document.quotes.map {
                Span(start: $0.range.start, end: $0.range.end, label: "QUOTE", note: $0.speaker)
            }
                + document.reportedSpeech.map {
                    Span(start: $0.range.start, end: $0.range.end, label: "REPORTED", note: $0.speaker)
                })
    }

    /// The labels of token kinds in tokenize fixtures.
    static let tokenLabels: [Token.Kind: String] = [.word: "W", .number: "N", .punct: "P", .symbol: "X"]

    /// The sentences (`S`) and tokens (by kind) of `document`, over its (normalized) text.
    init(tokensOf document: Document) {
        self.init(
            text: document.text,
            spans: document.sentences.map { Span(start: $0.start, end: $0.end, label: "S") }
                + document.tokens.map {
                    Span(start: $0.range.start, end: $0.range.end, label: Self.tokenLabels[$0.kind] ?? "?")
                })
    }

    /// The furniture removals of `document` (`CUT`, note `kind rule`), over its RAW bytes.
    init(removalsOf document: Document) {
        self.init(
            text: document.raw,
            spans: document.removed.map {
                Span(start: $0.rawStart, end: $0.rawEnd, label: "CUT", note: "\($0.kind) \($0.rule)")
            })
    }

    /// The notation for these spans; nil when two spans cross.
    var rendered: String? {
        var out: [UInt8] = []
        var stack: [Span] = []
        var next = 0
        func closeUntil(_ position: Int) -> Bool {
            while let top = stack.last, top.end <= position {
                guard top.end >= next else { return false }
                out.append(contentsOf: text[next..<top.end])
                next = top.end
                out.append(contentsOf: Array(String(Self.close).utf8))
                stack.removeLast()
            }
            return true
        }
        for span in spans {
            guard closeUntil(span.start) else { return nil }
            if let top = stack.last, span.end > top.end { return nil } // crosses the enclosing span
            out.append(contentsOf: text[next..<span.start])
            next = span.start
            out.append(contentsOf: Array("\(Self.open)\(span.label)\(span.note.map { "{\($0)}" } ?? "") ".utf8))
            stack.append(span)
        }
        guard closeUntil(text.count) else { return nil }
        out.append(contentsOf: text[next...])
        return String(decoding: out, as: UTF8.self)
    }

    /// Each span as `LABEL start..<end 'text'`, for a message when `rendered` cannot show them.
    var listed: String {
        spans.map {
            "\($0.label)\($0.note.map { "{\($0)}" } ?? "") \($0.start)..<\($0.end) '\(String(decoding: text[$0.start..<$0.end], as: UTF8.self))'"
        }
        .joined(separator: "\n")
    }
}

/// Fails, showing both as fixtures, when `actual` is not `expected`.
func assertSameSpans(
    _ actual: InlineFixture, _ expected: InlineFixture, _ what: String, file: StaticString, line: UInt
) {
    if actual != expected {
        let got = actual.rendered ?? "(crossing spans)\n" + actual.listed
        XCTFail(
            "\(what) differ\nexpected: \(expected.rendered ?? expected.listed)\n     got: \(got)", file: file,
            line: line)
    }
}

/// Runs `fixture`'s text through every per-document stage of `pipelines/default.yaml` and asserts that
/// the document's entities are exactly the marked ones (same text after normalize, same spans, same
/// types, nothing more). The failure shows both as fixtures. Returns the document for further checks
/// (norms, links).
@discardableResult
func assertEntities(_ fixture: String, file: StaticString = #filePath, line: UInt = #line) throws -> Document {
    try assertPipeline(fixture, "entities", InlineFixture.init(entitiesOf:), file: file, line: line)
}

/// The same for the quote stage: the document's quotes and reported statements are exactly the marked
/// ones, each with its speaker (`⟦QUOTE{Derek Hegemur} Kami siap.⟧`; no note: no speaker). Returns the
/// document for further checks (cues, rules, speaker entities).
@discardableResult
func assertQuotes(_ fixture: String, file: StaticString = #filePath, line: UInt = #line) throws -> Document {
    try assertPipeline(fixture, "quotes", InlineFixture.init(quotesOf:), file: file, line: line)
}

/// `fixture`'s text through every per-document stage of `pipelines/default.yaml`; `spans` of the
/// document must be the marked ones.
func assertPipeline(
    _ fixture: String, _ what: String, _ spans: (Document) -> InlineFixture, file: StaticString, line: UInt
) throws -> Document {
    let expected = try InlineFixture(parsing: fixture)
    let document = try Annotated.document(String(decoding: expected.text, as: UTF8.self))
    assertSameSpans(spans(document), expected, what, file: file, line: line)
    return document
}

/// The same for tokenize (after normalize; `stage` or the default pipeline's): every sentence and every
/// token with its kind, `⟦S ⟦W Ia⟧ ⟦W datang⟧⟦P .⟧⟧`.
@discardableResult
func assertTokens(
    _ fixture: String, stage: TokenizeStage? = nil, file: StaticString = #filePath, line: UInt = #line
) throws -> Document {
    let expected = try InlineFixture(parsing: fixture)
    var document = try normalized(String(decoding: expected.text, as: UTF8.self))
    try (stage ?? DefaultPipeline.tokenize()).process(&document)
    assertSameSpans(InlineFixture(tokensOf: document), expected, "tokens", file: file, line: line)
    return document
}

/// The same for normalize (`stage` or the default pipeline's): `fixture` is the raw input with every
/// furniture removal marked (`⟦CUT{kind rule} ...⟧`), and `text` the whole text normalize must give.
@discardableResult
func assertNormalized(
    _ fixture: String, text: String, stage: NormalizeStage? = nil, file: StaticString = #filePath, line: UInt = #line
) throws -> Document {
    let expected = try InlineFixture(parsing: fixture)
    let document = try normalized(expected.text, stage: stage)
    XCTAssertEqual(document.string, text, "the text after normalize", file: file, line: line)
    assertSameSpans(InlineFixture(removalsOf: document), expected, "removals", file: file, line: line)
    return document
}
