import Dispatch
import Foundation
import XCTest

@testable import Warta

/// The runner: output independent of the number of jobs, input order, failures skipped, bounded memory.
final class RunnerTests: XCTestCase {

    // MARK: Inputs

    typealias Generator = SeededGenerator

    /// `count` variants of the seeds: paragraphs dropped, repeated and reordered, typographic quotes,
    /// NBSP, CRLF, BOM, furniture lines, decomposed accents, invalid bytes. Sizes differ a lot, so
    /// with several jobs later documents often finish first.
    static func variants(_ count: Int) throws -> [(name: String, bytes: [UInt8])] {
        let seeds = try Repo.seeds.map { String(decoding: try Data(contentsOf: $0), as: UTF8.self) }
        var g = Generator(state: 2024)
        var result: [(String, [UInt8])] = []
        for i in 0..<count {
            var lines = seeds[i % seeds.count].components(separatedBy: "\n")
            if g.chance(30) { lines.shuffle(using: &g) }
            lines = lines.filter { _ in !g.chance(15) }
            if g.chance(10) { lines += lines }
            if g.chance(30) {
                lines.insert("Baca Juga: Pemprov PBD Gelar Sosialisasi Netralitas ASN", at: g.below(lines.count + 1))
            }
            if g.chance(20) { lines.insert("SCROLL TO CONTINUE WITH CONTENT", at: g.below(lines.count + 1)) }
            if g.chance(20) { lines.insert("", at: g.below(lines.count + 1)) }
            var text = lines.joined(separator: "\n")
            if g.chance(40) {
                text = text.replacingOccurrences(of: " \"", with: " \u{201C}").replacingOccurrences(
                    of: "\" ", with: "\u{201D} ")
            }
            if g.chance(30) { text = text.replacingOccurrences(of: " dan ", with: " dan\u{00A0} ") }
            if g.chance(20) {
                text = text.replacingOccurrences(of: "Kafe", with: "Kafe\u{0301}").replacingOccurrences(
                    of: "e ", with: "e\u{0301} ")
            }
            if g.chance(20) { text = text.replacingOccurrences(of: " - ", with: " \u{2013} ") }
            if g.chance(20) { text = text.replacingOccurrences(of: "ASN", with: "A\u{200B}SN") }
            if g.chance(20) { text = text.replacingOccurrences(of: "\n", with: "\r\n") }
            var bytes = Array(text.utf8)
            if g.chance(10) { bytes = [0xEF, 0xBB, 0xBF] + bytes }
            if g.chance(10) { bytes.insert(0xFF, at: g.below(bytes.count + 1)) }
            result.append((String(format: "variant_%03d.txt", i), bytes))
        }
        return result.map { (name: $0.0, bytes: $0.1) }
    }

    /// seeds/ copied and the variants written under one temporary input folder.
    func corpus(variants count: Int, extra: [(String, [UInt8])] = []) throws -> URL {
        let dir = try temporaryDirectory(self).appendingPathComponent("in")
        let seedsDir = dir.appendingPathComponent("seeds")
        try FileManager.default.createDirectory(at: seedsDir, withIntermediateDirectories: true)
        for seed in Repo.seeds {
            try FileManager.default.copyItem(at: seed, to: seedsDir.appendingPathComponent(seed.lastPathComponent))
        }
        for (name, bytes) in try Self.variants(count) + extra {
            try Data(bytes).write(to: dir.appendingPathComponent(name))
        }
        return dir
    }

    func batch(_ input: URL, jobs: Int, out: URL) throws -> BatchRun.Outcome {
        let options = BatchRunOptions(
            inputs: [input.path], pipeline: Repo.defaultPipeline, outDirectory: out.path,
            jobs: jobs, record: RecordOptions(tokens: true))
        return try BatchRun(options: options, logger: .init(label: "test")).execute()
    }

    // MARK: Tests

