import Foundation
import XCTest

@testable import Warta

/// warta under cron, end to end on the built binary: kill -9 at any moment, overlapping runs, stale
/// temporaries, and incremental runs that give the bytes of a full run.
final class CronRunTests: XCTestCase {
    var binary: URL { get throws { try XCTUnwrap(EndToEndTests.binary, "warta is not built") } }

    func warta(_ arguments: [String]) throws -> ProcessResult { try runProcess(try binary, arguments) }

    func bash(_ script: String) throws -> ProcessResult {
        try runProcess(URL(fileURLWithPath: "/bin/bash"), ["-c", "export WARTA='\(try binary.path)'; \(script)"])
    }

    /// `count` articles made from the seeds: the title line of seed `i % 5`, then a window of three of its
    /// lines that moves with `i` (so quotes repeat across documents, in changing company), then a line of
    /// its own. Small, so that a debug build gets through thousands of them in seconds.
    static func makeCorpus(_ count: Int, in folder: URL) throws {
        let seeds = try Repo.seeds.map { url -> [String] in
            try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: true).map(
                String.init)
        }
        for i in 0..<count {
            let lines = seeds[i % seeds.count]
            let k = i / seeds.count
            var text = [lines[0]]
            for j in 0..<3 { text.append(lines[1 + (k + j) % (lines.count - 1)]) }
            text.append("Catatan redaksi nomor \(i).")
            try (text.joined(separator: "\n") + "\n").write(
                to: folder.appendingPathComponent(String(format: "doc%04d.txt", i)),
                atomically: false, encoding: .utf8)
        }
    }

    static func append(_ line: String, to file: URL) throws {
        let handle = try FileHandle(forWritingTo: file)
        handle.seekToEndOfFile()
        handle.write(Data((line + "\n").utf8))
        handle.closeFile()
    }

    func report(_ out: URL) throws -> [String: Any] {
        try jsonObject(Array(try Data(contentsOf: out.appendingPathComponent("run.json"))))
    }

    func bytes(_ out: URL, _ name: String) throws -> Data { try Data(contentsOf: out.appendingPathComponent(name)) }

    /// Checks that an output folder holds complete outputs and returns (NDJSON records, XML documents).
    func completeCounts(_ out: URL, file: StaticString = #filePath, line: UInt = #line) throws -> (Int, Int) {
        let ndjson = try bytes(out, "documents.ndjson")
        XCTAssertEqual(ndjson.last, 0x0A, "the NDJSON ends with a line end", file: file, line: line)
        var records = 0
        for l in ndjson.split(separator: 0x0A) {
            let record = try jsonObject(Array(l), file: file, line: line)
            XCTAssertNotNil(record["id"] as? String, file: file, line: line)
            records += 1
        }
        let xmlPath = out.appendingPathComponent("documents.xml").path
        if let xmllint = which("xmllint") {
            let lint = try runProcess(xmllint, ["--noout", xmlPath])
            XCTAssertEqual(
                lint.status, 0, "documents.xml is well-formed: \(lint.stderrText.prefix(300))", file: file, line: line)
        }
        let xml = String(decoding: try bytes(out, "documents.xml"), as: UTF8.self)
        XCTAssertTrue(xml.hasSuffix("</documents>\n"), "documents.xml is complete", file: file, line: line)
        return (records, xml.components(separatedBy: "\n  <document ").count - 1)
    }

    func temporaries(_ out: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.contains(".tmp-") }.sorted()
    }

    // MARK: kill -9

    /// kill -9 at ten moments of a run over 2,000 documents (0.1 s to 1.45 s after the start; full runs,
    /// which are killed while processing, alternate with incremental ones, which copy most documents and
    /// are often killed while writing or renaming): each output file is always either the previous
    /// complete one or a new complete one, the temporaries of a killed run are removed by the next run,
    /// and a last run finishes the job.
    func testKillNineAtAnyMomentLeavesCompleteOutputs() throws {
        let input = try temporaryDirectory(self)
        let out = try temporaryDirectory(self)
        let count = 2000
        try Self.makeCorpus(count, in: input)
        let first = try warta(["run", input.path, "--out", out.path, "--jobs", "2", "--quiet"])
        XCTAssertEqual(first.status, 0, first.stderrText)
        XCTAssertEqual(try completeCounts(out).0, count)

        var previous = (ndjson: try bytes(out, "documents.ndjson"), xml: try bytes(out, "documents.xml"))
        var newSets = 0
        var lastOwner: String? = nil // the pid of the last killed run whose temporaries were seen
        for i in 0..<10 {
            // Something to do for the incremental runs: one more input changed each time.
            try Self.append(
                "Perubahan ke-\(i) pada berita ini.",
                to: input.appendingPathComponent(String(format: "doc%04d.txt", i * 191)))
            let delay = 0.1 + Double(i) * 0.15
            let mode = i % 2 == 1 ? "--incremental" : ""
            let killed = try bash(
                """
                "$WARTA" run '\(input.path)' --out '\(out.path)' --jobs 2 --quiet \(mode) & pid=$!
                sleep \(delay); kill -9 $pid; wait $pid; echo "$pid $?"
                """)
            let fields = String(decoding: killed.stdout, as: UTF8.self).split(whereSeparator: \.isWhitespace)
            XCTAssertEqual(fields.count, 2, killed.stderrText)
            let pid = String(fields.first ?? "")
            // Whatever moment it was killed at: each file is the previous complete one or a new complete one.
            let now = (ndjson: try bytes(out, "documents.ndjson"), xml: try bytes(out, "documents.xml"))
            let (records, documents) = try completeCounts(out)
            XCTAssertEqual(records, count, "kill after \(delay) s: documents.ndjson is complete")
            XCTAssertEqual(documents, count, "kill after \(delay) s: documents.xml is complete")
            if now.ndjson != previous.ndjson || now.xml != previous.xml { newSets += 1 }
            previous = now
            // A run removes the temporaries of earlier killed runs before it makes its own, so those left
            // belong to one run: this killed run, or (when it was killed before it got that far: loading the
            // rules takes a while on a loaded machine) the last earlier run that made any. Never two runs'.
            let left = try temporaries(out)
            let owners = Set(left.map { String($0[$0.range(of: ".tmp-")!.upperBound...]) })
            XCTAssertLessThanOrEqual(
                owners.count, 1, "temporaries of more than one killed run are left (last pid \(pid)): \(left)")
            if let owner = owners.first, owner != pid {
                XCTAssertEqual(
                    owner, lastOwner, "\(left) belong to neither this run (\(pid)) nor the last that made any")
            }
            if let owner = owners.first { lastOwner = owner }
        }
        let last = try warta(["run", input.path, "--out", out.path, "--jobs", "2", "--quiet", "--incremental"])
        XCTAssertEqual(last.status, 0, last.stderrText)
        XCTAssertEqual(try completeCounts(out).0, count)
        XCTAssertEqual(try temporaries(out), [], "the finishing run removed the killed runs' temporaries")
        XCTAssertEqual(try report(out)["documents"] as? Int, count)
        // Every change of the loop is in the outputs now.
        let text = String(decoding: try bytes(out, "documents.ndjson"), as: UTF8.self)
        for i in 0..<10 {
            XCTAssertTrue(text.contains("Perubahan ke-\(i) pada berita ini."), "change \(i) is in the output")
        }
        print("kill -9 test: \(newSets) of 10 killed runs had already replaced the outputs")
    }

    // MARK: overlapping runs

    /// Two runs on one folder at once: the second exits 3 at once; with --wait both succeed, one after
    /// the other, and the outputs are complete.
    ///
    /// The first run reads its 200 articles as NDJSON from a FIFO, which the script only fills and closes
    /// once the second run has returned (or, with --wait, has started): it holds the lock for as long as
    /// that takes. (It used to read a folder and could finish, under load, before the second run had
    /// loaded its pipeline and asked for the lock, which then succeeded: a flaky "0 0".)
    func testTwoConcurrentRunsOnOneFolder() throws {
        let input = try temporaryDirectory(self)
        let out = try temporaryDirectory(self)
        let work = try temporaryDirectory(self)
        try Self.makeCorpus(200, in: input)
        let feed = work.appendingPathComponent("feed.ndjson")
        var lines = Data()
        for name in try FileManager.default.contentsOfDirectory(atPath: input.path).sorted() {
            let text = try String(contentsOf: input.appendingPathComponent(name), encoding: .utf8)
            lines += try JSONSerialization.data(
                withJSONObject: ["id": String(name.dropLast(4)), "text": text], options: [.sortedKeys])
            lines += Data("\n".utf8)
        }
        try lines.write(to: feed)
        let lock = out.appendingPathComponent(".warta.lock").path
        // The second starts once the first holds the lock (its pid is in the lock file); the first cannot
        // end before the FIFO is closed (so the second must not hold its write end: `3>&-`).
        func script(_ fifo: String, _ second: String) -> String {
            """
            b=; mkfifo '\(fifo)'
            "$WARTA" run - --out '\(out.path)' --jobs 1 --quiet < '\(fifo)' & a=$!
            exec 3> '\(fifo)'
            for _ in $(seq 600); do grep -qx "$a" '\(lock)' 2>/dev/null && break; sleep 0.05; done
            \(second)
            cat '\(feed.path)' >&3; exec 3>&-
            wait $a; ra=$?
            if [ -n "$b" ]; then wait $b; rb=$?; fi
            echo "$ra $rb"
            """
        }
        let overlapping = try bash(
            script(
                work.appendingPathComponent("fifo1").path,
                """
                "$WARTA" run '\(input.path)' --out '\(out.path)' --jobs 1 --quiet 3>&-; rb=$?
                """))
        XCTAssertEqual(
            String(decoding: overlapping.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines), "0 3",
            overlapping.stderrText)
        XCTAssertTrue(overlapping.stderrText.contains("holds the lock"), overlapping.stderrText)
        XCTAssertEqual(try completeCounts(out).0, 200)
        XCTAssertEqual(try report(out)["documents"] as? Int, 200, "the outputs are the first run's")

        // With --wait the second waits for the first (given a second to start and find the lock held).
        let waiting = try bash(
            script(
                work.appendingPathComponent("fifo2").path,
                """
                "$WARTA" run '\(input.path)' --out '\(out.path)' --jobs 1 --quiet --wait 120 3>&- & b=$!; sleep 1
                """))
        XCTAssertEqual(
            String(decoding: waiting.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines), "0 0",
            waiting.stderrText)
        let counts = try completeCounts(out)
        XCTAssertEqual([counts.0, counts.1], [200, 200])
        XCTAssertEqual(try temporaries(out), [])
    }

    func testStaleTemporariesAreRemovedByTheNextRun() throws {
        let out = try temporaryDirectory(self)
        for name in [".documents.ndjson.tmp-999999", ".documents.xml.tmp-1", ".manifest.json.tmp-42"] {
            try Data("half".utf8).write(to: out.appendingPathComponent(name))
        }
        try Data("kept".utf8).write(to: out.appendingPathComponent("notes.txt"))
        let result = try warta(["run", "seeds", "--out", out.path, "--quiet"])
        XCTAssertEqual(result.status, 0, result.stderrText)
        XCTAssertEqual(try temporaries(out), [])
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("notes.txt").path))
    }

    // MARK: incremental runs

    /// 3 of 1,000 inputs changed: an incremental run processes those 3, copies the other 997, and writes
    /// the bytes of a full run over the same inputs. Nothing changed: nothing processed, same bytes. A list
    /// file changed: everything processed again.
    func testIncrementalRunProcessesOnlyChangedInputsAndMatchesAFullRun() throws {
        let input = try temporaryDirectory(self)
        let pipelines = try temporaryDirectory(self).appendingPathComponent("pipelines")
        try FileManager.default.copyItem(at: Repo.pipelines, to: pipelines)
        let pipeline = pipelines.appendingPathComponent("default.yaml").path
        let out = try temporaryDirectory(self)
        let full = try temporaryDirectory(self)
        try Self.makeCorpus(1000, in: input)
        func run(_ folder: URL, _ extra: [String] = ["--incremental"]) throws -> [String: Any] {
            let result = try warta(
                ["run", input.path, "--out", folder.path, "--pipeline", pipeline, "--jobs", "2", "--quiet"] + extra)
            XCTAssertEqual(result.status, 0, result.stderrText)
            return try report(folder)
        }
        func counts(_ r: [String: Any]) -> [Int?] {
            [r["processed"] as? Int, r["carried_over"] as? Int, r["reprocessed"] as? Int, r["documents"] as? Int]
        }

        XCTAssertEqual(counts(try run(out)), [1000, 0, 0, 1000], "no manifest yet: everything is processed")
        for i in [17, 503, 998] {
            try Self.append(
                "Kegiatan itu berlangsung lancar hingga sore hari.",
                to: input.appendingPathComponent(String(format: "doc%04d.txt", i)))
        }
        XCTAssertEqual(counts(try run(out)), [3, 997, 0, 1000], "only the 3 changed inputs are processed")
        _ = try run(full, [])
        for name in ["documents.ndjson", "documents.xml"] {
            XCTAssertTrue(try bytes(out, name) == bytes(full, name), "\(name) of the incremental run is the full run's")
        }

        XCTAssertEqual(counts(try run(out)), [0, 1000, 0, 1000], "nothing changed: nothing is processed")
        for name in ["documents.ndjson", "documents.xml"] {
            XCTAssertTrue(
                try bytes(out, name) == bytes(full, name), "\(name) unchanged by a run that carries everything over")
        }

        // A list file changes (a comment: the results stay the same, but the configuration hash does not).
        try Self.append("# touched", to: pipelines.appendingPathComponent("lists/pronouns.txt"))
        XCTAssertEqual(counts(try run(out)), [1000, 0, 0, 1000], "a changed list file: everything is processed again")
        XCTAssertTrue(try bytes(out, "documents.ndjson") == bytes(full, "documents.ndjson"))
    }

    /// The cross-document dedup under incremental runs: an early document changes which quotes are
    /// originals, an input is deleted and one is added. The unchanged documents whose quotes now point
    /// elsewhere are processed again, and every output (the flat quote lines too) is the full run's bytes.
    func testIncrementalRunKeepsCrossDocumentDedupExact() throws {
        let input = try temporaryDirectory(self)
        let out = try temporaryDirectory(self)
        let full = try temporaryDirectory(self)
        try Self.makeCorpus(60, in: input)
        func run(_ folder: URL, _ extra: [String]) throws -> [String: Any] {
            let result = try warta(
                ["run", input.path, "--out", folder.path, "--emit", "quotes", "--jobs", "2", "--quiet"] + extra)
            XCTAssertEqual(result.status, 0, result.stderrText)
            return try report(folder)
        }
        _ = try run(out, ["--incremental"])
        // doc0000 takes the quote-bearing lines of the documents after it, so it holds the originals now;
        // doc0007 is deleted; doc0030a is new.
        let later =
            try String(contentsOf: input.appendingPathComponent("doc0005.txt"), encoding: .utf8)
            + String(contentsOf: input.appendingPathComponent("doc0011.txt"), encoding: .utf8)
        try later.write(to: input.appendingPathComponent("doc0000.txt"), atomically: false, encoding: .utf8)
        try FileManager.default.removeItem(at: input.appendingPathComponent("doc0007.txt"))
        try FileManager.default.copyItem(
            at: input.appendingPathComponent("doc0003.txt"), to: input.appendingPathComponent("doc0030a.txt"))

        let summary = try run(out, ["--incremental"])
        _ = try run(full, [])
        XCTAssertEqual(summary["documents"] as? Int, 60)
        XCTAssertEqual(summary["processed"] as? Int, 2, "the changed and the new input")
        XCTAssertGreaterThan(
            summary["reprocessed"] as? Int ?? 0, 0, "quotes of unchanged documents now point at doc0000")
        for name in ["documents.ndjson", "documents.xml", "quotes.ndjson"] {
            XCTAssertTrue(try bytes(out, name) == bytes(full, name), "\(name) of the incremental run is the full run's")
        }
        let ndjson = String(decoding: try bytes(out, "documents.ndjson"), as: UTF8.self)
        XCTAssertFalse(ndjson.contains("\"id\":\"doc0007\""), "a deleted input's record leaves the outputs")
        XCTAssertTrue(ndjson.contains("\"duplicate_of\":{\"doc\":\"doc0000\""), "later quotes repeat doc0000's now")
    }

    /// A run killed between the rename of its outputs and of its manifest leaves a manifest that does not
    /// describe the outputs: the next incremental run notices and processes everything.
    func testManifestOutOfStepWithTheOutputsMeansAFullRun() throws {
        let out = try temporaryDirectory(self)
        XCTAssertEqual(try warta(["run", "seeds", "--out", out.path, "--quiet"]).status, 0)
        let complete = try bytes(out, "documents.ndjson")
        try Self.append("{}", to: out.appendingPathComponent("documents.ndjson"))
        let result = try warta(["run", "seeds", "--out", out.path, "--incremental", "--log-level", "info"])
        XCTAssertEqual(result.status, 0, result.stderrText)
        XCTAssertTrue(
            result.stderrText.contains("documents.ndjson is not the one the manifest describes"), result.stderrText)
        XCTAssertEqual(try report(out)["processed"] as? Int, 5)
        XCTAssertTrue(try bytes(out, "documents.ndjson") == complete)
    }

    /// A folder last written with `--skip-dedup` has no dedup records to replay: the incremental run
    /// says so and does a full run (it once stopped with exit 2).
    func testAManifestWithoutDedupRecordsMeansAFullRun() throws {
        let out = try temporaryDirectory(self)
        XCTAssertEqual(try warta(["run", "seeds", "--out", out.path, "--quiet"]).status, 0)
        let complete = try bytes(out, "documents.ndjson")
        XCTAssertEqual(try warta(["run", "seeds", "--out", out.path, "--quiet", "--skip-dedup"]).status, 0)
        let result = try warta(["run", "seeds", "--out", out.path, "--incremental", "--log-level", "info"])
        XCTAssertEqual(result.status, 0, result.stderrText)
        XCTAssertTrue(result.stderrText.contains("kept no dedup record"), result.stderrText)
        XCTAssertEqual(try report(out)["processed"] as? Int, 5)
        XCTAssertTrue(try bytes(out, "documents.ndjson") == complete)
    }

    /// Edits `documents[1]` of the manifest in `out` (the outputs stay as they are).
    func editSecondEntry(_ out: URL, _ change: (inout [String: Any]) throws -> Void) throws {
        let path = out.appendingPathComponent("manifest.json")
        var object = try jsonObject(Array(try Data(contentsOf: path)))
        var entries = try XCTUnwrap(object["documents"] as? [[String: Any]])
        try change(&entries[1])
        object["documents"] = entries
        try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]).write(
            to: path)
    }

    /// A damaged manifest (fragments that do not tile the outputs, a stage record cut short) means a
    /// full run with the bytes of a full run: it once trapped (exit 132), aborted (134), copied broken
    /// records into the outputs with exit 0, or stopped with a misleading output error (exit 2).
    func testADamagedManifestMeansAFullRun() throws {
        let edits: [(String, String, (inout [String: Any]) throws -> Void)] = [
            (
                "negative length", "do not match the file",
                { entry in
                    var f = try XCTUnwrap(entry["fragments"] as? [String: [Int]]); f["documents.ndjson"]![1] = -1;
                    entry["fragments"] = f
                }
            ),
            (
                "huge length", "do not match the file",
                { entry in
                    var f = try XCTUnwrap(entry["fragments"] as? [String: [Int]]); f["documents.ndjson"]![1] = 1 << 62;
                    entry["fragments"] = f
                }
            ),
            (
                "shifted offset", "do not match the file",
                { entry in
                    var f = try XCTUnwrap(entry["fragments"] as? [String: [Int]]); f["documents.ndjson"]![0] += 3;
                    entry["fragments"] = f
                }
            ),
            (
                "cut dedup record", "dedup record",
                { entry in
                    var s = try XCTUnwrap(entry["stages"] as? [String: String])
                    s["dedup"] = try XCTUnwrap(Data(base64Encoded: s["dedup"]!)).dropLast(2).base64EncodedString()
                    entry["stages"] = s
                }
            )
        ]
        for (name, reason, edit) in edits {
            let out = try temporaryDirectory(self)
            XCTAssertEqual(try warta(["run", "seeds", "--out", out.path, "--quiet"]).status, 0, name)
            let complete = try bytes(out, "documents.ndjson")
            try editSecondEntry(out, edit)
            let result = try warta(["run", "seeds", "--out", out.path, "--incremental", "--log-level", "info"])
            XCTAssertEqual(result.status, 0, "\(name): \(result.stderrText)")
            XCTAssertTrue(result.stderrText.contains(reason), "\(name): \(result.stderrText)")
            XCTAssertEqual(try report(out)["processed"] as? Int, 5, name)
            XCTAssertTrue(try bytes(out, "documents.ndjson") == complete, name)
        }
    }
}

