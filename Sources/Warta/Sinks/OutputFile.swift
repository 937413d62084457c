import Crypto
import Foundation

/// The pipe on the other end was closed (`warta run --out - | head -1`): stop quietly.
public struct BrokenPipe: Error {}

/// An output that bytes are written to: a file that appears under its name only when complete, or stdout.
///
/// A file is written as a hidden temporary next to its final path, flushed to disk and renamed into
/// place by `commit()`, so a reader (or a run killed at any moment) sees either the previous complete
/// file or the new complete one, never a half-written one.
public final class OutputFile {
    public let path: String?
    private let temporaryPath: String?
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private let bufferLimit: Int
    private var committed = false
    private var hasher = SHA256()
    /// Bytes written so far (buffered ones included): the offset of the next byte.
    public private(set) var bytesWritten = 0

    /// A file at `path`, written through a temporary.
    public init(path: String) throws {
        self.path = path
        let url = URL(fileURLWithPath: path)
        let tmp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())").path
        temporaryPath = tmp
        descriptor = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        bufferLimit = 1 << 20
        if descriptor < 0 {
            throw OutputError(path: path, reason: String(cString: strerror(errno)))
        }
    }

    /// Standard output, written a line at a time so a consumer sees each document as it finishes.
    public init(standardOutput: Void = ()) {
        path = nil
        temporaryPath = nil
        descriptor = STDOUT_FILENO
        bufferLimit = 0
    }

    public func write(_ bytes: [UInt8]) throws {
        bytesWritten += bytes.count
        if temporaryPath != nil { hasher.update(data: bytes) }
        buffer.append(contentsOf: bytes)
        if buffer.count > bufferLimit { try flush() }
    }

    public func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE { buffer.removeAll(); throw BrokenPipe() }
                let reason = String(cString: strerror(errno))
                buffer.removeAll()
                throw OutputError(path: path ?? "<stdout>", reason: reason)
            }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// When set, `commit()` only flushes and syncs, and `renameIntoPlace()` renames: a run syncs all its
    /// outputs first and then renames them back to back.
    public var holdRename = false
    private var synced = false

    /// Flushes, syncs and renames the temporary into place (with `holdRename`, only flushes and syncs).
    public func commit() throws {
        try flush()
        guard let path, !committed else { return }
        if !synced {
            if fsync(descriptor) != 0 { throw OutputError(path: path, reason: String(cString: strerror(errno))) }
            close(descriptor)
            descriptor = -1
            synced = true
        }
        if !holdRename { try renameIntoPlace() }
    }

    /// Renames the synced temporary into place.
    public func renameIntoPlace() throws {
        guard let path, let temporaryPath, synced, !committed else { return }
        if rename(temporaryPath, path) != 0 { throw OutputError(path: path, reason: String(cString: strerror(errno))) }
        committed = true
    }

    /// SHA-256 of everything written (files only; read after the last write).
    public var sha256Hex: String { hasher.finalize().map { String(format: "%02x", $0) }.joined() }

    /// Removes the temporaries (`.NAME.tmp-PID`) that runs killed before their rename left in `directory`.
    /// Called with the folder's lock held: no other run can be writing there, so every temporary that is
    /// not this process's own is stale, whether or not its PID is alive (PIDs are reused, in containers
    /// often). Returns the names removed.
    @discardableResult
    public static func removeStaleTemporaries(in directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        var removed: [String] = []
        for name in names.sorted() where name.hasPrefix(".") {
            guard let range = name.range(of: ".tmp-", options: .backwards) else { continue }
            let pid = name[range.upperBound...]
            guard !pid.isEmpty, pid.allSatisfy(\.isASCII), pid.allSatisfy(\.isNumber), pid != "\(getpid())" else { continue }
            if unlink((directory as NSString).appendingPathComponent(name)) == 0 { removed.append(name) }
        }
        return removed
    }

    /// Drops an uncommitted temporary (after an error); the previous output stays.
    public func discard() {
        guard let temporaryPath, !committed else { return }
        if descriptor >= 0 { close(descriptor); descriptor = -1 }
        unlink(temporaryPath)
    }

    deinit { discard() }
}

public struct OutputError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "cannot write \(path): \(reason)" }
}
