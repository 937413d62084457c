import Foundation
import XCTest

/// Issue 24: `scripts/check_function_length.py` (run by `scripts/test.sh`) fails for a function over 60
/// lines without `// Long: <reason>` directly above it.
final class FunctionLengthCheckTests: XCTestCase {
    var script: String { Repo.root.appendingPathComponent("scripts/check_function_length.py").path }

    /// A function of `lines` lines, signature and closing brace included; its body holds braces in
    /// strings, an interpolation and comments, which must not end it early or late.
    func function(_ name: String, lines: Int, above: String = "") -> String {
        var body = [
            "    let a = \"{ not a brace\"", "    let b = \"\\(a.count) } \\(\"}\")\"",
            "    // } a comment", "    /* { */", "    let c = #\"raw \"}\" string\"#",
            "    let d = \"\"\"", "        }", "        \"\"\"", "    if a.isEmpty {", "        print(b, c, d)", "    }"
        ]
        while body.count < lines - 2 { body.append("    print(\(body.count))") }
        return above + "func \(name)() {\n" + body.joined(separator: "\n") + "\n}\n"
    }

    func run(_ paths: [String]) throws -> ProcessResult {
        guard let python = which("python3") else { throw XCTSkip("python3 is not on the PATH") }
        return try runProcess(python, [script] + paths)
    }

    func testAFunctionOverSixtyLinesWithoutAReasonFails() throws {
        let dir = try temporaryDirectory(self)
        let source = [
            "protocol P {", "    func required()", "}",
            function("sixty", lines: 60), function("sixtyOne", lines: 61),
            function(
                "withReason", lines: 90, above: "/// Documented.\n// Long: one table, row by row.\n@inline(never)\n"),
            function("reasonTooFarAway", lines: 61, above: "// Long: not directly above.\n\n"),
            "struct S {", "    init() {", "        let x = \"{\"", "    }", "}"
        ]
        .joined(separator: "\n")
        let file = dir.appendingPathComponent("Long.swift")
        try source.write(to: file, atomically: true, encoding: .utf8)
        let result = try run([dir.path])
        XCTAssertEqual(result.status, 1, result.stderrText)
        let reported = result.stderrText.split(separator: "\n").filter { $0.contains("Long.swift:") }
        XCTAssertEqual(reported.count, 2, result.stderrText)
        XCTAssertTrue(reported.contains { $0.contains(" sixtyOne is 61 lines") }, result.stderrText)
        XCTAssertTrue(reported.contains { $0.contains(" reasonTooFarAway is 61 lines") }, result.stderrText)
        // The line named is the signature's.
        let line = source.components(separatedBy: "\n").firstIndex { $0.hasPrefix("func sixtyOne") }! + 1
        XCTAssertTrue(result.stderrText.contains("Long.swift:\(line): sixtyOne"), result.stderrText)

        try ([function("sixty", lines: 60)].joined()).write(to: file, atomically: true, encoding: .utf8)
        XCTAssertEqual(try run([dir.path]).status, 0)
    }

    func testTheSourcesPass() throws {
        let result = try run([Repo.root.appendingPathComponent("Sources").path])
        XCTAssertEqual(result.status, 0, result.stderrText)
    }
}
