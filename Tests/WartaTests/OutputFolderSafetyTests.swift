import Foundation
import XCTest

@testable import Warta

/// An output folder that others can write to (a shared folder, a cron job run as root): what warta
/// finds there must never make it write, truncate or delete a file that is not its own, nor hang.
final class OutputFolderSafetyTests: XCTestCase {
    func warta(_ arguments: [String]) throws -> ProcessResult {
        try runProcess(try XCTUnwrap(EndToEndTests.binary, "warta is not built"), arguments)
    }

    /// One small input folder.
    func input() throws -> URL {
        let dir = try temporaryDirectory(self).appendingPathComponent("in")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Data("Bupati Mimika membuka kegiatan di Timika.\n".utf8).write(to: dir.appendingPathComponent("a.txt"))
        return dir
    }

    /// `ln -s victim OUT/.warta.lock` made a run truncate the victim and write its PID into it.
    func testALockThatIsASymlinkOrAHardLinkIsRefusedAndItsTargetLeftAlone() throws {
        let input = try input()
        let dir = try temporaryDirectory(self)
        let victim = dir.appendingPathComponent("victim.txt")
        for link in ["symlink", "hardlink"] {
            try Data("precious\n".utf8).write(to: victim)
            let out = dir.appendingPathComponent("out-\(link)")
            try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
            let lock = out.appendingPathComponent(".warta.lock").path
            if link == "symlink" {
                XCTAssertEqual(symlink(victim.path, lock), 0)
            } else {
                XCTAssertEqual(Glibc.link(victim.path, lock), 0)
            }
            let result = try warta(["run", input.path, "--out", out.path, "--quiet"])
            XCTAssertEqual(result.status, 2, result.stderrText)
            XCTAssertTrue(result.stderrText.contains(".warta.lock"), result.stderrText)
            XCTAssertTrue(
                result.stderrText.contains(link == "symlink" ? "symbolic link" : "hard links"), result.stderrText)
            XCTAssertEqual(
                try String(contentsOf: victim, encoding: .utf8), "precious\n", "\(link): the target is untouched")
            XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("documents.ndjson").path))
        }
    }

    /// A symlink planted where an output's temporary will be (`.NAME.tmp-PID`, the PID guessed): the
    /// temporary is created anew (O_EXCL), the link's target is not written.
    func testATemporaryPathThatIsASymlinkIsReplacedNotFollowed() throws {
        let dir = try temporaryDirectory(self)
        let victim = dir.appendingPathComponent("victim.txt")
        try Data("precious\n".utf8).write(to: victim)
        let out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        XCTAssertEqual(symlink(victim.path, out.appendingPathComponent(".x.ndjson.tmp-\(getpid())").path), 0)
        let file = try OutputFile(path: out.appendingPathComponent("x.ndjson").path)
        try file.write(Array("new\n".utf8))
        try file.commit()
        XCTAssertEqual(try String(contentsOf: victim, encoding: .utf8), "precious\n")
        XCTAssertEqual(try String(contentsOf: out.appendingPathComponent("x.ndjson"), encoding: .utf8), "new\n")
    }
}

extension OutputFolderSafetyTests {
    /// A normal run removed `OUT/.backup.tmp-2024` and `OUT/.notes.tmp-3`: only `.NAME.tmp-PID` for the
    /// names warta writes is its own.
    func testStaleTemporaryCleanUpRemovesOnlyWartasOwnNames() throws {
        let input = try input()
        let out = try temporaryDirectory(self).appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let users = [".backup.tmp-2024", ".notes.tmp-3", ".documents.ndjson.tmp-12x", ".documents.ndjson.old.tmp-5"]
        let stale = [
            ".documents.ndjson.tmp-999999", ".run.json.tmp-1", ".quotes.ndjson.tmp-42", ".clusters.ndjson.tmp-7"
        ]
        for name in users + stale { try Data("x".utf8).write(to: out.appendingPathComponent(name)) }
        let result = try warta(["run", input.path, "--out", out.path, "--quiet"])
        XCTAssertEqual(result.status, 0, result.stderrText)
        for name in users {
            XCTAssertTrue(
                FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), "\(name) is the user's")
        }
        for name in stale {
            XCTAssertFalse(
                FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), "\(name) is stale")
        }
    }
}

extension OutputFolderSafetyTests {
    /// `--incremental` hung (and ignored SIGTERM) when `OUT/documents.ndjson` was a FIFO or a link to
    /// /dev/zero: a previous output that is not a regular file makes a full run, at once.
    func testIncrementalRunOverAFIFOOrALinkToDevZeroMakesAFullRun() throws {
        let input = try input()
        let bin = try XCTUnwrap(EndToEndTests.binary)
        let out = try temporaryDirectory(self).appendingPathComponent("out")
        let first = try warta(["run", input.path, "--out", out.path, "--quiet"])
        XCTAssertEqual(first.status, 0, first.stderrText)
        let full = try Data(contentsOf: out.appendingPathComponent("documents.ndjson"))
        for plant in ["mkfifo documents.ndjson", "ln -s /dev/zero documents.ndjson", "ln -s /dev/zero documents.xml"] {
            // `timeout` only keeps a regression from hanging the suite; it measures nothing.
            let script = """
                cd '\(out.path)' && rm -f documents.ndjson documents.xml && \(plant) && \
                timeout -s KILL 60 '\(bin.path)' run '\(input.path)' --out '\(out.path)' --incremental --log-level info \\
                  --pipeline '\(Repo.defaultPipeline.path)'
                """
            let result = try runProcess(URL(fileURLWithPath: "/bin/bash"), ["-c", script])
            XCTAssertTrue(result.stderrText.contains("processing every input"), result.stderrText)
            if plant.hasPrefix("mkfifo") {
                // A FIFO in an output's place is not replaced (exit 2, as a folder there is), but at once.
                XCTAssertEqual(result.status, 2, "\(plant): \(result.stderrText)")
                XCTAssertTrue(
                    result.stderrText.contains("documents.ndjson: something that is not a file is in the way"),
                    result.stderrText)
            } else {
                XCTAssertEqual(result.status, 0, "\(plant): \(result.stderrText)")
                XCTAssertEqual(try Data(contentsOf: out.appendingPathComponent("documents.ndjson")), full, plant)
            }
        }
    }
}

extension OutputFolderSafetyTests {
    /// `entities.ndjson` of a run with `--emit entities` stayed beside the outputs of a later run
    /// without `--emit` (or with another kind), describing documents that may have changed.
    func testAnEmitFileOfAnEarlierRunDoesNotOutliveIt() throws {
        let input = try input()
        let out = try temporaryDirectory(self).appendingPathComponent("out")
        XCTAssertEqual(try warta(["run", input.path, "--out", out.path, "--quiet", "--emit", "entities"]).status, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("entities.ndjson").path))
        XCTAssertEqual(try warta(["run", input.path, "--out", out.path, "--quiet", "--emit", "quotes"]).status, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("entities.ndjson").path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("quotes.ndjson").path))
        XCTAssertEqual(try warta(["run", input.path, "--out", out.path, "--quiet", "--emit", "clusters"]).status, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("quotes.ndjson").path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("clusters.ndjson").path))
        XCTAssertEqual(try warta(["run", input.path, "--out", out.path, "--quiet"]).status, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("clusters.ndjson").path))
        // A user's own file of another name stays.
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("documents.ndjson").path))
    }
}
