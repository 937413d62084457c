import CWartaIO
import Crypto
import Foundation

/// The pipe on the other end was closed (`warta run --out - | head -1`): stop quietly.
public struct BrokenPipe: Error {}

/// An output that bytes are written to: a file that appears under its name only when complete, or stdout.
///
/// A file is written as a hidden temporary next to its final path, flushed to disk and renamed into
/// place by `commit()`, so a reader (or a run killed at any moment) sees either the previous complete
/// file or the new complete one, never a half-written one.
///
/// A file on a local disk filesystem (ext4, XFS, btrfs, F2FS) is opened with O_DIRECT and written in
/// whole blocks from an aligned buffer; the last partial block goes through the page cache. A run
/// writes its outputs once and does not read them back, and copying them into the page cache was the
/// largest cost of the ordered hand-off: on the benchmark's virtual machine, 1.3 to 1.9 s of kernel time
/// for 750 MB when the cache needs fresh pages, against 0.07 s written direct (BENCHMARKS.md, "Round
/// 10"). Where O_DIRECT is refused (at open, or by a write: EINVAL), the file is written through the
/// page cache as before.
public final class OutputFile {
    public let path: String?
    private let temporaryPath: String?
    private var descriptor: Int32
    /// Bytes not yet written, `count` of them: aligned memory, so that O_DIRECT can write from it.
    private var buffer: UnsafeMutableRawPointer
    private var capacity: Int
    private var count = 0
    private let bufferLimit: Int
    /// Offsets, lengths and addresses of O_DIRECT writes are multiples of this (4096 covers the logical
    /// block size of the disks and filesystems in use; a larger one makes the write fail, and the file
    /// falls back to the page cache). Only tests set another.
    private let alignment: Int
    /// Whether writes still go direct: false for stdout, on other filesystems, and after a fallback.
    public var isDirect: Bool { directFlag != 0 }
    private var committed = false
    private var hasher = SHA256()
    /// Bytes written so far (buffered ones included): the offset of the next byte.
    public private(set) var bytesWritten = 0
    /// O_DIRECT while the file is open with it, else 0.
    private var directFlag: Int32 = 0
    private static let bufferAlignment = 4096
    /// Standard output that was closed when the process started: every write fails.
    private var wasClosed = false

    /// A file at `path`, written through a temporary; `direct`: try O_DIRECT (see the type's comment).
    /// By default O_DIRECT is tried unless the environment sets `WARTA_DIRECT_IO=0`: for a reader that
    /// reads the outputs right after the run and wants them in the page cache, and to compare the two
    /// ways (`bench/perf/slow_disk.sh`).
    public convenience init(path: String, direct: Bool = OutputFile.directByDefault) throws {
        try self.init(path: path, direct: direct, alignment: 4096)
    }

    public static var directByDefault: Bool { ProcessInfo.processInfo.environment["WARTA_DIRECT_IO"] != "0" }

