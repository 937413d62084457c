import Foundation
import XCTest

@testable import Warta

/// `--out /` (as root) wrote the run's files into `/`: the root folder, the home folder and a folder that
/// is or holds an input folder are refused as usage errors (exit 64) naming the path and what was expected.
final class OutputFolderChoiceTests: XCTestCase {
    func warta(_ arguments: [String], environment: [String: String] = [:]) throws -> ProcessResult {
        try runProcess(
            try XCTUnwrap(EndToEndTests.binary, "warta is not built"), arguments, environment: environment)
    }

    /// A folder `in` with one article, inside a fresh temporary folder.
    func inputFolder() throws -> URL {
        let dir = try temporaryDirectory(self).appendingPathComponent("data/in")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Data("Bupati Mimika membuka kegiatan di Timika.\n".utf8).write(to: dir.appendingPathComponent("a.txt"))
        return dir
    }

    func testRootHomeAndFoldersHoldingAnInputAreRefused() throws {
        let input = try inputFolder()
        let data = input.deletingLastPathComponent().path
        let link = data + "/link-to-data"
        XCTAssertEqual(symlink(data, link), 0)
        let home = data + "/home"
        let cases: [(out: String, expected: String)] = [
            ("/", "root folder"), ("/tmp/..", "root folder"), ("/../../", "root folder"),
            (home, "home folder"), (home + "/./", "home folder"), (home + "/missing/..", "home folder"),
            (input.path, "is the input folder"), (input.path + "/", "is the input folder"),
            (data, "holds the input folder"), (link, "holds the input folder"),
            (link + "/in", "is the input folder"), (data + "/new/../", "holds the input folder")
        ]
        for (out, expected) in cases {
            let problem = OutputFolderChoice.problem(out: out, inputs: [input.path], homes: [home])
            XCTAssertTrue(problem?.contains(expected) == true, "\(out): \(problem ?? "accepted")")
            XCTAssertTrue(problem?.hasPrefix("--out \(out)") == true, "the path is named: \(problem ?? "")")
        }
    }

    func testOwnFoldersFilesAndMissingInputsAreAccepted() throws {
        let input = try inputFolder()
        let data = input.deletingLastPathComponent().path
        let accepted: [(out: String, inputs: [String])] = [
            (data + "/out", [input.path]), // beside the input
            (input.path + "/warta", [input.path]), // inside the input: its files are not *.txt
            (data + "/home/warta", [input.path]), // under the home folder
            (data, [input.path + "/a.txt"]), // a file input is not a folder
            (data, [data + "/missing"]), // the run reports the missing input
            (data + "/in-other", [input.path]) // a name that only begins like the input's
        ]
        for (out, inputs) in accepted {
            XCTAssertNil(OutputFolderChoice.problem(out: out, inputs: inputs, homes: [data + "/home"]), out)
        }
    }

    func testRelativePathsAreReadFromTheCurrentFolder() throws {
        let input = try inputFolder()
        let data = input.deletingLastPathComponent().path
        XCTAssertNotNil(OutputFolderChoice.problem(out: ".", inputs: ["in"], homes: [], directory: data))
        XCTAssertNotNil(OutputFolderChoice.problem(out: "in/../in", inputs: ["in"], homes: [], directory: data))
        XCTAssertNil(OutputFolderChoice.problem(out: "output", inputs: ["in"], homes: [], directory: data))
    }

    /// The command line: exit 64, the path on stderr, nothing written. `--out /` runs with a pipeline
    /// that does not exist, so that a regression fails at the pipeline (exit 2) instead of writing into `/`.
    func testTheCommandRefusesWithExit64AndWritesNothing() throws {
        let input = try inputFolder()
        let data = input.deletingLastPathComponent()
        let root = try warta(["run", input.path, "--out", "/", "--pipeline", data.path + "/none.yaml", "--quiet"])
        XCTAssertEqual(root.status, 64, root.stderrText)
        XCTAssertTrue(root.stderrText.contains("--out /: the root folder"), root.stderrText)
        XCTAssertFalse(FileManager.default.fileExists(atPath: "/documents.ndjson"))
        let home = data.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let atHome = try warta(["run", input.path, "--out", home.path, "--quiet"], environment: ["HOME": home.path])
        XCTAssertEqual(atHome.status, 64, atHome.stderrText)
        XCTAssertTrue(atHome.stderrText.contains("home folder"), atHome.stderrText)
        let parent = try warta(["run", input.path, "--out", data.path, "--incremental", "--quiet"])
        XCTAssertEqual(parent.status, 64, parent.stderrText)
        XCTAssertTrue(parent.stderrText.contains("holds the input folder \(input.path)"), parent.stderrText)
        for dir in [home, data] {
            XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("documents.ndjson").path))
        }
        // The message names the input as given, escaped: a folder name's newline or escape code stays in one line.
        let odd = data.appendingPathComponent("in\n\u{1B}[2K")
        try FileManager.default.createDirectory(at: odd, withIntermediateDirectories: true)
        let escaped = try warta(["run", odd.path, "--out", data.path, "--quiet"])
        XCTAssertEqual(escaped.status, 64, escaped.stderrText)
        XCTAssertFalse(escaped.stderr.contains(0x1B), escaped.stderrText)
        XCTAssertTrue(
            escaped.stderrText.contains("holds the input folder \(data.path)/in\\n\\u{1B}[2K"), escaped.stderrText)
        let own = try warta(["run", input.path, "--out", data.appendingPathComponent("out").path, "--quiet"])
        XCTAssertEqual(own.status, 0, own.stderrText)
    }
}
