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
}
