import Foundation
import XCTest

@testable import Warta

/// `RegexPrefilter` against ICU: whenever it rejects a token, ICU answers no (neither yes nor a give-up),
/// for random expressions of its subset and the real rules' expressions over random short ASCII tokens,
/// from four threads; expressions outside the subset get no prefilter.
final class RegexPrefilterTests: XCTestCase {
    static let atoms = [
        "a", "b", "Z", "1", "\\d", "\\p{L}", "\\p{Lu}", "\\p{Ll}", "\\.", "-", ".", "[ab]", "[A-C\\d]", "[\\p{L}\\d.-]",
        "[IVX]", "x"
    ]
    static let quantifiers = ["", "", "", "?", "*", "+", "{2}", "{1,3}", "{2,}", "{0}", "{0,1}"]
    static let alphabet = Array("abZAIVXx19.-_ ".utf8)

    /// A random expression of the subset (some of them outside it: a repeat of a repeat).
    fileprivate static func expression(_ rng: inout SplitMix, depth: Int = 0) -> String {
        var parts: [String] = []
        for _ in 0..<(1 + Int(rng.next() % 3)) {
            var part: String
            if depth < 2 && rng.next() % 4 == 0 {
                let alternatives = (0..<(1 + Int(rng.next() % 3))).map { _ in expression(&rng, depth: depth + 1) }
                part = (rng.next() % 2 == 0 ? "(" : "(?:") + alternatives.joined(separator: "|") + ")"
            } else {
                part = atoms[Int(rng.next() % UInt64(atoms.count))]
            }
            parts.append(part + quantifiers[Int(rng.next() % UInt64(quantifiers.count))])
        }
        return parts.joined()
    }

    func testRejectedTokensDoNotMatchInICU() throws {
        let rules = try RuleSet.load(Repo.pipelines.appendingPathComponent("rules/entities.yaml"))
        var real: Set<String> = []
        for phase in rules.phases {
            guard case .match(_, _, let phaseRules) = phase else { continue }
            for rule in phaseRules {
                for e in rule.pattern.elements { if let r = e.testRef.test.regex { real.insert(r.pattern) } }
            }
        }
        let realPatterns = real.sorted()
        let prefiltered = realPatterns.compactMap(RegexPrefilter.init).count
        print("RegexPrefilterTests: \(prefiltered) of \(realPatterns.count) rule expressions prefiltered")
        XCTAssertGreaterThan(prefiltered, 20)
        let failures = Counter(), rejected = Counter()
        DispatchQueue.concurrentPerform(iterations: 4) { thread in
            var rng = SplitMix(seed: UInt64(thread) &+ 101)
            for k in 0..<400 {
                let pattern =
                    k % 4 == 0 ? realPatterns[Int(rng.next() % UInt64(realPatterns.count))] : Self.expression(&rng)
                guard let filter = RegexPrefilter(pattern), let regex = try? ICURegex(pattern) else { continue }
                for _ in 0..<60 {
                    let token = String(
                        decoding: (0..<Int(rng.next() % 8)).map { _ in
                            Self.alphabet[Int(rng.next() % UInt64(Self.alphabet.count))]
                        }, as: UTF8.self)
                    guard filter.rejects(token) else { continue }
                    rejected.add()
                    if regex.wholeMatch(Array(token.utf16)) != false { failures.add("\(pattern) \(token)") }
                }
            }
        }
        XCTAssertEqual(failures.value, 0, failures.examples.joined(separator: "; "))
        XCTAssertGreaterThan(rejected.value, 10_000)
    }

    func testWhatItReadsAndWhatItLeavesToICU() throws {
        let year = try XCTUnwrap(RegexPrefilter("(19|20)\\d\\d"))
        XCTAssertTrue(year.rejects("kata"))
        XCTAssertTrue(year.rejects("202"))
        XCTAssertTrue(year.rejects("20245"))
        XCTAssertFalse(year.rejects("2024"))
        XCTAssertTrue(year.rejects("3024"))
        XCTAssertFalse(year.rejects("1099")) // may match as far as the prefilter knows; ICU says no
        let capitalized = try XCTUnwrap(RegexPrefilter("\\p{Lu}[\\p{L}\\d]*"))
        XCTAssertTrue(capitalized.rejects("kata"))
        XCTAssertTrue(capitalized.rejects("Ka-ta"))
        XCTAssertFalse(capitalized.rejects("Kata2"))
        XCTAssertFalse(capitalized.rejects("Kätä")) // not ASCII: ICU answers
        XCTAssertFalse(capitalized.rejects(String(repeating: "k", count: RegexPrefilter.maxLength + 1)))
        for outside in ["\\w+", "[^a]", "a+?", "a*+", "(a+)+", "(a|b)*", "(a?)+", "^a", "a$", "\\bA", "(?i)a", "[]a]"] {
            XCTAssertNil(RegexPrefilter(outside), outside)
        }
        XCTAssertNil(RegexPrefilter("a*b*c*"), "more repeats than the bound")
        // As the rule loader wraps an expression.
        let wrapped = try XCTUnwrap(RegexPrefilter("^(?:\\d{1,2})$"))
        XCTAssertTrue(wrapped.rejects("123"))
        XCTAssertTrue(wrapped.rejects("a1"))
        XCTAssertFalse(wrapped.rejects("12"))
        XCTAssertNil(RegexPrefilter("^a$"))
    }
}

/// A count shared by threads, with a few examples.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    private var kept: [String] = []
    func add(_ example: String? = nil) {
        lock.withLock {
            count += 1
            if let example, kept.count < 5 { kept.append(example) }
        }
    }
    var value: Int { lock.withLock { count } }
    var examples: [String] { lock.withLock { kept } }
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
