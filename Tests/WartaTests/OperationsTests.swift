import Foundation
import XCTest

@testable import Warta

/// How users run warta: from cron (lock, signals, exit codes), in pipes (stdin, stdout, head), and for
/// regression diffs. Every test drives the built binary.
final class OperationsTests: XCTestCase {
    func warta(_ arguments: [String]) throws -> ProcessResult {
        try runProcess(try XCTUnwrap(EndToEndTests.binary, "warta is not built"), arguments)
    }

    func bash(_ script: String) throws -> ProcessResult {
        var env = "WARTA=\(try XCTUnwrap(EndToEndTests.binary).path)"
        env += " "
        return try runProcess(URL(fileURLWithPath: "/bin/bash"), ["-c", "export \(env); \(script)"])
    }

    func testStdinNDJSONInAndOutWithABadLineReported() throws {
        let script = """
            printf '%s\\n' '{"id":"a","text":"Ketua KPU DKI Jakarta, Wahyu Dinata mengatakan, \\"Kami siap menggelar Pemilu 2024 dengan aman dan damai,\\" ujarnya, Senin.","date":"2023-11-16","url":"https://example.test/a"}' \
              'this is not json' \
              '{"id":"b","text":"Bupati Mimika membuka kegiatan di Timika."}' | "$WARTA" run - --out -
            """
        let result = try bash(script)
        XCTAssertEqual(result.status, 1, "a malformed line makes the run exit 1: \(result.stderrText)")
        XCTAssertTrue(result.stderrText.contains("line 2"), result.stderrText)
        let lines = String(decoding: result.stdout, as: UTF8.self).split(separator: "\n")
        XCTAssertEqual(lines.count, 2)
        let a = try jsonObject(Array(lines[0].utf8))
        XCTAssertEqual(a["id"] as? String, "a")
        XCTAssertEqual((a["meta"] as? [String: Any])?["url"] as? String, "https://example.test/a")
        let senin = (a["entities"] as? [[String: Any]])?.first { $0["text"] as? String == "Senin" }
        XCTAssertEqual(senin?["norm"] as? String, "2023-11-13", "the input's date resolves a bare day name")
        XCTAssertEqual(((a["quotes"] as? [[String: Any]])?.first)?["speaker"] as? String, "Wahyu Dinata")
        XCTAssertEqual(try jsonObject(Array(lines[1].utf8))["id"] as? String, "b")
    }

    /// A live stream (`tail -f feed.ndjson | warta run - --out -`): each record comes out when its document
    /// is done, while stdin is still open. (Workers once read stdin under the runner's lock, so a worker
    /// waiting for the next line kept the finished record from being written until the next line came.)
    func testALiveStdinStreamGetsEachRecordBeforeTheNextLineArrives() throws {
        let dir = try temporaryDirectory(self)
        for jobs in [1, 2] {
            let script = """
                cd '\(dir.path)' && rm -f in out.ndjson && mkfifo in
                ( "$WARTA" run - --out - --jobs \(jobs) --quiet --pipeline '\(Repo.defaultPipeline.path)' < in > out.ndjson
                  echo "status=$?" > status ) &
                exec 3>in
                echo '{"id":"a","text":"Ketua KPU Mimika Dete Abugau hadir di Timika, Kamis (16/11/2023)."}' >&3
                for i in $(seq 1 600); do [ -s out.ndjson ] && break; sleep 0.1; done
                [ -s out.ndjson ] && echo "streamed" || echo "held back"
                echo '{"id":"b","text":"Bupati Mimika hadir."}' >&3
                exec 3>&-
                wait
                cat status; wc -l < out.ndjson
                """
            let result = try bash(script)
            let lines = String(decoding: result.stdout, as: UTF8.self).split(separator: "\n").map(String.init)
            XCTAssertEqual(lines, ["streamed", "status=0", "2"], "--jobs \(jobs): \(result.stderrText)")
        }
    }

