import Foundation
import XCTest

@testable import Warta

/// `warta report` streams: its peak memory does not grow with the number of documents.
final class ReportScaleTests: XCTestCase {

    /// VmHWM (peak resident set) of this process, in KiB.
    func peakKiB() throws -> Int {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let line = try XCTUnwrap(status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") })
        return try XCTUnwrap(Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]))
    }

    /// Resets VmHWM to the current resident set (Linux `clear_refs`, value 5).
    func resetPeak() throws {
        try "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    }

    /// `count` documents of about 20 KB each, with entities, quotes and repeats of earlier quotes.
    func corpus(_ count: Int, in folder: URL) throws -> URL {
        let sentence =
            "Pj Sekda Papua Derek Hegemur di Jayapura, Senin, mengatakan \"netralitas ASN harus dijaga bersama,\" katanya. "
        let text = String(repeating: sentence, count: 180)
        let length = sentence.unicodeScalars.count
        var out = Data()
        for i in 0..<count {
            var entities: [[String: Any]] = [], quotes: [[String: Any]] = []
            for k in 0..<60 {
                let base = k * length
                entities.append([
                    "type": "PERSON", "start": base + 15, "end": base + 28, "norm": "Derek Hegemur \(i)-\(k)",
                    "rule": "person.after-role"
                ])
                entities.append([
                    "type": "LOC", "start": base + 32, "end": base + 40, "norm": "Kota Jayapura",
                    "rule": "gazetteer.regions"
                ])
            }
            for k in 0..<20 {
                let base = k * length
                var q: [String: Any] = [
                    "start": base + 62, "end": base + 99, "speaker": "Derek Hegemur \(i % 50)",
                    "rule": "quote.after.verb-nya"
                ]
                q["duplicate_of"] = i > 0 && k == 0 ? ["doc": "d\(i - 1)", "quote": 0] as [String: Any] : NSNull()
                quotes.append(q)
            }
            let record: [String: Any] = ["id": "d\(i)", "text": text, "entities": entities, "quotes": quotes]
            out.append(try JSONSerialization.data(withJSONObject: record))
            out.append(0x0A)
        }
        let file = folder.appendingPathComponent("corpus-\(count).ndjson")
        try out.write(to: file)
        return file
    }

    func testPeakMemoryDoesNotGrowWithTheDocuments() throws {
        let folder = try temporaryDirectory(self)
        let small = try corpus(40, in: folder), large = try corpus(640, in: folder)
        var growth: [Int] = []
        for input in [small, large] {
            try resetPeak()
            let before = try peakKiB()
            let result = try RunReport.write(
                input: input.path, folder: folder.appendingPathComponent("report-\(input.lastPathComponent)").path)
            growth.append(try peakKiB() - before)
            XCTAssertGreaterThan(result.documents, 0)
        }
        let largeMiB = try FileManager.default.attributesOfItem(atPath: large.path)[.size] as! Int / (1 << 20)
        XCTAssertGreaterThan(largeMiB, 18, "the large corpus must be larger than what the report may hold")
        // 16 times the documents (about 20 MB more records): the peak grows by far less than the records.
        XCTAssertLessThan(growth[1] - growth[0], 8 * 1024, "peak KiB over the run: \(growth)")
        let clusters = try String(
            contentsOf: folder.appendingPathComponent("report-corpus-640.ndjson/clusters.html"), encoding: .utf8)
        XCTAssertTrue(
            clusters.contains("Cluster 1</a> · 640 documents · 639 repeats"), "one chain of repeats is one cluster")
    }
}