extension CronRunTests {
    /// The lock message shows the pid the lock file names, and only a valid one: a file holding garbage (a
    /// sparse file, `pid 15464` then NULs) was shown as it was, NULs and all.
    func testTheLockMessageShowsOnlyAValidPid() throws {
        XCTAssertEqual(OutputLock.Held.holder(in: Array("15464\n".utf8)), "15464")
        XCTAssertEqual(OutputLock.Held.holder(in: Array(" 15464 \r\n\0\0".utf8)), "15464")
        XCTAssertEqual(OutputLock.Held.holder(in: Array("pid 15464\n\0\0\0".utf8)), "")
        XCTAssertEqual(OutputLock.Held.holder(in: Array("15464\0\0".utf8)), "")
        XCTAssertEqual(OutputLock.Held.holder(in: Array("".utf8)), "")
        XCTAssertEqual(OutputLock.Held.holder(in: Array("12345678901".utf8)), "")
        let dir = try temporaryDirectory(self)
        let result = try bash(
            """
            cd '\(dir.path)' && mkdir out && printf 'pid 15464\\n' > out/.warta.lock && truncate -s 4096 out/.warta.lock
            exec 9<>out/.warta.lock && flock -n 9 || echo "could not take the lock"
            "$WARTA" run '\(Repo.seedsDirectory.path)' --out out --quiet --pipeline '\(Repo.defaultPipeline.path)' 9>&-
            echo "status=$?"
            """)
        let stdout = String(decoding: result.stdout, as: UTF8.self)
        XCTAssertTrue(stdout.contains("status=3"), stdout + result.stderrText)
        XCTAssertTrue(result.stderrText.contains("(the lock file names no valid pid)"), result.stderrText)
        XCTAssertFalse(result.stderrText.contains("\0"), result.stderrText)
        XCTAssertFalse(result.stderrText.contains("pid 15464"), result.stderrText)
    }
}
