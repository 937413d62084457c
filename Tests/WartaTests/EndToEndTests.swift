import Foundation
import XCTest

@testable import Warta

/// Runs the built `warta` binary over seeds/ as a user would.
final class EndToEndTests: XCTestCase {

    /// The `warta` executable next to the test bundle (the build products folder), else under .build/debug.
    static let binary: URL? = {
        var candidates: [URL] = []
        let bundle = Bundle(for: EndToEndTests.self).bundleURL
        candidates.append(bundle.deletingLastPathComponent().appendingPathComponent("warta"))
        candidates.append(Bundle.main.bundleURL.appendingPathComponent("warta"))
        if let exe = Bundle.main.executableURL {
            candidates.append(exe.deletingLastPathComponent().appendingPathComponent("warta"))
        }
        candidates.append(Repo.root.appendingPathComponent(".build/debug/warta"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    /// Lines of the seeds that are site furniture and must not reach `text`.
    static let boilerplate = [
        "Exit mobile version",
        "Cek Berita dan Artikel yang lain di Google News",
        "Berita ini telah tayang",
        "Sumber:",
        "-Foto : Humas Pemprov Lampung-",
        "1.100 Pelajar se-Jaksel Ikuti Sosialisasi Pemilu",
        "Tim Liputan Diskominfo Mimika"
    ]

    func warta(_ arguments: [String]) throws -> ProcessResult {
        let binary = try XCTUnwrap(Self.binary, "warta is not built: run `swift build` first")
        return try runProcess(binary, arguments)
    }

    /// `warta run seeds` into a fresh folder; returns the folder.
    func runSeeds(jobs: Int, tokens: Bool = true) throws -> URL {
        let out = try temporaryDirectory(self).appendingPathComponent("out-\(jobs)")
        let result = try warta(
            [
                "run", "seeds", "--pipeline", "pipelines/default.yaml", "--out", out.path,
                "--jobs", String(jobs)
            ] + (tokens ? ["--tokens"] : []))
        XCTAssertEqual(result.status, 0, result.stderrText)
        XCTAssertTrue(result.stdout.isEmpty, "nothing on stdout when writing to a folder")
        XCTAssertTrue(result.stderrText.contains("warta: 5 documents, 0 failed"), result.stderrText)
        return out
    }

    func records(_ out: URL) throws -> [[String: Any]] {
        let data = try Data(contentsOf: out.appendingPathComponent("documents.ndjson"))
        XCTAssertEqual(data.last, 0x0A)
        return try data.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast().map { try jsonObject($0) }
    }

    static func int(_ o: [String: Any], _ key: String) -> Int { o[key] as? Int ?? -1 }

    /// What a normalized span may look like in the raw file: quotes, dashes and spaces are rewritten.
    static func unify(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var lastWasSpace = false
        for c in s.unicodeScalars {
            let mapped: Unicode.Scalar
            switch c {
            case "\u{201C}", "\u{201D}", "\u{201E}", "\u{00AB}", "\u{00BB}": mapped = "\""
            case "\u{2018}", "\u{2019}": mapped = "'"
            case "\u{2013}", "\u{2014}": mapped = "-"
            case "\u{00A0}", "\t", "\n", "\r": mapped = " "
            default: mapped = c
            }
            if mapped == " " { if lastWasSpace { continue }; lastWasSpace = true } else { lastWasSpace = false }
            out.append(mapped)
        }
        return String(out)
    }

    func testSeedsGiveOneParsableRecordEach() throws {
        let out = try runSeeds(jobs: 2)
        let docs = try records(out)
        XCTAssertEqual(
            docs.map { $0["id"] as? String ?? "" },
            Repo.seeds.map { $0.deletingPathExtension().lastPathComponent })
        for doc in docs {
            XCTAssertEqual(doc["schema"] as? String, "warta.doc/1")
            XCTAssertEqual((doc["sha256"] as? String)?.count, 64)
            XCTAssertNotNil(doc["tokens"])
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("run.json").path))
        let report = try jsonObject(Array(try Data(contentsOf: out.appendingPathComponent("run.json"))))
        XCTAssertEqual(report["documents"] as? Int, 5)
        XCTAssertEqual(report["warta_version"] as? String, WartaInfo.version)
        // run.json's keys, as README ("Outputs") lists them.
        XCTAssertEqual(
            report.keys.sorted(),
            [
                "build", "bytes", "carried_over", "configuration_files", "configuration_sha256", "documents",
                "encode_seconds", "failed", "icu_version", "incremental", "jobs", "output_seconds", "pipeline",
                "pipeline_file", "problems", "processed", "read_seconds", "reprocessed", "seconds", "skipped",
                "stage_seconds", "started", "warnings", "warta_version"
            ])
    }

    func testOffsetsPointAtTheTextAndTheRawFile() throws {
        let out = try runSeeds(jobs: 2)
        var tokensChecked = 0, rewritten = 0
        for doc in try records(out) {
            let text = try XCTUnwrap(doc["text"] as? String)
            let source = try XCTUnwrap(doc["source"] as? String)
            let raw = Array(try Data(contentsOf: Repo.root.appendingPathComponent(source)))
            let scalarCount = text.unicodeScalars.count
            func check(_ span: [String: Any], _ what: String) -> String {
                let start = Self.int(span, "start"), end = Self.int(span, "end")
                let rawStart = Self.int(span, "raw_start"), rawEnd = Self.int(span, "raw_end")
                XCTAssertTrue(0 <= start && start < end && end <= scalarCount, "\(what) \(start)..<\(end)")
                XCTAssertTrue(
                    0 <= rawStart && rawStart < rawEnd && rawEnd <= raw.count, "\(what) raw \(rawStart)..<\(rawEnd)")
                guard start < end, end <= scalarCount, rawStart < rawEnd, rawEnd <= raw.count else { return "" }
                let spanText = codePoints(text, start, end)
                let rawBytes = Array(raw[rawStart..<rawEnd])
                if rawBytes != Array(spanText.utf8) {
                    rewritten += 1
                    // `D\nalam` in seed 004: a word joined across a line break.
                    let rawText = Self.unify(String(decoding: rawBytes, as: UTF8.self))
                    if rawText != Self.unify(spanText) {
                        XCTAssertEqual(rawText.filter { $0 != " " }, spanText.filter { $0 != " " }, what)
                        XCTAssertTrue(
                            spanText.contains("Dalam") && rawText.contains("D alam"),
                            "\(what) '\(spanText)' maps to raw '\(rawText)'")
                    }
                }
                return spanText
            }
            let tokens = try XCTUnwrap(doc["tokens"] as? [[String: Any]])
            XCTAssertFalse(tokens.isEmpty)
            for token in tokens {
                let t = check(token, "token")
                tokensChecked += 1
                XCTAssertFalse(t.isEmpty || t.contains(" ") || t.contains("\n"), "token '\(t)'")
                switch token["kind"] as? String {
                case "word": XCTAssertTrue(t.unicodeScalars.contains { $0.properties.isAlphabetic }, "word '\(t)'")
                case "number": XCTAssertTrue(t.unicodeScalars.first?.properties.numericType != nil, "number '\(t)'")
                case "punct":
                    XCTAssertFalse(
                        t.unicodeScalars.contains { $0.properties.isAlphabetic || $0.properties.numericType != nil },
                        "punct '\(t)'")
                default: break
                }
            }
            // Sentences: trimmed, within one paragraph, and they cover every word.
            let sentences = try XCTUnwrap(doc["sentences"] as? [[String: Any]])
            XCTAssertFalse(sentences.isEmpty)
            var inSentences = ""
            for sentence in sentences {
                let s = check(sentence, "sentence")
                XCTAssertFalse(s.contains("\n"), "sentence spans a line: '\(s)'")
                XCTAssertEqual(s, s.trimmingCharacters(in: .whitespaces))
                inSentences += s
            }
            XCTAssertEqual(inSentences.filter { !$0.isWhitespace }, text.filter { !$0.isWhitespace })
            for removal in try XCTUnwrap(doc["removed"] as? [[String: Any]]) {
                let r = Array(raw[Self.int(removal, "raw_start")..<Self.int(removal, "raw_end")])
                XCTAssertEqual(
                    Self.unify(String(decoding: r, as: UTF8.self)), Self.unify(removal["text"] as? String ?? ""))
            }
        }
        XCTAssertGreaterThan(tokensChecked, 2000)
        XCTAssertGreaterThan(rewritten, 10, "the seeds have curly quotes and dashes: some spans must be rewritten")
    }

    func testJqSlicesGiveTheSpans() throws {
        guard let jq = which("jq") else { throw XCTSkip("jq is not installed") }
        let out = try runSeeds(jobs: 1)
        let file = out.appendingPathComponent("documents.ndjson").path
        let result = try runProcess(jq, ["-c", "[.text as $t | (.sentences[], .tokens[]) | $t[.start:.end]]", file])
        XCTAssertEqual(result.status, 0, result.stderrText)
        let lines = result.stdout.split(separator: 0x0A)
        let docs = try records(out)
        XCTAssertEqual(lines.count, docs.count)
        for (line, doc) in zip(lines, docs) {
            let fromJq = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line)) as? [String])
            let text = doc["text"] as! String
            let spans = (doc["sentences"] as! [[String: Any]]) + (doc["tokens"] as! [[String: Any]])
            XCTAssertEqual(fromJq, spans.map { codePoints(text, Self.int($0, "start"), Self.int($0, "end")) })
        }
    }

    func testXMLValidatesAgainstTheSchema() throws {
        let out = try runSeeds(jobs: 2)
        let xml = out.appendingPathComponent("documents.xml")
        XCTAssertNil(XMLSink.validate(file: xml.path, schema: Repo.schema.path))
        guard let xmllint = which("xmllint") else { throw XCTSkip("xmllint is not installed") }
        let result = try runProcess(xmllint, ["--noout", "--schema", "schema/warta.xsd", xml.path])
        XCTAssertEqual(result.status, 0, result.stderrText)
        XCTAssertTrue(result.stderrText.contains("validates"), result.stderrText)
    }

    func testJobsDoNotChangeTheOutput() throws {
        let one = try runSeeds(jobs: 1), eight = try runSeeds(jobs: 8)
        for name in ["documents.ndjson", "documents.xml"] {
            let a = try Data(contentsOf: one.appendingPathComponent(name)),
                b = try Data(contentsOf: eight.appendingPathComponent(name))
            XCTAssertFalse(a.isEmpty)
            XCTAssertTrue(a == b, "\(name) differs between --jobs 1 and --jobs 8")
        }
    }

    func testNoBoilerplateSurvives() throws {
        let out = try runSeeds(jobs: 2, tokens: false)
        let docs = try records(out)
        for doc in docs {
            let text = try XCTUnwrap(doc["text"] as? String)
            for line in Self.boilerplate {
                XCTAssertFalse(text.contains(line), "'\(line)' survived in \(doc["id"] ?? "")")
            }
            let lines = text.components(separatedBy: "\n")
            XCTAssertFalse(lines.contains("ZAN"), "the lone byline survived")
        }
        // Each of them was in a seed, and is now listed as removed.
        let removed = docs.flatMap { ($0["removed"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String } }
        for line in Self.boilerplate + ["ZAN"] {
            XCTAssertTrue(removed.contains { $0.contains(line) }, "'\(line)' is not in any removal")
        }
    }

    func testOutDashWritesOnlyNDJSONToStdout() throws {
        let result = try warta(["run", "seeds", "--out", "-"])
        XCTAssertEqual(result.status, 0, result.stderrText)
        let lines = result.stdout.split(separator: 0x0A, omittingEmptySubsequences: false)
        XCTAssertEqual(lines.count, 6, "5 records and the final newline")
        XCTAssertEqual(lines.last?.count, 0)
        for line in lines.dropLast() { XCTAssertEqual(try jsonObject(line)["schema"] as? String, "warta.doc/1") }
        let stderr = result.stderrText.split(separator: "\n")
        XCTAssertEqual(stderr.count, 1, result.stderrText)
        XCTAssertTrue(stderr.first?.hasPrefix("warta: 5 documents, 0 failed") ?? false, result.stderrText)
    }

    func testBadPipelineExitsWithTwoAndWritesNothing() throws {
        let dir = try temporaryDirectory(self)
        let pipeline = dir.appendingPathComponent("bad.yaml")
        try "name: bad\nstages:\n  - normalize:\n      nfc: maybe\n".write(
            to: pipeline, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let result = try warta(["run", "seeds", "--pipeline", pipeline.path, "--out", out.path])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stdout.isEmpty)
        XCTAssertTrue(result.stderrText.contains("\(pipeline.path):4:"), result.stderrText)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path), "the output folder was created")
        // Same with stdout as the output: no record is written.
        let toStdout = try warta(["run", "seeds", "--pipeline", pipeline.path, "--out", "-"])
        XCTAssertEqual(toStdout.status, 2)
        XCTAssertTrue(toStdout.stdout.isEmpty)
    }

    func testAFailedInputExitsWithOne() throws {
        let dir = try temporaryDirectory(self)
        let input = dir.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Repo.seeds[0], to: input.appendingPathComponent("a.txt"))
        try Data([0x41, 0x00, 0x42]).write(to: input.appendingPathComponent("b.txt"))
        let result = try warta(["run", input.path, "--out", "-"])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stdout.split(separator: 0x0A).count, 1)
        XCTAssertTrue(result.stderrText.contains("b.txt: binary file"), result.stderrText)
    }
}
