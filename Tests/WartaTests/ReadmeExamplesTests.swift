import Foundation
import XCTest

/// The jq lines of README's "Piping" section run as written (with the built binary for `warta`) over the
/// committed `output/` and the repository's folders: each exits 0 and prints something.
final class ReadmeExamplesTests: XCTestCase {
    /// The commands of the first ```sh block after `## Piping`, continuation lines joined, comments left out.
    static func pipingExamples() throws -> [String] {
        let readme = try String(contentsOf: Repo.root.appendingPathComponent("README.md"), encoding: .utf8)
        guard let section = readme.range(of: "\n## Piping\n"),
            let open = readme.range(of: "```sh\n", range: section.upperBound..<readme.endIndex),
            let close = readme.range(of: "\n```", range: open.upperBound..<readme.endIndex)
        else { return [] }
        return readme[open.upperBound..<close.lowerBound]
            .replacingOccurrences(of: "\\\n", with: " ")
            .split(separator: "\n").map(String.init)
            .filter { !$0.hasPrefix("#") && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    }

    func testThePipingExamplesRunAsWritten() throws {
        let binary = try BuiltBinary.require()
        let examples = try Self.pipingExamples()
        XCTAssertGreaterThanOrEqual(examples.count, 6, "README's Piping block was not found whole")
        let bash = URL(fileURLWithPath: "/bin/bash")
        for example in examples {
            // `warta` at the start of a pipeline is the built binary ($0 of the shell).
            let command = example.hasPrefix("warta ") ? "\"$0\"" + example.dropFirst("warta".count) : example
            let result = try runProcess(bash, ["-o", "pipefail", "-c", command, binary.path])
            XCTAssertEqual(result.status, 0, "\(example)\n\(result.stderrText)")
            XCTAssertFalse(result.stdout.isEmpty, "\(example) printed nothing")
        }
    }
}
