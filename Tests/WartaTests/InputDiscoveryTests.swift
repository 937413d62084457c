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
        XCTAssertEqual(ids, ["a/b/c", "a/z", "b", "c"], "`.TXT` counts as `.txt`")
        XCTAssertEqual(
            found.items.map(\.source), ["a/b/c.txt", "a/z.txt", "b.txt", "c.TXT"].map { dir.path + "/" + $0 })
    }

    func testAFileGivenDirectlyIsIdentifiedByItsBaseName() throws {
        let seed = Repo.seeds[2]
        let found = try InputDiscovery.files([seed.path, Repo.seedsDirectory.path])
        guard case .file(let path, let id) = try XCTUnwrap(found.items.first) else { return XCTFail("not a file") }
        XCTAssertEqual(path, seed.path)
        XCTAssertEqual(id, "002_cd1e4cc00439bffa")
        XCTAssertEqual(found.items.count, 5, "a file reached twice is read once")
    }

    /// `café.txt` in NFC and in NFD are two files on Linux but one id: the first is read, the second is
    /// reported in `skipped`, whether the folder is given alone or beside another argument (ids must be
    /// unique: the manifest and `duplicate_of` name documents by id).
    func testNamesThatAreOneStringInAnotherNormalizationFormGiveOneDocument() throws {
        let dir = try temporaryDirectory(self)
        for name in ["caf\u{E9}.txt", "cafe\u{301}.txt", "d.txt"] {
            try Data("Pemilu 2024".utf8).write(to: dir.appendingPathComponent(name))
        }
        let other = try temporaryDirectory(self)
        try Data("Pemilu 2024".utf8).write(to: other.appendingPathComponent("e.txt"))
        for paths in [[dir.path], [dir.path, other.path]] {
            let found = try InputDiscovery.files(paths)
            XCTAssertEqual(found.items.count, paths.count + 1, "\(paths)")
            let ids = found.items.map { item -> String in
                if case .file(_, let id) = item { return id }
                return "?"
            }
            // NFD (e + U+0301) sorts before NFC (U+00E9) by bytes: the one kept, whatever the listing order.
            XCTAssertEqual(found.items.first.map { Array($0.source.utf8.suffix(7)) }, Array("e\u{301}.txt".utf8))
            XCTAssertEqual(ids, ["caf\u{E9}", "d"] + (paths.count == 2 ? ["e"] : []))
            XCTAssertTrue(found.skipped.contains { $0.reason.contains("normalization form") }, "\(found.skipped)")
        }
    }

    /// `x.txt`, `x.TXT` and `x.Txt` in one folder gave three records with the id `x` (exit 0), which
    /// eval and diff then refused: the first by its name's bytes is read, the others reported in `skipped`.
    func testOneNameWithItsExtensionInSeveralCasesGivesOneDocument() throws {
        let dir = try temporaryDirectory(self)
        for name in ["x.txt", "x.TXT", "x.Txt", "y.txt"] {
            try Data("Pemilu 2024".utf8).write(to: dir.appendingPathComponent(name))
        }
        let found = try InputDiscovery.files([dir.path])
        let kept = found.items.map { item -> String in
            if case .file(let path, let id) = item { return "\(id) \(URL(fileURLWithPath: path).lastPathComponent)" }
            return "?"
        }
        XCTAssertEqual(kept, ["x x.TXT", "y y.txt"])
        XCTAssertEqual(
            found.skipped.map { URL(fileURLWithPath: $0.path).lastPathComponent }.sorted(), ["x.Txt", "x.txt"])
        XCTAssertTrue(found.skipped.allSatisfy { $0.reason.contains("extension in another case") }, "\(found.skipped)")
    }

    /// U+FFFE and U+FFFF cannot be in XML 1.0: an id holding one would lose it in the XML only.
    func testNoncharactersTheXMLCannotHoldCountAsControlCharacters() {
        XCTAssertTrue(InputDiscovery.holdsControlCharacters("a\u{FFFE}b"))
        XCTAssertTrue(InputDiscovery.holdsControlCharacters("a\u{FFFF}"))
        XCTAssertFalse(InputDiscovery.holdsControlCharacters("caf\u{E9} \u{FFFD}"))
    }

    func testAMissingInputIsAnError() {
        XCTAssertThrowsError(try InputDiscovery.files(["/nonexistent/warta-input"])) { error in
            XCTAssertTrue("\(error)".contains("no such file or folder"), "\(error)")
        }
    }

    /// The compact file list (what `warta run` holds for the whole run) gives the paths, ids and order of
    /// a plain listing sorted by id as `String`s: nested folders, a name that sorts before a folder's
    /// files, non-ASCII names in composed and decomposed form, a folder given with a final slash and
    /// given twice, a file given directly.
    func testTheCompactListGivesThePathsIdsAndOrderOfAPlainListing() throws {
        let dir = try temporaryDirectory(self)
        let fm = FileManager.default
        let names = [
            "b.txt", "a b.txt", "a/x.txt", "a-b.txt", "a/b/c.txt", "Zeta.txt", "caf\u{E9}.txt", "cafe\u{301} 2.txt",
            "\u{C5}land.txt", "A\u{30A}bo.txt", "\u{C5}a.txt", "A\u{30A}z.txt", "z/\u{1F600}.txt", "10.txt", "9.txt",
            "n.md"
        ]
        for path in names {
            let url = dir.appendingPathComponent(path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("Pemilu 2024".utf8).write(to: url)
        }
        // The listing as the discovery once built it: (path, id) pairs sorted by id.
        var plain: [(path: String, id: String)] = []
        for name in try fm.subpathsOfDirectory(atPath: dir.path) where name.hasSuffix(".txt") {
            plain.append((dir.path + "/" + name, String(name.dropLast(4))))
        }
        plain.sort { $0.id < $1.id }

        func pairs(_ items: [InputItem]) -> [String] {
            items.map { item in
                guard case .file(let path, let id) = item else { return "?" }
                return path + " | " + id
            }
        }
        let list = try InputDiscovery.fileList([dir.path]).files
        XCTAssertEqual(list.count, plain.count)
        var handedOut: [InputItem] = []
        while let item = list.next() { handedOut.append(item) }
        XCTAssertEqual(pairs(handedOut), plain.map { $0.path + " | " + $0.id })

        let slash = try InputDiscovery.files([dir.path + "/"]).items
        XCTAssertEqual(pairs(slash), plain.map { $0.path + " | " + $0.id }, "a final slash is not doubled")

        // A file given directly, then the folder (its copy of that id is left out), then the folder again.
        let direct = dir.appendingPathComponent("b.txt").path
        let twice = try InputDiscovery.files([direct, dir.path, dir.path]).items
        XCTAssertEqual(pairs(twice), [direct + " | b"] + plain.filter { $0.id != "b" }.map { $0.path + " | " + $0.id })
    }
}

