import Foundation
import XCTest

@testable import Warta

/// Issue 22's output check: the built binary over a generated corpus (`GeneratedCorpus`, built here
/// deterministically) writes `documents.ndjson` and `documents.xml` whose SHA-256 equal the committed
/// ones (`Tests/Fixtures/corpus-hashes.json`). A change of the tag engine (or of any stage) that
/// changes a byte of the output fails here.
///
/// The suite runs 1,000 articles (about a minute in a debug build on a loaded machine). `make corpus-hashes` runs the
/// same test over 20,000 articles with the release binary (`WARTA_CORPUS_N`, `WARTA`); both sizes'
/// hashes are committed. A change meant to change the output (a rule, a list) rewrites them:
/// `WARTA_WRITE_CORPUS_HASHES=1` with each size, and says so in its commit.
final class CorpusHashTests: XCTestCase {
    static let seed: UInt64 = 22
    static let fixture = Repo.root.appendingPathComponent("Tests/Fixtures/corpus-hashes.json")

    var environment: [String: String] { ProcessInfo.processInfo.environment }

    func testGeneratedCorpusIsDeterministicAndRepeatsQuotes() throws {
        let a = try GeneratedCorpus.articles(60, seed: Self.seed)
        XCTAssertEqual(a, try GeneratedCorpus.articles(60, seed: Self.seed))
        XCTAssertNotEqual(a, try GeneratedCorpus.articles(60, seed: Self.seed + 1))
        // Some quoted paragraph appears in two articles (the dedup stage has repeats to find).
        var seen: [String: Int] = [:]
        var repeated = 0
        for (i, article) in a.enumerated() {
            for p in article.split(separator: "\n") where p.contains("“") || p.contains("\"") {
                if let j = seen[String(p)], j != i { repeated += 1 }
                seen[String(p)] = i
            }
        }
        XCTAssertGreaterThan(repeated, 0)
    }

    func testOutputsOfGeneratedCorpusMatchCommittedHashes() throws {
        let count = Int(environment["WARTA_CORPUS_N"] ?? "") ?? 1000
        let binary =
            try environment["WARTA"].map { URL(fileURLWithPath: $0) }
            ?? XCTUnwrap(EndToEndTests.binary, "warta is not built: run `swift build` first")
        let folder = try temporaryDirectory(self)
        let input = folder.appendingPathComponent("in"), out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        try GeneratedCorpus.write(count, seed: Self.seed, to: input)
        // Run from the corpus's folder with relative paths: each record names its source as given.
        let pipeline = Repo.pipelines.appendingPathComponent("default.yaml").path
        let result = try runProcess(
            binary, ["run", "in", "--out", "out", "--pipeline", pipeline, "--jobs", "2", "--quiet"], in: folder)
        XCTAssertEqual(result.status, 0, result.stderrText)
        let hashes = [
            "ndjson": Hashing.sha256Hex(try Data(contentsOf: out.appendingPathComponent("documents.ndjson"))),
            "xml": Hashing.sha256Hex(try Data(contentsOf: out.appendingPathComponent("documents.xml")))
        ]
        var committed =
            (try? JSONSerialization.jsonObject(with: Data(contentsOf: Self.fixture))) as? [String: Any] ?? [:]
        var sizes = committed["sizes"] as? [String: [String: String]] ?? [:]
        if environment["WARTA_WRITE_CORPUS_HASHES"] == "1" {
            sizes[String(count)] = hashes
            committed["seed"] = Self.seed
            committed["sizes"] = sizes
            let data = try JSONSerialization.data(withJSONObject: committed, options: [.prettyPrinted, .sortedKeys])
            try (data + Data("\n".utf8)).write(to: Self.fixture)
            return
        }
        XCTAssertEqual(committed["seed"] as? Int, Int(Self.seed), "the committed hashes are of another seed")
        let expected = try XCTUnwrap(
            sizes[String(count)], "no committed hashes for \(count) articles; measured \(hashes)")
        XCTAssertEqual(hashes["ndjson"], expected["ndjson"], "documents.ndjson of \(count) generated articles")
        XCTAssertEqual(hashes["xml"], expected["xml"], "documents.xml of \(count) generated articles")
    }
}
