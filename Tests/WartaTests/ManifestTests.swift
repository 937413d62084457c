import Foundation
import XCTest

@testable import Warta

/// The incremental-run manifest, written a document at a time: its bytes are the ones
/// `JSONSerialization` wrote when the whole manifest was built in memory at the end, and a later run
/// reads back every entry.
final class ManifestTests: XCTestCase {
    /// Documents with quotes that repeat (so the dedup records hold decisions), ids, paths and warnings
    /// full of characters that JSON escapes.
    func documents() throws -> [Document] {
        let dedup = try Annotated.dedupStage()
        let texts = [
            "Ketua KPU Hasyim Asy'ari hadir. \"Kami siap melaksanakan pemilu dengan jujur dan adil,\" ujarnya.",
            "Menurut Hasyim, \"Kami siap melaksanakan pemilu dengan jujur dan adil,\" kata dia di Jakarta.",
            "Tidak ada kutipan di sini."
        ]
        return try texts.enumerated().map { i, text in
            var document = try Annotated.document(text, id: "doc\(i)")
            dedup.process(&document)
            document.id = "doc\(i) " + JSONWriterTests.nasty
            document.source = "in/\(i)/" + JSONWriterTests.nasty + ".txt"
            document.warnings = i == 0 ? [JSONWriterTests.nasty, "kedua"] : []
            return document
        }
    }

    func incremental(_ dir: URL) throws -> IncrementalRun {
        func file(_ name: String) throws -> OutputFile { try OutputFile(path: dir.appendingPathComponent(name).path) }
        // Three outputs, so that the order of the `fragments` and `outputs` keys is tested too.
        let outputs: [IncrementalRun.Output] = [
            .init(name: BatchRun.documentsFile, sink: NDJSONSink(output: try file(BatchRun.documentsFile))),
            .init(name: BatchRun.xmlFile, sink: try XMLSink(output: try file(BatchRun.xmlFile))),
            .init(name: "quotes.ndjson", sink: EmitSink(output: try file("quotes.ndjson"), kind: .quotes))
        ]
        return try XCTUnwrap(
            IncrementalRun(
                directory: dir.path, configurationHash: "c0ffee", record: RecordOptions(),
                emit: .quotes, outputs: outputs, sequentialStages: [try Annotated.dedupStage()]))
    }

    /// A whole run into `dir`: every document of `documents()` written, outputs finished, manifest
    /// committed. Returns the documents.
    @discardableResult
    func writeRun(into dir: URL) throws -> [Document] {
        let run = try incremental(dir)
        try run.beginManifest()
        let documents = try documents()
        for document in documents { try run.write(document) }
        for output in run.outputs { try output.sink.finish() }
        try run.finishManifest()?.renameIntoPlace()
        return documents
    }

