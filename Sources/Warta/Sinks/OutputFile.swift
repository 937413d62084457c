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

    /// Flushes, syncs and renames the temporary into place.
    public func commit() throws {
        try flush()
        guard let path, let temporaryPath, !committed else { return }
        if fsync(descriptor) != 0 { throw OutputError(path: path, reason: String(cString: strerror(errno))) }
        close(descriptor)
        descriptor = -1
        if rename(temporaryPath, path) != 0 { throw OutputError(path: path, reason: String(cString: strerror(errno))) }
        committed = true
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
