import Foundation
import XCTest

@testable import Warta

/// `WartaInfo.buildIdentity` reads the linker's GNU build ID from the running program's own notes
/// (CWartaIO's `cwarta_build_id`, unsafe ELF walking in C), checked here against binutils' `readelf`.
final class BuildIdentityTests: XCTestCase {
    /// The build ID `readelf -n` prints for `file`; nil when it prints none.
    static func readelfBuildID(_ file: String, readelf: URL) throws -> String? {
        let result = try runProcess(readelf, ["-n", file])
        XCTAssertEqual(result.status, 0, result.stderrText)
        let text = String(decoding: result.stdout, as: UTF8.self)
        guard let line = text.split(separator: "\n").first(where: { $0.contains("Build ID:") }) else { return nil }
        return line.split(separator: ":").last.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    func testTheRunningProgramsBuildIDIsTheOneReadelfReads() throws {
        guard let readelf = which("readelf") else { throw XCTSkip("readelf is not on the PATH") }
        let expected = try XCTUnwrap(
            try Self.readelfBuildID(
                URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path, readelf: readelf),
            "the test binary has no GNU build ID")
        let id = try XCTUnwrap(WartaInfo.runningBuildID())
        XCTAssertEqual(Hashing.hex(id), expected)
        XCTAssertEqual(id.count, expected.count / 2)
        XCTAssertEqual(WartaInfo.buildIdentity, "build-id:" + expected)
    }

    /// The fallback for an executable without a build ID: the SHA-256 of the whole file, read in
    /// 1 MiB blocks (a file of 2.5 blocks checks the block loop), as `Hashing` computes it at once.
    func testTheFallbackIsTheFilesSHA256() throws {
        let dir = try temporaryDirectory(self)
        let file = dir.appendingPathComponent("exe")
        var generator = SeededGenerator(state: 22)
        let bytes = (0..<(5 << 19)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        try Data(bytes).write(to: file)
        XCTAssertEqual(WartaInfo.fileSHA256Identity(file.path), "sha256:" + Hashing.sha256Hex(bytes))
        try Data().write(to: file)
        XCTAssertEqual(WartaInfo.fileSHA256Identity(file.path), "sha256:" + Hashing.sha256Hex([UInt8]()))
        XCTAssertNil(WartaInfo.fileSHA256Identity(dir.appendingPathComponent("missing").path))
    }
}
