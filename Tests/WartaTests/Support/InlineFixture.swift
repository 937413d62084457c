import Foundation
import XCTest

@testable import Warta

/// Inline span fixtures: a sentence written with its entities marked, `⟦PERSON Derek Hegemur⟧ tiba di
/// ⟦LOC Jayapura⟧`, that a test compares with the COMPLETE list of entities a document has, not the
/// first one with some text.
///
/// Notation: `⟦`, the type, one space, the span's text, `⟧`. Nested entities are nested brackets, the
/// longer outside: `⟦ROLE Plt Kepala ⟦ORG BKN⟧⟧`. Two entities over the same text nest in the order of
/// their type names (`⟦LOC ⟦ORG X⟧⟧`). Spans that cross without nesting cannot be written; the
/// comparison then fails with the list of spans. Everything outside the markers is the text itself.
struct InlineFixture: Equatable {
    /// One marked span: UTF-8 byte offsets into `text`.
    struct Span: Hashable, Comparable {
        var start: Int
        var end: Int
        var label: String

        /// Outer spans first: by start, then the longer one, then by label.
        static func < (a: Span, b: Span) -> Bool {
            (a.start, -a.end, a.label) < (b.start, -b.end, b.label)
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
        var open: [(start: Int, label: String)] = []
        var characters = fixture[...]
        while let c = characters.first {
            characters = characters.dropFirst()
            if c == Self.open {
                let label = characters.prefix { $0.isUppercase || $0 == "_" }
                characters = characters.dropFirst(label.count)
                guard !label.isEmpty, characters.first == " " else {
                    throw SyntaxError(
                        description: "a ⟦ must be followed by a label in capitals and one space, at byte \(text.count)")
                }
                characters = characters.dropFirst()
                open.append((text.count, String(label)))
            } else if c == Self.close {
                guard let last = open.popLast() else {
                    throw SyntaxError(description: "⟧ without ⟦ at byte \(text.count)")
                }
                spans.append(Span(start: last.start, end: text.count, label: last.label))
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
            out.append(contentsOf: Array("\(Self.open)\(span.label) ".utf8))
            stack.append(span)
        }
        guard closeUntil(text.count) else { return nil }
        out.append(contentsOf: text[next...])
        return String(decoding: out, as: UTF8.self)
    }

    /// Each span as `LABEL start..<end 'text'`, for a message when `rendered` cannot show them.
    var listed: String {
        spans.map {
            "\($0.label) \($0.start)..<\($0.end) '\(String(decoding: text[$0.start..<$0.end], as: UTF8.self))'"
        }
        .joined(separator: "\n")
    }
}

/// Runs `fixture`'s text through every per-document stage of `pipelines/default.yaml` and asserts that
/// the document's entities are exactly the marked ones (same text after normalize, same spans, same
/// types, nothing more). The failure shows both as fixtures. Returns the document for further checks
/// (norms, links).
@discardableResult
func assertEntities(_ fixture: String, file: StaticString = #filePath, line: UInt = #line) throws -> Document {
    let expected = try InlineFixture(parsing: fixture)
    let document = try Annotated.document(String(decoding: expected.text, as: UTF8.self))
    let actual = InlineFixture(entitiesOf: document)
    if actual != expected {
        let got = actual.rendered ?? "(crossing spans)\n" + actual.listed
        XCTFail(
            "entities differ\nexpected: \(expected.rendered ?? expected.listed)\n     got: \(got)", file: file,
            line: line)
    }
    return document
}