extension InputDiscoveryTests {
    /// Links inside an input folder are followed by default, out of the tree too (documented);
    /// `--no-follow` skips and reports them, for runs over folders that others can write to.
    func testNoFollowSkipsSymbolicLinksInsideInputFolders() throws {
        let root = try temporaryDirectory(self)
        let input = root.appendingPathComponent("in"), outside = root.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(
            at: outside.appendingPathComponent("dir"), withIntermediateDirectories: true)
        try Data("Bupati Mimika hadir.".utf8).write(to: input.appendingPathComponent("a.txt"))
        try Data("rahasia".utf8).write(to: outside.appendingPathComponent("secret.txt"))
        try Data("rahasia".utf8).write(to: outside.appendingPathComponent("dir/b.txt"))
        XCTAssertEqual(
            symlink(outside.appendingPathComponent("secret.txt").path, input.appendingPathComponent("secret.txt").path),
            0)
        XCTAssertEqual(symlink(outside.appendingPathComponent("dir").path, input.appendingPathComponent("sub").path), 0)
        func ids(_ found: (items: [InputItem], skipped: [(path: String, reason: String)])) -> [String] {
            found.items.map {
                if case .file(_, let id) = $0 { return id }; return "?"
            }
        }
        XCTAssertEqual(ids(try InputDiscovery.files([input.path])), ["a", "secret", "sub/b"], "followed by default")
        let bin = try XCTUnwrap(EndToEndTests.binary)
        let out = root.appendingPathComponent("out")
        let result = try runProcess(bin, ["run", input.path, "--out", out.path, "--no-follow"])
        XCTAssertEqual(result.status, 0, result.stderrText)
        let records = try String(contentsOf: out.appendingPathComponent("documents.ndjson"), encoding: .utf8).split(
            separator: "\n")
        XCTAssertEqual(records.compactMap { try? jsonObject(Array($0.utf8))["id"] as? String }, ["a"])
        for name in ["secret.txt", "sub"] {
            XCTAssertTrue(
                result.stderrText.contains(
                    "skipped \(input.path)/\(name): a symbolic link, not followed (--no-follow)"), result.stderrText)
        }
    }
}

extension InputDiscoveryTests {
    /// `names(in:)` (readdir through a descriptor) lists what FileManager lists, for 1,500 names of 1 to
    /// 200 bytes. It once copied all 256 bytes of each entry's name field, past the end of a short last
    /// entry of readdir's buffer: AddressSanitizer's heap-buffer-overflow in `make asan`.
    func testFolderNamesReadThroughADescriptorAreTheFolderListing() throws {
        let dir = try temporaryDirectory(self)
        var random = SeededGenerator(state: 5)
        for i in 0..<1500 {
            let name = "\(i)-" + String(repeating: "n", count: random.below(195)) + (i % 3 == 0 ? ".txt" : "")
            XCTAssertTrue(FileManager.default.createFile(atPath: dir.appendingPathComponent(name).path, contents: nil))
        }
        let fd = open(dir.path, O_RDONLY | O_DIRECTORY)
        XCTAssertGreaterThanOrEqual(fd, 0)
        defer { close(fd) }
        let listed = try XCTUnwrap(InputDiscovery.names(in: fd))
        XCTAssertTrue(listed.allSatisfy(\.validUTF8))
        XCTAssertEqual(
            listed.map(\.name).sorted(), try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted())
    }
}
