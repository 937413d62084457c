import Foundation
import XCTest

@testable import Warta

/// The pieces of `warta report` that decide what a page holds: escaping, span markup, page names,
/// statement clusters, bounded counters.
final class ReportHTMLTests: XCTestCase {

    func testEscapingLeavesNoMarkupAndKeepsOffsets() {
        let nonCharacters = String(String.UnicodeScalarView([Unicode.Scalar(0xFFFE)!, Unicode.Scalar(0xFDD0)!]))
        let hostile = "<script>alert(1)</script></textarea>\"x' & y\u{1}\u{7F}\u{85}" + nonCharacters + "\tz\n"
        let escaped = HTML.escape(hostile)
        XCTAssertEqual(
            escaped,
            "&lt;script&gt;alert(1)&lt;/script&gt;&lt;/textarea&gt;&quot;x&#39; &amp; y\u{2401}\u{2421}\u{FFFD}\u{FFFD}\u{FFFD}\tz\n"
        )
        for forbidden in ["<", ">", "\"", "'", "\u{1}", "\u{7F}", "\u{85}"] {
            XCTAssertFalse(escaped.contains(forbidden), forbidden)
        }
        // Characters other than the five markup ones map one for one, so code point offsets hold.
        let plain = "a\u{0}b\u{1F}c\u{9F}é👩‍👩‍👧"
        XCTAssertEqual(HTML.escape(plain).unicodeScalars.count, plain.unicodeScalars.count)
        XCTAssertEqual(HTML.token("a b/<x>\"y"), "a_b__x__y")
    }