    func testStreamedManifestIsWhatJSONSerializationWrites() throws {
        let dir = try temporaryDirectory(self)
        let run = try incremental(dir)
        try run.beginManifest()
        let documents = try documents()
        XCTAssertTrue(documents[1].quotes.contains { $0.duplicateOf != nil }, "a decision is recorded")
        for document in documents { try run.write(document) }
        for output in run.outputs { try output.sink.finish() }
        try run.finishManifest()?.renameIntoPlace()

        let bytes = try Array(Data(contentsOf: dir.appendingPathComponent(IncrementalRun.manifestFile)))
        let object = try jsonObject(bytes)
        let canonical = try JSONSerialization.data(
            withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        XCTAssertEqual(
            String(decoding: bytes, as: UTF8.self), String(decoding: Array(canonical) + [0x0A], as: UTF8.self))

        let entries = try XCTUnwrap(object["documents"] as? [[String: Any]])
        XCTAssertEqual(entries.map { $0["id"] as? String }, documents.map(\.id))
        XCTAssertEqual(entries[0]["warnings"] as? [String], [JSONWriterTests.nasty, "kedua"])
        let outputs = try XCTUnwrap(object["outputs"] as? [String: [String: Any]])
        XCTAssertEqual(
            outputs[BatchRun.documentsFile]?["bytes"] as? Int,
            try Data(contentsOf: dir.appendingPathComponent(BatchRun.documentsFile)).count)
        XCTAssertFalse(
            try FileManager.default.contentsOfDirectory(atPath: dir.path).contains { $0.hasPrefix(".manifest") },
            "no temporary left")
    }

    func testALaterRunReadsEveryEntryBack() throws {
        let dir = try temporaryDirectory(self)
        let documents = try writeRun(into: dir)

        let second = try incremental(dir)
        second.loadPrevious()
        XCTAssertNil(second.fullRunReason)
        XCTAssertEqual(second.previous.count, documents.count)
        let dedup = try Annotated.dedupStage()
        var offsets = [0, 0, 0]
        for document in documents {
            let entry = try XCTUnwrap(second.previousEntry(id: document.id))
            XCTAssertEqual(entry.path, document.source)
            XCTAssertEqual(entry.size, document.raw.count)
            XCTAssertEqual(entry.sha256, document.rawSHA256Hex)
            XCTAssertEqual(entry.warnings, document.warnings)
            XCTAssertEqual(entry.stages, [dedup.record(of: document)])
            XCTAssertEqual(entry.fragments.map(\.offset)[0], offsets[0])
            for k in offsets.indices { offsets[k] = entry.fragments[k].offset + entry.fragments[k].length }
        }
        XCTAssertEqual(offsets[0], try Data(contentsOf: dir.appendingPathComponent(BatchRun.documentsFile)).count)
    }

    func testADiscardedManifestLeavesThePreviousOne() throws {
        let dir = try temporaryDirectory(self)
        let path = dir.appendingPathComponent(IncrementalRun.manifestFile)
        try Data("previous\n".utf8).write(to: path)
        let run = try incremental(dir)
        try run.beginManifest()
        for document in try documents() { try run.write(document) }
        run.discardManifest()
        XCTAssertEqual(try String(contentsOf: path, encoding: .utf8), "previous\n")
        XCTAssertFalse(
            try FileManager.default.contentsOfDirectory(atPath: dir.path).contains { $0.hasPrefix(".manifest") })
    }

    /// The entries are found by their braces outside strings: braces, brackets, escaped quotes and an
    /// escaped backslash before a closing quote inside strings do not end an entry early or late.
    func testManifestLayoutFindsEachEntryWhateverItsStringsHold() throws {
        let entries = [
            #"{"id":"a}\"{[","path":"]]}}","fragments":{"x":[1,2]},"w":[{"k":"\\"}]}"#,
            #"{"id":"\\\"}","n":{}}"#,
            #"{}"#
        ]
        let manifest =
            #"{"configuration_sha256":"c","documents":[ "# + entries.joined(separator: " ,\n")
            + #" ],"outputs":{"a":{"bytes":1}},"schema":"s"}"#
        let bytes = Array(manifest.utf8)
        let layout = try XCTUnwrap(ManifestLayout(bytes))
        XCTAssertEqual(layout.entries.map { String(decoding: bytes[$0], as: UTF8.self) }, entries)
        for entry in entries { _ = try jsonObject(Array(entry.utf8)) }
        let rest = try jsonObject(Array(layout.withoutDocuments(bytes)))
        XCTAssertEqual(rest["documents"] as? [Any] as? [Int], [])
        XCTAssertEqual(rest["schema"] as? String, "s")
        XCTAssertNotNil(rest["outputs"] as? [String: Any])

        let empty = try XCTUnwrap(ManifestLayout(Array(#"{"documents":[],"schema":"s"}"#.utf8)))
        XCTAssertEqual(empty.entries.count, 0)

        // Only the top-level key counts, wherever a "documents" key or text comes before it, and
        // whitespace may stand anywhere JSON allows it.
        let decoy =
            #"{ "a\"documents" : {"documents":[{"id":"decoy"}]} , "b":["documents",1,true,null] ,"n":-1.5e3,"#
            + " \"documents\" :\n [ {\"id\":\"real\"} ] }"
        let found = try XCTUnwrap(ManifestLayout(Array(decoy.utf8)))
        XCTAssertEqual(
            found.entries.map { String(decoding: Array(decoy.utf8)[$0], as: UTF8.self) }, [#"{"id":"real"}"#])
        XCTAssertEqual(try jsonObject(Array(found.withoutDocuments(Array(decoy.utf8))))["documents"] as? [Int], [])
        for broken in [
            #"{"documents":[{"id":"a"}"#, #"{"documents":[{"id":"a"} {"id":"b"}]}"#,
            #"{"documents":[{"id":"a\"}]}"#, #"{"documents":[1,2]}"#, #"{"schema":"s"}"#,
            #"{"a":{"documents":[{"id":"a"}]}}"#, #"["documents",[]]"#, #"{"documents" [] }"#
        ] {
            XCTAssertNil(ManifestLayout(Array(broken.utf8)), broken)
        }
    }

    /// Entries are read again from the previous manifest as their inputs come: from the file that was
    /// loaded, even after this run's manifest has taken its name; an unknown id has none.
    func testEntriesAreReadFromTheLoadedManifestFile() throws {
        let dir = try temporaryDirectory(self)
        let documents = try writeRun(into: dir)
        let second = try incremental(dir)
        second.loadPrevious()
        XCTAssertNil(second.fullRunReason)
        let path = dir.appendingPathComponent(IncrementalRun.manifestFile)
        try Data("replaced\n".utf8).write(to: path, options: .atomic)
        for document in documents {
            XCTAssertEqual(second.previousEntry(id: document.id)?.sha256, document.rawSHA256Hex)
        }
        XCTAssertNil(second.previousEntry(id: "no such document"))
    }

    /// The manifest re-indented by another tool (`jq .`, `json.dumps(indent=2)`) still reads back.
    func testAnIndentedManifestReadsBack() throws {
        let dir = try temporaryDirectory(self)
        let documents = try writeRun(into: dir)
        let path = dir.appendingPathComponent(IncrementalRun.manifestFile)
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: path))
        try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted]).write(to: path)
        let second = try incremental(dir)
        second.loadPrevious()
        XCTAssertNil(second.fullRunReason)
        XCTAssertEqual(Set(second.previous.keys), Set(documents.map(\.id)))
    }

    /// A manifest that is not whole (cut off, as by a full disk before a kill) means a full run, not a
    /// crash and not a partial carry-over.
    func testACutOffManifestMeansAFullRun() throws {
        let dir = try temporaryDirectory(self)
        try writeRun(into: dir)
        let path = dir.appendingPathComponent(IncrementalRun.manifestFile)
        let whole = try Data(contentsOf: path)
        for cut in [whole.count / 3, whole.count / 2, whole.count - 3] {
            try whole.prefix(cut).write(to: path)
            let second = try incremental(dir)
            second.loadPrevious()
            XCTAssertEqual(second.fullRunReason, "the manifest cannot be read", "cut at \(cut)")
            XCTAssertTrue(second.previous.isEmpty)
        }
    }

    /// Rewrites the manifest in `dir` after `change` edited its object (the outputs stay as they are).
    func editManifest(_ dir: URL, _ change: (inout [String: Any]) throws -> Void) throws {
        let path = dir.appendingPathComponent(IncrementalRun.manifestFile)
        var object = try jsonObject(Array(try Data(contentsOf: path)))
        try change(&object)
        try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]).write(
            to: path)
    }

