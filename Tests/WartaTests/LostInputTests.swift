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
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
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
        XCTAssertTrue(
            result.stderrText.contains("\(b.path)/x.txt: its id 'x' is already the id of \(a.path)/x.txt"),
            result.stderrText)
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
        let created = raw.withUnsafeMutableBufferPointer { p in
            p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: p.count) { creat($0, 0o644) }
        }
        XCTAssertGreaterThanOrEqual(created, 0)
        close(created)
        let out = try temporaryDirectory(self).appendingPathComponent("out")
        let plain = try warta(["run", dir.path, "--out", out.path])
        XCTAssertEqual(plain.status, 0, plain.stderrText)
        XCTAssertEqual(try ids(out), ["A"])
        XCTAssertTrue(
            plain.stderrText.contains("its name is not valid UTF-8, so it cannot be read; rename it"), plain.stderrText)
        let strict = try warta(["run", dir.path, "--out", out.path, "--strict", "--quiet"])
        XCTAssertEqual(strict.status, 1, strict.stderrText)
    }

    /// Writes `text` into the file `name` of the folder open as `folder` (paths past PATH_MAX cannot be
    /// opened whole).
    func writeFile(in folder: Int32, _ name: String, _ text: String) {
        let file = openat(folder, name, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        XCTAssertGreaterThanOrEqual(file, 0)
        let bytes = Array(text.utf8)
        XCTAssertEqual(write(file, bytes, bytes.count), bytes.count)
        close(file)
    }

    /// A tree 20,000 folders deep crashed the run (SIGSEGV, exit 139): the walk recursed once per folder
    /// and overflowed the stack at about 13,400 (the breaker's report). The walk keeps its own stack now
    /// and goes `InputDiscovery.maxFolderDepth` (256) folders deep at most (each level holds its path:
    /// memory grew as the square of the depth): the run ends normally, the folder past the bound is
    /// reported and skipped, and the file at the top is read.
    func testATreeTwentyThousandFoldersDeepDoesNotCrashTheRun() throws {
        let dir = try folder(["top.txt": "Bupati Timika hadir."])
        let root = dir.path
        addTeardownBlock { _ = try? runProcess(URL(fileURLWithPath: "/bin/rm"), ["-rf", root]) }
        var fd = open(dir.path, O_RDONLY | O_DIRECTORY)
        XCTAssertGreaterThanOrEqual(fd, 0)
        for i in 0..<20_000 {
            XCTAssertEqual(mkdirat(fd, "d", 0o755), 0, "mkdir \(i): \(String(cString: strerror(errno)))")
            let next = openat(fd, "d", O_RDONLY | O_DIRECTORY)
            XCTAssertGreaterThanOrEqual(next, 0)
            close(fd)
            fd = next
        }
        writeFile(in: fd, "bottom.txt", "Bupati Mimika hadir.")
        close(fd)
        let out = try temporaryDirectory(self).appendingPathComponent("out")
        let result = try warta(["run", dir.path, "--out", out.path])
        XCTAssertEqual(result.status, 0, String(result.stderrText.suffix(2000)))
        XCTAssertEqual(try ids(out), ["top"])
        let skipped = Array(repeating: "d", count: InputDiscovery.maxFolderDepth + 1).joined(separator: "/")
        XCTAssertTrue(
            result.stderrText.contains(
                "skipped \(dir.path)/\(skipped): more than \(InputDiscovery.maxFolderDepth) folders below the input, not entered"
            ),
            String(result.stderrText.suffix(2000)))
    }

    /// A file 100 folders deep (about 5,000 bytes of path, past PATH_MAX) was reported as a link loop,
    /// then, once folders were known by device and inode, as a folder that cannot be opened ("File name
    /// too long"): folders are now walked and files opened through descriptors. A second file, 60 folders
    /// deep (under PATH_MAX), and one at the top are read too.
    func testADeepFileIsRead() throws {
        let dir = try folder(["top.txt": "Bupati Timika hadir."])
        // Removed with rm(1), which walks a tree of any depth (FileManager's removal does not).
        let root = dir.path
        addTeardownBlock { _ = try? runProcess(URL(fileURLWithPath: "/bin/rm"), ["-rf", root]) }
        let folders = (0..<100).map { "folder-\($0)-" + String(repeating: "x", count: 40) }
        // Made a folder at a time with mkdirat/openat: mkdir(2) on the whole path fails past PATH_MAX.
        var fd = open(dir.path, O_RDONLY | O_DIRECTORY)
        XCTAssertGreaterThanOrEqual(fd, 0)
        for (i, name) in folders.enumerated() {
            XCTAssertEqual(mkdirat(fd, name, 0o755), 0, "mkdir \(i): \(String(cString: strerror(errno)))")
            let next = openat(fd, name, O_RDONLY | O_DIRECTORY)
            XCTAssertGreaterThanOrEqual(next, 0)
            close(fd)
            fd = next
            if i == 59 || i == 99 { writeFile(in: fd, "deep.txt", "Bupati Mimika hadir di tingkat \(i + 1).") }
        }
        close(fd)
        let deep = folders.joined(separator: "/") + "/deep"
        XCTAssertGreaterThan(dir.path.utf8.count + deep.utf8.count, Int(PATH_MAX))
        let middle = folders.prefix(60).joined(separator: "/") + "/deep"
        let out = try temporaryDirectory(self).appendingPathComponent("out")
        let result = try warta(["run", dir.path, "--out", out.path, "--strict"])
        XCTAssertEqual(result.status, 0, result.stderrText)
        XCTAssertEqual(try ids(out), [deep, middle, "top"].sorted())
        let text = try String(contentsOf: out.appendingPathComponent("documents.ndjson"), encoding: .utf8)
        XCTAssertTrue(text.contains("di tingkat 100."), "the deepest file's text was read")
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
        let ids = String(decoding: result.stdout, as: UTF8.self).split(separator: "\n").compactMap {
            try? jsonObject(Array($0.utf8))["id"] as? String
        }
        XCTAssertEqual(ids, ["a", "b"])
        XCTAssertTrue(
            result.stderrText.contains("<stdin>:3: line 3: the id 'a' is already the id of line 1"), result.stderrText)
    }

    /// An empty input folder (an unmounted share) replaced every output with nothing, with `--incremental`
    /// and, until the breaker's report, without it: refused (exit 2) when the previous run has documents,
    /// unless `--allow-empty`. A first run into a new folder may be empty.
    func testAnEmptyInputFolderDoesNotWipeAPreviousRun() throws {
        for incremental in [true, false] {
            let dir = try folder(["a.txt": "Bupati Mimika hadir."])
            let out = try temporaryDirectory(self).appendingPathComponent("out")
            let mode = incremental ? ["--incremental"] : []
            XCTAssertEqual(try warta(["run", dir.path, "--out", out.path, "--quiet"]).status, 0)
            try FileManager.default.removeItem(at: dir.appendingPathComponent("a.txt"))
            let refused = try warta(["run", dir.path, "--out", out.path] + mode)
            XCTAssertEqual(refused.status, 2, "\(mode): \(refused.stderrText)")
            XCTAssertTrue(
                refused.stderrText.contains("no input files, and the previous run in \(out.path) has documents"),
                refused.stderrText)
            XCTAssertEqual(try ids(out), ["a"], "\(mode): the previous outputs stay")
            let allowed = try warta(["run", dir.path, "--out", out.path, "--allow-empty", "--quiet"] + mode)
            XCTAssertEqual(allowed.status, 0, allowed.stderrText)
            XCTAssertEqual(try ids(out), [])
            let fresh = try temporaryDirectory(self).appendingPathComponent("fresh")
            let first = try warta(["run", dir.path, "--out", fresh.path, "--quiet"] + mode)
            XCTAssertEqual(first.status, 0, "\(mode): a first run may be empty: \(first.stderrText)")
            XCTAssertEqual(try ids(fresh), [])
        }
    }
}