    /// The escaping, one scalar at a time, as the README states it: the reference for the byte-level one.
    func reference(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x26: out += "&amp;"
            case 0x3C: out += "&lt;"
            case 0x3E: out += "&gt;"
            case 0x22: out += "&quot;"
            case 0x27: out += "&#39;"
            case 0x09, 0x0A: out.unicodeScalars.append(scalar)
            case 0x00...0x1F: out.unicodeScalars.append(Unicode.Scalar(0x2400 + scalar.value)!)
            case 0x7F: out += "\u{2421}"
            case 0x80...0x9F, 0xFDD0...0xFDEF: out += "\u{FFFD}"
            case let v where v & 0xFFFE == 0xFFFE: out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    func testByteLevelEscapingMatchesTheReference() {
        var random = SeededGenerator(state: 7)
        // Around every boundary the byte-level scan looks at, plus ordinary text.
        let pool: [UInt32] = [
            0x00, 0x09, 0x0A, 0x0D, 0x1F, 0x20, 0x22, 0x26, 0x27, 0x3C, 0x3E, 0x41, 0x7E, 0x7F, 0x80, 0x9F, 0xA0, 0xE9,
            0x7FF, 0x800, 0x2028, 0xFDCF, 0xFDD0, 0xFDEF, 0xFDF0, 0xFFFD, 0xFFFE, 0xFFFF, 0x10000, 0x1F44D,
            0x1FFFE, 0x1FFFF, 0x2FFFE, 0x10FFFE, 0x10FFFF, 0x10FFFD, 0xEFFFD
        ]
        for _ in 0..<2_000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<random.below(12) { text.append(Unicode.Scalar(pool[random.below(pool.count)])!) }
            let string = String(text)
            XCTAssertEqual(
                HTML.escape(string), reference(string), "\(string.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    /// Tags of an HTML fragment, checked to nest: every close matches the last open.
    func assertWellNested(_ html: String, file: StaticString = #filePath, line: UInt = #line) {
        var stack: [String] = []
        let scanner = html.unicodeScalars
        var i = scanner.startIndex
        while let open = scanner[i...].firstIndex(of: "<") {
            guard let close = scanner[open...].firstIndex(of: ">") else {
                XCTFail("unclosed tag", file: file, line: line); return
            }
            let tag = String(scanner[scanner.index(after: open)..<close])
            let name = String(tag.split(separator: " ").first ?? "")
            if name.hasPrefix("/") {
                XCTAssertEqual(stack.popLast(), String(name.dropFirst()), "in \(html)", file: file, line: line)
            } else {
                stack.append(name)
            }
            i = scanner.index(after: close)
        }
        XCTAssertEqual(stack, [], "unclosed elements in \(html)", file: file, line: line)
    }

    func span(_ s: Int, _ e: Int, _ name: String) -> SpanMarkup.Span {
        .init(start: s, end: e, open: "<b id=\"\(name)\">", continued: "<b class=\"\(name)\">", close: "</b>")
    }

    func testNestedSpansBecomeNestedElements() {
        // "Sekda Provinsi Papua": a ROLE holding a LOC.
        let text = SpanText("Sekda Provinsi Papua hadir")
        var m = SpanMarkup()
        m.add(span(15, 20, "loc"), textLength: text.count)
        m.add(span(0, 20, "role"), textLength: text.count)
        m.insert(.init(at: 20, html: "<i>x</i>"), textLength: text.count)
        XCTAssertEqual(m.render(text), "<b id=\"role\">Sekda Provinsi <b id=\"loc\">Papua</b></b><i>x</i> hadir")
    }

    /// A span that crosses one opened before it is marked up to where that one ends, and counted (the page
    /// says so); it used to be closed and reopened at each later end, n² elements for n crossing spans.
    func testCrossingSpansStayWellFormed() {
        let text = SpanText("abcdefghij")
        var m = SpanMarkup()
        m.add(span(0, 5, "one"), textLength: 10)
        m.add(span(3, 8, "two"), textLength: 10)
        m.add(span(4, 9, "three"), textLength: 10)
        m.add(span(6, 8, "four"), textLength: 10)
        let (html, crossing) = m.rendered(text)
        XCTAssertEqual(
            html, "<b id=\"one\">abc<b id=\"two\">d<b id=\"three\">e</b></b></b>f<b id=\"four\">gh</b>ij")
        XCTAssertEqual(crossing, 2)
        XCTAssertEqual(m.render(text), html)
        assertWellNested(html)
        // The text comes out whole and in order.
        XCTAssertEqual(html.replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression), "abcdefghij")
    }

    func testRandomSpansAlwaysWellFormedWithTheTextIntact() {
        var random = SeededGenerator(state: 23)
        for _ in 0..<300 {
            let length = random.below(40)
            let text = (0..<length).map { _ in ["a", "<", "&", "é", "\u{1}", "👍"][random.below(6)] }.joined()
            let scalars = SpanText(text)
            var m = SpanMarkup()
            for k in 0..<random.below(8) {
                m.add(span(random.below(50) - 5, random.below(50) - 5, "s\(k)"), textLength: scalars.count)
                if random.chance(30) {
                    m.insert(.init(at: random.below(50), html: "<i></i>"), textLength: scalars.count)
                }
            }
            let html = m.render(scalars)
            assertWellNested(html)
            let stripped = html.replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
            XCTAssertEqual(stripped, HTML.escape(text))
        }
    }

    func testSpansOutsideTheTextAreSkipped() {
        var m = SpanMarkup()
        m.add(span(2, 1, "reversed"), textLength: 3)
        m.add(span(1, 1, "empty"), textLength: 3)
        m.add(span(-1, 2, "before"), textLength: 3)
        m.add(span(1, 4, "after"), textLength: 3)
        XCTAssertEqual(m.skipped, 4)
        XCTAssertEqual(m.render(SpanText("a<c")), "a&lt;c")
    }

    func testOffsetsAreCodePoints() {
        // An emoji is two UTF-16 units and four bytes but one code point.
        let text = SpanText("👍 Derek")
        var m = SpanMarkup()
        m.add(span(2, 7, "p"), textLength: text.count)
        XCTAssertEqual(m.render(text), "👍 <b id=\"p\">Derek</b>")
    }

    func testPageNamesAreSafeAndUnique() {
        let ids = [
            "seeds/000_d2a72559a5a40c36", "../../etc/passwd", "a b?c#d", "", "...", "/", "Jayapura: 🏝️ berita",
            String(repeating: "x", count: 500), "seeds/000_d2a72559a5a40c36"
        ]
        var names = Set<String>()
        for (i, id) in ids.enumerated() {
            let name = ReportFolder.pageName(index: i + 1, id: id)
            XCTAssertTrue(
                name.range(of: #"^doc/[0-9]{6,}(-[A-Za-z0-9_][A-Za-z0-9_.-]*)?\.html$"#, options: .regularExpression)
                    != nil, name)
            XCTAssertFalse(name.contains(".."), name)
            XCTAssertLessThan(name.utf8.count, 90, name)
            names.insert(name)
        }
        XCTAssertEqual(names.count, ids.count)
        XCTAssertEqual(
            ReportFolder.pageName(index: 1, id: "seeds/000_d2a72559a5a40c36"),
            "doc/000001-seeds-000_d2a72559a5a40c36.html")
    }

    func testClustersFollowChainsAndSortBySpread() {
        var c = StatementClusters()
        func member(_ doc: String, _ q: Int) -> StatementClusters.Member {
            .init(doc: doc, page: "doc/\(doc).html", quote: q, speaker: "S", similarity: 1, outlet: nil, excerpt: "…")
        }
        c.addRepeat(member("a", 4), of: .init(doc: "a", quote: 1)) // within one document
        c.addRepeat(member("b", 0), of: .init(doc: "x", quote: 0))
        c.addRepeat(member("c", 2), of: .init(doc: "b", quote: 0)) // repeats a repeat: the chain's first
        c.noteOriginal(member("x", 0))
        c.noteOriginal(member("a", 1))
        XCTAssertEqual(c.clusters.count, 2)
        XCTAssertEqual(c.cluster(of: .init(doc: "c", quote: 2)), c.cluster(of: .init(doc: "x", quote: 0)))
        XCTAssertEqual(c.cluster(of: .init(doc: "a", quote: 1)), 1)
        XCTAssertNil(c.cluster(of: .init(doc: "a", quote: 0)))
        XCTAssertEqual(c.bySpread.map(\.number), [2, 1])
        XCTAssertEqual(c.bySpread.map(\.spread), [3, 1])
    }

    func testBoundedCounterStaysBounded() {
        var counter = BoundedCounter(capacity: 100)
        for i in 0..<10_000 { counter.add("name \(i)"); counter.add("frequent \(i % 7)") }
        XCTAssertLessThanOrEqual(counter.counts.count, 100)
        XCTAssertTrue(counter.pruned)
        XCTAssertEqual(Set(counter.top(7).map(\.value)), Set((0..<7).map { "frequent \($0)" }))
        var exact = BoundedCounter(capacity: 100)
        for v in ["b", "a", "b", "c"] { exact.add(v) }
        XCTAssertFalse(exact.pruned)
        XCTAssertEqual(exact.top(3).map(\.value), ["b", "a", "c"])
    }

    func testNumbersAreTheSameBytesEverywhere() {
        XCTAssertEqual(DocumentPage.number(1), "1")
        XCTAssertEqual(DocumentPage.number(0.8571), "0.857")
        XCTAssertEqual(DocumentPage.number(-0.5), "-0.5")
        XCTAssertEqual(DocumentPage.number(.nan), "–")
        XCTAssertEqual(DocumentPage.number(1e300), "1e+300")
    }
}

extension ReportHTMLTests {
    /// The markup of `spans` over a text of `length` code points, its size and its CPU time (least of three).
    func measuredMarkup(length: Int, _ spans: [(Int, Int)]) -> (bytes: Int, seconds: Double, crossing: Int) {
        let text = SpanText(String(repeating: "a", count: length))
        var m = SpanMarkup()
        for (k, (s, e)) in spans.enumerated() { m.add(span(s, e, "s\(k)"), textLength: length) }
        var best = Double.infinity
        var result = (html: "", crossing: 0)
        for _ in 0..<3 {
            let start = LargeDocumentTests.threadCPUSeconds()
            result = m.rendered(text)
            best = min(best, LargeDocumentTests.threadCPUSeconds() - start)
        }
        return (result.html.utf8.count, best, result.crossing)
    }

    /// n spans `[i, i+n)` over 2n code points, each crossing all the others: 4,000 gave an 825 MB page
    /// (1.7 GB RSS). 8 times the spans: at most 14 times the CPU and 9 times the bytes.
    func testCrossingSpansCostLinearTimeAndBytes() {
        func crossing(_ n: Int) -> [(Int, Int)] { (0..<n).map { ($0, $0 + n) } }
        let small = measuredMarkup(length: 2 * 1_000, crossing(1_000))
        let big = measuredMarkup(length: 2 * 8_000, crossing(8_000))
        XCTAssertEqual(small.crossing, 999)
        XCTAssertEqual(big.crossing, 7_999)
        XCTAssertLessThan(big.bytes, small.bytes * 9, "\(small.bytes) then \(big.bytes) bytes")
        XCTAssertLessThan(big.seconds, max(small.seconds, 0.005) * 14, "\(small.seconds) then \(big.seconds) s")
    }

    /// n nested spans `[i, 2n-i)`: 100,000 took 17 s of CPU (each boundary looked through every open span).
    func testDeeplyNestedSpansCostLinearTime() {
        func nested(_ n: Int) -> [(Int, Int)] { (0..<n).map { ($0, 2 * n - $0) } }
        let small = measuredMarkup(length: 2 * 12_500, nested(12_500))
        let big = measuredMarkup(length: 2 * 100_000, nested(100_000))
        XCTAssertEqual(big.crossing, 0)
        XCTAssertLessThan(big.bytes, small.bytes * 9, "\(small.bytes) then \(big.bytes) bytes")
        XCTAssertLessThan(big.seconds, max(small.seconds, 0.005) * 14, "\(small.seconds) then \(big.seconds) s")
    }
}