    init(path: String, direct: Bool, alignment: Int) throws {
        precondition(alignment > 0 && Self.bufferAlignment % alignment == 0, "alignment divides the buffer's")
        self.path = path
        let url = URL(fileURLWithPath: path)
        let tmp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
            .path
        temporaryPath = tmp
        var fd: Int32 = -1
        let directFlag = direct ? cwarta_o_direct_for(url.deletingLastPathComponent().path) : 0
        if directFlag != 0 { fd = Self.createExclusive(tmp, extraFlags: directFlag) }
        if fd >= 0 { self.directFlag = directFlag } else { fd = Self.createExclusive(tmp, extraFlags: 0) }
        let openError = errno // before anything else can overwrite it
        descriptor = fd
        self.alignment = alignment
        bufferLimit = 1 << 20
        capacity = bufferLimit + Self.bufferAlignment
        buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: Self.bufferAlignment)
        if descriptor < 0 {
            throw OutputError(path: path, reason: String(cString: strerror(openError)))
        }
    }

    /// Creates `path` as a new file (O_EXCL, O_NOFOLLOW): whatever stands there already (a symlink or
    /// a hard link planted in a shared output folder, an earlier temporary of a reused PID) is unlinked,
    /// never opened, so the run writes no file but its own. -1 with errno set when it cannot.
    static func createExclusive(_ path: String, extraFlags: Int32) -> Int32 {
        let flags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC | extraFlags
        let fd = open(path, flags, 0o644)
        guard fd < 0, errno == EEXIST else { return fd }
        // unlink(2) removes a link itself, not what it points at.
        guard unlink(path) == 0 else { return -1 }
        return open(path, flags, 0o644)
    }

    /// Standard output, written a line at a time so a consumer sees each document as it finishes.
    /// `wasClosed`: stdout was closed when the process started (`StandardDescriptors`): every write fails.
    public init(standardOutput: Void = (), wasClosed: Bool = false) {
        path = nil
        temporaryPath = nil
        descriptor = STDOUT_FILENO
        bufferLimit = 0
        alignment = 1
        capacity = 1 << 16
        buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: Self.bufferAlignment)
        self.wasClosed = wasClosed
    }

    public func write(_ bytes: [UInt8]) throws {
        if wasClosed {
            throw OutputError(path: "<stdout>", reason: "standard output was closed when warta started")
        }
        bytesWritten += bytes.count
        if temporaryPath != nil { hasher.update(data: bytes) }
        if count + bytes.count > capacity { grow(to: count + bytes.count) }
        bytes.withUnsafeBytes { source in
            if let base = source.baseAddress { (buffer + count).copyMemory(from: base, byteCount: source.count) }
        }
        count += bytes.count
        if count > bufferLimit {
            // Direct: whole blocks only; the rest (under one block) waits at the front of the buffer.
            let ready = isDirect ? count - count % alignment : count
            try writeOut(ready)
        }
    }

    /// Writes everything buffered. On a direct file this ends direct writing (a partial last block can
    /// only go through the page cache), so only `commit()` calls it there.
    public func flush() throws {
        let whole = count - count % alignment
        if isDirect && whole > 0 { try writeOut(whole) }
        if isDirect && count > 0 { endDirect() }
        try writeOut(count)
    }

    /// Writes the first `length` buffered bytes and moves the rest to the front.
    private func writeOut(_ length: Int) throws {
        var offset = 0
        while offset < length {
            let n = Foundation.write(descriptor, buffer + offset, length - offset)
            if n < 0 {
                let error = errno
                if error == EINTR { continue }
                // O_DIRECT refused by this write (an alignment the filesystem does not take, or an offset
                // left unaligned by a short write): the same bytes again, through the page cache.
                if error == EINVAL && isDirect { endDirect(); continue }
                count = 0
                if error == EPIPE { throw BrokenPipe() }
                throw OutputError(path: path ?? "<stdout>", reason: String(cString: strerror(error)))
            }
            offset += n
        }
        if length < count { memmove(buffer, buffer + length, count - length) }
        count -= length
    }

    private func endDirect() {
        let flags = fcntl(descriptor, F_GETFL)
        if flags >= 0 { _ = fcntl(descriptor, F_SETFL, flags & ~directFlag) }
        directFlag = 0
    }

    private func grow(to needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        let grown = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: Self.bufferAlignment)
        grown.copyMemory(from: buffer, byteCount: count)
        buffer.deallocate()
        buffer = grown
        capacity = newCapacity
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

    /// Throws when rename(2) could not put the temporary in place: a folder (or anything that is not a
    /// regular file or a symlink) stands at the path. Asked of every file of a run before the first
    /// rename, so that none is renamed when one cannot be.
    public func checkReplaceable() throws {
        guard let path, !committed else { return }
        var info = stat()
        guard lstat(path, &info) == 0 else { return } // nothing there yet
        let type = info.st_mode & S_IFMT
        if type != S_IFREG && type != S_IFLNK {
            throw OutputError(
                path: path,
                reason: type == S_IFDIR ? "a folder is in the way" : "something that is not a file is in the way")
        }
    }

    /// Renames the synced temporary into place.
    public func renameIntoPlace() throws {
        guard let path, let temporaryPath, synced, !committed else { return }
        if rename(temporaryPath, path) != 0 { throw OutputError(path: path, reason: String(cString: strerror(errno))) }
        committed = true
    }

    /// SHA-256 of everything written (files only; read after the last write).
    public var sha256Hex: String { Hashing.hex(hasher.finalize()) }

    /// Removes the temporaries (`.NAME.tmp-PID`) that runs killed before their rename left in `directory`,
    /// for the NAMEs of `names` only (the files warta writes there) and a PID of digits: a user's
    /// `.notes.tmp-3` or `.backup.tmp-2024` has a name warta never gives, and stays.
    /// Called with the folder's lock held: no other run can be writing there, so every temporary that is
    /// not this process's own is stale, whether or not its PID is alive (PIDs are reused, in containers
    /// often). Returns the names removed.
    @discardableResult
    public static func removeStaleTemporaries(in directory: String, names: Set<String>) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        var removed: [String] = []
        for entry in entries.sorted() where entry.hasPrefix(".") {
            guard let range = entry.range(of: ".tmp-", options: .backwards) else { continue }
            let name = entry[entry.index(after: entry.startIndex)..<range.lowerBound]
            let pid = entry[range.upperBound...]
            guard names.contains(String(name)), !pid.isEmpty, pid.count <= 10,
                pid.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }), pid != "\(getpid())"
            else { continue }
            let path = (directory as NSString).appendingPathComponent(entry)
            // Only a regular file: a folder or anything else of that name is not one warta left.
            var info = stat()
            guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG || (info.st_mode & S_IFMT) == S_IFLNK
            else { continue }
            if unlink(path) == 0 { removed.append(entry) }
        }
        return removed
    }

    /// Drops an uncommitted temporary (after an error); the previous output stays.
    public func discard() {
        guard let temporaryPath, !committed else { return }
        if descriptor >= 0 { close(descriptor); descriptor = -1 }
        unlink(temporaryPath)
    }

    deinit {
        discard()
        buffer.deallocate()
    }
}

public struct OutputError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "cannot write \(path): \(reason)" }
}
