import Foundation
import XCTest

@testable import Warta

/// Issue 19: attribution is data. No word of the quote rules' Indonesian lists (speech verbs, pronouns, adverbs,
/// connectors, ...) and no word of the honorific, office and restatement lists is written as a string
/// literal in the Swift sources of the quote and dedup stages.
final class QuoteLiteralTests: XCTestCase {
    static let sources = [
        "Sources/Warta/Stages/Quotes.swift", "Sources/Warta/Quotes/QuoteRules.swift",
        "Sources/Warta/Quotes/QuoteRuleLoader.swift", "Sources/Warta/Quotes/QuoteRuleLoader+Rules.swift",
        "Sources/Warta/Quotes/QuoteRuleLoader+Elements.swift",
        "Sources/Warta/Stages/PersonFullNames.swift", "Sources/Warta/Stages/QuoteDedup.swift",
        "Sources/Warta/Dedup/DedupRules.swift", "Sources/Warta/Dedup/DedupSteps.swift"
    ]

    /// The string literals of a Swift source, outside comments.
    static func literals(_ source: String) throws -> [String] {
        let pattern = try NSRegularExpression(pattern: #""((?:[^"\\]|\\.)*)""#)
        var result: [String] = []
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            var code = String(line)
            if let comment = code.range(of: "//") { code = String(code[..<comment.lowerBound]) }
            let ns = code as NSString
            for m in pattern.matches(in: code, range: NSRange(location: 0, length: ns.length)) {
                result.append(ns.substring(with: m.range(at: 1)))
            }
        }
        return result
    }

    func testNoListWordIsAStringLiteralInTheQuoteSources() throws {
        let rules = try QuoteRuleSet.load(Repo.pipelines.appendingPathComponent("rules/quotes.yaml"))
        var words = Set<String>()
        // The Indonesian lists (the English reporting verbs share words with code: `continued`).
        for name in rules.listNames where !name.hasSuffix("_en") {
            words.formUnion(rules.list(name).map { ICU.foldCase($0) })
        }
        XCTAssertTrue(words.contains("ujarnya") && words.contains("mengatakan"), "the lists were read")
        for file in ["lists/honorifics.txt", "lists/offices.txt", "lists/restated_cues.txt"] {
            for entry in try ListFile.entries(Repo.pipelines.appendingPathComponent(file)) {
                words.insert(ICU.foldCase(entry.text))
            }
        }
        // Too short to be told from code: single letters and two-letter abbreviations (`H`, `Ny`).
        words = words.filter { $0.count > 2 }
        XCTAssertTrue(
            try Self.literals(#"let a = "kata" // "ujarnya""#) == ["kata"], "the literal reader skips comments")
        for path in Self.sources {
            let source = try String(contentsOf: Repo.root.appendingPathComponent(path), encoding: .utf8)
            for literal in try Self.literals(source) {
                for word in ICU.foldCase(literal).split(whereSeparator: { !$0.isLetter })
                where words.contains(String(word)) {
                    XCTFail("\(path): the literal \"\(literal)\" holds the list word '\(word)'")
                }
            }
        }
    }
}