    /// Sets `documents[index].fragments[output]` to `[offset, length]` computed from the stored pair.
    func setFragment(
        _ object: inout [String: Any], _ index: Int, _ output: String,
        _ change: (Int, Int) -> (Int, Int)
    ) throws {
        var entries = try XCTUnwrap(object["documents"] as? [[String: Any]])
        var fragments = try XCTUnwrap(entries[index]["fragments"] as? [String: [Int]])
        let pair = try XCTUnwrap(fragments[output])
        let (offset, length) = change(pair[0], pair[1])
        fragments[output] = [offset, length]
        entries[index]["fragments"] = fragments
        object["documents"] = entries
    }

    /// Fragments that do not tile their file (a negative or huge length, a shifted offset, a gap, an
    /// overlap) mean a full run: carrying them once trapped, aborted an allocation, or copied broken
    /// records into the outputs.
    func testFragmentsThatDoNotTileTheirFileMeanAFullRun() throws {
        func check(_ name: String, _ index: Int, _ output: String, _ change: (Int, Int) -> (Int, Int)) throws {
            let dir = try temporaryDirectory(self)
            try writeRun(into: dir)
            try editManifest(dir) { try setFragment(&$0, index, output, change) }
            let second = try incremental(dir)
            second.loadPrevious()
            XCTAssertEqual(second.fullRunReason, "the manifest's fragments of \(output) do not match the file", name)
            XCTAssertTrue(second.previous.isEmpty, name)
        }
        let ndjson = BatchRun.documentsFile, xml = BatchRun.xmlFile
        try check("negative length", 1, ndjson) { o, _ in (o, -5) }
        try check("huge length", 1, ndjson) { o, _ in (o, 1 << 62) }
        try check("huge length, last", 2, ndjson) { o, _ in (o, Int.max) }
        try check("negative offset", 0, ndjson) { _, l in (-1, l) }
        try check("offset shifted", 1, ndjson) { o, l in (o + 3, l) }
        try check("offset and length shifted", 1, ndjson) { o, l in (o + 3, l - 3) }
        try check("last one short", 2, ndjson) { o, l in (o, l - 1) }
        try check("xml header overlapped", 0, xml) { o, l in (o - 2, l + 2) }
        try check("xml footer overlapped", 2, xml) { o, l in (o, l + 2) }
        try check("emit first moved", 0, "quotes.ndjson") { o, l in (o + 1, l - 1) }
    }

