import Foundation
import XCTest

@testable import Warta

/// Records encoded by the workers before the ordered hand-off: once the hand-off's dedup has decided,
/// the bytes are exactly those of encoding the finished document, for every sink that takes them.
final class WorkerEncodingTests: XCTestCase {
    /// Documents before and after dedup; the ids are full of characters JSON and XML escape, and show up
    /// in `duplicate_of`.
    func documents() throws -> [(before: Document, after: Document)] {
        let dedup = try Annotated.dedupStage()
        let texts = [
            "Ketua KPU Hasyim Asy'ari hadir. \"Kami siap melaksanakan pemilu dengan jujur dan adil,\" ujarnya. \"Semua tahapan berjalan sesuai jadwal yang sudah ditetapkan,\" katanya.",
            "Menurut Hasyim, \"Kami siap melaksanakan pemilu dengan jujur dan adil,\" kata dia di Jakarta. \"Tahapan berjalan sesuai jadwal yang sudah ditetapkan,\" ujarnya. \"Kami belum menerima laporan pelanggaran dari daerah mana pun sampai hari ini,\" tambahnya.",
            "Tidak ada kutipan di sini."
        ]
        return try texts.enumerated().map { i, text in
            let before = try Annotated.document(text, id: "doc\(i) <&\"> " + JSONWriterTests.nasty)
            var after = before
            dedup.process(&after)
            return (before, after)
        }
    }

    func sinks(_ dir: URL) throws -> [any WorkerEncodingSink] {
        let tokens = RecordOptions(tokens: true)
        return [
            NDJSONSink(output: try OutputFile(path: dir.appendingPathComponent("a.ndjson").path)),
            NDJSONSink(output: try OutputFile(path: dir.appendingPathComponent("b.ndjson").path), options: tokens),
            try XMLSink(output: try OutputFile(path: dir.appendingPathComponent("a.xml").path)),
            try XMLSink(output: try OutputFile(path: dir.appendingPathComponent("b.xml").path), options: tokens)
        ]
    }

    func testCompletedFragmentsAreTheBytesOfTheFinishedDocument() throws {
        let documents = try documents()
        XCTAssertTrue(documents[1].after.quotes.contains { $0.duplicateOf != nil }, "dedup decided something")
        XCTAssertTrue(documents[1].after.quotes.contains { $0.duplicateOf == nil }, "and left a quote alone")
        for sink in try sinks(try temporaryDirectory(self)) {
            // A fresh encoder, as a worker makes one; the sink's own encoder for the reference bytes. Both
            // see the first document first (the XML header comes off the first one).
            let encoder = try sink.makeWorkerEncoder()
            for (before, after) in documents {
                let fragment = try encoder.encode(before)
                XCTAssertEqual(fragment.quoteDecisionRanges.count, before.quotes.count)
                let expected = try sink.encode(after)
                let completed = try sink.complete(fragment, for: after)
                XCTAssertEqual(
                    String(decoding: completed, as: UTF8.self), String(decoding: expected, as: UTF8.self),
                    "\(type(of: sink))")
                if after.quotes.allSatisfy({ $0.duplicateOf == nil }) {
                    XCTAssertEqual(completed, fragment.bytes, "no decision: the worker's bytes as they are")
                }
            }
        }
    }

    /// A decision encoded by the worker that the hand-off takes back is replaced too, and a document
    /// whose quotes changed in between is encoded anew.
    func testChangedAndRemovedQuotesAreHandled() throws {
        let documents = try documents()
        for sink in try sinks(try temporaryDirectory(self)) {
            let encoder = try sink.makeWorkerEncoder()
            _ = try encoder.encode(documents[0].before)
            _ = try sink.encode(documents[0].before)
            let (before, after) = documents[1]
            let fragment = try encoder.encode(after)
            XCTAssertEqual(try sink.complete(fragment, for: before), try sink.encode(before), "decisions taken back")
            var fewer = after
            fewer.quotes.removeLast()
            XCTAssertEqual(try sink.complete(fragment, for: fewer), try sink.encode(fewer), "a quote less")
        }
    }

    /// Through the runner: with a dedup stage, what the workers encoded is what the hand-off writes.
    func testRunnerWritesTheSameBytesWithAndWithoutWorkerEncoding() throws {
        let dir = try temporaryDirectory(self)
        let input = dir.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        for (i, text) in [
            "\"Kami siap melaksanakan pemilu dengan jujur dan adil,\" ujar Hasyim.",
            "\"Kami siap melaksanakan pemilu dengan jujur dan adil,\" kata Hasyim lagi."
        ].enumerated() {
            try Data(text.utf8).write(to: input.appendingPathComponent("d\(i).txt"))
        }
        let pipeline = try Pipeline.load(Repo.defaultPipeline)
        let workers = dir.appendingPathComponent("workers.ndjson"),
            handOff = dir.appendingPathComponent("hand-off.ndjson")
        let found = try InputDiscovery.files([input.path])
        let encoded = NDJSONSink(output: try OutputFile(path: workers.path))
        let summary = try Runner(pipeline: pipeline, jobs: 2).run(ListInputSource(found.items), sinks: [encoded])
        try encoded.finish()
        XCTAssertGreaterThan(summary.encodeSeconds, 0, "the workers encoded")
        // A sink that only takes whole documents gets them after dedup; encoded in the test.
        let memory = MemorySink()
        _ = try Runner(pipeline: try Pipeline.load(Repo.defaultPipeline), jobs: 2).run(
            ListInputSource(found.items), sinks: [memory])
        let reference = memory.documents.flatMap { RecordEncoder.encode($0, sha256: $0.rawSHA256Hex) }
        try Data(reference).write(to: handOff)
        let bytes = try Data(contentsOf: workers)
        XCTAssertTrue(bytes == (try Data(contentsOf: handOff)))
        XCTAssertTrue(String(decoding: bytes, as: UTF8.self).contains("\"duplicate_of\":{\"doc\":\"d0\""))
    }

    /// A sequential stage that changes more than quote decisions (here: a warning on every document)
    /// turns the workers' encoding off; its change is in the output.
    func testASequentialStageThatChangesMoreMakesTheHandOffEncode() throws {
        let dir = try temporaryDirectory(self)
        let input = dir.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        try Data("\"Kami siap melaksanakan pemilu dengan jujur,\" ujar Hasyim.".utf8).write(
            to: input.appendingPathComponent("d.txt"))
        let loaded = try Pipeline.load(Repo.defaultPipeline)
        let pipeline = Pipeline(
            name: loaded.name, file: loaded.file, stages: loaded.stages,
            sequentialStages: loaded.sequentialStages + [WarningStage()])
        let out = dir.appendingPathComponent("out.ndjson")
        let sink = NDJSONSink(output: try OutputFile(path: out.path))
        let summary = try Runner(pipeline: pipeline, jobs: 2).run(
            ListInputSource(try InputDiscovery.files([input.path]).items),
            sinks: [sink])
        try sink.finish()
        XCTAssertEqual(summary.documents, 1)
        XCTAssertTrue(String(decoding: try Data(contentsOf: out), as: UTF8.self).contains("added after the workers"))
    }
}

/// Adds a warning in the hand-off: more than a quote decision.
private final class WarningStage: SequentialStage {
    static let name = "test-warning"
    static let requires: [Layer] = []
    static let provides: [Layer] = [.warnings]
    init() {}
    init(options: StageOptions) throws {}
    func process(_ document: inout Document) { document.warnings.append("added after the workers") }
}
