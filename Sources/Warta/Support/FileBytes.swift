import Foundation

/// Whole files as bytes, read with open(2) and read(2): inputs, pipeline and rule files, lists,
/// gazetteers, manifests, gold files.
///
/// Not `FileManager.contents(atPath:)`: swift-foundation leaks its 4 KB read buffer on an empty file,
/// which LeakSanitizer reported for an empty gazetteer.
public enum FileBytes {
    /// The reason an input of `size` bytes is refused.
    public static func tooLarge(_ size: Int, limit: Int) -> String {
        "more than --max-document-bytes (\(limit) bytes): \(size) bytes; not read"
    }

    /// The most bytes a file is read whole with when no tighter limit applies (manifests, gold and
    /// prediction files, standard input of `warta dedup`): a quarter of this machine's memory, so that a
    /// damaged or sparse file of a terabyte is refused with its name instead of aborting the allocation.
    public static let wholeFileLimit = Int(clamping: ProcessInfo.processInfo.physicalMemory / 4)
    /// The most bytes of one pipeline, rules, list or gazetteer file (the largest default one is about 1 MB).
    public static let configurationLimit = 256 << 20

    /// The reason a file of `size` bytes is not read whole.
    public static func tooLargeToRead(_ size: Int, limit: Int) -> String {
        "\(size) bytes, more than the \(limit) bytes a file is read whole with; not read"
    }

    /// Why `path` cannot be read (access(2)'s reason: a missing file, a link loop, a denied folder), or nil when
    /// it can: a configuration error names the reason, not only the path.
    public static func unreadable(_ path: String) -> String? {
        access(path, R_OK) == 0 ? nil : String(cString: strerror(errno))
    }

    /// The bytes of a regular file; `InputError` when it cannot be opened or read, is not a regular file, or
    /// holds more than `limit` bytes (`wholeFileLimit` unless told; then nothing is read, and `reason(size,
    /// limit)` says why: a 4 GB sparse input and a 1 TB sparse manifest were read whole before).
    /// `followLinks` false: a symbolic link at `path` is refused (O_NOFOLLOW).
    public static func read(
        _ path: String, limit: Int = wholeFileLimit, followLinks: Bool = true,
        reason: (Int, Int) -> String = tooLargeToRead
    ) throws -> [UInt8] {
        // Any length: an input file deeper than PATH_MAX is read like any other (LongPath). O_NONBLOCK:
        // opening a FIFO for reading otherwise waits for a writer, possibly forever, before fstat can say it
        // is not a regular file; it changes nothing for regular files.
        let fd = LongPath.open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | (followLinks ? 0 : O_NOFOLLOW))
        guard fd >= 0 else {
            let error = errno
            throw InputError(
                path: path,
                reason: error == ELOOP && !followLinks
                    ? "a symbolic link, not followed (--no-follow)" : String(cString: strerror(error)))
        }
        defer { close(fd) }
        return try read(descriptor: fd, path: path, limit: limit, reason: reason)
    }

    /// The bytes of the regular file open as `fd` (`path` names it in errors), from where it is to the end;
    /// more than `limit` bytes are refused before anything is allocated, with `reason(size, limit)`.
    public static func read(
        descriptor fd: Int32, path: String, limit: Int = wholeFileLimit,
        reason: (Int, Int) -> String = tooLargeToRead
    ) throws -> [UInt8] {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw InputError(path: path, reason: String(cString: strerror(errno))) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw InputError(path: path, reason: "not a regular file") }
        guard Int(info.st_size) <= limit else {
            throw InputError(path: path, reason: reason(Int(info.st_size), limit))
        }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var offset = 0
        // The size fstat gave, read into place; then reads into a small separate buffer until the end,
        // for a file that grew meanwhile. (Growing `bytes` itself to look for the end doubled every
        // file's memory at the end of its read: 25 MB of heap to read an 8.5 MB manifest.)
        var more = [UInt8](repeating: 0, count: 4096)
        while true {
            let filling = offset < bytes.count
            let n =
                filling
                ? bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + offset, $0.count - offset) }
                : more.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw InputError(path: path, reason: String(cString: strerror(errno)))
            }
            if n == 0 { break }
            if !filling { bytes.append(contentsOf: more[0..<n]) }
            offset += n
            // A file that grows while it is read is read no further than the limit.
            if offset > limit { throw InputError(path: path, reason: reason(offset, limit)) }
        }
        if offset < bytes.count { bytes.removeSubrange(offset...) } // the file shrank meanwhile
        return bytes
    }

    /// Everything readable from `fd` until its end, whatever it is (a pipe, a terminal, a file): for a
    /// whole standard input. `InputError` when read(2) fails (standard input opened on a directory:
    /// `FileHandle.readDataToEndOfFile` trapped there). A non-blocking descriptor is waited on with poll.
    public static func readToEnd(descriptor fd: Int32, path: String, limit: Int = wholeFileLimit) throws -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN || errno == EWOULDBLOCK {
                    var wait = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                    _ = poll(&wait, 1, -1)
                    continue
                }
                throw InputError(path: path, reason: String(cString: strerror(errno)))
            }
            if n == 0 { return bytes }
            if bytes.count + n > limit {
                throw InputError(path: path, reason: tooLargeToRead(bytes.count + n, limit: limit))
            }
            bytes.append(contentsOf: chunk[0..<n])
        }
    }

    /// Exactly `count` bytes at `offset` of the file open as `fd`, or nil when it ends before them or
    /// cannot be read. For the previous run's files, read by several workers at once.
    public static func read(descriptor fd: Int32, at offset: Int, count: Int) -> [UInt8]? {
        // Offset and count come from a manifest, which may be damaged: a negative count traps in
        // `Array(repeating:count:)` and a huge one aborts the allocation, so both are checked against
        // the file's size before anything is allocated.
        var info = stat()
        guard offset >= 0, count >= 0, fstat(fd, &info) == 0, offset <= Int(info.st_size),
            count <= Int(info.st_size) - offset
        else { return nil }
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = bytes.withUnsafeMutableBytes {
                pread(fd, $0.baseAddress! + done, count - done, off_t(offset + done))
            }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return nil }
            done += n
        }
        return bytes
    }

    /// The bytes of a regular file, or nil when it cannot be read.
    public static func contents(_ path: String) -> [UInt8]? { try? read(path) }

    /// A configuration file's bytes (`what`: "pipeline file", "rules file", ...); a `ConfigError` that
    /// says why it cannot be read. A pipe (`--pipeline <(...)`) is refused like any file that is not
    /// regular: the configuration hash reads every file again, and a pipeline's rule files are found
    /// next to it.
    public static func configuration(_ path: String, what: String) throws -> [UInt8] {
        do {
            return try read(path, limit: configurationLimit)
        } catch let error as InputError {
            throw ConfigError(file: path, "cannot read the \(what): \(error.reason)")
        }
    }

    /// A configuration file as UTF-8 text (see `configuration(_:what:)`).
    public static func configurationText(_ path: String, what: String) throws -> String {
        let bytes = try configuration(path, what: what)
        guard let text = String(bytes: bytes, encoding: .utf8) else {
            let (line, column) = ListFile.firstInvalidUTF8(bytes)
            throw ConfigError(
                file: path, line: line,
                "cannot read the \(what): it is not UTF-8 text (the bytes from column \(column) are no UTF-8 character)"
            )
        }
        return text
    }
}