    /// A stage record that cannot be replayed means a full run, decided when the manifest is loaded: found
    /// only when the document came, it stopped the run with a misleading output error.
    func testAnUnreadableStageRecordMeansAFullRun() throws {
        let dir = try temporaryDirectory(self)
        let documents = try writeRun(into: dir)
        try editManifest(dir) { object in
            var entries = try XCTUnwrap(object["documents"] as? [[String: Any]])
            var stages = try XCTUnwrap(entries[1]["stages"] as? [String: String])
            let record = try XCTUnwrap(Data(base64Encoded: try XCTUnwrap(stages["dedup"])))
            stages["dedup"] = record.dropLast(3).base64EncodedString()
            entries[1]["stages"] = stages
            object["documents"] = entries
        }
        let second = try incremental(dir)
        second.loadPrevious()
        XCTAssertEqual(second.fullRunReason, "the dedup record of \(documents[1].id) cannot be read")
        XCTAssertTrue(second.previous.isEmpty)
    }

    /// Counts and offsets from a damaged manifest give nil, not a trap or an aborted allocation.
    func testReadingAtADamagedOffsetOrCountGivesNil() throws {
        let dir = try temporaryDirectory(self)
        let path = dir.appendingPathComponent("f").path
        try Data("0123456789".utf8).write(to: URL(fileURLWithPath: path))
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        XCTAssertEqual(FileBytes.read(descriptor: fd, at: 2, count: 3), Array("234".utf8))
        XCTAssertEqual(FileBytes.read(descriptor: fd, at: 10, count: 0), [])
        for (offset, count) in [(0, -1), (-1, 2), (0, 1 << 62), (5, Int.max), (Int.max, 1), (8, 3)] {
            XCTAssertNil(FileBytes.read(descriptor: fd, at: offset, count: count), "\(offset), \(count)")
        }
    }
}

extension ManifestTests {
    /// The manifest was keyed on `warta_version`, 0.1.0 for 177 commits, so an upgraded warta carried
    /// the old one's records over. It is keyed on the executable's build ID and on ICU's version: a
    /// manifest from another build or another ICU makes the next incremental run process everything.
    func testAManifestOfAnotherBuildOrICUMeansAFullRun() throws {
        let bin = try XCTUnwrap(EndToEndTests.binary)
        let dir = try temporaryDirectory(self)
        let input = dir.appendingPathComponent("in"), out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        try Data("Bupati Mimika hadir.".utf8).write(to: input.appendingPathComponent("a.txt"))
        XCTAssertEqual(try runProcess(bin, ["run", input.path, "--out", out.path, "--quiet"]).status, 0)
        let manifestURL = out.appendingPathComponent(IncrementalRun.manifestFile)
        let manifest = try String(contentsOf: manifestURL, encoding: .utf8)
        let report = try jsonObject(try Data(contentsOf: out.appendingPathComponent("run.json")))
        let build = try XCTUnwrap(report["build"] as? String)
        // The linker's build ID of the binary that ran, as binutils reads it from the file.
        if let readelf = which("readelf") {
            let id = try BuildIdentityTests.readelfBuildID(bin.path, readelf: readelf)
            XCTAssertEqual(build, "build-id:" + (id ?? "none"))
        } else {
            XCTAssertTrue(build.hasPrefix("build-id:") || build.hasPrefix("sha256:"), build)
        }
        XCTAssertTrue(manifest.hasPrefix("{\"build\":\"\(build)\","), String(manifest.prefix(120)))
        let same = try runProcess(bin, ["run", input.path, "--out", out.path, "--incremental", "--log-level", "info"])
        XCTAssertFalse(same.stderrText.contains("processing every input"), same.stderrText)
        for (key, reason) in [("build", "the warta build changed"), ("icu_version", "the ICU version changed")] {
            let value = key == "build" ? build : ICU.version
            try manifest.replacingOccurrences(of: "\"\(key)\":\"\(value)\"", with: "\"\(key)\":\"other\"")
                .write(to: manifestURL, atomically: true, encoding: .utf8)
            let result = try runProcess(
                bin, ["run", input.path, "--out", out.path, "--incremental", "--log-level", "info"])
            XCTAssertEqual(result.status, 0, result.stderrText)
            XCTAssertTrue(
                result.stderrText.contains("incremental: processing every input: \(reason)"), result.stderrText)
        }
    }
}
