import XCTest
@testable import Warta

/// An output file appears under its name only when complete; an aborted one leaves the previous file.
final class OutputFileTests: XCTestCase {

    func testTheFileAppearsOnlyOnCommit() throws {
        let url = try temporaryDirectory(self).appendingPathComponent("documents.ndjson")
        let file = try OutputFile(path: url.path)
        try file.write(Array("{\"id\":\"a\"}\n".utf8))
        try file.flush()
        XCTAssertFalse(FileManager.default.fileExists(atPath: url.path))
        try file.commit()
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), "{\"id\":\"a\"}\n")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path)
        XCTAssertEqual(leftovers, ["documents.ndjson"], "no temporary left behind")
    }

    func testDiscardKeepsThePreviousFile() throws {
        let url = try temporaryDirectory(self).appendingPathComponent("documents.xml")
        try "previous".write(to: url, atomically: true, encoding: .utf8)
        let file = try OutputFile(path: url.path)
        try file.write(Array("half written".utf8))
        try file.flush()
        file.discard()
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), "previous")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path), ["documents.xml"])
    }
}
