import Foundation
import XCTest

@testable import Warta

/// The golden run: the committed output/ is what the default pipeline makes of seeds/, byte for byte, so
/// every change to extraction shows up as a diff of output/ in the history.
final class GoldenSeedsTests: XCTestCase {
    func testCommittedOutputIsRegeneratedExactly() throws {
        let out = try temporaryDirectory(self)
        let binary = try XCTUnwrap(EndToEndTests.binary, "warta is not built")
        let result = try runProcess(binary, ["run", "seeds", "--out", out.path, "--quiet"])
        XCTAssertEqual(result.status, 0, result.stderrText)
        for name in ["documents.ndjson", "documents.xml"] {
            let fresh = try Data(contentsOf: out.appendingPathComponent(name))
            let committed = try Data(contentsOf: Repo.root.appendingPathComponent("output/\(name)"))
            XCTAssertTrue(fresh == committed, "output/\(name) is stale: run `warta run` and commit output/")
        }
    }
}
