import Foundation
import XCTest

/// Issue 19's rates on a folder without gold (`scripts/quote_rates.py`): quotes with no speaker, and
/// quotes whose speaker is one word while the document writes a fuller form of it.
final class QuoteRatesTests: XCTestCase {
    var script: String { Repo.root.appendingPathComponent("scripts/quote_rates.py").path }

    func testTheRatesScriptPassesItsSelfTest() throws {
        guard let python = which("python3") else { throw XCTSkip("python3 is not on the PATH") }
        let result = try runProcess(python, [script, "--selftest"])
        XCTAssertEqual(result.status, 0, result.stderrText)
        XCTAssertTrue(result.stderrText.contains("selftest ok"), result.stderrText)
    }

    /// The rates of records as warta writes them, read from a file.
    func testTheRatesOfWartaRecords() throws {
        guard let python = which("python3") else { throw XCTSkip("python3 is not on the PATH") }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("quote-rates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        func person(_ text: String, _ norm: String?) -> [String: Any] {
            ["type": "PERSON", "text": text, "norm": norm ?? NSNull()]
        }
        let records: [[String: Any]] = [
            [
                "schema": "warta.doc/1", "id": "a",
                "entities": [person("Sri Wahyuni Lestari", nil), person("Wahyuni", nil), person("Tono", nil)],
                "quotes": [
                    ["speaker": "Wahyuni"], ["speaker": "Sri Wahyuni Lestari"], ["speaker": NSNull()],
                    ["speaker": "Tono"]
                ]
            ]
        ]
        let file = dir.appendingPathComponent("documents.ndjson")
        let lines = try records.map {
            String(decoding: try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys]), as: UTF8.self)
        }
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let result = try runProcess(python, [script, file.path, "--json"])
        XCTAssertEqual(result.status, 0, result.stderrText)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        XCTAssertEqual(object["quotes"] as? Int, 4)
        XCTAssertEqual(object["no_speaker"] as? Int, 1)
        XCTAssertEqual(object["one_word_speaker"] as? Int, 2)
        XCTAssertEqual(
            object["one_word_speaker_with_fuller_name"] as? Int, 1, "Wahyuni, not Tono (no fuller form written)")
        XCTAssertEqual(object["no_speaker_rate"] as? Double, 0.25)
    }
}
