import Foundation
import XCTest
@testable import Warta

/// Inputs that a run used to lose with exit 0: every input is read, refused with a clear message, or
/// reported as skipped with the true reason, and `--strict` turns a skipped input into exit 1.
final class LostInputTests: XCTestCase {
    func warta(_ arguments: [String]) throws -> ProcessResult {
        try runProcess(try XCTUnwrap(EndToEndTests.binary, "warta is not built"), arguments)
    }

    func folder(_ files: [String: String]) throws -> URL {
        let dir = try temporaryDirectory(self).appendingPathComponent("in")
        for (name, text) in files {
            let url = dir.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    func ids(_ out: URL) throws -> [String] {
        try String(contentsOf: out.appendingPathComponent("documents.ndjson"), encoding: .utf8).split(separator: "\n")
            .compactMap { try jsonObject(Array($0.utf8))["id"] as? String }
    }

    /// `x.txt` under two folder arguments was kept once and the other dropped: now refused (exit 2)
    /// naming both, since the ids would collide; the same file reached twice is still read once.
    func testTheSameIdFromTwoFolderArgumentsIsRefusedUnlessItIsTheSameFile() throws {
        let a = try folder(["x.txt": "Bupati Mimika hadir."]), b = try folder(["x.txt": "Bupati Timika hadir."])
        let out = try temporaryDirectory(self).appendingPathComponent("out")
        let result = try warta(["run", a.path, b.path, "--out", out.path])
        XCTAssertEqual(result.status, 2, result.stderrText)
        XCTAssertTrue(result.stderrText.contains("\(b.path)/x.txt: its id 'x' is already the id of \(a.path)/x.txt"), result.stderrText)
        let same = try warta(["run", a.appendingPathComponent("x.txt").path, a.path, "--out", out.path, "--strict"])
        XCTAssertEqual(same.status, 1, "read once, and reported: \(same.stderrText)")
        XCTAssertEqual(try ids(out), ["x"])
    }

    /// A file whose name is not UTF-8 was reported as a broken link; `A.TXT` was ignored; `--strict`
    /// makes a skipped input exit 1.
    func testSkippedInputsSayWhyAndStrictMakesThemCount() throws {
        let dir = try folder(["A.TXT": "Bupati Mimika hadir."])
        // The name's bytes: `bad`, 0xFF, `.txt` (not UTF-8), written with creat(2) on raw bytes.
        var raw = Array((dir.path + "/bad").utf8) + [0xFF] + Array(".txt".utf8) + [0]
        let created = raw.withUnsafeMutableBufferPointer { p in p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: p.count) { creat($0, 0o644) } }
        XCTAssertGreaterThanOrEqual(created, 0)
        close(created)
        let out = try temporaryDirectory(self).appendingPathComponent("out")
        let plain = try warta(["run", dir.path, "--out", out.path])
        XCTAssertEqual(plain.status, 0, plain.stderrText)
        XCTAssertEqual(try ids(out), ["A"])
        XCTAssertTrue(plain.stderrText.contains("its name is not valid UTF-8, so it cannot be read; rename it"), plain.stderrText)
        let strict = try warta(["run", dir.path, "--out", out.path, "--strict", "--quiet"])
        XCTAssertEqual(strict.status, 1, strict.stderrText)
    }

    /// A file 60 folders deep (about 3,000 bytes of path) was reported as a link loop.
    func testADeepFileIsRead() throws {
        let deep = (0..<60).map { "folder-\($0)-" + String(repeating: "x", count: 40) }.joined(separator: "/") + "/deep.txt"
        let dir = try folder([deep: "Bupati Mimika hadir."])
        let out = try temporaryDirectory(self).appendingPathComponent("out")
        let result = try warta(["run", dir.path, "--out", out.path, "--strict"])
        XCTAssertEqual(result.status, 0, result.stderrText)
        XCTAssertEqual(try ids(out), [String(deep.dropLast(4))])
    }

    /// Two stdin records with one id were both kept (then `diff` and `eval` refused the output, and
    /// `duplicate_of` could point at its own id): the second fails with both line numbers.
    func testADuplicateIdOnStdinFails() throws {
        let bin = try XCTUnwrap(EndToEndTests.binary).path
        let script = """
        printf '%s\\n' '{"id":"a","text":"Bupati Mimika hadir."}' '{"id":"b","text":"Satu."}' '{"id":"a","text":"Bupati Timika hadir."}' \
          | '\(bin)' run - --out - --pipeline '\(Repo.defaultPipeline.path)'
        """
        let result = try runProcess(URL(fileURLWithPath: "/bin/bash"), ["-c", script])
        XCTAssertEqual(result.status, 1, result.stderrText)
        let ids = String(decoding: result.stdout, as: UTF8.self).split(separator: "\n").compactMap { try? jsonObject(Array($0.utf8))["id"] as? String }
        XCTAssertEqual(ids, ["a", "b"])
        XCTAssertTrue(result.stderrText.contains("<stdin>:3: line 3: the id 'a' is already the id of line 1"), result.stderrText)
    }

    /// An empty input folder with `--incremental` replaced every output with nothing: refused (exit 2)
    /// when the previous run has documents, unless `--allow-empty`.
    func testAnEmptyInputFolderDoesNotWipeAPreviousIncrementalRun() throws {
        let dir = try folder(["a.txt": "Bupati Mimika hadir."])
        let out = try temporaryDirectory(self).appendingPathComponent("out")
        XCTAssertEqual(try warta(["run", dir.path, "--out", out.path, "--quiet"]).status, 0)
        try FileManager.default.removeItem(at: dir.appendingPathComponent("a.txt"))
        let refused = try warta(["run", dir.path, "--out", out.path, "--incremental"])
        XCTAssertEqual(refused.status, 2, refused.stderrText)
        XCTAssertTrue(refused.stderrText.contains("no input files, and the previous run in \(out.path) has documents"), refused.stderrText)
        XCTAssertEqual(try ids(out), ["a"], "the previous outputs stay")
        let allowed = try warta(["run", dir.path, "--out", out.path, "--incremental", "--allow-empty", "--quiet"])
        XCTAssertEqual(allowed.status, 0, allowed.stderrText)
        XCTAssertEqual(try ids(out), [])
    }
}
