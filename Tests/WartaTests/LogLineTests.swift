import Foundation
import XCTest

@testable import Warta

/// Text-format stderr: one log line is one line, whatever names the inputs have.
final class LogLineTests: XCTestCase {
    /// A file name with a newline and an escape code printed a fake summary line (`warta: 99 documents`)
    /// and could clear the real one on a terminal.
    func testControlCharactersInFileNamesAreEscapedInTextLogLines() throws {
        let dir = try temporaryDirectory(self)
        let input = dir.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        let forged = "a\nwarta: 99 documents, 0 failed, 1.0 MB in 0.1 s (out)\u{1B}[2K\\x.txt"
        try Data("x".utf8).write(to: input.appendingPathComponent(forged)) // an error line names it (#21.12)
        let result = try runProcess(
            try XCTUnwrap(EndToEndTests.binary), ["run", input.path, "--out", dir.appendingPathComponent("out").path])
        XCTAssertEqual(result.status, 1, result.stderrText)
        let lines = result.stderrText.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
        XCTAssertEqual(lines.count, 2, result.stderrText)
        XCTAssertFalse(result.stderr.contains(0x1B), "no escape byte reaches the terminal")
        XCTAssertTrue(
            lines[0].contains(
                "a\\nwarta: 99 documents, 0 failed, 1.0 MB in 0.1 s (out)\\u{1B}[2K\\\\x.txt: its path holds control characters"
            ), String(lines[0]))
        XCTAssertTrue(lines[1].hasPrefix("warta: 0 documents, 1 failed"), String(lines[1]))
    }

    /// `warta eval`, `diff`, `report` and `dedup` printed their messages as they were: an entity type of a
    /// record with a newline, an escape code and a right-to-left override forged a line and reordered the
    /// terminal's. They are escaped like `run`'s log lines now.
    func testMessagesOfTheOtherCommandsQuotingARecordAreOneEscapedLine() throws {
        let dir = try temporaryDirectory(self)
        let forged = "X\nwarta eval: forged\u{1B}[2K\u{202E}"
        let record: [String: Any] = [
            "id": "d", "text": "Budi datang.",
            "entities": [["type": forged, "start": 0, "end": 4, "text": "Budi"]]
        ]
        let file = dir.appendingPathComponent("a.ndjson")
        try (JSONSerialization.data(withJSONObject: record) + Data("\n".utf8)).write(to: file)
        for arguments in [["eval", file.path, file.path], ["diff", file.path, file.path]] {
            let result = try runProcess(try XCTUnwrap(EndToEndTests.binary), arguments)
            XCTAssertEqual(result.status, 2, result.stderrText)
            let lines = result.stderrText.split(separator: "\n")
            XCTAssertEqual(lines.count, 1, result.stderrText)
            XCTAssertFalse(result.stderr.contains(0x1B), "no escape byte reaches the terminal")
            XCTAssertFalse(result.stderrText.contains("\u{202E}"), "no bidirectional override either")
            XCTAssertTrue(result.stderrText.contains("X\\nwarta eval: forged\\u{1B}[2K\\u{202E}"), result.stderrText)
        }
    }
}
