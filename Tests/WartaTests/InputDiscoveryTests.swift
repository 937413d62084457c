import XCTest
@testable import Warta

/// Which files a run reads, in which order, and the ids they get.
final class InputDiscoveryTests: XCTestCase {

    func testFoldersAreSearchedRecursivelyInPathOrder() throws {
        let dir = try temporaryDirectory(self)
        let fm = FileManager.default
        for path in ["b.txt", "a/z.txt", "a/b/c.txt", "a/notes.md", ".hidden.txt", ".git/x.txt", "c.TXT"] {
            let url = dir.appendingPathComponent(path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("Pemilu 2024".utf8).write(to: url)
        }
        let found = try InputDiscovery.files([dir.path])
        let ids = found.items.map { item -> String in
            if case .file(_, let id) = item { return id }
            return "?"
        }
        XCTAssertEqual(ids, ["a/b/c", "a/z", "b"])
        XCTAssertEqual(found.items.map(\.source), ["a/b/c.txt", "a/z.txt", "b.txt"].map { dir.path + "/" + $0 })
    }

    func testAFileGivenDirectlyIsIdentifiedByItsBaseName() throws {
        let seed = Repo.seeds[2]
        let found = try InputDiscovery.files([seed.path, Repo.seedsDirectory.path])
        guard case .file(let path, let id) = try XCTUnwrap(found.items.first) else { return XCTFail("not a file") }
        XCTAssertEqual(path, seed.path)
        XCTAssertEqual(id, "002_cd1e4cc00439bffa")
        XCTAssertEqual(found.items.count, 5, "a file reached twice is read once")
    }

    func testAMissingInputIsAnError() {
        XCTAssertThrowsError(try InputDiscovery.files(["/nonexistent/warta-input"])) { error in
            XCTAssertTrue("\(error)".contains("no such file or folder"), "\(error)")
        }
    }
}
