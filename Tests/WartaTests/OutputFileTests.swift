import CWartaIO
import Crypto
import XCTest

@testable import Warta

/// An output file appears under its name only when complete; an aborted one leaves the previous file.
final class OutputFileTests: XCTestCase {

    func testTheFileAppearsOnlyOnCommit() throws {
        let url = try temporaryDirectory(self).appendingPathComponent("documents.ndjson")
        let file = try OutputFile(path: url.path)
        try file.write(Array("{\"id\":\"a\"}\n".utf8))
        try file.flush()
        XCTAssertFalse(FileManager.default.fileExists(atPath: url.path))
        try file.commit()
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), "{\"id\":\"a\"}\n")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path)
        XCTAssertEqual(leftovers, ["documents.ndjson"], "no temporary left behind")
    }

    func testDiscardKeepsThePreviousFile() throws {
        let url = try temporaryDirectory(self).appendingPathComponent("documents.xml")
        try "previous".write(to: url, atomically: true, encoding: .utf8)
        let file = try OutputFile(path: url.path)
        try file.write(Array("half written".utf8))
        try file.flush()
        file.discard()
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), "previous")
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path), ["documents.xml"]
        )
    }

    /// Pieces of every size around the block (4096) and buffer (1 MiB) boundaries, some larger than the
    /// buffer: the file holds exactly the bytes written, in order, and its SHA-256 is theirs, whether it
    /// was written direct (whole blocks, then the partial last one through the page cache) or not.
    func testDirectAndBufferedFilesHoldExactlyTheBytesWritten() throws {
        let sizes = [0, 1, 4095, 4096, 4097, 3, (1 << 20) - 2, 5, 1 << 20, (1 << 20) + 4097, 511, 513, 2_500_000, 7]
        var generator = SeededGenerator(state: 42)
        let pieces = sizes.map { n in (0..<n).map { _ in UInt8(truncatingIfNeeded: generator.next()) } }
        let expected = pieces.flatMap { $0 }
        let dir = try temporaryDirectory(self)
        for direct in [true, false] {
            let url = dir.appendingPathComponent(direct ? "direct.bin" : "buffered.bin")
            let file = try OutputFile(path: url.path, direct: direct)
            let openedDirect = file.isDirect
            for piece in pieces { try file.write(piece) }
            XCTAssertEqual(file.bytesWritten, expected.count)
            XCTAssertEqual(file.isDirect, openedDirect, "whole blocks only: no direct write was refused")
            try file.commit()
            let written = try [UInt8](Data(contentsOf: url))
            XCTAssertEqual(written.count, expected.count, "direct: \(direct)")
            XCTAssertTrue(written == expected, "direct: \(direct): the bytes differ")
            XCTAssertEqual(file.sha256Hex, SHA256.hash(data: expected).map { String(format: "%02x", $0) }.joined())
        }
    }

    /// A direct write the filesystem refuses (EINVAL: here a length that is not a whole number of
    /// blocks) is written again through the page cache, and so is the rest of the file.
    func testARefusedDirectWriteFallsBackToThePageCache() throws {
        let dir = try temporaryDirectory(self)
        try XCTSkipUnless(
            Self.refusesUnalignedDirectWrites(dir),
            "this filesystem takes unaligned direct writes itself (btrfs, ext4 with data=journal) or is not direct")
        let url = dir.appendingPathComponent("documents.ndjson")
        let file = try OutputFile(path: url.path, direct: true, alignment: 1)
        XCTAssertTrue(file.isDirect)
        let first = [UInt8](repeating: 0x61, count: (1 << 20) + 3)
        try file.write(first)
        XCTAssertFalse(file.isDirect, "a direct write of 1 MiB + 3 bytes is refused, and the file falls back")
        try file.write(Array("tail\n".utf8))
        try file.commit()
        XCTAssertTrue(try [UInt8](Data(contentsOf: url)) == first + Array("tail\n".utf8))
    }

    /// Whether a direct write of 3 bytes (from aligned memory) fails with EINVAL in `dir`, as on ext4.
    static func refusesUnalignedDirectWrites(_ dir: URL) -> Bool {
        let flag = cwarta_o_direct_for(dir.path)
        guard flag != 0 else { return false }
        let path = dir.appendingPathComponent("probe").path
        let fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | flag, 0o644)
        guard fd >= 0 else { return false }
        defer { close(fd); unlink(path) }
        let memory = UnsafeMutableRawPointer.allocate(byteCount: 4096, alignment: 4096)
        defer { memory.deallocate() }
        memset(memory, 0x61, 4096)
        return write(fd, memory, 3) < 0 && errno == EINVAL
    }

    /// A file is opened direct exactly where `cwarta_o_direct_for` says the filesystem is a local disk
    /// one, never when asked not to, never for stdout; tmpfs is not one.
    func testFilesAreDirectOnLocalDiskFilesystemsOnly() throws {
        let dir = try temporaryDirectory(self)
        let mounts = (try? String(contentsOfFile: "/proc/mounts", encoding: .utf8)) ?? ""
        // The filesystem of `dir` from /proc/mounts (the longest mount point above it), independently
        // of the statfs check under test.
        let fields = mounts.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }.filter {
            $0.count > 2
        }
        let path = dir.resolvingSymlinksInPath().path
        let mount = fields.filter { path == $0[1] || path.hasPrefix($0[1] == "/" ? "/" : $0[1] + "/") }
            .max { $0[1].count < $1[1].count }
        let local = ["ext4", "xfs", "btrfs", "f2fs"].contains(mount?[2] ?? "")
        XCTAssertEqual(
            cwarta_o_direct_for(dir.path) != 0, local, "filesystem \(mount?[2] ?? "?") at \(mount?[1] ?? "?")")
        XCTAssertEqual(try OutputFile(path: dir.appendingPathComponent("a").path).isDirect, local)
        XCTAssertFalse(try OutputFile(path: dir.appendingPathComponent("b").path, direct: false).isDirect)
        XCTAssertFalse(OutputFile(standardOutput: ()).isDirect)
        if fields.contains(where: { $0[1] == "/dev/shm" && $0[2] == "tmpfs" }) {
            XCTAssertEqual(cwarta_o_direct_for("/dev/shm"), 0, "tmpfs: the page cache is the storage")
        }
        XCTAssertEqual(cwarta_o_direct_for(dir.appendingPathComponent("missing").path), 0)
    }

    /// `WARTA_DIRECT_IO=0` in the environment switches O_DIRECT off for files opened without saying.
    func testDirectIOCanBeSwitchedOffFromTheEnvironment() throws {
        let dir = try temporaryDirectory(self)
        try XCTSkipIf(cwarta_o_direct_for(dir.path) == 0, "not a local disk filesystem: never direct")
        XCTAssertTrue(try OutputFile(path: dir.appendingPathComponent("a").path).isDirect)
        setenv("WARTA_DIRECT_IO", "0", 1)
        defer { unsetenv("WARTA_DIRECT_IO") }
        XCTAssertFalse(try OutputFile(path: dir.appendingPathComponent("b").path).isDirect)
        setenv("WARTA_DIRECT_IO", "1", 1)
        XCTAssertTrue(try OutputFile(path: dir.appendingPathComponent("c").path).isDirect)
    }

    func testAnEmptyDirectFileIsEmpty() throws {
        let url = try temporaryDirectory(self).appendingPathComponent("empty.xml")
        let file = try OutputFile(path: url.path)
        try file.commit()
        XCTAssertEqual(try Data(contentsOf: url).count, 0)
    }

    /// `FileBytes.read` gives exactly a file's bytes at every size around its read buffers (the size
    /// fstat reports is read in place, the end is found with a separate small read).
    func testFileBytesReadsExactlyTheFile() throws {
        let dir = try temporaryDirectory(self)
        var generator = SeededGenerator(state: 7)
        for size in [0, 1, 4095, 4096, 4097, 8192, 100_003] {
            let bytes = (0..<size).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            let url = dir.appendingPathComponent("f\(size)")
            try Data(bytes).write(to: url)
            XCTAssertTrue(try FileBytes.read(url.path) == bytes, "size \(size)")
        }
        XCTAssertThrowsError(try FileBytes.read(dir.path)) {
            XCTAssertEqual("\($0)", "\(dir.path): not a regular file")
        }
    }
}