    func testOutputBytesDoNotDependOnJobs() throws {
        let input = try corpus(variants: 200)
        let base = try temporaryDirectory(self)
        // The whole default pipeline, through BatchRun as `warta run` does (a fresh pipeline per run:
        // ordered stages keep state from one document to the next).
        var outputs: [Int: (ndjson: Data, xml: Data)] = [:]
        for jobs in [1, 2, 8] {
            let out = base.appendingPathComponent("out-\(jobs)")
            let outcome = try batch(input, jobs: jobs, out: out)
            XCTAssertEqual(outcome.summary.documents, 205)
            XCTAssertEqual(outcome.exitCode, .success)
            outputs[jobs] = (
                try Data(contentsOf: out.appendingPathComponent(BatchRun.documentsFile)),
                try Data(contentsOf: out.appendingPathComponent(BatchRun.xmlFile))
            )
        }
        XCTAssertNil(
            XMLSink.validate(file: base.appendingPathComponent("out-8/documents.xml").path, schema: Repo.schema.path))
        let one = try XCTUnwrap(outputs[1])
        XCTAssertEqual(one.ndjson.filter { $0 == 0x0A }.count, 205)
        for jobs in [2, 8] {
            XCTAssertTrue(
                outputs[jobs]!.ndjson == one.ndjson,
                "documents.ndjson differs with --jobs \(jobs): \(Self.firstDifference(one.ndjson, outputs[jobs]!.ndjson))"
            )
            XCTAssertTrue(outputs[jobs]!.xml == one.xml, "documents.xml differs with --jobs \(jobs)")
        }
        // Ids follow the sorted input paths.
        let ids = try one.ndjson.split(separator: 0x0A).map { try jsonObject($0)["id"] as? String ?? "" }
        let expected =
            Repo.seeds.map { "seeds/" + $0.deletingPathExtension().lastPathComponent }
            + (0..<200).map { String(format: "variant_%03d", $0) }
        XCTAssertEqual(ids, expected.sorted())
        XCTAssertEqual(ids.first, "seeds/000_d2a72559a5a40c36")
    }

    /// The first record that differs, and where, for a readable failure.
    static func firstDifference(_ a: Data, _ b: Data) -> String {
        let la = a.split(separator: 0x0A), lb = b.split(separator: 0x0A)
        for (i, (x, y)) in zip(la, lb).enumerated() where x != y {
            let at = zip(x, y).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(x.count, y.count)
            let from = max(0, at - 80)
            return
                "record \(i) at byte \(at): \(String(decoding: x.dropFirst(from).prefix(200), as: UTF8.self)) <> \(String(decoding: y.dropFirst(from).prefix(200), as: UTF8.self))"
        }
        return "\(la.count) vs \(lb.count) records"
    }

    /// normalize and tokenize of the default pipeline: the runner is under test, not the later stages.
    static func basePipeline() throws -> Pipeline {
        Pipeline(name: "base", file: nil, stages: [try DefaultPipeline.normalize(), try DefaultPipeline.tokenize()])
    }

    func testDocumentsComeOutInInputOrder() throws {
        // Large documents first, small ones last: with 8 workers the small ones finish first.
        let seed = try Repo.seed("001")
        var items: [InputItem] = []
        for i in 0..<60 {
            let repeats = i < 10 ? 60 : 1
            var raw: [UInt8] = []
            for _ in 0..<repeats { raw += seed + [0x0A] }
            items.append(.inline(id: "doc\(i)", source: "-", raw: raw, metadata: DocumentMetadata()))
        }
        let sink = MemorySink()
        let pipeline = try Self.basePipeline()
        let summary = try Runner(pipeline: pipeline, jobs: 8).run(ListInputSource(items), sinks: [sink])
        XCTAssertEqual(summary.documents, 60)
        XCTAssertEqual(sink.documents.map(\.id), (0..<60).map { "doc\($0)" })
        XCTAssertFalse(sink.finished, "the runner leaves finishing to the caller")
    }

