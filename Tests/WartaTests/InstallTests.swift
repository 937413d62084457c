import Foundation
import XCTest

@testable import Warta

/// An installed warta (`make install PREFIX=...`) runs from any folder, as cron starts it.
final class InstallTests: XCTestCase {
    /// The layout `make install` makes: PREFIX/bin/warta and PREFIX/share/warta/pipelines.
    func installed() throws -> URL {
        let prefix = try temporaryDirectory(self).appendingPathComponent("prefix")
        let fm = FileManager.default
        try fm.createDirectory(at: prefix.appendingPathComponent("bin"), withIntermediateDirectories: true)
        try fm.createDirectory(at: prefix.appendingPathComponent("share/warta"), withIntermediateDirectories: true)
        try fm.copyItem(at: try XCTUnwrap(EndToEndTests.binary), to: prefix.appendingPathComponent("bin/warta"))
        try fm.copyItem(at: Repo.pipelines, to: prefix.appendingPathComponent("share/warta/pipelines"))
        return prefix
    }

    /// The default pipeline was `pipelines/default.yaml` relative to the current folder: warta ran only
    /// from the repository root.
    func testAnInstalledWartaFindsItsPipelineFromAnyFolder() throws {
        let prefix = try installed()
        let elsewhere = try temporaryDirectory(self)
        // The seeds under the same relative name, so that the records' `source` is the committed one's.
        try FileManager.default.copyItem(at: Repo.seedsDirectory, to: elsewhere.appendingPathComponent("seeds"))
        let result = try runProcess(
            prefix.appendingPathComponent("bin/warta"), ["run", "seeds", "--out", "out", "--quiet"],
            in: elsewhere)
        XCTAssertEqual(result.status, 0, result.stderrText)
        let report = try jsonObject(try Data(contentsOf: elsewhere.appendingPathComponent("out/run.json")))
        XCTAssertEqual(
            report["pipeline_file"] as? String, prefix.appendingPathComponent("share/warta/pipelines/default.yaml").path
        )
        XCTAssertEqual(
            try Data(contentsOf: elsewhere.appendingPathComponent("out/documents.ndjson")),
            try Data(contentsOf: Repo.root.appendingPathComponent("output/documents.ndjson")))
    }

    /// `WARTA_PIPELINE` names the pipeline when `--pipeline` does not.
    func testWartaPipelineNamesTheDefaultPipeline() throws {
        let missing = "/nonexistent/warta/p.yaml"
        XCTAssertEqual(
            PipelineLocation.resolve(explicit: nil, environment: ["WARTA_PIPELINE": missing], executable: nil), missing)
        XCTAssertEqual(
            PipelineLocation.resolve(explicit: "x.yaml", environment: ["WARTA_PIPELINE": missing], executable: nil),
            "x.yaml")
        XCTAssertEqual(
            PipelineLocation.resolve(explicit: nil, environment: [:], executable: "/nonexistent/bin/warta"),
            "pipelines/default.yaml")
        let bin = try XCTUnwrap(EndToEndTests.binary).path
        let result = try runProcess(
            URL(fileURLWithPath: "/bin/bash"),
            ["-c", "WARTA_PIPELINE=\(missing) '\(bin)' run seeds --out - --quiet"])
        XCTAssertEqual(result.status, 2, result.stderrText)
        XCTAssertTrue(result.stderrText.contains("\(missing): cannot read the pipeline file"), result.stderrText)
    }

    /// On a terminal the progress bar shows the number of inputs and the time left.
    func testTheProgressBarShowsTheTotal() throws {
        let bin = try XCTUnwrap(EndToEndTests.binary).path
        let dir = try temporaryDirectory(self)
        // script(1) gives warta a terminal; its stderr is then in the typescript.
        let result = try runProcess(
            URL(fileURLWithPath: "/usr/bin/script"),
            ["-qec", "'\(bin)' run '\(Repo.seedsDirectory.path)' --out '\(dir.path)/out' --jobs 1", "/dev/null"])
        XCTAssertEqual(result.status, 0, result.stderrText)
        let text = String(decoding: result.stdout, as: UTF8.self)
        XCTAssertTrue(text.contains("/5 documents"), text)
        XCTAssertTrue(text.contains(" s left"), text)
    }
}
