import Foundation
import XCTest

@testable import Warta

/// NDJSON records on stdin: valid JSON is read, what cannot be a record says why, and a closed stdin
/// is a failed input.
final class StdinRecordTests: XCTestCase {
    func item(_ json: String) -> InputItem { StdinInputSource.parse(Array(json.utf8), lineNumber: 7) }

    func problem(_ json: String) -> String? {
        if case .invalid(_, let problem) = item(json) { return problem }
        return nil
    }

    /// `1e400` is valid JSON that Foundation's parser refuses: the record failed. It is passed through
    /// in `meta` as written.
    func testNumbersTooLargeForADoubleAreReadAndPassedThrough() throws {
        guard
            case .inline(let id, _, let raw, let metadata) = item(
                #"{"id":"a","text":"Satu.","x":1e400,"y":[2E+999,-1e500,"1e400"],"z":1.5}"#)
        else {
            return XCTFail("refused: \(problem(#"{"id":"a","text":"Satu.","x":1e400}"#) ?? "")")
        }
        XCTAssertEqual(id, "a")
        XCTAssertEqual(raw, Array("Satu.".utf8))
        XCTAssertEqual(metadata.passthrough.map(\.key), ["x", "y", "z"])
        XCTAssertEqual(metadata.passthrough.map(\.json), ["1e400", #"[2E+999,-1e500,"1e400"]"#, "1.5"])
    }

    func testAnEmptyIdOrOneWithControlCharactersSaysSo() {
        XCTAssertEqual(problem(#"{"id":"","text":"x"}"#), #"line 7: the "id" is empty"#)
        XCTAssertEqual(problem(#"{"id":"a\u0001b","text":"x"}"#), #"line 7: the "id" holds control characters"#)
        XCTAssertEqual(problem(#"{"text":"x"}"#), #"line 7: no "id" string"#)
    }

    /// `2024-02-30` was accepted silently (and resolved no day name): a warning now says so.
    func testAnImpossibleDateIsReported() {
        guard case .inline(_, _, _, let metadata) = item(#"{"id":"a","text":"x","date":"2024-02-30"}"#) else {
            return XCTFail()
        }
        XCTAssertEqual(
            metadata.inputWarnings,
            ["date '2024-02-30' is not a valid YYYY-MM-DD date: day names are not resolved against it"])
        guard case .inline(_, _, _, let good) = item(#"{"id":"a","text":"x","date":"2024-02-29"}"#) else {
            return XCTFail()
        }
        XCTAssertEqual(good.inputWarnings, [])
        // A date that is no string (a number, an object) was dropped without a word; null stays silent.
        for value in ["20240101", #"{"y":2024}"#] {
            guard case .inline(_, _, _, let m) = item(#"{"id":"a","text":"x","date":"# + value + "}") else {
                return XCTFail()
            }
            XCTAssertEqual(
                m.inputWarnings,
                [#""date" is not a string (a YYYY-MM-DD date): day names are not resolved against it"#], value)
        }
        guard case .inline(_, _, _, let none) = item(#"{"id":"a","text":"x","date":null}"#) else { return XCTFail() }
        XCTAssertEqual(none.inputWarnings, [])
        // A date with control characters was kept in the NDJSON (escaped) and lost them in the XML
        // attribute, so the two outputs differed (the breaker's report): dropped with a warning.
        for value in [#""2024-01-02\u0001""#, #""2024\uffff""#] {
            guard case .inline(_, _, _, let m) = item(#"{"id":"a","text":"x","date":"# + value + "}") else {
                return XCTFail()
            }
            XCTAssertNil(m.date, value)
            XCTAssertEqual(
                m.inputWarnings,
                [#""date" holds control characters: dropped, day names are not resolved against it"#], value)
        }
    }

    /// `warta run - <&-` gave an empty record and exit 0; the README says a stdin that cannot be read fails.
    func testAClosedStandardInputIsAFailedInput() throws {
        let bin = try XCTUnwrap(EndToEndTests.binary).path
        let result = try runProcess(
            URL(fileURLWithPath: "/bin/bash"),
            ["-c", "'\(bin)' run - --out - --pipeline '\(Repo.defaultPipeline.path)' <&-"])
        XCTAssertEqual(result.status, 1, result.stderrText)
        XCTAssertEqual(result.stdout.count, 0)
        XCTAssertTrue(
            result.stderrText.contains("<stdin>: standard input was closed when warta started"), result.stderrText)
    }
}

extension StdinRecordTests {
    /// A stop for a signal while half a line waits for its end drops that half; the line reader then
    /// looked for the line's end past the end of its emptied buffer and trapped (found by
    /// `OperationsTests.testSIGTERMStopsARunWaitingOnALiveStdin`, which hits it only now and then).
    func testAStopWhileHalfALineWaitsEndsTheInputQuietly() throws {
        let pipe = Pipe()
        let cancellation = CancellationFlag()
        let source = StdinInputSource(pipe.fileHandleForReading, cancellation: cancellation)
        pipe.fileHandleForWriting.write(Data("{\"id\":\"a\",\"text\":\"Satu.\"}\n{\"id\":\"b\",\"te".utf8))
        guard case .inline(let id, _, _, _) = try XCTUnwrap(source.next()) else { return XCTFail("not a record") }
        XCTAssertEqual(id, "a")
        cancellation.set()
        XCTAssertNil(source.next(), "the half line is not an input")
        try pipe.fileHandleForWriting.close()
    }
}