    /// SIGTERM stops a run that is waiting for the next line of a live stdin at once (exit 130), not
    /// when the next line comes: a blocked read used to hold it until then, for hours on a quiet feed.
    func testSIGTERMStopsARunWaitingOnALiveStdin() throws {
        let dir = try temporaryDirectory(self)
        for (jobs, out) in [(1, "-"), (2, dir.appendingPathComponent("out").path)] {
            let script = """
                cd '\(dir.path)' && rm -f in records.ndjson status && mkfifo in
                "$WARTA" run - --out '\(out)' --jobs \(jobs) --quiet --pipeline '\(Repo.defaultPipeline.path)' < in > records.ndjson 2> errors.txt &
                pid=$!
                exec 3>in
                echo '{"id":"a","text":"Bupati Mimika hadir di Timika."}' >&3
                printf '{"id":"b","te' >&3
                sleep 1
                kill -TERM $pid
                for i in $(seq 1 300); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done
                if kill -0 $pid 2>/dev/null; then echo "still running"; exec 3>&-; fi
                wait $pid; echo "status=$?"
                exec 3>&-
                """
            let result = try bash(script)
            let stdout = String(decoding: result.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            XCTAssertEqual(stdout, "status=130", "--jobs \(jobs) --out \(out): \(result.stderrText)")
            let errors = try String(contentsOf: dir.appendingPathComponent("errors.txt"), encoding: .utf8)
            XCTAssertTrue(errors.contains("interrupted"), errors)
            XCTAssertFalse(errors.contains("<stdin>:2"), "the half-sent line is not reported as an input: \(errors)")
        }
    }

    /// Started with stdin, stdout or stderr closed (`2>&-`, some cron setups), warta writes the same
    /// outputs and exits 0: a closed descriptor used to be taken by the next file opened, so the log
    /// went into an output or the lock file and the run trapped. A stdin that cannot be read is a
    /// failed input (exit 1), not a crash; records for a closed stdout are an error (exit 2), not
    /// thrown away.
    func testClosedOrUnreadableStandardDescriptors() throws {
        let dir = try temporaryDirectory(self)
        let result = try bash(
            """
            "$WARTA" run seeds --out '\(dir.path)/closed-stderr' 2>&-; echo "stderr closed: $?"
            "$WARTA" run seeds --out '\(dir.path)/closed-stdout' --quiet >&-; echo "stdout closed: $?" >&2
            "$WARTA" run seeds --out '\(dir.path)/closed-stdin' --quiet <&-; echo "stdin closed: $?"
            "$WARTA" run - --out - --quiet <&- | wc -l; echo "stdin closed, read: ${PIPESTATUS[0]}"
            "$WARTA" run - --out - --quiet 0>'\(dir.path)/write-only' > /dev/null; echo "stdin write-only: $?"
            "$WARTA" run seeds --out - --quiet >&-; echo "records to a closed stdout: $?"
            """)
        let lines = String(decoding: result.stdout, as: UTF8.self).split(separator: "\n").map(String.init)
        // A closed stdin is a failed input, no record (it was an empty record, exit 0: issue 21).
        XCTAssertEqual(
            lines,
            [
                "stderr closed: 0", "stdin closed: 0", "0", "stdin closed, read: 1", "stdin write-only: 1",
                "records to a closed stdout: 2"
            ], result.stderrText)
        XCTAssertTrue(
            result.stderrText.contains("cannot write <stdout>: standard output was closed when warta started"),
            result.stderrText)
        XCTAssertTrue(result.stderrText.contains("stdout closed: 0"), result.stderrText)
        XCTAssertTrue(
            result.stderrText.contains("<stdin>: cannot read standard input: Bad file descriptor"), result.stderrText)
        for name in ["closed-stderr", "closed-stdout", "closed-stdin"] {
            for file in ["documents.ndjson", "documents.xml"] {
                XCTAssertEqual(
                    try Data(contentsOf: dir.appendingPathComponent(name).appendingPathComponent(file)),
                    try Data(contentsOf: Repo.root.appendingPathComponent("output").appendingPathComponent(file)),
                    "\(name)/\(file) is the committed output")
            }
        }
    }

    /// Standard error that cannot be written (a full disk: `2>/dev/full`; a reader that is gone): the
    /// messages are dropped and every command ends with its own status. `FileHandle.standardError.write`
    /// trapped on the failed write (exit 132), for `run` after its outputs were renamed.
    func testStandardErrorThatCannotBeWritten() throws {
        let dir = try temporaryDirectory(self)
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("bad"), withIntermediateDirectories: true)
        try Data([0x7F, 0x45, 0x4C, 0x46, 0, 0, 0, 1, 2, 0]).write(to: dir.appendingPathComponent("bad/binary.txt"))
        let result = try bash(
            """
            "$WARTA" run seeds '\(dir.path)/bad' --out '\(dir.path)/out' 2>/dev/full; echo "run, a failed input: $?"
            "$WARTA" run seeds --out '\(dir.path)/out2' 2> >(exit 0); echo "run, stderr reader gone: $?"
            "$WARTA" eval gold/seeds.ndjson '\(dir.path)/nothing' 2>/dev/full; echo "eval, unreadable: $?"
            echo '[]' | "$WARTA" dedup resolve 2>/dev/full; echo "dedup, bad line: $?"
            """)
        let lines = String(decoding: result.stdout, as: UTF8.self).split(separator: "\n").map(String.init)
        XCTAssertEqual(
            lines,
            ["run, a failed input: 1", "run, stderr reader gone: 0", "eval, unreadable: 2", "dedup, bad line: 1"],
            result.stderrText)
        let records = try String(contentsOf: dir.appendingPathComponent("out/documents.ndjson"), encoding: .utf8)
        XCTAssertEqual(records.split(separator: "\n").count, 5, "the seeds' records, the binary file failed")
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/manifest.json").path))
    }

