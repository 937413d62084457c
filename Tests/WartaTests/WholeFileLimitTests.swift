import Foundation
import XCTest

@testable import Warta

/// A file read whole (a manifest, a gold or prediction file, a list, a run.json) that is larger than
/// warta will hold is refused with its name: a sparse file of a terabyte aborted the allocation (exit 134).
final class WholeFileLimitTests: XCTestCase {
    /// A sparse file of `size` bytes at `url` (no disk space used).
    func sparse(_ url: URL, size: UInt64) throws {
        XCTAssertTrue(FileManager.default.createFile(atPath: url.path, contents: nil))
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: size)
        try handle.close()
    }

    func testAFileOverTheLimitIsRefusedUnread() throws {
        let url = try temporaryDirectory(self).appendingPathComponent("big.ndjson")
        try sparse(url, size: 1 << 40)
        XCTAssertThrowsError(try FileBytes.read(url.path)) { error in
            XCTAssertTrue("\(error)".contains("\(1 << 40) bytes, more than the"), "\(error)")
        }
        XCTAssertNil(FileBytes.contents(url.path))
        XCTAssertThrowsError(try FileBytes.configuration(url.path, what: "list file")) { error in
            XCTAssertTrue(error is ConfigError, "\(error)")
            XCTAssertTrue("\(error)".contains("more than the \(FileBytes.configurationLimit) bytes"), "\(error)")
        }
        // Within the limit a file is read whole.
        try sparse(url, size: 4096)
        XCTAssertEqual(try FileBytes.read(url.path, limit: 4096).count, 4096)
        XCTAssertThrowsError(try FileBytes.read(url.path, limit: 4095))
    }

    func testStandardInputReadWholeStopsAtTheLimit() throws {
        let url = try temporaryDirectory(self).appendingPathComponent("in")
        try Data(repeating: 0x61, count: 10_000).write(to: url)
        let fd = open(url.path, O_RDONLY)
        defer { close(fd) }
        XCTAssertThrowsError(try FileBytes.readToEnd(descriptor: fd, path: "<stdin>", limit: 9_999))
        lseek(fd, 0, SEEK_SET)
        XCTAssertEqual(try FileBytes.readToEnd(descriptor: fd, path: "<stdin>", limit: 10_000).count, 10_000)
    }

    /// Through the binary: an incremental run over a terabyte manifest runs in full (it crashed every
    /// night until the manifest was deleted), and eval over a terabyte prediction file exits 2.
    func testTheBinaryRefusesATerabyteManifestAndPredictionFile() throws {
        let binary = try BuiltBinary.require()
        let dir = try temporaryDirectory(self)
        let out = dir.appendingPathComponent("out")
        let first = try runProcess(binary, ["run", "seeds", "--out", out.path, "--quiet"])
        XCTAssertEqual(first.status, 0, first.stderrText)
        let records = try Data(contentsOf: out.appendingPathComponent("documents.ndjson"))
        try sparse(out.appendingPathComponent("manifest.json"), size: 1 << 40)
        let again = try runProcess(binary, ["run", "seeds", "--out", out.path, "--incremental", "--quiet"])
        XCTAssertEqual(again.status, 0, again.stderrText)
        XCTAssertEqual(try Data(contentsOf: out.appendingPathComponent("documents.ndjson")), records)
        let report = try jsonObject(Array(try Data(contentsOf: out.appendingPathComponent("run.json"))))
        XCTAssertEqual(report["processed"] as? Int, 5, "a full run")

        let big = dir.appendingPathComponent("big")
        try FileManager.default.createDirectory(at: big, withIntermediateDirectories: true)
        try sparse(big.appendingPathComponent("documents.ndjson"), size: 1 << 40)
        let eval = try runProcess(binary, ["eval", big.path, out.path])
        XCTAssertEqual(eval.status, 2, eval.stderrText)
    }
}
