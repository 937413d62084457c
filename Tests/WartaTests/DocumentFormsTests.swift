import Foundation
import XCTest

@testable import Warta

/// `DocumentForms` (each distinct byte string of a document made into a `TokenView.Form` once) against the
/// plain computation, a form made for every range, on random texts of repeated words, from four threads.
final class DocumentFormsTests: XCTestCase, RuleFixtures {
    static let words = [
        "a", "A", "ab", "Ab", "AB", "ba", "é", "e\u{301}", "\u{301}", "Ångström", "ÅNGSTRÖM", "straße", "\u{212A}", "-",
        ".", "12", "1.2", "ñ", "n\u{303}", ""
    ]

    func sameForm(_ a: TokenView.Form, _ b: TokenView.Form) -> Bool {
        a.text == b.text && a.folded == b.folded && a.shape == b.shape && a.isASCII == b.isASCII
            && a.textHash == b.textHash && a.foldedHash == b.foldedHash
    }

    /// Random byte ranges over a text of the words joined without separators (so equal bytes sit at
    /// different places and ranges cut words apart), empty ranges included.
    func testFormsOfRangesAreThoseMadeForEachRange() {
        let failures = Counter()
        DispatchQueue.concurrentPerform(iterations: 4) { thread in
            var rng = SplitMix(seed: UInt64(thread) &* 7919 &+ 3)
            for _ in 0..<200 {
                let text = Array(
                    (0..<Int(rng.next() % 40)).map { _ in Self.words[Int(rng.next() % UInt64(Self.words.count))] }
                        .joined().utf8)
                let count = Int(rng.next() % 60)
                var forms = DocumentForms(tokenCount: count)
                text.withUnsafeBufferPointer { buffer in
                    for _ in 0..<count {
                        let a = text.isEmpty ? 0 : Int(rng.next() % UInt64(text.count + 1))
                        let b = text.isEmpty ? 0 : Int(rng.next() % UInt64(text.count + 1))
                        let range = min(a, b)..<max(a, b)
                        let bytes = UnsafeBufferPointer(rebasing: buffer[range])
                        let plain = TokenView.Form(bytes, hash: StringSet.hash(bytes))
                        if !sameForm(forms.form(range, in: buffer), plain) { failures.add() }
                    }
                }
            }
        }
        XCTAssertEqual(failures.value, 0)
    }

    /// A view built without a lexeme table has, at every token, the form made from the token's bytes.
    func testViewWithoutTableHasEachTokensForm() throws {
        var rng = SplitMix(seed: 11)
        for _ in 0..<30 {
            let text = (0..<200).map { _ in
                Self.words[Int(rng.next() % UInt64(Self.words.count))] + (rng.next() % 5 == 0 ? "\n\n" : " ")
            }.joined()
            let document = try tokenized(text)
            let view = TokenView(document)
            XCTAssertEqual(view.count, document.tokens.count)
            document.text.withUnsafeBufferPointer { buffer in
                for (t, token) in document.tokens.enumerated() {
                    let b = UnsafeBufferPointer(rebasing: buffer[token.range.start..<token.range.end])
                    let plain = TokenView.Form(b, hash: StringSet.hash(b))
                    let f = view.features[t]
                    XCTAssertEqual(f.text, plain.text)
                    XCTAssertEqual(f.folded, plain.folded)
                    XCTAssertEqual(f.shape, plain.shape, f.text)
                    XCTAssertEqual(f.isASCII, plain.isASCII)
                    XCTAssertEqual(f.textHash, plain.textHash)
                    XCTAssertEqual(f.foldedHash, plain.foldedHash)
                }
            }
        }
    }
}

/// A count shared by threads.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}

/// SplitMix64, a small seeded generator.
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