    /// An argument that is not UTF-8 reached the commands with U+FFFD in place of its bad bytes: `--out
    /// $'out\xff'` wrote into `out\u{FFFD}` (and so did `--out $'out\xfe'`), an input folder so named was
    /// "no such file or folder". Refused as a usage error now, nothing written. (Foundation's `Process`
    /// takes arguments as Strings, so the shell passes the bytes.)
    func testAnArgumentThatIsNotUTF8IsAUsageError() throws {
        let dir = try temporaryDirectory(self)
        let bin = try XCTUnwrap(EndToEndTests.binary)
        let input = dir.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        try Data("Budi datang.\n".utf8).write(to: input.appendingPathComponent("a.txt"))
        let script = "cd '\(dir.path)' && exec \"$0\" run in --out \"$(printf 'out\\377')\" --quiet"
        let result = try runProcess(URL(fileURLWithPath: "/bin/sh"), ["-c", script, bin.path])
        XCTAssertEqual(result.status, 64, result.stderrText)
        XCTAssertTrue(
            result.stderrText.contains(
                "argument 4 ('out\u{FFFD}', U+FFFD for each byte sequence that is not UTF-8) is not UTF-8 text"),
            result.stderrText)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["in"], "nothing written")
        let accented = try runProcess(
            bin, ["run", input.path, "--out", dir.appendingPathComponent("café").path, "--quiet"])
        XCTAssertEqual(accented.status, 0, "UTF-8 beyond ASCII is fine: \(accented.stderrText)")
    }

    /// Numbers that would overflow what is computed from them (`--jobs 2305843009213693952`, `--first-line`
    /// near Int.max trapped with an arithmetic overflow, leaving temporaries) are usage errors, exit 64.
    func testOutOfRangeNumbersAreUsageErrors() throws {
        let dir = try temporaryDirectory(self)
        for args in [
            ["seeds", "--jobs", "2305843009213693952"], ["seeds", "--jobs", "0"],
            ["-", "--first-line", "9223372036854775807"],
            ["-", "--first-line", "0"], ["-", "--first-line=-5"]
        ] {
            let result = try warta(["run"] + args + ["--out", dir.appendingPathComponent("out").path])
            XCTAssertEqual(result.status, 64, "\(args): \(result.stderrText)")
            XCTAssertTrue(
                result.stderrText.contains(args[1].hasPrefix("--jobs") ? "--jobs must be" : "--first-line must be"),
                result.stderrText)
        }
        XCTAssertFalse(
            FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path), "nothing written")
    }

    /// Exit 2 means the previous run's files all still stand: a run.json or manifest.json that cannot be
    /// replaced (a folder in its place) is found before the first rename. The outputs used to be renamed
    /// first, so such a run left a new documents.ndjson beside the old report and manifest.
    func testAFileThatCannotBeReplacedLeavesThePreviousRunWhole() throws {
        let dir = try temporaryDirectory(self)
        let out = dir.appendingPathComponent("out")
        XCTAssertEqual(try warta(["run", "seeds", "--out", out.path, "--quiet"]).status, 0)
        let before = try ["documents.ndjson", "documents.xml"].map {
            try Data(contentsOf: out.appendingPathComponent($0))
        }
        let seed = try XCTUnwrap(
            try FileManager.default.contentsOfDirectory(atPath: Repo.root.appendingPathComponent("seeds").path)
                .filter { $0.hasSuffix(".txt") }.sorted().first)
        for (name, extra) in [("run.json", [String]()), ("manifest.json", ["--incremental"])] {
            let path = out.appendingPathComponent(name)
            try FileManager.default.removeItem(at: path)
            try FileManager.default.createDirectory(at: path, withIntermediateDirectories: false)
            let result = try warta(["run", "seeds/" + seed, "--out", out.path] + extra)
            XCTAssertEqual(result.status, 2, result.stderrText)
            XCTAssertTrue(
                result.stderrText.contains("cannot write \(path.path): a folder is in the way"), result.stderrText)
            let after = try ["documents.ndjson", "documents.xml"].map {
                try Data(contentsOf: out.appendingPathComponent($0))
            }
            XCTAssertEqual(after, before, "\(name) in the way: the outputs are the previous run's")
            XCTAssertEqual(
                try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.contains(".tmp-") }, [],
                "no temporaries left")
            try FileManager.default.removeItem(at: path)
            XCTAssertEqual(try warta(["run", "seeds", "--out", out.path, "--quiet"]).status, 0) // whole again
        }
    }

    /// Two inputs with one id (`a/x.txt b/x.txt`): the second is skipped, and the user is told on
    /// stderr; it used to be a debug line, so a run that dropped a named input looked complete.
    func testASkippedInputIsAWarning() throws {
        let dir = try temporaryDirectory(self)
        for sub in ["a", "b"] {
            try FileManager.default.createDirectory(
                at: dir.appendingPathComponent(sub), withIntermediateDirectories: true)
            try "Satu dua tiga.".write(
                to: dir.appendingPathComponent("\(sub)/x.txt"), atomically: true, encoding: .utf8)
        }
        // The same file given directly and inside its folder: read once, the second reported. (Two
        // different files with one id are refused: LostInputTests.)
        let result = try warta([
            "run", dir.appendingPathComponent("a/x.txt").path, dir.appendingPathComponent("a").path, "--out", "-"
        ])
        XCTAssertEqual(result.status, 0, result.stderrText)
        XCTAssertTrue(
            result.stderrText.contains(
                "warning: skipped \(dir.appendingPathComponent("a").path)/x.txt: the same file as an earlier argument's, read once"
            ), result.stderrText)
        XCTAssertEqual(result.stdout.split(separator: 0x0A).count, 1)
    }

    /// NDJSON after a UTF-8 byte order mark is NDJSON (it was read as one plain-text document made of
    /// the JSON); plain text after one is still one document, without the mark.
    func testAByteOrderMarkBeforeStdin() throws {
        let ndjson = try bash(
            "printf '\\xef\\xbb\\xbf{\"id\":\"a\",\"text\":\"Satu.\"}\\n{\"id\":\"b\",\"text\":\"Dua.\"}\\n' | \"$WARTA\" run - --out - --quiet"
        )
        XCTAssertEqual(ndjson.status, 0, ndjson.stderrText)
        let records = try ndjson.stdout.split(separator: 0x0A).map { try jsonObject($0) }
        XCTAssertEqual(records.map { $0["id"] as? String }, ["a", "b"])
        XCTAssertEqual(records.first?["text"] as? String, "Satu.")
        let plain = try bash("printf '\\xef\\xbb\\xbfMenurut Budi.' | \"$WARTA\" run - --out - --quiet")
        XCTAssertEqual(plain.status, 0, plain.stderrText)
        XCTAssertEqual(try jsonObject(plain.stdout)["text"] as? String, "Menurut Budi.")
    }

    /// SIGTERM while the records wait on a full pipe (the reader not reading): 130 once the pipe goes,
    /// as for any interrupted run. The write then failed with EPIPE, taken as the reader's quiet stop (0).
    func testASignalWhileStdoutIsBlockedIsAnInterruption() throws {
        // 200 KB of records with tokens: more than a pipe holds, so the writes block until `sleep` ends.
        let status = try bash(
            """
            ( "$WARTA" run seeds --out - --tokens --quiet; echo "status=$?" > "$TMPDIR_STATUS" ) | sleep 3 &
            sleep 1
            pkill -TERM -f -- "$WARTA run seeds --out - --tokens"
            wait
            cat "$TMPDIR_STATUS"
            """.replacingOccurrences(
                of: "$TMPDIR_STATUS", with: try temporaryDirectory(self).appendingPathComponent("status").path))
        XCTAssertEqual(String(decoding: status.stdout, as: UTF8.self), "status=130\n", status.stderrText)
    }

    /// A stdin record's other fields go into `meta` with their keys sorted, nested ones too (README).
    func testMetaKeysAreSorted() throws {
        let result = try bash(
            "printf '%s\\n' '{\"z\":{\"c\":3,\"b\":2},\"id\":\"a\",\"text\":\"Satu.\",\"a\":1}' | \"$WARTA\" run - --out - --quiet"
        )
        XCTAssertEqual(result.status, 0, result.stderrText)
        XCTAssertTrue(
            String(decoding: result.stdout, as: UTF8.self).contains(#""meta":{"a":1,"z":{"b":2,"c":3}}"#),
            String(decoding: result.stdout, as: UTF8.self))
    }

    /// With `--log-format json` every stderr line is a JSON object, the summary too (it was a plain line).
    func testJSONLogsAreJSONLines() throws {
        let dir = try temporaryDirectory(self)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("in"), withIntermediateDirectories: true)
        try "Satu dua tiga.".write(to: dir.appendingPathComponent("in/a.txt"), atomically: true, encoding: .utf8)
        try Data([0, 1, 2, 0]).write(to: dir.appendingPathComponent("in/b.txt"))
        let result = try warta([
            "run", dir.appendingPathComponent("in").path, "--out", dir.appendingPathComponent("out").path,
            "--log-format", "json"
        ])
        XCTAssertEqual(result.status, 1, result.stderrText)
        let lines = result.stderr.split(separator: 0x0A)
        XCTAssertGreaterThanOrEqual(lines.count, 2, result.stderrText)
        let objects = try lines.map { try jsonObject(Array($0)) }
        let summary = try XCTUnwrap(objects.last)
        XCTAssertEqual(summary["documents"] as? Int, 1)
        XCTAssertEqual(summary["failed"] as? Int, 1)
        XCTAssertEqual(summary["level"] as? String, "notice")
    }

    /// An input argument that is a symlink loop says so (it said "no such file or folder").
    func testASymlinkLoopArgumentSaysWhy() throws {
        let dir = try temporaryDirectory(self)
        let a = dir.appendingPathComponent("a.txt"), b = dir.appendingPathComponent("b.txt")
        try FileManager.default.createSymbolicLink(atPath: a.path, withDestinationPath: b.path)
        try FileManager.default.createSymbolicLink(atPath: b.path, withDestinationPath: a.path)
        let result = try warta(["run", a.path, "--out", "-"])
        XCTAssertEqual(result.status, 2, result.stderrText)
        XCTAssertTrue(result.stderrText.contains("\(a.path): Too many levels of symbolic links"), result.stderrText)
        let missing = try warta(["run", dir.appendingPathComponent("none.txt").path, "--out", "-"])
        XCTAssertTrue(missing.stderrText.contains("none.txt: no such file or folder"), missing.stderrText)
    }

    func testPlainTextOnStdinIsOneDocument() throws {
        let result = try bash(
            "printf 'Menurut Derek Hegemur, sosialisasi penting.\\nDia menambahkan hal lain.' | \"$WARTA\" run - --out -"
        )
        XCTAssertEqual(result.status, 0, result.stderrText)
        let record = try jsonObject(result.stdout)
        XCTAssertEqual(record["id"] as? String, "stdin")
        XCTAssertEqual(
            record["text"] as? String, "Menurut Derek Hegemur, sosialisasi penting.\nDia menambahkan hal lain.")
    }

    func testHeadOneEndsQuietlyWithStatusZero() throws {
        // 200 copies of a seed so warta is still writing when head exits.
        let input = try temporaryDirectory(self)
        let seed = try Data(contentsOf: Repo.seeds[0])
        for i in 0..<200 { try seed.write(to: input.appendingPathComponent(String(format: "doc%03d.txt", i))) }
        let result = try bash(
            "\"$WARTA\" run '\(input.path)' --out - | head -1 > /dev/null; echo \"status=${PIPESTATUS[0]}\"")
        XCTAssertEqual(
            String(decoding: result.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines), "status=0")
        XCTAssertFalse(result.stderrText.lowercased().contains("error"), result.stderrText)
    }

    func testEmitQuotesWritesFlatLines() throws {
        let result = try warta(["run", "seeds", "--out", "-", "--emit", "quotes", "--quiet"])
        XCTAssertEqual(result.status, 0, result.stderrText)
        let lines = String(decoding: result.stdout, as: UTF8.self).split(separator: "\n")
        XCTAssertEqual(lines.count, 21, "the seeds hold 21 quotes")
        for line in lines {
            let q = try jsonObject(Array(line.utf8))
            XCTAssertNotNil(q["doc"] as? String)
            XCTAssertNotNil(q["text"] as? String)
        }
        let repeated = try lines.map { try jsonObject(Array($0.utf8)) }.filter { $0["duplicate_of"] is [String: Any] }
        XCTAssertEqual(repeated.count, 1)
    }

    func testLockedOutputFolderExitsThreeAndWaitSucceeds() throws {
        let out = try temporaryDirectory(self)
        let lockPath = out.appendingPathComponent(".warta.lock").path
        let fd = open(lockPath, O_RDWR | O_CREAT, 0o644)
        XCTAssertEqual(flock(fd, LOCK_EX | LOCK_NB), 0)
        let blocked = try warta(["run", "seeds", "--out", out.path, "--quiet"])
        XCTAssertEqual(blocked.status, 3, blocked.stderrText)
        XCTAssertTrue(blocked.stderrText.contains("lock"), blocked.stderrText)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("documents.ndjson").path))
        // Released after a moment: --wait gets it.
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) {
            flock(fd, LOCK_UN); close(fd)
        }
        let waited = try warta(["run", "seeds", "--out", out.path, "--quiet", "--wait", "10"])
        XCTAssertEqual(waited.status, 0, waited.stderrText)
    }

    /// SIGINT or SIGTERM while `--wait` waits for another run's lock ends the run at once with 130 and
    /// leaves the folder alone; the signal was once noticed only when the lock came free.
    func testASignalStopsTheWaitForTheLock() throws {
        // Tenths of a second the run has to end after the signal: 2 s; 6 s under a sanitizer (`make tsan` and
        // `make asan` set WARTA_SANITIZER), which runs signal handlers late (seen under ThreadSanitizer: 1.0 s
        // after a signal in the wait for the lock, 2.5 s during loading; 0.02 s unsanitized).
        let patience = ProcessInfo.processInfo.environment["WARTA_SANITIZER"] == nil ? 20 : 60
        for sig in ["INT", "TERM"] {
            let out = try temporaryDirectory(self)
            let lockPath = out.appendingPathComponent(".warta.lock").path
            let fd = open(lockPath, O_RDWR | O_CREAT, 0o644)
            XCTAssertEqual(flock(fd, LOCK_EX | LOCK_NB), 0)
            defer { flock(fd, LOCK_UN); close(fd) }
            let script = """
                "$WARTA" run seeds --out '\(out.path)' --quiet --wait 60 2> '\(out.path)/errors.txt' &
                pid=$!
                sleep 1
                kill -\(sig) $pid
                for i in $(seq 1 \(patience)); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done
                if kill -0 $pid 2>/dev/null; then echo "still waiting"; kill -KILL $pid; fi
                wait $pid; echo "status=$?"
                """
            let result = try bash(script)
            let stdout = String(decoding: result.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            XCTAssertEqual(stdout, "status=130", "SIG\(sig): \(result.stderrText)")
            let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
            XCTAssertEqual(names, [".warta.lock", "errors.txt"], "SIG\(sig)")
        }
    }

    func testSIGTERMLeavesThePreviousOrTheNewCompleteOutput() throws {
        let input = try temporaryDirectory(self)
        let out = try temporaryDirectory(self)
        for (i, seed) in Repo.seeds.enumerated() {
            let data = try Data(contentsOf: seed)
            for k in 0..<100 { try data.write(to: input.appendingPathComponent(String(format: "%d_%03d.txt", i, k))) }
        }
        XCTAssertEqual(try warta(["run", "seeds", "--out", out.path, "--quiet"]).status, 0)
        let previous = try Data(contentsOf: out.appendingPathComponent("documents.ndjson"))
        let result = try bash(
            "\"$WARTA\" run '\(input.path)' --out '\(out.path)' --jobs 2 --quiet & pid=$!; sleep 0.3; kill -TERM $pid; wait $pid; echo \"status=$?\""
        )
        let status = String(decoding: result.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let now = try Data(contentsOf: out.appendingPathComponent("documents.ndjson"))
        let lines = String(decoding: now, as: UTF8.self).split(separator: "\n")
        if status == "status=130" {
            XCTAssertEqual(now, previous, "an interrupted run leaves the previous outputs")
        } else {
            XCTAssertEqual(status, "status=0", result.stderrText)
            XCTAssertEqual(lines.count, 500, "a finished run leaves the complete new output")
        }
        for line in lines { _ = try jsonObject(Array(line.utf8)) }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.contains(".tmp-") }
        XCTAssertEqual(leftovers, [], "no temporary files are left behind")
    }

    func testDiffReportsEqualAndChangedOutputs() throws {
        let out = try temporaryDirectory(self)
        XCTAssertEqual(try warta(["run", "seeds", "--out", out.path, "--quiet"]).status, 0)
        let same = try warta(["diff", "output", out.path])
        XCTAssertEqual(same.status, 0, String(decoding: same.stdout, as: UTF8.self))
        // Drop the first entity of the first record and change a quote's speaker.
        let lines = try String(contentsOf: out.appendingPathComponent("documents.ndjson"), encoding: .utf8).split(
            separator: "\n")
        var first = try jsonObject(Array(lines[0].utf8))
        var entities = first["entities"] as! [[String: Any]]
        let dropped = entities.removeFirst()
        first["entities"] = entities
        var quotes = first["quotes"] as! [[String: Any]]
        quotes[0]["speaker"] = "Someone Else"
        first["quotes"] = quotes
        let changed = out.appendingPathComponent("changed.ndjson")
        let edited = String(decoding: try JSONSerialization.data(withJSONObject: first), as: UTF8.self)
        try ([edited] + lines.dropFirst().map(String.init)).joined(separator: "\n").write(
            to: changed, atomically: true, encoding: .utf8)
        let diff = try warta(["diff", "output", changed.path])
        XCTAssertEqual(diff.status, 1)
        let text = String(decoding: diff.stdout, as: UTF8.self)
        XCTAssertTrue(
            text.contains("- \(dropped["type"] as! String) \(dropped["start"] as! Int)-\(dropped["end"] as! Int)"), text
        )
        XCTAssertTrue(text.contains("~ QUOTE") && text.contains("Someone Else"), text)
        let json = try warta(["diff", "output", changed.path, "--json"])
        XCTAssertEqual(try jsonObject(json.stdout)["equal"] as? Bool, false)
    }
}