extension LostInputTests {
    /// The empty-folder guard had gaps (the breaker's report): a stdin of nothing (`< /dev/null`, blank
    /// lines), a closed stdin, and a run whose every input failed (too large, binary) each replaced a
    /// previous run's documents with none (or one empty `stdin` record), with or without `--incremental`.
    /// Each is refused now (exit 2, the previous outputs stay) unless `--allow-empty`; a blank plain stdin
    /// is no document at all (`--out -` prints nothing).
    func testNoRunThatWritesNoDocumentWipesAPreviousRun() throws {
        let bin = try BuiltBinary.require().path
        let dir = try folder(["a.txt": "Bupati Mimika hadir di Timika."])
        let out = try temporaryDirectory(self).appendingPathComponent("out")
        XCTAssertEqual(try warta(["run", dir.path, "--out", out.path, "--quiet"]).status, 0)
        let pipeline = Repo.defaultPipeline.path
        let cases: [(String, String)] = [
            ("'\(bin)' run - --out '\(out.path)' --pipeline '\(pipeline)' < /dev/null", "no document was read"),
            ("printf '\\n  \\n' | '\(bin)' run - --out '\(out.path)' --pipeline '\(pipeline)'", "no document was read"),
            ("'\(bin)' run - --out '\(out.path)' --pipeline '\(pipeline)' <&-", "every input failed (1)"),
            (
                "'\(bin)' run '\(dir.path)' --out '\(out.path)' --pipeline '\(pipeline)' --max-document-bytes 10",
                "every input failed (1)"
            ),
            (
                "'\(bin)' run '\(dir.path)' --out '\(out.path)' --pipeline '\(pipeline)' --max-document-bytes 10 --incremental",
                "every input failed (1)"
            )
        ]
        for (command, why) in cases {
            let result = try runProcess(URL(fileURLWithPath: "/bin/bash"), ["-c", command])
            XCTAssertEqual(result.status, 2, "\(command): \(result.stderrText)")
            XCTAssertTrue(
                result.stderrText.contains("\(why), and the previous run in \(out.path) has documents"),
                "\(command): \(result.stderrText)")
            XCTAssertEqual(try ids(out), ["a"], "\(command): the previous outputs stay")
        }
        let none = try runProcess(
            URL(fileURLWithPath: "/bin/bash"),
            ["-c", "'\(bin)' run - --out - --pipeline '\(pipeline)' --quiet < /dev/null"])
        XCTAssertEqual(none.status, 0, none.stderrText)
        XCTAssertEqual(none.stdout.count, 0, "a blank stdin is no document")
        let allowed = try runProcess(
            URL(fileURLWithPath: "/bin/bash"),
            ["-c", "'\(bin)' run - --out '\(out.path)' --pipeline '\(pipeline)' --allow-empty --quiet < /dev/null"])
        XCTAssertEqual(allowed.status, 0, allowed.stderrText)
        XCTAssertEqual(try ids(out), [])
    }
}