    func testAFailingInputIsReportedAndSkipped() throws {
        let binary = Array("Pemilu 2024".utf8) + [0x00] + Array("ASN".utf8)
        let input = try corpus(variants: 0, extra: [("broken.txt", binary)])
        let out = try temporaryDirectory(self).appendingPathComponent("out")
        let outcome = try batch(input, jobs: 4, out: out)
        XCTAssertEqual(outcome.exitCode, .someInputsFailed)
        XCTAssertEqual(outcome.summary.documents, 5)
        XCTAssertEqual(outcome.summary.failed.count, 1)
        let problem = try XCTUnwrap(outcome.summary.failed.first)
        XCTAssertTrue(problem.source.hasSuffix("broken.txt"), problem.source)
        XCTAssertTrue(problem.problem.contains("binary"), problem.problem)

        let lines = try Data(contentsOf: out.appendingPathComponent(BatchRun.documentsFile)).split(separator: 0x0A)
        let ids = try lines.map { try jsonObject($0)["id"] as? String ?? "" }
        XCTAssertEqual(ids, Repo.seeds.map { "seeds/" + $0.deletingPathExtension().lastPathComponent })
        XCTAssertNil(
            XMLSink.validate(file: out.appendingPathComponent(BatchRun.xmlFile).path, schema: Repo.schema.path))
        let report = try jsonObject(Array(try Data(contentsOf: out.appendingPathComponent(BatchRun.reportFile))))
        XCTAssertEqual(report["failed"] as? Int, 1)
        XCTAssertEqual(report["documents"] as? Int, 5)
        let problems = try XCTUnwrap(report["problems"] as? [[String: String]])
        XCTAssertEqual(problems.count, 1)
        XCTAssertTrue(problems[0]["source"]?.hasSuffix("broken.txt") ?? false)
    }

    /// Counts inputs handed out and documents written; records the most that were ever in between.
    final class CountingSource: InputSource {
        let lock = NSLock()
        var items: [InputItem]
        var claimed = 0
        var emitted = 0
        var maxInFlight = 0
        init(_ items: [InputItem]) { self.items = items }
        func next() -> InputItem? {
            lock.lock(); defer { lock.unlock() }
            guard claimed < items.count else { return nil }
            claimed += 1
            maxInFlight = max(maxInFlight, claimed - emitted)
            return items[claimed - 1]
        }
        func didEmit() { lock.lock(); emitted += 1; lock.unlock() }
    }

    /// A slow consumer, so the workers run ahead as far as the runner lets them.
    final class SlowSink: DocumentSink {
        let source: CountingSource
        var ids: [String] = []
        init(_ source: CountingSource) { self.source = source }
        func write(_ document: Document) throws {
            usleep(15000)
            ids.append(document.id)
            source.didEmit()
        }
        func finish() throws {}
    }

    func testTheReorderWindowBoundsDocumentsInFlight() throws {
        let seed = try Repo.seed("000")
        // Workers are much faster than the sink.
        let pipeline = try Self.basePipeline()
        for (jobs, window) in [(4, 3), (8, 5), (2, 6)] {
            let items = (0..<30).map {
                InputItem.inline(id: "d\($0)", source: "-", raw: seed, metadata: DocumentMetadata())
            }
            let source = CountingSource(items)
            let sink = SlowSink(source)
            let runner = Runner(pipeline: pipeline, jobs: jobs, window: window)
            let summary = try runner.run(source, sinks: [sink])
            XCTAssertEqual(summary.documents, 30)
            XCTAssertEqual(sink.ids, (0..<30).map { "d\($0)" })
            XCTAssertLessThanOrEqual(
                source.maxInFlight, window, "jobs \(jobs): \(source.maxInFlight) in flight, window \(window)")
            // The sink is slow, so the workers do fill the window: the bound is what stopped them.
            XCTAssertEqual(source.maxInFlight, window, "jobs \(jobs)")
        }
    }

    func testDefaultWindowGrowsWithJobs() throws {
        let pipeline = try DefaultPipeline.load()
        XCTAssertEqual(Runner(pipeline: pipeline, jobs: 1).window, 4)
        XCTAssertEqual(Runner(pipeline: pipeline, jobs: 8).window, 32)
        XCTAssertEqual(Runner(pipeline: pipeline, jobs: 0).jobs, 1)
    }
}
