import Foundation
import XCTest

@testable import Warta

/// The same inputs give byte-identical documents.ndjson, documents.xml and --emit files, run after run
/// and for every --jobs from 1 to 8, through the built binary. RunnerTests checks jobs 1, 2 and 8 in the
/// library over 200 variants; this covers every value in between, repeated runs and the binary's own
/// paths (discovery, lock, writers), over the seeds, generated variants and the bad inputs.
final class DeterminismTests: XCTestCase {
    func testOutputsAreByteIdenticalAcrossRunsAndForJobsOneToEight() throws {
        let binary = try XCTUnwrap(EndToEndTests.binary, "warta is not built")
        let dir = try temporaryDirectory(self)
        let input = dir.appendingPathComponent("in")
        try FileManager.default.createDirectory(
            at: input.appendingPathComponent("bad"), withIntermediateDirectories: true)
        for seed in Repo.seeds {
            try FileManager.default.copyItem(at: seed, to: input.appendingPathComponent(seed.lastPathComponent))
        }
        for (name, bytes) in try RunnerTests.variants(40) {
            try Data(bytes).write(to: input.appendingPathComponent(name))
        }
        let bad: [String: [UInt8]] = [
            "invalid.txt": Array("Jakarta ".utf8) + [0xFF, 0xC3, 0x28] + Array(" \"kata\" ujar Derek.".utf8),
            "utf16.txt": BadInputTests.utf16("Ketua KPU “hadir” di Jakarta.\r\n", bigEndian: false),
            "binary.txt": [0x41, 0x00, 0x42],
            "empty.txt": [],
            "marks.txt": Array(String(repeating: "Dia berkata \" ", count: 300).utf8)
        ]
        for (name, bytes) in bad { try Data(bytes).write(to: input.appendingPathComponent("bad/" + name)) }

        func run(_ jobs: Int, _ label: String) throws -> [String: Data] {
            let out = dir.appendingPathComponent("out-\(label)")
            let result = try runProcess(
                binary,
                [
                    "run", input.path, "--out", out.path, "--jobs", String(jobs), "--tokens",
                    "--emit", "quotes", "--quiet"
                ])
            XCTAssertEqual(result.status, 1, "the binary file fails, the rest is written: \(result.stderrText)")
            var files: [String: Data] = [:]
            for name in ["documents.ndjson", "documents.xml", "quotes.ndjson"] {
                files[name] = try Data(contentsOf: out.appendingPathComponent(name))
            }
            return files
        }
        let reference = try run(1, "1")
        XCTAssertGreaterThan(reference["documents.ndjson"]?.count ?? 0, 0)
        var runs: [(String, [String: Data])] = [("jobs 1, again", try run(1, "1b"))]
        for jobs in 2...8 { runs.append(("jobs \(jobs)", try run(jobs, "\(jobs)"))) }
        runs.append(("jobs 8, again", try run(8, "8b")))
        for (label, files) in runs {
            for (name, data) in reference {
                XCTAssertTrue(
                    files[name] == data,
                    "\(name) differs with \(label): \(RunnerTests.firstDifference(data, files[name] ?? Data()))")
            }
        }
    }
}