extension LostInputTests {
    /// File and folder names holding control characters (tab, newline, ESC, DEL, a C1 control) gave ids
    /// that the NDJSON escaped and the XML dropped, so one document had two ids (#21.12; a stdin id with
    /// one was already refused). Such an input fails, named with its path escaped, and no output (NDJSON,
    /// XML, manifest, `--emit` lines, run.json, the report, text and JSON log lines) carries a raw control
    /// character or an id that differs between them.
    func testFileNamesWithControlCharactersFailAndNoOutputCarriesThem() throws {
        let names = [
            "tab\there.txt", "new\nline.txt", "esc\u{1B}[2Kcode.txt", "del\u{7F}.txt", "nel\u{85}.txt",
            "sub\u{1}dir/inner.txt"
        ]
        var files = ["ok.txt": "Bupati Mimika hadir di Timika."]
        for name in names { files[name] = "Bupati Timika hadir." }
        let dir = try folder(files)
        let out = try temporaryDirectory(self).appendingPathComponent("out")
        let result = try warta(["run", dir.path, "--out", out.path, "--emit", "entities"])
        XCTAssertEqual(result.status, 1, "each such input fails: \(result.stderrText)")
        XCTAssertEqual(try ids(out), ["ok"])

        // Text log lines: one line per message, each starting with `warta:`, no raw control byte.
        let lines = result.stderrText.split(separator: "\n")
        XCTAssertTrue(lines.allSatisfy { $0.hasPrefix("warta: ") }, result.stderrText)
        XCTAssertFalse(
            result.stderr.contains { ($0 < 0x20 && $0 != 0x0A) || $0 == 0x7F }, "raw control bytes on stderr")
        XCTAssertEqual(
            lines.filter { $0.contains("its path holds control characters") }.count, names.count, result.stderrText)
        XCTAssertTrue(
            result.stderrText.contains("esc\\u{1B}[2Kcode.txt: its path holds control characters"), result.stderrText)

        // run.json lists each with its true path.
        let report = try jsonObject(Array(try Data(contentsOf: out.appendingPathComponent("run.json"))))
        let problems = try XCTUnwrap(report["problems"] as? [[String: Any]])
        XCTAssertEqual(Set(problems.compactMap { $0["source"] as? String }), Set(names.map { dir.path + "/" + $0 }))

        // Every output file: no raw C0 control but the line end, no DEL, no C1 control.
        func assertClean(_ url: URL) throws {
            let bytes = Array(try Data(contentsOf: url))
            XCTAssertFalse(
                bytes.contains { ($0 < 0x20 && $0 != 0x0A && $0 != 0x09) || $0 == 0x7F },
                "raw control byte in \(url.lastPathComponent)")
            XCTAssertFalse(
                String(decoding: bytes, as: UTF8.self).unicodeScalars.contains { (0x80...0x9F).contains($0.value) },
                "C1 control in \(url.lastPathComponent)")
        }
        // (run.json names the failed inputs by their true paths: JSON escapes C0 controls there, and DEL
        // and C1 controls are valid JSON as they are, as JSONSerialization writes them.)
        for name in ["documents.ndjson", "documents.xml", "entities.ndjson", "manifest.json"] {
            try assertClean(out.appendingPathComponent(name))
        }
        let manifest = String(
            decoding: try Data(contentsOf: out.appendingPathComponent("manifest.json")), as: UTF8.self)
        XCTAssertFalse(
            manifest.contains("here") || manifest.contains("line") || manifest.contains("inner"),
            "only ok.txt is in the manifest")
        if let xmllint = which("xmllint") {
            let lint = try runProcess(xmllint, ["--noout", out.appendingPathComponent("documents.xml").path])
            XCTAssertEqual(lint.status, 0, lint.stderrText)
        }
        let emitted = String(
            decoding: try Data(contentsOf: out.appendingPathComponent("entities.ndjson")), as: UTF8.self)
        XCTAssertTrue(
            emitted.split(separator: "\n").allSatisfy { (try? jsonObject(Array($0.utf8)))?["doc"] as? String == "ok" },
            emitted)

        // The report shows the failed inputs with control pictures in place of the characters.
        XCTAssertEqual(try warta(["report", out.path, "--quiet"]).status, 0)
        let index = out.appendingPathComponent("report/index.html")
        try assertClean(index)
        XCTAssertTrue(String(decoding: try Data(contentsOf: index), as: UTF8.self).contains("esc\u{241B}[2Kcode.txt"))

        // JSON log lines: each line is one JSON object.
        let json = try warta(["run", dir.path, "--out", out.path, "--log-format", "json"])
        XCTAssertEqual(json.status, 1, json.stderrText)
        let jsonLines = json.stderrText.split(separator: "\n")
        XCTAssertGreaterThan(jsonLines.count, names.count)
        for line in jsonLines { XCTAssertNoThrow(try jsonObject(Array(line.utf8)), String(line)) }
    }
}
