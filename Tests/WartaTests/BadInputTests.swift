import Foundation
import XCTest

@testable import Warta

/// Broken input of every kind a nightly run over scraped news meets, each run through the built `warta`
/// binary into a fresh output folder. Whatever the input: no crash, every NDJSON line valid JSON, the XML
/// well-formed and valid against schema/warta.xsd (libxml2 in-process, and `xmllint` when installed),
/// the exit code from the README's table, and what was skipped or replaced reported in run.json.
final class BadInputTests: XCTestCase {

    // MARK: Harness

    struct Run {
        var result: ProcessResult
        var out: URL
        var records: [[String: Any]]
        var report: [String: Any]
        var problems: [[String: Any]] { report["problems"] as? [[String: Any]] ?? [] }
        var warnings: [[String: Any]] { report["warnings"] as? [[String: Any]] ?? [] }
        var skipped: [[String: Any]] { report["skipped"] as? [[String: Any]] ?? [] }
        func record(_ id: String) -> [String: Any]? { records.first { $0["id"] as? String == id } }
        func text(_ id: String) -> String? { record(id)?["text"] as? String }
    }

    func binary() throws -> URL { try XCTUnwrap(EndToEndTests.binary, "warta is not built: run `swift build` first") }

    /// A folder holding `files` (name → bytes).
    func inputFolder(_ files: [String: [UInt8]]) throws -> URL {
        let dir = try temporaryDirectory(self).appendingPathComponent("in")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, bytes) in files { try Data(bytes).write(to: dir.appendingPathComponent(name)) }
        return dir
    }

    /// `warta run INPUTS --out OUT` (stdin from `stdin` when given), then every output checked.
    func run(
        _ inputs: [String], stdin: [UInt8]? = nil, pipeline: String = Repo.defaultPipeline.path,
        extra: [String] = [], expectStatus: Int32, file: StaticString = #filePath, line: UInt = #line
    ) throws -> Run {
        let out = try temporaryDirectory(self).appendingPathComponent("out")
        let arguments =
            ["run"] + inputs + ["--pipeline", pipeline, "--out", out.path, "--jobs", "2", "--tokens"] + extra
        let result: ProcessResult
        if let stdin {
            let stdinFile = try temporaryDirectory(self).appendingPathComponent("stdin")
            try Data(stdin).write(to: stdinFile)
            let quoted = arguments.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(
                separator: " ")
            result = try runProcess(
                URL(fileURLWithPath: "/bin/bash"),
                ["-c", "'\(try binary().path)' \(quoted) < '\(stdinFile.path)'"])
        } else {
            result = try runProcess(try binary(), arguments)
        }
        XCTAssertEqual(result.status, expectStatus, "exit status; stderr: \(result.stderrText)", file: file, line: line)
        XCTAssertFalse(result.stderrText.contains("Fatal error"), result.stderrText, file: file, line: line)
        let records = try Self.checkOutputs(out, file: file, line: line)
        let reportData = try Data(contentsOf: out.appendingPathComponent("run.json"))
        let report = try XCTUnwrap(
            try JSONSerialization.jsonObject(with: reportData) as? [String: Any], file: file, line: line)
        XCTAssertEqual(
            report["documents"] as? Int, records.count, "run.json counts the records", file: file, line: line)
        return Run(result: result, out: out, records: records, report: report)
    }

    /// Every line of documents.ndjson parsed on its own; documents.xml well-formed and valid. Returns the records.
    static func checkOutputs(_ out: URL, file: StaticString = #filePath, line: UInt = #line) throws -> [[String: Any]] {
        let ndjson = try Data(contentsOf: out.appendingPathComponent("documents.ndjson"))
        var records: [[String: Any]] = []
        if !ndjson.isEmpty {
            XCTAssertEqual(ndjson.last, 0x0A, "the NDJSON ends with a line end", file: file, line: line)
            for (i, recordLine) in ndjson.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast()
                .enumerated()
            {
                do {
                    records.append(try jsonObject(recordLine, file: file, line: line))
                } catch {
                    XCTFail("documents.ndjson line \(i + 1) is not valid JSON: \(error)", file: file, line: line)
                }
            }
        }
        for record in records {
            // Offsets stay inside the text, whatever the input.
            let count = (record["text"] as? String ?? "").unicodeScalars.count
            for key in ["sentences", "entities", "quotes", "tokens"] {
                for span in record[key] as? [[String: Any]] ?? [] {
                    let s = span["start"] as? Int ?? -1, e = span["end"] as? Int ?? -1
                    XCTAssertTrue(
                        0 <= s && s <= e && e <= count, "\(key) span \(s)..<\(e) outside a text of \(count)",
                        file: file, line: line)
                }
            }
        }
        let xml = out.appendingPathComponent("documents.xml")
        // libxml2's XSD validation is quadratic in the length of one text node (it grows the text with
        // xmlStrncat): a multi-megabyte <text> is checked for well-formedness only, by xmllint.
        let size = (try? FileManager.default.attributesOfItem(atPath: xml.path)[.size] as? Int) ?? 0
        if size > 2 << 20 {
            if let xmllint = which("xmllint") {
                let lint = try runProcess(xmllint, ["--noout", "--huge", xml.path])
                XCTAssertEqual(lint.status, 0, "xmllint: \(lint.stderrText)", file: file, line: line)
            }
            return records
        }
        // libxml2 parses the file (so it is well-formed) and validates it against the XSD.
        XCTAssertNil(
            XMLSink.validate(file: xml.path, schema: Repo.schema.path), "documents.xml against the XSD", file: file,
            line: line)
        if let xmllint = which("xmllint") {
            let lint = try runProcess(xmllint, ["--noout", "--schema", Repo.schema.path, xml.path])
            XCTAssertEqual(lint.status, 0, "xmllint: \(lint.stderrText)", file: file, line: line)
        }
        return records
    }

    static func utf16(_ s: String, bigEndian: Bool) -> [UInt8] {
        var bytes: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
        for u in s.utf16 {
            let hi = UInt8(u >> 8), lo = UInt8(u & 0xFF)
            bytes += bigEndian ? [hi, lo] : [lo, hi]
        }
        return bytes
    }

    // MARK: Encodings

    func testEncodingsAreDecodedOrReplacedWithAWarning() throws {
        let content = "Ketua KPU hadir di Jakarta. Café 😀 dan Musa’ad berkata: “Kami siap.”"
        let expected = "Ketua KPU hadir di Jakarta. Café 😀 dan Musa’ad berkata: \"Kami siap.\""
        let input = try inputFolder([
            "invalid.txt": Array("Jakarta ".utf8) + [0xFF, 0xFE] + Array(" kota ".utf8) + [0xC3, 0x28]
                + Array(" besar ".utf8)
                + [0xED, 0xA0, 0x80] + Array(" akhir ".utf8) + [0xE2, 0x82],
            "bom8.txt": [0xEF, 0xBB, 0xBF] + Array(content.utf8),
            "le.txt": Self.utf16(content + "\n", bigEndian: false),
            "be.txt": Self.utf16(content + "\r\n", bigEndian: true),
            "odd.txt": Self.utf16("Ab", bigEndian: false) + [0x41] // a trailing odd byte
        ])
        let run = try run([input.path], expectStatus: 0)
        XCTAssertEqual(run.records.count, 5)
        // Invalid UTF-8: one U+FFFD per maximal invalid subsequence (Unicode's recommendation), and a warning.
        let invalid = try XCTUnwrap(run.text("invalid"))
        XCTAssertEqual(invalid, "Jakarta \u{FFFD}\u{FFFD} kota \u{FFFD}( besar \u{FFFD}\u{FFFD}\u{FFFD} akhir \u{FFFD}")
        XCTAssertEqual(
            run.record("invalid")?["warnings"] as? [String], ["invalid UTF-8: 7 byte sequence(s) replaced by U+FFFD"])
        XCTAssertTrue(
            run.warnings.contains {
                $0["id"] as? String == "invalid" && ($0["warning"] as? String ?? "").contains("invalid UTF-8")
            },
            "run.json warns: \(run.warnings)")
        // BOM and UTF-16: the text is the decoded content; raw offsets count the file's bytes.
        for id in ["bom8", "le", "be"] {
            XCTAssertEqual(run.text(id), expected, id)
            XCTAssertEqual(run.record(id)?["warnings"] as? [String], [], id)
        }
        let bomSentence = try XCTUnwrap((run.record("bom8")?["sentences"] as? [[String: Any]])?.first)
        XCTAssertEqual(bomSentence["raw_start"] as? Int, 3, "the BOM is before the first character")
        let leSentence = try XCTUnwrap((run.record("le")?["sentences"] as? [[String: Any]])?.first)
        XCTAssertEqual(leSentence["raw_start"] as? Int, 2)
        XCTAssertEqual(leSentence["raw_end"] as? Int, 2 + 2 * "Ketua KPU hadir di Jakarta.".utf16.count)
        XCTAssertEqual(run.text("odd"), "Ab\u{FFFD}")
    }

    func testEmptyAndWhitespaceOnlyFilesGiveEmptyRecords() throws {
        let input = try inputFolder([
            "empty.txt": [], "blank.txt": Array("  \n\t\n \r\n\u{00A0}\u{2003}  \u{200B}".utf8)
        ])
        let run = try run([input.path], expectStatus: 0)
        XCTAssertEqual(run.records.map { $0["id"] as? String }, ["blank", "empty"])
        for record in run.records {
            XCTAssertEqual(record["text"] as? String, "")
            XCTAssertEqual((record["sentences"] as? [Any])?.count, 0)
            XCTAssertEqual((record["tokens"] as? [Any])?.count, 0)
        }
    }

    func testABinaryFileIsSkippedWithItsReasonAndTheOthersAreWritten() throws {
        let input = try inputFolder([
            "a.txt": Array("Bupati Mimika hadir.".utf8),
            "b.txt": [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0x00, 0x00, 0xFF]
        ])
        let run = try run([input.path], expectStatus: 1)
        XCTAssertEqual(run.records.map { $0["id"] as? String }, ["a"])
        XCTAssertEqual(run.report["failed"] as? Int, 1)
        let problem = try XCTUnwrap(run.problems.first)
        XCTAssertEqual(problem["source"] as? String, input.appendingPathComponent("b.txt").path)
        XCTAssertEqual(problem["problem"] as? String, "binary file (NUL byte at offset 6), skipped")
        XCTAssertTrue(run.result.stderrText.contains("b.txt: binary file"), run.result.stderrText)
    }

    // MARK: Characters

    func testControlCharactersAndNoncharactersNeverReachTheOutput() throws {
        var scalars = "Awal".unicodeScalars.map { $0 }
        scalars += (0x01...0x1F).map { Unicode.Scalar($0)! } + [Unicode.Scalar(0x7F)!]
        scalars += " tengah \u{FFFE} dan \u{FFFF} \u{85}\u{9F} akhir.".unicodeScalars
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        let input = try inputFolder(["c.txt": Array(String(view).utf8), "nul.txt": Array("kata\u{0}kata".utf8)])
        let run = try run([input.path], expectStatus: 1)
        let text = try XCTUnwrap(run.text("c"))
        for s in text.unicodeScalars {
            XCTAssertTrue(
                s == "\n"
                    || (s.value >= 0x20 && s.value != 0x7F && !(0x80...0x9F).contains(s.value) && s.value != 0xFFFE
                        && s.value != 0xFFFF),
                "U+\(String(s.value, radix: 16)) in the text")
        }
        XCTAssertTrue(text.hasPrefix("Awal"), text)
        XCTAssertTrue(text.hasSuffix("tengah dan akhir."), text)
        // U+0000 in a file means binary (README): skipped with the reason.
        XCTAssertEqual(run.problems.first?["problem"] as? String, "binary file (NUL byte at offset 4), skipped")
    }

    func testLineEndsCRLFAndCROnly() throws {
        let input = try inputFolder([
            "crlf.txt": Array("Baris satu.\r\nBaris dua.\r\n\r\nBaris tiga\r\nyang patah.".utf8),
            "cr.txt": Array("Baris satu.\rBaris dua.\r\rBaris tiga\ryang patah.\r".utf8),
            "mixed.txt": Array("Baris satu.\n\rBaris dua.\u{2028}Baris tiga\u{2029}yang patah.".utf8)
        ])
        let run = try run([input.path], expectStatus: 0)
        for id in ["crlf", "cr", "mixed"] {
            XCTAssertEqual(run.text(id), "Baris satu.\nBaris dua.\nBaris tiga yang patah.", id)
            XCTAssertEqual((run.record(id)?["sentences"] as? [Any])?.count, 3, id)
        }
    }

    func testRightToLeftCombiningMarksAndEmojiSequences() throws {
        let content = "مرحبا بالعالم. שָׁלוֹם עולם. Cafe\u{301} a\u{300}\u{316} 👨‍👩‍👧‍👦 🏳️‍🌈 👍🏽 🇮🇩 selesai."
        let input = try inputFolder(["u.txt": Array(content.utf8)])
        let run = try run([input.path], expectStatus: 0)
        let text = try XCTUnwrap(run.text("u"))
        // NFC composes e + U+0301; the joiners of the emoji sequences are kept.
        XCTAssertEqual(text, content.precomposedStringWithCanonicalMapping)
        XCTAssertTrue(text.contains("👨‍👩‍👧‍👦") && text.contains("🏳️‍🌈"), text)
        let tokens = try XCTUnwrap(run.record("u")?["tokens"] as? [[String: Any]])
        let tokenTexts = tokens.map { codePoints(text, $0["start"] as! Int, $0["end"] as! Int) }
        XCTAssertTrue(tokenTexts.contains("مرحبا"), "\(tokenTexts)")
        XCTAssertTrue(tokenTexts.contains("Café"), "\(tokenTexts)")
        // Raw offsets of every token point at bytes of the file that decode to whole characters.
        let raw = Array(content.utf8)
        for t in tokens {
            let rs = t["raw_start"] as! Int, re = t["raw_end"] as! Int
            XCTAssertNotNil(
                String(validating: raw[rs..<re], as: UTF8.self), "raw span \(rs)..<\(re) splits a character")
        }
    }

    // MARK: Size

    /// A line of 1 MB with no line end (one paragraph, one sentence): the whole pipeline, in time linear
    /// in its length. Before the role links and quote attribution used lookups, one sentence this long
    /// took minutes (a scan of all entities per ROLE and per quote).
    func testOneMegabyteLineWithoutANewline() throws {
        func line(_ bytes: Int) -> String {
            let words = [
                "Bupati", "Mimika", "mengatakan", "bahwa", "pembangunan", "jalan", "di", "Timika", "berjalan", "baik,"
            ]
            var line = ""
            var i = 0
            while line.utf8.count < bytes { line += words[i % words.count] + " "; i += 1 }
            return line
        }
        func timedRun(_ name: String, _ text: String) throws -> (run: Run, seconds: Double) {
            let input = try inputFolder([name + ".txt": Array(text.utf8)])
            let started = Date()
            let run = try run([input.path], expectStatus: 0)
            return (run, Date().timeIntervalSince(started))
        }
        let long = line(1 << 20)
        let (big, bigSeconds) = try timedRun("long", long)
        XCTAssertEqual(big.text("long")?.utf8.count, long.utf8.count - 1, "one paragraph, trailing space trimmed")
        XCTAssertEqual((big.record("long")?["sentences"] as? [Any])?.count, 1)
        XCTAssertGreaterThan((big.record("long")?["entities"] as? [Any])?.count ?? 0, 10_000)
        let (_, smallSeconds) = try timedRun("quarter", line(256 << 10))
        print("1 MB line, whole pipeline: \(bigSeconds) s; 256 KB: \(smallSeconds) s")
        // A complexity check, not a speed goal: 4 times the text takes about 4 times as long when linear,
        // 16 times when quadratic. The bound sits between, away from both (a loaded machine, sanitizers).
        XCTAssertLessThan(
            bigSeconds, max(1, smallSeconds) * 10, "1 MB took \(bigSeconds) s, 256 KB \(smallSeconds) s: super-linear")
    }

    /// Many `(` and no `)` in one sentence: the acronym finder looked for the closing parenthesis from
    /// every `(` to the sentence's end, quadratic (480 KB took 11 s in a release build, a tester found).
    func testManyOpeningParenthesesInOneSentence() throws {
        func timed(_ name: String, _ bytes: Int) throws -> Double {
            let text = String(repeating: "kata (", count: bytes / 6)
            let input = try inputFolder([name + ".txt": Array(text.utf8)])
            let started = Date()
            let run = try run([input.path], expectStatus: 0)
            XCTAssertEqual((run.record(name)?["sentences"] as? [Any])?.count, 1)
            return Date().timeIntervalSince(started)
        }
        let big = try timed("big", 256 << 10), small = try timed("small", 64 << 10)
        print("256 KB of `kata (`: \(big) s; 64 KB: \(small) s")
        // 4 times the text: about 4 times the time when linear, 16 when quadratic (see the test above).
        XCTAssertLessThan(big, max(1, small) * 10, "256 KB took \(big) s, 64 KB \(small) s: super-linear")
    }

    /// Quotes whose cue is a pronoun, thousands in one paragraph: each asked of every earlier quote whether
    /// an unnamed person said it, by walking that quote's words again (issue 19's eighteenth pass), made the
    /// quote stage quadratic in the words: `testTenThousandUnbalancedQuotationMarks` ran for more than 14
    /// minutes in a debug build. 4 times the quotes: about 4 times the time when linear, 16 when quadratic.
    func testThousandsOfPronounQuotesInOneParagraphAreLinear() throws {
        func timed(_ name: String, _ count: Int) throws -> Double {
            let input = try inputFolder([
                name + ".txt": Array(String(repeating: "Dia berkata \" mulai ", count: count).utf8)
            ])
            let started = Date()
            let run = try run([input.path], expectStatus: 0)
            XCTAssertEqual((run.record(name)?["quotes"] as? [Any])?.count, count / 2)
            return Date().timeIntervalSince(started)
        }
        let big = try timed("big", 4_000), small = try timed("small", 1_000)
        print("4,000 pronoun cues in one paragraph: \(big) s; 1,000: \(small) s")
        XCTAssertLessThan(big, max(1, small) * 10, "4,000 took \(big) s, 1,000 \(small) s: super-linear")
    }

    func testTenThousandUnbalancedQuotationMarks() throws {
        let input = try inputFolder([
            "marks.txt": Array(
                (String(repeating: "\"", count: 10_000) + "\n" + String(repeating: "“", count: 9_999)).utf8),
            "speech.txt": Array(String(repeating: "Dia berkata \" mulai ", count: 10_000).utf8)
        ])
        let run = try run([input.path], expectStatus: 0)
        XCTAssertEqual(run.records.count, 2)
        XCTAssertNotNil(run.record("marks")?["quotes"] as? [Any])
    }

    /// A 50 MB article: the child's peak memory stays bounded and the time linear. The whole default
    /// pipeline in a debug build takes minutes on 50 MB (the tag and quote stages), so this runs
    /// normalize + tokenize, the stages that see every byte; `big article, whole pipeline` below runs
    /// the whole pipeline on 5 MB.
    func testFiftyMegabyteArticleRunsInBoundedMemoryAndLinearTime() throws {
        guard
            let time = ["/usr/bin/time"].map(URL.init(fileURLWithPath:)).first(where: {
                FileManager.default.isExecutableFile(atPath: $0.path)
            })
        else {
            throw XCTSkip("/usr/bin/time is not installed: peak memory cannot be measured")
        }
        let pipeline = try normalizeTokenizePipeline()
        func article(_ megabytes: Int) throws -> URL {
            let seeds = Repo.seeds.map { (try? Data(contentsOf: $0)) ?? Data() }.reduce(Data()) {
                $0 + $1 + Data("\n".utf8)
            }
            var data = Data(capacity: megabytes << 20)
            while data.count < megabytes << 20 { data.append(seeds) }
            let url = try temporaryDirectory(self).appendingPathComponent("big\(megabytes).txt")
            try data.prefix(megabytes << 20).write(to: url)
            return url
        }
        func measure(_ megabytes: Int) throws -> (seconds: Double, peakKB: Int) {
            let input = try article(megabytes)
            let out = try temporaryDirectory(self).appendingPathComponent("out")
            let started = Date()
            // Past the default --max-document-bytes (16 MiB), which is there for runs over unknown inputs.
            let result = try runProcess(
                time,
                [
                    "-v", try binary().path, "run", input.path, "--pipeline", pipeline.path,
                    "--out", out.path, "--quiet", "--jobs", "1", "--max-document-bytes", "\(64 << 20)"
                ])
            let seconds = Date().timeIntervalSince(started)
            XCTAssertEqual(result.status, 0, result.stderrText)
            let records = try Self.checkOutputs(out)
            XCTAssertEqual(records.count, 1)
            try? FileManager.default.removeItem(at: input)
            let line = result.stderrText.split(separator: "\n").first { $0.contains("Maximum resident set size") }
            let peak = Int(line?.split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? "") ?? -1
            return (seconds, peak)
        }
        let small = try measure(5)
        let big = try measure(50)
        print(
            "50 MB article (normalize+tokenize): \(big.seconds) s, peak RSS \(big.peakKB / 1024) MB; 5 MB: \(small.seconds) s, \(small.peakKB / 1024) MB"
        )
        XCTAssertGreaterThan(big.peakKB, 0, "peak RSS from /usr/bin/time -v")
        XCTAssertLessThan(big.peakKB, 1_536 * 1024, "peak RSS of a 50 MB article")
        // A complexity check, not a speed goal (those live in benchmarks): linear growth makes 10 times
        // the input take about 10 times as long, quadratic 100 times. The bound sits far from both so that
        // a loaded machine or a sanitizer build (26x was seen under ThreadSanitizer) does not trip it.
        XCTAssertLessThan(
            big.seconds, max(1, small.seconds) * 60,
            "50 MB took \(big.seconds) s, 5 MB \(small.seconds) s: super-linear")
    }

    /// The default pipeline's normalize and tokenize stages alone, as a pipeline file in a temporary folder.
    func normalizeTokenizePipeline() throws -> URL {
        let text = try String(contentsOf: Repo.defaultPipeline, encoding: .utf8)
        let head = try XCTUnwrap(text.components(separatedBy: "\n  - tag:").first)
        let absolute = head.replacingOccurrences(of: "lists/", with: Repo.pipelines.path + "/lists/")
        let url = try temporaryDirectory(self).appendingPathComponent("normalize-tokenize.yaml")
        try absolute.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    // MARK: Stdin

    func testStdinSurrogatesNULAndAMalformedLine() throws {
        let lines = [
            #"{"id":"lone","text":"Kata \ud800 tengah \udfff akhir, pasangan \ud83d\ude00 utuh, \\ud800 bukan escape."}"#,
            #"{"id":"nul","text":"a\u0000b\u0007c"}"#,
            #"{"id":"broken","text":"tidak ditutup"#,
            #"{"id":"ok","text":"Bupati Mimika hadir di Timika."}"#,
            #"["not","an","object"]"#
        ]
        let run = try run(["-"], stdin: Array(lines.joined(separator: "\n").utf8), expectStatus: 1)
        XCTAssertEqual(run.records.map { $0["id"] as? String }, ["lone", "nul", "ok"])
        XCTAssertEqual(run.text("lone"), "Kata \u{FFFD} tengah \u{FFFD} akhir, pasangan 😀 utuh, \\ud800 bukan escape.")
        XCTAssertEqual(run.record("lone")?["warnings"] as? [String], ["lone surrogate escape: 2 replaced by U+FFFD"])
        XCTAssertEqual(run.text("nul"), "abc", "a JSON-escaped NUL is a control character, not a binary file")
        XCTAssertEqual(run.problems.map { $0["source"] as? String }, ["<stdin>:3", "<stdin>:5"])
        XCTAssertTrue(run.result.stderrText.contains("line 3"), run.result.stderrText)
    }

    // MARK: The file system

    func testUnreadableFile() throws {
        if getuid() == 0 {
            throw XCTSkip(
                "running as root: chmod 000 does not stop root from reading, so the file cannot be made unreadable")
        }
        let input = try inputFolder(["a.txt": Array("Satu.".utf8), "b.txt": Array("Dua.".utf8)])
        let b = input.appendingPathComponent("b.txt")
        XCTAssertEqual(chmod(b.path, 0), 0)
        addTeardownBlock { chmod(b.path, 0o644) }
        let run = try run([input.path], expectStatus: 1)
        XCTAssertEqual(run.records.map { $0["id"] as? String }, ["a"])
        XCTAssertEqual(run.problems.first?["source"] as? String, b.path)
        XCTAssertTrue(
            (run.problems.first?["problem"] as? String ?? "").contains("Permission denied"), "\(run.problems)")
    }

    func testSymlinkLoopsNonTextFilesAndPipesInTheFolder() throws {
        let input = try inputFolder([
            "a.txt": Array("Satu.".utf8), "notes.md": Array("Bukan artikel.".utf8),
            "data.json": Array("{}".utf8), "A.TXT.bak": Array("x".utf8)
        ])
        let fm = FileManager.default
        try fm.createDirectory(at: input.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try Data("Dua.".utf8).write(to: input.appendingPathComponent("sub/b.txt"))
        try fm.createSymbolicLink(atPath: input.appendingPathComponent("sub/up").path, withDestinationPath: "..")
        try fm.createSymbolicLink(atPath: input.appendingPathComponent("x.txt").path, withDestinationPath: "y.txt")
        try fm.createSymbolicLink(atPath: input.appendingPathComponent("y.txt").path, withDestinationPath: "x.txt")
        XCTAssertEqual(mkfifo(input.appendingPathComponent("pipe.txt").path, 0o644), 0)
        let run = try run([input.path], expectStatus: 0)
        XCTAssertEqual(run.records.map { $0["id"] as? String }, ["a", "sub/b"])
        let skipped = run.skipped.map { ($0["path"] as? String ?? "") + ": " + ($0["reason"] as? String ?? "") }
        XCTAssertTrue(skipped.contains { $0.contains("sub/up") && $0.contains("loop") }, "\(skipped)")
        XCTAssertTrue(
            skipped.contains { $0.contains("x.txt") } && skipped.contains { $0.contains("y.txt") }, "\(skipped)")
        XCTAssertTrue(skipped.contains { $0.contains("pipe.txt") && $0.contains("not a regular file") }, "\(skipped)")
    }

    /// Inputs found, then one deleted before it is read: that input fails with its reason, the rest are written.
    func testAFileDeletedDuringTheRun() throws {
        let input = try inputFolder(
            (0..<12).reduce(into: [String: [UInt8]]()) { $0["d\($1).txt"] = Array("Dokumen nomor \($1).".utf8) })
        let found = try InputDiscovery.files([input.path])
        XCTAssertEqual(found.items.count, 12)
        /// Deletes the tenth file when the runner claims the third input, so it is gone when its turn comes.
        final class DeletingSource: InputSource {
            let inner: ListInputSource
            let victim: String
            var handedOut = 0
            init(_ items: [InputItem], victim: String) { inner = ListInputSource(items); self.victim = victim }
            func next() -> InputItem? {
                handedOut += 1
                if handedOut == 3 { unlink(victim) }
                return inner.next()
            }
        }
        guard case .file(let victim, _) = found.items[9] else { return XCTFail("not a file") }
        let out = try temporaryDirectory(self).appendingPathComponent("out")
        let options = BatchRunOptions(
            inputs: [input.path], pipeline: Repo.defaultPipeline, outDirectory: out.path, jobs: 3)
        let outcome = try BatchRun(options: options, logger: .init(label: "test"))
            .execute(source: DeletingSource(found.items, victim: victim))
        XCTAssertEqual(outcome.exitCode, .someInputsFailed)
        XCTAssertEqual(
            outcome.summary.failed, [InputProblem(source: victim, problem: "No such file or directory")],
            "the problem does not repeat the path the log puts before it")
        let records = try Self.checkOutputs(out)
        XCTAssertEqual(records.count, 11)
    }

    /// An output folder that cannot be written: a clear error naming it, exit 2, and a previous run's
    /// outputs left as they were. (Tests run as root, which ignores permissions: a path under /proc and
    /// a file standing where the folder should be cannot be written by anyone.)
    func testUnwritableOutputFolder() throws {
        let input = try inputFolder(["a.txt": Array("Satu.".utf8)])
        let bin = try binary()
        // Each says why (it said only "cannot create the output folder"): the part that is a file, or errno.
        let file = try inputFolder([:]).appendingPathComponent("a-file").path
        try Data("not a folder".utf8).write(to: URL(fileURLWithPath: file))
        let cases = [
            ("/proc/warta-cannot-write-here", "cannot create the output folder: No such file or directory"),
            (file, "cannot create the output folder: \(file) is a file, not a folder"),
            (file + "/below", "cannot create the output folder: \(file) is a file, not a folder")
        ]
        for (out, reason) in cases {
            let result = try runProcess(bin, ["run", input.path, "--out", out, "--quiet"])
            XCTAssertEqual(result.status, 2, result.stderrText)
            XCTAssertTrue(result.stderrText.contains("warta: error: cannot write \(out): \(reason)"), result.stderrText)
            XCTAssertFalse(result.stderrText.contains("Fatal error"), result.stderrText)
        }
        let empty = try runProcess(bin, ["run", input.path, "--out", "", "--quiet"])
        XCTAssertEqual(empty.status, 64, empty.stderrText)
        XCTAssertTrue(empty.stderrText.contains("--out needs a folder, or - for stdout; it is empty"), empty.stderrText)
        // A previous complete output, then a run whose output folder has become unusable.
        let good = try run([input.path], expectStatus: 0)
        let before = try FileManager.default.contentsOfDirectory(atPath: good.out.path).sorted()
        let ndjson = try Data(contentsOf: good.out.appendingPathComponent("documents.ndjson"))
        let xml = try Data(contentsOf: good.out.appendingPathComponent("documents.xml"))
        // The lock file replaced by a folder: the run cannot even start writing.
        let lock = good.out.appendingPathComponent(".warta.lock")
        try? FileManager.default.removeItem(at: lock)
        try FileManager.default.createDirectory(at: lock.appendingPathComponent("x"), withIntermediateDirectories: true)
        let result = try runProcess(bin, ["run", input.path, "--out", good.out.path, "--quiet"])
        XCTAssertNotEqual(result.status, 0, result.stderrText)
        XCTAssertTrue(result.stderrText.contains("warta: error:"), result.stderrText)
        XCTAssertFalse(result.stderrText.contains("Fatal error"), result.stderrText)
        XCTAssertEqual(try Data(contentsOf: good.out.appendingPathComponent("documents.ndjson")), ndjson)
        XCTAssertEqual(try Data(contentsOf: good.out.appendingPathComponent("documents.xml")), xml)
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: good.out.path).sorted(), before,
            "no temporary left behind")
    }

    // MARK: Configuration

    /// A copy of pipelines/ in a temporary folder, to break.
    func pipelinesCopy() throws -> URL {
        let dir = try temporaryDirectory(self).appendingPathComponent("pipelines")
        try FileManager.default.copyItem(at: Repo.pipelines, to: dir)
        return dir
    }

    func assertConfigurationError(
        _ pipeline: URL, mentions pattern: String, file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let input = try inputFolder(["a.txt": Array("Satu.".utf8)])
        let out = try temporaryDirectory(self).appendingPathComponent("out")
        let result = try runProcess(try binary(), ["run", input.path, "--pipeline", pipeline.path, "--out", out.path])
        XCTAssertEqual(result.status, 2, result.stderrText, file: file, line: line)
        XCTAssertNotNil(
            result.stderrText.range(of: pattern, options: .regularExpression),
            "expected /\(pattern)/ in: \(result.stderrText)", file: file, line: line)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path), "nothing is written", file: file, line: line)
    }

    func testMalformedPipelineMissingGazetteerAndBadRuleExitTwoWithFileAndLine() throws {
        let dir = try pipelinesCopy()
        let bad = dir.appendingPathComponent("bad.yaml")
        try "name: bad\nstages:\n  - normalize:\n      nfc: [true\n  - tokenize: {}\n".write(
            to: bad, atomically: true, encoding: .utf8)
        try assertConfigurationError(bad, mentions: #"bad\.yaml:\d+"#)

        let tabbed = dir.appendingPathComponent("tabbed.yaml")
        try "name: x\nstages:\n\t- normalize: {}\n".write(to: tabbed, atomically: true, encoding: .utf8)
        try assertConfigurationError(tabbed, mentions: #"tabbed\.yaml:\d+"#)

        let rules = dir.appendingPathComponent("rules/entities.yaml")
        let original = try String(contentsOf: rules, encoding: .utf8)
        try FileManager.default.removeItem(at: dir.appendingPathComponent("gazetteers/districts.tsv"))
        try assertConfigurationError(
            dir.appendingPathComponent("default.yaml"),
            mentions: #"entities\.yaml:\d+.*districts\.tsv|districts\.tsv.*:\d+"#)

        try Data().write(to: dir.appendingPathComponent("gazetteers/districts.tsv"))
        let broken = original.replacingOccurrences(of: #"{regex: '\d{1,2}'"#, with: #"{regex: '(\d{1,2}'"#)
        XCTAssertNotEqual(broken, original, "the rule file changed; update this test")
        try broken.write(to: rules, atomically: true, encoding: .utf8)
        try assertConfigurationError(dir.appendingPathComponent("default.yaml"), mentions: #"entities\.yaml:\d+"#)
    }
}
