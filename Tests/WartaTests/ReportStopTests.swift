import Foundation
import XCTest

@testable import Warta

/// SIGINT and SIGTERM while a report is written, by `warta report` or by `warta run --report` after the
/// run's outputs are in place: the report stops within about 1.5 s with exit 130, its temporary folder
/// removed and the previous report in place. `warta run --report` went on for the whole report and
/// exited 0; `warta report` died of the signal (143) and left `.report.tmp-PID` behind.
final class ReportStopTests: XCTestCase {

    /// `count` records of our own sentences, each with `entities` ORG spans, as NDJSON: slow enough to
    /// report that a signal lands while the pages are written.
    static func records(_ count: Int, entities: Int) -> String {
        var lines: [String] = []
        for i in 0..<count {
            let text = String(repeating: "(KPU) ", count: entities) + "Catatan \(i)."
            let spans = (0..<entities).map { "{\"type\":\"ORG\",\"start\":\($0 * 6 + 1),\"end\":\($0 * 6 + 4)}" }
            lines.append(
                "{\"id\":\"d\(i)\",\"text\":\"\(text)\",\"entities\":[\(spans.joined(separator: ","))],\"quotes\":[],\"acronyms\":[]}"
            )
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A previous report the stop must leave as it was.
    static func previousReport(in folder: URL) throws {
        let report = folder.appendingPathComponent("report")
        try FileManager.default.createDirectory(at: report, withIntermediateDirectories: true)
        try Data("/* previous */\n".utf8).write(to: report.appendingPathComponent(ReportStyle.stylesheetName))
        try Data("previous\n".utf8).write(to: report.appendingPathComponent("index.html"))
    }

    /// Runs `command` in the background in `folder`, sends `signal` `delay` seconds after `.report.tmp-`
    /// shows up there, and returns its status and how many seconds it took to end after the signal (or
    /// "still running").
    func stopDuringReport(_ command: String, signal: String, folder: URL, delay: Double = 0) throws -> String {
        let script = """
            cd '\(folder.path)'
            \(command) > /dev/null 2> errors.txt &
            pid=$!
            for i in $(seq 1 6000); do ls -a out | grep -q '^.report.tmp-' && break; sleep 0.01; done
            ls -a out | grep -q '^.report.tmp-' || echo "no report temporary seen"
            sleep \(delay)
            kill -\(signal) $pid
            start=$(date +%s.%N)
            for i in $(seq 1 60); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done
            if kill -0 $pid 2>/dev/null; then echo "still running 6 s after the signal"; kill -KILL $pid; fi
            wait $pid
            echo "status=$?"
            echo "after=$(echo "$(date +%s.%N) - $start" | bc)"
            """
        let result = try runProcess(URL(fileURLWithPath: "/bin/bash"), ["-c", script])
        return String(decoding: result.stdout, as: UTF8.self) + result.stderrText
    }

    func assertStoppedCleanly(_ text: String, out: URL, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertFalse(text.contains("still running"), text, file: file, line: line)
        XCTAssertFalse(text.contains("no report temporary seen"), text, file: file, line: line)
        XCTAssertTrue(text.contains("status=130"), text, file: file, line: line)
        let after = text.split(separator: "\n").first { $0.hasPrefix("after=") }.flatMap { Double($0.dropFirst(6)) }
        XCTAssertLessThan(try XCTUnwrap(after, text, file: file, line: line), 3, text, file: file, line: line)
        let left = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasPrefix(".report.") }
        XCTAssertEqual(left, [], "no temporary report folder left", file: file, line: line)
        XCTAssertEqual(
            try String(contentsOf: out.appendingPathComponent("report/index.html"), encoding: .utf8), "previous\n",
            "the previous report stays", file: file, line: line)
        let errors = try String(contentsOf: out.deletingLastPathComponent().appendingPathComponent("errors.txt"))
        XCTAssertTrue(errors.contains("interrupted"), errors, file: file, line: line)
    }

    func testSIGTERMStopsWartaReportAndLeavesThePreviousReport() throws {
        let dir = try temporaryDirectory(self)
        let out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try Data(Self.records(4000, entities: 60).utf8).write(to: out.appendingPathComponent("documents.ndjson"))
        try Self.previousReport(in: out)
        let bin = try XCTUnwrap(EndToEndTests.binary).path
        for signal in ["TERM", "INT"] {
            let text = try stopDuringReport("'\(bin)' report out", signal: signal, folder: dir)
            try assertStoppedCleanly(text, out: out)
        }
    }

    /// One record whose page takes seconds (300,000 nested spans, in a debug build): the flag is not looked
    /// at while the page is rendered, so the watchdog ends the report 1.5 s after the signal, its temporary
    /// folder removed.
    func testTheWatchdogEndsAReportBusyWithOnePage() throws {
        let dir = try temporaryDirectory(self)
        let out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let n = 300_000
        var record = "{\"id\":\"nested\",\"text\":\"" + String(repeating: "a", count: 2 * n) + "\",\"entities\":["
        record += (0..<n).map { "{\"type\":\"ORG\",\"start\":\($0),\"end\":\(2 * n - $0)}" }.joined(separator: ",")
        record += "],\"quotes\":[],\"acronyms\":[]}\n"
        try Data(record.utf8).write(to: out.appendingPathComponent("documents.ndjson"))
        try Self.previousReport(in: out)
        let bin = try XCTUnwrap(EndToEndTests.binary).path
        let text = try stopDuringReport("'\(bin)' report out", signal: "TERM", folder: dir, delay: 1)
        try assertStoppedCleanly(text, out: out)
    }

    /// The run's outputs are in place when its report starts: the stop leaves them (all the documents),
    /// and the previous report.
    func testSIGINTDuringRunReportLeavesTheNewOutputsAndThePreviousReport() throws {
        let dir = try temporaryDirectory(self)
        let inputs = dir.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        let documents = 300
        for i in 0..<documents {
            let text = String(repeating: "(KPU) ", count: 200) + "Bupati Mimika hadir \(i).\n"
            try Data(text.utf8).write(to: inputs.appendingPathComponent("d\(i).txt"))
        }
        let out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try Self.previousReport(in: out)
        let bin = try XCTUnwrap(EndToEndTests.binary).path
        let text = try stopDuringReport(
            "'\(bin)' run in --out out --report --quiet --pipeline '\(Repo.defaultPipeline.path)'", signal: "INT",
            folder: dir)
        try assertStoppedCleanly(text, out: out)
        let records = try String(contentsOf: out.appendingPathComponent("documents.ndjson"), encoding: .utf8)
        XCTAssertEqual(records.split(separator: "\n").count, documents, "the run's outputs stay in place")
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.contains(".tmp-") }, [])
    }

    /// The flag the signal handlers set: a report asked to stop throws `interrupted`, puts nothing in place
    /// and leaves no temporary.
    func testARequestedStopThrowsInterruptedAndWritesNothing() throws {
        let dir = try temporaryDirectory(self)
        try Data(Self.records(3, entities: 2).utf8).write(to: dir.appendingPathComponent("documents.ndjson"))
        let requested = CancellationFlag()
        requested.set()
        XCTAssertThrowsError(try RunReport.write(input: dir.path, stop: ReportStop(requested: requested))) { error in
            guard case ReportError.interrupted = error else { return XCTFail("\(error)") }
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("report").path))
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".report") }
        XCTAssertEqual(left, [])
        // Not requested: the report is written.
        XCTAssertEqual(
            try RunReport.write(input: dir.path, stop: ReportStop(requested: CancellationFlag())).documents, 3)
    }

    /// A report that stopped by itself while the watchdog was removing its temporary exited at once and
    /// left half a `.report.tmp-PID.stopped` (the reviewer's finding): the main thread now stands down
    /// first, which waits for a removal under way to end. Here the watchdog's removal (without its exit)
    /// runs on a folder of 20,000 pages; the moment its rename shows, the main thread stands down; when
    /// that returns, nothing of the folder is left.
    func testStandingDownWaitsForTheWatchdogsRemovalToEnd() throws {
        let dir = try temporaryDirectory(self)
        let temporary = dir.appendingPathComponent(".report.tmp-1").path
        let watchdog = StopWatchdog()
        try watchdog.createReportTemporary(temporary) {
            try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: false)
            for i in 0..<20_000 {
                XCTAssertTrue(FileManager.default.createFile(atPath: temporary + "/p\(i).html", contents: nil))
            }
        }
        let removed = expectation(description: "removed")
        DispatchQueue.global().async {
            XCTAssertTrue(watchdog.removeTemporariesForTesting())
            removed.fulfill()
        }
        while FileManager.default.fileExists(atPath: temporary) { usleep(50) }
        watchdog.standDown()
        XCTAssertFalse(FileManager.default.fileExists(atPath: temporary + ".stopped"), "half deleted")
        wait(for: [removed], timeout: 60)
        XCTAssertFalse(watchdog.removeTemporariesForTesting(), "stood down: removes nothing more")
    }

    /// The temporary is watched from its creation (it was named to the watchdog after it was made), and a
    /// watchdog stood down leaves it to the report, which removes it itself.
    func testTheReportTemporaryIsWatchedFromItsCreation() throws {
        let dir = try temporaryDirectory(self)
        let watchdog = StopWatchdog()
        let path = dir.appendingPathComponent("report").path
        let folder = try ReportFolder(path, stop: ReportStop(requested: CancellationFlag(), watchdog: watchdog))
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.temporary))
        XCTAssertTrue(watchdog.removeTemporariesForTesting())
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), [])

        let other = StopWatchdog()
        let second = try ReportFolder(path, stop: ReportStop(requested: CancellationFlag(), watchdog: other))
        other.standDown()
        XCTAssertFalse(other.removeTemporariesForTesting())
        XCTAssertTrue(FileManager.default.fileExists(atPath: second.temporary), "left to the report")
        second.abandon()
    }

    /// A temporary whose pages folder cannot be made is removed again before the error (it was left behind),
    /// and no longer named to the watchdog (a later forced stop would have removed whatever took its name).
    func testATemporaryWhosePagesFolderFailsIsRemovedAndUnnamed() throws {
        let dir = try temporaryDirectory(self)
        let temporary = dir.appendingPathComponent(".report.tmp-1").path
        let watchdog = StopWatchdog()
        XCTAssertThrowsError(
            try watchdog.createReportTemporary(temporary) {
                // A pages folder inside a folder that does not exist: mkdir fails after the temporary is made.
                try ReportFolder.createTemporary(temporary, pages: "missing/pages", for: "report")
            })
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), [], "the temporary was left")
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: false)
        XCTAssertTrue(watchdog.removeTemporariesForTesting())
        XCTAssertTrue(FileManager.default.fileExists(atPath: temporary), "still named to the watchdog")
    }
}
